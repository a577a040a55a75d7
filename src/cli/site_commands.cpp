// `diplograph site GRAPH -o DIR`: a static, self-contained web site of the
// graph (see include/diplograph/site.hpp and the README's "Browsing the graph").
#include <cstdio>
#include <memory>
#include <string>

#include "cli.hpp"
#include "diplograph/site.hpp"

namespace diplograph::cli {

void add_site_commands(CLI::App& app, Commands& commands) {
  struct SiteArgs {
    SiteOptions options;
    bool no_drawings = false;
    bool quiet = false;
  };
  auto a = std::make_shared<SiteArgs>();
  CLI::App* cmd = app.add_subcommand(
      "site",
      "Write a static web site of the graph: an index with a search box, one page per entity (facts\n"
      "with dates and evidence, conflicts, neighbourhood drawing, timeline) and one per document.\n"
      "It needs no network or server: open DIR/index.html, or serve DIR with any static server.");
  cmd->add_option("graph", a->options.graph_file, "Turtle graph (N-Triples for .nt), e.g. out/graph.ttl")->required();
  cmd->add_option("-o,--output", a->options.output_dir,
                  "Folder to write (must be absent or empty unless --force; written beside it, then renamed)")
      ->required();
  cmd->add_flag("--force", a->options.force, "Replace the output folder if it is not empty");
  cmd->add_flag("--no-drawings", a->no_drawings, "No neighbourhood drawings (then Graphviz is not needed)");
  cmd->add_option("--title", a->options.title, "The site's title")->capture_default_str();
  cmd->add_option("--page-size", a->options.list_page_size, "Items per listing page")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{10}, std::size_t{100000}));
  cmd->add_option("--max-neighbours", a->options.max_neighbours, "Neighbours drawn around an entity")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{500}));
  cmd->add_option("--max-sources", a->options.max_sources,
                  "Evidence shown per fact on an entity page (every piece is on its document's page)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  cmd->add_flag("-q,--quiet", a->quiet, "No summary on stderr");
  add_version_flag(cmd);
  commands.push_back({cmd, [a] {
                        a->options.drawings = !a->no_drawings;
                        auto summary = write_site(a->options);
                        if (!summary) return fail(summary.error());
                        if (!a->quiet)
                          std::fprintf(stderr,
                                       "diplograph: site %s: %zu entities, %zu documents, %zu statements, "
                                       "%zu conflicts -> %zu files, %.1f MB\n",
                                       a->options.output_dir.c_str(), summary->entities, summary->documents,
                                       summary->statements, summary->conflicts, summary->files,
                                       static_cast<double>(summary->bytes) / 1e6);
                        return 0;
                      }});
}

}  // namespace diplograph::cli
