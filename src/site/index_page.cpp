// The index (counts by type, the most central entities, conflicts,
// documents) and the listing pages it links to.
#include <algorithm>
#include <cstdio>

#include "html.hpp"
#include "pages.hpp"

namespace diplograph::site {
namespace {

constexpr std::size_t index_preview = 25;  // conflicts and documents shown on the index itself

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void counts_by_type(const SiteModel& model, const Overview& o, std::string& out) {
  out += "<section aria-labelledby=\"types\">\n<h2 id=\"types\">Entities by type</h2>\n<table>\n"
         "<thead><tr><th scope=\"col\">Type</th><th scope=\"col\">Entities</th></tr></thead>\n<tbody>\n";
  for (std::size_t t = 0; t < model.type_names().size(); ++t) {
    const Listing& l = o.type_listings[t];
    out += "<tr><td>" + link("", l.path(1), model.type_names()[t]) + "</td><td>" + std::to_string(l.items) + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n</section>\n";
}

void central_entities(const SiteModel& model, const Overview& o, std::string& out) {
  if (o.central.empty()) return;
  out += "<section aria-labelledby=\"central\">\n<h2 id=\"central\">Most central entities</h2>\n"
         "<p>By PageRank over the relation graph (memberships, relations, treaties, events), as "
         "<code>diplograph rank --measure pagerank</code> computes it.</p>\n<div class=\"wide\"><table>\n"
         "<thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Type</th><th scope=\"col\">PageRank</th>"
         "<th scope=\"col\">Links</th></tr></thead>\n<tbody>\n";
  for (const auto& [e, rank] : o.central) {
    TermId id = model.entities()[e];
    char value[32];
    std::snprintf(value, sizeof value, "%.4f", rank);
    out += "<tr><td>" + link("", page_path(model.iri(id)), model.label(id)) + "</td><td>" + html_escape(model.type_of(e)) +
           "</td><td>" + value + "</td><td>" + std::to_string(o.degree[e]) + "</td></tr>\n";
  }
  out += "</tbody>\n</table></div>\n</section>\n";
}

void conflicts_preview(const SiteModel& model, const Overview& o, std::string& out) {
  const Vocab& v = model.vocab();
  out += "<section aria-labelledby=\"conflicts\">\n<h2 id=\"conflicts\">Conflicts between sources</h2>\n";
  const auto& all = model.conflicts();
  if (all.empty()) {
    out += "<p>The sources do not contradict each other.</p>\n</section>\n";
    return;
  }
  out += "<p>" + plural(all.size(), "fact is", "facts are") + " dated or counted differently by two documents.</p>\n<ul>\n";
  for (std::size_t i = 0; i < all.size() && i < index_preview; ++i)
    out += "<li>" + link("", conflict_target(model, all[i]), conflict_title(model, all[i])) + ": " +
           html_escape(model.value(all[i], v.dg_conflict_reason)) + "</li>\n";
  out += "</ul>\n";
  if (all.size() > index_preview) out += "<p>" + link("", o.conflicts.path(1), "All " + plural(all.size(), "conflict", "conflicts")) + "</p>\n";
  out += "</section>\n";
}

void documents_preview(const SiteModel& model, const Overview& o, std::string& out) {
  const auto& all = model.documents();
  out += "<section aria-labelledby=\"documents\">\n<h2 id=\"documents\">Documents</h2>\n<p>" +
         plural(all.size(), "source document", "source documents") + ".</p>\n<ul>\n";
  for (std::size_t i = 0; i < all.size() && i < index_preview; ++i) {
    std::string file = model.value(all[i], model.vocab().dg_source_file);
    out += "<li>" + link("", page_path(model.iri(all[i])), model.label(all[i]));
    if (!file.empty()) out += " <span class=\"note\">(" + html_escape(file) + ")</span>";
    out += "</li>\n";
  }
  out += "</ul>\n";
  if (all.size() > index_preview) out += "<p>" + link("", o.documents.path(1), "All " + plural(all.size(), "document", "documents")) + "</p>\n";
  out += "</section>\n";
}

}  // namespace

std::string index_page(const SiteModel& model, const Overview& o, const std::string& site_title) {
  Frame frame{site_title, site_title, "", ""};
  frame.subtitle = plural(model.entities().size(), "entity", "entities") + ", " +
                   plural(model.documents().size(), "document", "documents") + ", " +
                   plural(model.statement_count(), "statement", "statements") + " with their evidence, " +
                   plural(model.conflicts().size(), "conflict", "conflicts") + ".";
  std::string out;
  open_page(out, frame);
  out += "<p>Every page here comes from the graph alone. Search for a state, organization, treaty or event "
         "above, or start from the tables below.</p>\n";
  counts_by_type(model, o, out);
  central_entities(model, o, out);
  conflicts_preview(model, o, out);
  documents_preview(model, o, out);
  close_page(out, frame);
  return out;
}

std::string listing_page(const Listing& listing, std::size_t page, std::size_t page_size,
                         const std::vector<ListRow>& rows, const std::string& site_title) {
  std::size_t pages = listing.pages(page_size);
  Frame frame{site_title, listing.title, "../", ""};
  if (pages > 1) frame.page_title += " (page " + std::to_string(page) + " of " + std::to_string(pages) + ")";
  frame.subtitle = plural(listing.items, "item", "items");
  std::string out;
  open_page(out, frame);
  out += "<ul>\n";
  for (const auto& [a, note] : rows) out += "<li>" + a + (note.empty() ? "" : " <span class=\"note\">" + note + "</span>") + "</li>\n";
  out += "</ul>\n";
  if (pages > 1) {
    out += "<nav class=\"pages\" aria-label=\"Pages\">\n<ul>\n";
    if (page > 1) out += "<li><a href=\"" + html_escape(listing.path(page - 1).substr(5)) + "\" rel=\"prev\">Previous page</a></li>\n";
    if (page < pages) out += "<li><a href=\"" + html_escape(listing.path(page + 1).substr(5)) + "\" rel=\"next\">Next page</a></li>\n";
    out += "</ul>\n</nav>\n";
  }
  close_page(out, frame);
  return out;
}

}  // namespace diplograph::site
