#pragma once
/// A static, self-contained web site from a graph alone: an index (counts by
/// type, the most central entities, conflicts, documents, a client-side
/// search over every label and alias), one page per entity (its facts with
/// dates and every source's evidence, conflicts side by side, its
/// neighbourhood drawn by Graphviz, its timeline) and one page per document.
///
/// Pages live at paths derived from the IRIs (`state/<shard>/LTU.html`), so
/// links stay stable from build to build. The site is written into a
/// temporary folder beside the target and renamed into place at the end, so
/// a failed run leaves nothing half-written.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/result.hpp"

namespace diplograph {

struct SiteOptions {
  std::string graph_file;  ///< Turtle, or N-Triples for ".nt"
  std::string output_dir;  ///< the site's folder
  bool force = false;      ///< replace a non-empty output folder
  bool drawings = true;    ///< neighbourhood SVGs with Graphviz `dot` (needs it on PATH)
  std::string title = "diplograph knowledge graph";
  std::size_t list_page_size = 500;  ///< items per listing page (entities by type, documents, conflicts)
  std::size_t max_neighbours = 40;   ///< neighbours drawn around one entity
  std::size_t max_sources = 10;      ///< evidence shown per fact on an entity page (all are on document pages)
};

struct SiteSummary {
  std::size_t triples = 0;
  std::size_t entities = 0;
  std::size_t documents = 0;
  std::size_t statements = 0;
  std::size_t conflicts = 0;
  std::size_t files = 0;  ///< every file written (pages, drawings, search shards, assets)
  std::size_t bytes = 0;  ///< their total size
};

/// Reads the graph and writes the site. Errors (one line each): the graph is
/// missing, malformed (file:line:col) or empty or holds no entity or
/// document; the output folder exists, is not empty and `force` is off; the
/// output cannot be written; Graphviz is missing while drawings are on.
/// Nothing is left at `output_dir` (nor beside it) after an error; an
/// existing folder stays as it was.
Result<SiteSummary> write_site(const SiteOptions& options);

namespace site {

/// The site-relative path of the page of `iri` with extension `ext`
/// ("html", "svg"): for an IRI under https://w3id.org/diplograph/id/ the
/// first path segment is a folder, then a shard folder of two hex digits
/// (a hash of the rest, so no folder holds more than a few hundred pages),
/// then the rest made safe for every file system (letters, digits and '-'
/// kept; any other byte as "_XX"; long names cut and suffixed with a hash). Other IRIs go under "other/". Stable: the same IRI always gets
/// the same path.
std::string page_path(std::string_view iri, std::string_view ext = "html");

/// `text` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string html_escape(std::string_view text);

/// `text` escaped for HTML, with every whole-word occurrence of any of
/// `names` wrapped in <mark> (longest names first, no overlaps; names
/// shorter than two bytes are ignored).
std::string highlight_names(std::string_view text, const std::vector<std::string>& names);

/// The SVG documents of one multi-graph Graphviz run, split apart (each
/// starts at its "<svg" tag; the XML prolog and DOCTYPE are dropped).
std::vector<std::string> split_svg_documents(std::string_view output);

/// The search key of a name: its lowercase ASCII slug ("Åland Islands" ->
/// "aland-islands"), as the page's script computes it from what is typed.
std::string search_key(std::string_view name);

}  // namespace site
}  // namespace diplograph
