#pragma once
// The site's pages as HTML text: one per entity, one per document, the index
// and the listing pages. Each function builds one page; the caller writes it.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "model.hpp"

namespace diplograph::site {

/// What the entity page shows of its drawing.
struct DrawingInfo {
  bool drawn = false;                ///< an SVG sits beside the page
  std::vector<EntityIndex> shown;    ///< the neighbours in it
};

/// At most `max_sources` pieces of evidence per fact are shown (the earliest
/// dated first); the rest are counted (every one is on its document's page).
std::string entity_page(const SiteModel& model, EntityIndex e, const std::string& site_title,
                        const DrawingInfo& drawing, std::size_t max_sources);

std::string document_page(const SiteModel& model, TermId document, const std::string& site_title);

/// A listing (entities of one type, documents or conflicts), split into pages.
struct Listing {
  std::string name;   ///< file stem: "list/<name>-<n>.html"
  std::string title;  ///< "States"
  std::size_t items = 0;
  std::size_t pages(std::size_t page_size) const { return items == 0 ? 1 : (items + page_size - 1) / page_size; }
  std::string path(std::size_t page) const { return "list/" + name + "-" + std::to_string(page) + ".html"; }
};

/// One row of a listing: a link and a note, as HTML.
using ListRow = std::pair<std::string, std::string>;

/// One page (1-based) of a listing; `rows` are that page's rows, already
/// HTML (links relative to "list/").
std::string listing_page(const Listing& listing, std::size_t page, std::size_t page_size,
                         const std::vector<ListRow>& rows, const std::string& site_title);

/// What the index shows besides the model's own counts.
struct Overview {
  std::vector<std::pair<EntityIndex, double>> central;  ///< by PageRank, highest first
  std::vector<std::size_t> degree;                      ///< per entity, in the relation graph
  std::vector<Listing> type_listings;                   ///< in type_names() order
  Listing documents, conflicts;
};

std::string index_page(const SiteModel& model, const Overview& overview, const std::string& site_title);

/// The conflict's anchor on its subject's page ("conflict-<tail>").
std::string conflict_anchor(const SiteModel& model, TermId conflict);
/// Site-relative link target of a conflict: its subject's page and anchor.
std::string conflict_target(const SiteModel& model, TermId conflict);
/// "Lithuania · diplomatic relations with · United States" (plain text).
std::string conflict_title(const SiteModel& model, TermId conflict);

}  // namespace diplograph::site
