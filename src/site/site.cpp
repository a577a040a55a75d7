// write_site: the graph -> a temporary folder beside the target with every
// page, drawing and search shard -> renamed into place.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

#include "assets.hpp"
#include "diplograph/graph.hpp"
#include "diplograph/site.hpp"
#include "drawing.hpp"
#include "html.hpp"
#include "model.hpp"
#include "pages.hpp"
#include "search_index.hpp"

namespace fs = std::filesystem;

namespace diplograph {
namespace {

using site::EntityIndex;
using site::SiteModel;

constexpr std::size_t drawing_batch = 256;  // graphs per run of Graphviz
constexpr std::size_t central_shown = 20;

Error io_error(const std::string& what, const std::string& path, const std::string& why) {
  return make_error(Status::io_error, "cannot " + what + " " + path + (why.empty() ? "" : ": " + why));
}

// Writes the files of one site under `root_` (the temporary folder).
class SiteWriter {
 public:
  SiteWriter(const SiteModel& model, const SiteOptions& options, std::string root)
      : model_(model), options_(options), root_(std::move(root)), search_(root_ + "/search") {}

  Result<SiteSummary> write_all() {
    DG_TRY(write("assets/site.css", site::stylesheet()));
    DG_TRY(write("assets/search.js", site::search_script()));
    DG_TRY(make_folder("search"));
    DG_TRY(entity_pages());
    for (TermId d : model_.documents()) DG_TRY(write(site::page_path(model_.iri(d)), site::document_page(model_, d, options_.title)));
    site::Overview overview = overview_of();
    DG_TRY(listings(overview));
    DG_TRY(write("index.html", site::index_page(model_, overview, options_.title)));
    auto shards = search_.finish();
    if (!shards) return shards.error();
    summary_.files += *shards;
    summary_.triples = model_.graph().size();
    summary_.entities = model_.entities().size();
    summary_.documents = model_.documents().size();
    summary_.statements = model_.statement_count();
    summary_.conflicts = model_.conflicts().size();
    return summary_;
  }

 private:
  Outcome make_folder(const std::string& relative) {
    if (!folders_.insert(relative).second) return {};
    std::error_code ec;
    fs::create_directories(root_ + "/" + relative, ec);
    if (ec) return io_error("create", root_ + "/" + relative, ec.message());
    return {};
  }

  Outcome write(const std::string& relative, std::string_view text) {
    auto slash = relative.rfind('/');
    if (slash != std::string::npos) DG_TRY(make_folder(relative.substr(0, slash)));
    std::string path = root_ + "/" + relative;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return io_error("write", path, std::strerror(errno));
    bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !written) return io_error("write", path, std::strerror(errno));
    ++summary_.files;
    summary_.bytes += text.size();
    return {};
  }

  // Entity pages in batches: the batch's drawings in one Graphviz run, then
  // its pages, drawings and search rows written and forgotten.
  Outcome entity_pages() {
    const std::size_t n = model_.entities().size();
    for (std::size_t first = 0; first < n; first += drawing_batch) {
      std::size_t last = std::min(n, first + drawing_batch);
      std::vector<site::DrawingInfo> drawings(last - first);
      std::string dot;
      std::size_t graphs = 0;
      for (std::size_t e = first; e < last; ++e) {
        auto& d = drawings[e - first];
        d.shown = site::drawn_neighbours(model_, static_cast<EntityIndex>(e), options_.max_neighbours);
        if (!options_.drawings || d.shown.empty()) continue;
        d.drawn = true;
        dot += site::neighbourhood_dot(model_, static_cast<EntityIndex>(e), d.shown);
        ++graphs;
      }
      std::vector<std::string> svgs;
      if (graphs) {
        auto rendered = site::render_svgs(dot, graphs, root_);
        if (!rendered) return rendered.error();
        svgs = std::move(*rendered);
      }
      std::size_t next_svg = 0;
      for (std::size_t e = first; e < last; ++e) {
        const auto& d = drawings[e - first];
        const std::string& iri = model_.iri(model_.entities()[e]);
        if (d.drawn) DG_TRY(write(site::page_path(iri, "svg"), svgs[next_svg++]));
        DG_TRY(entity_page(static_cast<EntityIndex>(e), d));
      }
    }
    return {};
  }

  Outcome entity_page(EntityIndex e, const site::DrawingInfo& drawing) {
    TermId id = model_.entities()[e];
    std::string path = site::page_path(model_.iri(id));
    DG_TRY(write(path, site::entity_page(model_, e, options_.title, drawing, options_.max_sources)));
    return search_.add(model_.label(id), model_.type_of(e), path, model_.names(id));
  }

  // The relation graph in Boost.Graph for graph.hpp's PageRank.
  site::Overview overview_of() const {
    site::Overview o;
    const std::size_t n = model_.entities().size();
    RelationGraph g(n);
    o.degree.resize(n);
    for (std::size_t a = 0; a < n; ++a) {
      o.degree[a] = model_.neighbours(static_cast<EntityIndex>(a)).size();
      for (EntityIndex b : model_.neighbours(static_cast<EntityIndex>(a)))
        if (a < b) boost::add_edge(a, b, g);
    }
    if (boost::num_edges(g) > 0) {
      std::vector<double> rank = pagerank(g);
      for (std::size_t e = 0; e < n; ++e) o.central.push_back({static_cast<EntityIndex>(e), rank[e]});
      std::size_t keep = std::min(central_shown, o.central.size());
      std::partial_sort(o.central.begin(), o.central.begin() + static_cast<std::ptrdiff_t>(keep), o.central.end(),
                        [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
      o.central.resize(keep);
    }
    for (std::size_t t = 0; t < model_.type_names().size(); ++t) {
      site::Listing l;
      l.name = site::search_key(model_.type_names()[t]);
      if (l.name.empty()) l.name = "type-" + std::to_string(t);
      l.title = model_.type_names()[t] + " entities";
      for (std::size_t e = 0; e < n; ++e) l.items += model_.type_number(static_cast<EntityIndex>(e)) == t;
      o.type_listings.push_back(l);
    }
    o.documents = {"all-documents", "Documents", model_.documents().size()};
    o.conflicts = {"all-conflicts", "Conflicts between sources", model_.conflicts().size()};
    return o;
  }

  // Writes a listing's pages from (sort text, row) pairs.
  Outcome listing(const site::Listing& l, std::vector<std::pair<std::string, site::ListRow>> rows) {
    std::sort(rows.begin(), rows.end());
    const std::size_t size = std::max<std::size_t>(1, options_.list_page_size);
    for (std::size_t page = 1; page <= l.pages(size); ++page) {
      std::vector<site::ListRow> part;
      for (std::size_t i = (page - 1) * size; i < rows.size() && i < page * size; ++i) part.push_back(rows[i].second);
      DG_TRY(write(l.path(page), site::listing_page(l, page, size, part, options_.title)));
    }
    return {};
  }

  Outcome listings(const site::Overview& o) {
    const std::size_t n = model_.entities().size();
    for (std::size_t t = 0; t < o.type_listings.size(); ++t) {
      std::vector<std::pair<std::string, site::ListRow>> rows;
      for (std::size_t e = 0; e < n; ++e) {
        if (model_.type_number(static_cast<EntityIndex>(e)) != t) continue;
        TermId id = model_.entities()[e];
        std::string label = model_.label(id);
        rows.push_back({label + '\n' + model_.iri(id), {site::link("../", site::page_path(model_.iri(id)), label), {}}});
      }
      DG_TRY(listing(o.type_listings[t], std::move(rows)));
    }
    std::vector<std::pair<std::string, site::ListRow>> rows;
    for (TermId d : model_.documents()) {
      std::string label = model_.label(d);
      rows.push_back({label + '\n' + model_.iri(d),
                      {site::link("../", site::page_path(model_.iri(d)), label),
                       site::html_escape(model_.value(d, model_.vocab().dg_source_file))}});
    }
    DG_TRY(listing(o.documents, std::move(rows)));
    rows.clear();
    for (TermId c : model_.conflicts())
      rows.push_back({model_.iri(c),
                      {site::link("../", site::conflict_target(model_, c), site::conflict_title(model_, c)),
                       site::html_escape(model_.value(c, model_.vocab().dg_conflict_reason))}});
    return listing(o.conflicts, std::move(rows));
  }

  const SiteModel& model_;
  const SiteOptions& options_;
  std::string root_;
  site::SearchIndexWriter search_;
  std::set<std::string> folders_;
  SiteSummary summary_;
};

// Removes temporary folders that runs killed before their end left beside
// the target (".NAME.site-tmp-PID" whose process is gone).
void remove_stale_temporaries(const fs::path& parent, const std::string& prefix) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    long pid = std::atol(name.c_str() + prefix.size());
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ec);
  }
}

// The target may be absent, an empty folder, or (with force) a non-empty one.
Outcome check_target(const fs::path& target, bool force) {
  std::error_code ec;
  auto status = fs::symlink_status(target, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) return io_error("create", target.string(), ec.message());
  if (!fs::exists(status)) return {};
  if (!fs::is_directory(status))
    return make_error(Status::bad_argument, "exists and is not a folder").in_file(target.string());
  if (!force && !fs::is_empty(target, ec))
    return make_error(Status::bad_argument, "folder is not empty (use --force to replace it)").in_file(target.string());
  return {};
}

Outcome move_into_place(const fs::path& temporary, const fs::path& target, const std::string& old_name) {
  std::error_code ec;
  fs::path old = target.parent_path() / old_name;
  bool had_target = fs::exists(target, ec);
  if (had_target) {
    fs::rename(target, old, ec);
    if (ec) return io_error("replace", target.string(), ec.message());
  }
  fs::rename(temporary, target, ec);
  if (ec) {
    std::error_code ignored;
    if (had_target) fs::rename(old, target, ignored);
    return io_error("rename the site into", target.string(), ec.message());
  }
  if (had_target) fs::remove_all(old, ec);
  return {};
}

}  // namespace

Result<SiteSummary> write_site(const SiteOptions& options) {
  if (options.output_dir.empty()) return make_error(Status::bad_argument, "no output folder given (-o DIR)");
  fs::path target = fs::absolute(fs::path(options.output_dir)).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  DG_TRY(check_target(target, options.force));
  auto model = SiteModel::load_file(options.graph_file);
  if (!model) return model.error();

  fs::path parent = target.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) return io_error("create", parent.string(), ec.message());
  const std::string name = target.filename().string();
  const std::string prefix = std::string(1, '.').append(name).append(".site-tmp-");
  remove_stale_temporaries(parent, prefix);
  fs::path temporary = parent / (prefix + std::to_string(::getpid()));
  fs::remove_all(temporary, ec);
  fs::create_directory(temporary, ec);
  if (ec) return io_error("write into", parent.string(), ec.message());

  Result<SiteSummary> summary = SiteWriter(*model, options, temporary.string()).write_all();
  if (summary) {
    std::string old_name = std::string(1, '.').append(name).append(".site-old-").append(std::to_string(::getpid()));
    Outcome moved = move_into_place(temporary, target, old_name);
    if (!moved) summary = moved.error();
  }
  if (!summary) fs::remove_all(temporary, ec);
  return summary;
}

}  // namespace diplograph
