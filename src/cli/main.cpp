// The diplograph command line. Library calls return errors as values; this
// file turns them into one line on stderr and a non-zero exit status.
#include <CLI/CLI.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diplograph/evaluate.hpp"
#include "diplograph/graph.hpp"
#include "diplograph/pipeline.hpp"

namespace {

using namespace diplograph;

int fail(const Error& error) {
  std::fprintf(stderr, "diplograph: error: %s\n", error.to_string().c_str());
  switch (error.status) {
    case Status::bad_argument: return 2;
    default: return 1;
  }
}

void print_summary(const BuildSummary& s, const std::string& output) {
  std::fprintf(stderr, "diplograph: %zu document%s from %zu input%s -> %s\n", s.documents,
               s.documents == 1 ? "" : "s", s.inputs, s.inputs == 1 ? "" : "s",
               output == "-" ? "stdout" : output.c_str());
  std::string entities;
  for (const auto& [type, n] : s.entities_by_type)
    entities += (entities.empty() ? "" : ", ") + type + " " + std::to_string(n);
  std::fprintf(stderr, "  entities: %s\n", entities.empty() ? "none" : entities.c_str());
  std::string facts;
  for (const auto& [property, n] : s.facts_by_property)
    facts += (facts.empty() ? "" : ", ") + property + " " + std::to_string(n);
  std::fprintf(stderr, "  facts: %s\n", facts.empty() ? "none" : facts.c_str());
  std::fprintf(stderr, "  statements: %zu, triples: %zu\n", s.statements, s.triples);
  if (!s.conflicts.empty()) {
    std::fprintf(stderr, "  conflicts: %zu\n", s.conflicts.size());
    for (const auto& c : s.conflicts) std::fprintf(stderr, "    %s\n", c.c_str());
  }
  if (!s.warnings.empty()) {
    std::fprintf(stderr, "  warnings: %zu\n", s.warnings.size());
    for (const auto& w : s.warnings) std::fprintf(stderr, "    warning: %s\n", w.c_str());
  }
}

void print_scores_row(const std::string& document, const std::string& predicate, const Scores& s) {
  std::printf("%-36s %-24s %5zu %5zu %5zu  %5.3f  %5.3f  %5.3f  %5.3f\n", document.c_str(),
              predicate.c_str(), s.gold, s.predicted, s.matched, s.precision(), s.recall(), s.f1(),
              s.date_accuracy());
}

int run_eval(const std::string& graph, const std::vector<std::string>& gold, bool diff,
             double min_precision, double min_recall, double min_dates) {
  auto result = evaluate(graph, gold);
  if (!result) return fail(result.error());
  std::printf("%-36s %-24s %5s %5s %5s  %5s  %5s  %5s  %5s\n", "document", "predicate", "gold", "graph",
              "match", "P", "R", "F1", "dates");
  bool below = false;
  for (const DocumentEvaluation& d : result->documents) {
    std::string name = std::filesystem::path(d.gold_file).stem().string();
    for (const auto& [p, s] : d.by_predicate) print_scores_row(name, p, s);
    print_scores_row(name, "(all)", d.total);
    if (d.document.empty())
      std::printf("%-36s no document in the graph has this name\n", name.c_str());
    if (d.total.precision() < min_precision || d.total.recall() < min_recall ||
        d.total.date_accuracy() < min_dates)
      below = true;
  }
  for (const auto& [p, s] : result->by_predicate) print_scores_row("(all documents)", p, s);
  print_scores_row("(all documents)", "(all)", result->total);
  if (diff) {
    for (const DocumentEvaluation& d : result->documents) {
      if (d.differences.empty()) continue;
      std::printf("\n# %s\n", d.gold_file.c_str());
      for (const Difference& x : d.differences)
        std::printf("%s %s %s %s%s%s\n    \"%s\"\n", x.missed ? "missed  " : "spurious", x.subject.c_str(),
                    x.predicate.c_str(), x.object.c_str(), x.date.empty() ? "" : " @", x.date.c_str(),
                    x.evidence.c_str());
    }
  }
  if (below) {
    std::fprintf(stderr, "diplograph: a document is below the required precision, recall or date accuracy\n");
    return 1;
  }
  return 0;
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == ',') {
      if (i > start) out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

// Renders a graph to SVG with Graphviz's neato, run directly (no shell, so
// any file name is safe), through temporary files next to the output.
Outcome render_svg(const RelationGraph& graph, const std::string& output) {
  std::string dot_file = output + ".dot.tmp", svg_tmp = output + ".tmp";
  {
    std::FILE* f = std::fopen(dot_file.c_str(), "wb");
    if (!f) return make_error(Status::io_error, "cannot write " + dot_file);
    std::string text = export_graph(graph, GraphFormat::dot);
    bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !written) {
      std::filesystem::remove(dot_file);
      return make_error(Status::io_error, "cannot write " + dot_file);
    }
  }
  std::vector<std::string> args{"dot", "-Kneato", "-Goverlap=false", "-Tsvg", dot_file, "-o", svg_tmp};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int status = 0;
  bool ok = posix_spawnp(&pid, "dot", &actions, nullptr, argv.data(), environ) == 0 &&
            waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  posix_spawn_file_actions_destroy(&actions);
  std::filesystem::remove(dot_file);
  if (!ok) {
    std::filesystem::remove(svg_tmp);
    return make_error(Status::unsupported, "Graphviz 'dot' failed or is not installed (apt-get install graphviz)");
  }
  std::error_code ec;
  std::filesystem::rename(svg_tmp, output, ec);
  if (ec) return make_error(Status::io_error, "cannot write " + output + ": " + ec.message());
  return {};
}

struct GraphArgs {
  std::string graph, via, types, as_of, format = "table";
  bool dated_only = false;
  void add_to(CLI::App* cmd) {
    cmd->add_option("graph", graph, "Turtle or N-Triples graph")->required()->check(CLI::ExistingFile);
    cmd->add_option("--via", via, "Relation properties to use, comma-separated (default: all)");
    cmd->add_option("--type", types, "Entity types to keep, comma-separated (e.g. State,Organization)");
    cmd->add_option("--as-of", as_of, "Only facts dated on or before this ISO date (plus undated ones)");
    cmd->add_flag("--dated-only", dated_only, "With --as-of: drop undated facts too");
    cmd->add_option("--format", format, "Output: table or tsv")->check(CLI::IsMember({"table", "tsv"}))->capture_default_str();
    cmd->set_version_flag("--version", std::string("diplograph ") + DIPLOGRAPH_VERSION);
  }
  Result<RelationGraph> load() const {
    GraphOptions o;
    o.via = split_list(via);
    o.types = split_list(types);
    o.as_of = as_of;
    o.dated_only = dated_only;
    return load_relation_graph(graph, o);
  }
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "diplograph: builds an RDF knowledge graph of states, organizations, treaties, events and\n"
      "dates from documents about foreign relations."};
  app.set_version_flag("--version", std::string("diplograph ") + DIPLOGRAPH_VERSION);
  app.require_subcommand(1);

  BuildOptions build;
  std::string syntax = "turtle";
  std::string input_format = "auto";
  bool quiet = false;
  CLI::App* build_cmd = app.add_subcommand(
      "build", "Read documents (files, folders, - for stdin) and write a Turtle or N-Triples graph.");
  build_cmd->add_option("inputs", build.inputs, "Files or folders to read; - reads stdin")
      ->required();
  build_cmd->add_option("-o,--output", build.output, "Output file, or - for stdout")
      ->capture_default_str();
  build_cmd->add_option("-f,--format", syntax, "Output syntax")
      ->check(CLI::IsMember({"turtle", "ntriples"}))
      ->capture_default_str();
  build_cmd->add_option("--input-format", input_format,
                        "Input format: auto, plain, wikitext, mediawiki, mediawiki-xml, html")
      ->capture_default_str();
  build_cmd->add_flag("--all-namespaces", build.read.all_namespaces,
                      "MediaWiki XML: read talk, user and other non-article pages too");
  build_cmd->add_option("--gazetteer", build.gazetteers,
                        "Extra gazetteer Turtle file (repeatable): your entities and aliases")
      ->check(CLI::ExistingFile);
  build_cmd->add_option("--ontology", build.ontology_directory,
                        "Folder with the ontology and gazetteers (default: the installed one, or "
                        "$DIPLOGRAPH_ONTOLOGY)");
  build_cmd->add_option("--min-confidence", build.min_confidence,
                        "Keep only facts whose rule's confidence is at least this (0..1)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  build_cmd->add_option("-j,--jobs", build.jobs,
                        "Documents processed in parallel (default 0: one per core); the output "
                        "is the same for any number")
      ->capture_default_str();
  build_cmd->add_flag("-q,--quiet", quiet, "Print nothing but errors");
  build_cmd->set_version_flag("--version", std::string("diplograph ") + DIPLOGRAPH_VERSION);

  std::vector<std::string> explain_inputs;
  std::string explain_ontology;
  CLI::App* explain_cmd = app.add_subcommand(
      "explain", "Show how documents are read: sentences, recognized entities, dates and the facts "
                 "extracted from each sentence (for checking and tuning).");
  explain_cmd->add_option("inputs", explain_inputs, "Files or folders; - reads stdin")->required();
  explain_cmd->add_option("--input-format", input_format, "Input format")->capture_default_str();
  explain_cmd->add_option("--gazetteer", build.gazetteers, "Extra gazetteer Turtle file (repeatable)");
  explain_cmd->add_option("--ontology", explain_ontology, "Folder with the ontology and gazetteers");
  explain_cmd->set_version_flag("--version", std::string("diplograph ") + DIPLOGRAPH_VERSION);

  std::string eval_graph;
  std::vector<std::string> eval_gold;
  bool eval_diff = false;
  double min_precision = 0, min_recall = 0, min_dates = 0;
  CLI::App* eval_cmd = app.add_subcommand(
      "eval", "Score a graph against gold-standard TSV files: precision, recall and F1 per "
              "predicate and document, and date accuracy on matched facts.");
  eval_cmd->add_option("graph", eval_graph, "Turtle or N-Triples graph from build")->required()->check(CLI::ExistingFile);
  eval_cmd->add_option("gold", eval_gold, "Gold TSV files (subject, predicate, object, date, evidence); "
                                          "gold/foo.tsv is matched with the document read from foo.*")
      ->required()->check(CLI::ExistingFile);
  eval_cmd->add_flag("--diff", eval_diff, "List every missed and spurious fact with its evidence");
  eval_cmd->add_option("--min-precision", min_precision, "Exit 1 if a document's precision is lower");
  eval_cmd->add_option("--min-recall", min_recall, "Exit 1 if a document's recall is lower");
  eval_cmd->add_option("--min-date-accuracy", min_dates, "Exit 1 if a document's date accuracy is lower");
  eval_cmd->set_version_flag("--version", std::string("diplograph ") + DIPLOGRAPH_VERSION);

  GraphArgs path_args, rank_args, comp_args, stats_args, export_args;
  std::string path_from, path_to, measure = "betweenness";
  std::size_t top = 10;
  CLI::App* path_cmd = app.add_subcommand("path", "Shortest path between two entities (by label, alias or IRI), hop by hop.");
  path_args.add_to(path_cmd);
  path_cmd->add_option("from", path_from, "Start entity")->required();
  path_cmd->add_option("to", path_to, "End entity")->required();
  bool path_evidence = false;
  path_cmd->add_flag("--evidence", path_evidence, "Print the sentence or table row behind each hop");
  CLI::App* rank_cmd = app.add_subcommand("rank", "Centrality of every entity, highest first (NetworkX-compatible values).");
  rank_args.add_to(rank_cmd);
  rank_cmd->add_option("--measure", measure, "degree, betweenness, closeness, pagerank or eigenvector")
      ->check(CLI::IsMember({"degree", "betweenness", "closeness", "pagerank", "eigenvector"}))->capture_default_str();
  rank_cmd->add_option("--top", top, "How many to print (0: all)")->capture_default_str();
  CLI::App* comp_cmd = app.add_subcommand("components", "Connected components, largest first.");
  comp_args.add_to(comp_cmd);
  CLI::App* stats_cmd = app.add_subcommand("stats", "Counts of entities by type, edges by property, dated edges, density.");
  stats_args.add_to(stats_cmd);
  GraphArgs communities_args, cores_args, neighbors_args, timeline_args;
  std::string neighbors_name, timeline_name;
  int depth = 1;
  CLI::App* communities_cmd = app.add_subcommand("communities", "Communities by Louvain modularity optimisation, with the modularity.");
  communities_args.add_to(communities_cmd);
  CLI::App* cores_cmd = app.add_subcommand("cores", "k-core number of every entity, highest first.");
  cores_args.add_to(cores_cmd);
  CLI::App* neighbors_cmd = app.add_subcommand("neighbors", "Entities within --depth hops of one entity.");
  neighbors_args.add_to(neighbors_cmd);
  neighbors_cmd->add_option("name", neighbors_name, "Entity (label, alias or IRI)")->required();
  neighbors_cmd->add_option("--depth", depth, "Hops")->capture_default_str();
  CLI::App* timeline_cmd = app.add_subcommand("timeline", "Dated relations in date order, optionally of one entity.");
  timeline_args.add_to(timeline_cmd);
  timeline_cmd->add_option("name", timeline_name, "Entity (label, alias or IRI)");
  std::string export_to = "tsv";
  CLI::App* export_cmd = app.add_subcommand("export", "The relation graph as a TSV edge list, GraphML (Gephi, NetworkX), Graphviz DOT or JSON node-link.");
  export_args.add_to(export_cmd);
  export_cmd->add_option("--to", export_to, "tsv, graphml, dot or json")
      ->check(CLI::IsMember({"tsv", "graphml", "dot", "json"}))->capture_default_str();
  GraphArgs draw_args;
  std::string draw_output, draw_focus;
  int draw_depth = 1;
  CLI::App* draw_cmd = app.add_subcommand("draw", "Render the graph, or the neighbourhood of one entity, as SVG with Graphviz (colored by type).");
  draw_args.add_to(draw_cmd);
  draw_cmd->add_option("-o,--output", draw_output, "SVG file to write")->required();
  draw_cmd->add_option("--focus", draw_focus, "Draw only this entity and its neighbours");
  draw_cmd->add_option("--depth", draw_depth, "With --focus: hops")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  if (*path_cmd) {
    auto g = path_args.load();
    if (!g) return fail(g.error());
    auto from = find_vertex(*g, path_from);
    if (!from) return fail(from.error());
    auto to = find_vertex(*g, path_to);
    if (!to) return fail(to.error());
    auto hops = shortest_path(*g, *from, *to);
    if (hops.empty()) {
      std::printf("no path from %s to %s\n", (*g)[*from].label.c_str(), (*g)[*to].label.c_str());
      return 0;
    }
    std::printf("%s\n", (*g)[hops[0]].label.c_str());
    for (std::size_t i = 1; i < hops.size(); ++i) {
      const GraphEdge& e = (*g)[boost::edge(hops[i - 1], hops[i], *g).first];
      std::string props;
      for (const auto& p : e.properties) props += (props.empty() ? "" : ",") + p;
      std::printf("  -[%s%s%s]- %s\n", props.c_str(), e.date.empty() ? "" : " ", e.date.c_str(),
                  (*g)[hops[i]].label.c_str());
      if (path_evidence)
        for (const auto& ev : e.evidence) std::printf("      \"%s\"\n", ev.c_str());
    }
    return 0;
  }
  if (*rank_cmd) {
    auto g = rank_args.load();
    if (!g) return fail(g.error());
    std::vector<double> values = measure == "degree"        ? degree_centrality(*g)
                                 : measure == "closeness" ? closeness_centrality(*g)
                                 : measure == "pagerank"  ? pagerank(*g)
                                 : measure == "eigenvector" ? eigenvector_centrality(*g)
                                                          : betweenness_centrality(*g);
    std::vector<GraphVertexId> order;
    for (auto v : boost::make_iterator_range(boost::vertices(*g))) order.push_back(v);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a] > values[b]; });
    if (top && order.size() > top) order.resize(top);
    for (auto v : order) {
      if (rank_args.format == "tsv")
        std::printf("%s\t%s\t%.17g\n", (*g)[v].iri.c_str(), (*g)[v].label.c_str(), values[v]);
      else
        std::printf("%-40s %-12s %.6f\n", (*g)[v].label.c_str(), (*g)[v].type.c_str(), values[v]);
    }
    return 0;
  }
  if (*comp_cmd) {
    auto g = comp_args.load();
    if (!g) return fail(g.error());
    int count = 0;
    auto component = connected_components(*g, count);
    std::vector<std::vector<GraphVertexId>> groups(static_cast<std::size_t>(count));
    for (auto v : boost::make_iterator_range(boost::vertices(*g))) groups[static_cast<std::size_t>(component[v])].push_back(v);
    std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    std::printf("%d components\n", count);
    for (const auto& group : groups) {
      std::string names;
      for (std::size_t i = 0; i < group.size() && i < 6; ++i) names += (i ? ", " : "") + (*g)[group[i]].label;
      if (group.size() > 6) names += ", …";
      std::printf("%6zu  %s\n", group.size(), names.c_str());
    }
    return 0;
  }
  if (*stats_cmd) {
    auto g = stats_args.load();
    if (!g) return fail(g.error());
    std::map<std::string, std::size_t> types, properties;
    std::size_t dated = 0, edges = boost::num_edges(*g), n = boost::num_vertices(*g);
    for (auto v : boost::make_iterator_range(boost::vertices(*g))) ++types[(*g)[v].type];
    for (auto e : boost::make_iterator_range(boost::edges(*g))) {
      for (const auto& p : (*g)[e].properties) ++properties[p];
      if (!(*g)[e].date.empty()) ++dated;
    }
    std::printf("entities %zu\n", n);
    for (const auto& [t, c] : types) std::printf("  %-24s %zu\n", t.c_str(), c);
    std::printf("edges %zu (dated %zu, undated %zu)\n", edges, dated, edges - dated);
    for (const auto& [p, c] : properties) std::printf("  %-24s %zu\n", p.c_str(), c);
    std::printf("density %.6f\n", n > 1 ? 2.0 * static_cast<double>(edges) / (static_cast<double>(n) * static_cast<double>(n - 1)) : 0.0);
    return 0;
  }
  if (*communities_cmd) {
    auto g = communities_args.load();
    if (!g) return fail(g.error());
    auto community = louvain_communities(*g);
    std::map<int, std::vector<GraphVertexId>> groups;
    for (auto v : boost::make_iterator_range(boost::vertices(*g))) groups[community[v]].push_back(v);
    std::vector<std::vector<GraphVertexId>> sorted;
    for (auto& [c, members] : groups) sorted.push_back(members);
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    std::printf("modularity %.6f, %zu communities\n", modularity(*g, community), sorted.size());
    for (std::size_t i = 0; i < sorted.size(); ++i)
      for (auto v : sorted[i]) {
        if (communities_args.format == "tsv") std::printf("%zu\t%s\t%s\n", i, (*g)[v].iri.c_str(), (*g)[v].label.c_str());
      }
    if (communities_args.format != "tsv")
      for (std::size_t i = 0; i < sorted.size(); ++i) {
        std::string names;
        for (std::size_t k = 0; k < sorted[i].size() && k < 8; ++k) names += (k ? ", " : "") + (*g)[sorted[i][k]].label;
        if (sorted[i].size() > 8) names += ", …";
        std::printf("%4zu %5zu  %s\n", i, sorted[i].size(), names.c_str());
      }
    return 0;
  }
  if (*cores_cmd) {
    auto g = cores_args.load();
    if (!g) return fail(g.error());
    auto core = core_numbers(*g);
    std::vector<GraphVertexId> order;
    for (auto v : boost::make_iterator_range(boost::vertices(*g))) order.push_back(v);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return core[a] > core[b]; });
    for (auto v : order) {
      if (cores_args.format == "tsv")
        std::printf("%s\t%s\t%d\n", (*g)[v].iri.c_str(), (*g)[v].label.c_str(), core[v]);
      else
        std::printf("%-40s %d\n", (*g)[v].label.c_str(), core[v]);
    }
    return 0;
  }
  if (*neighbors_cmd) {
    auto g = neighbors_args.load();
    if (!g) return fail(g.error());
    auto start = find_vertex(*g, neighbors_name);
    if (!start) return fail(start.error());
    for (const auto& [v, d] : neighborhood(*g, *start, depth))
      std::printf("%d\t%-40s %s\n", d, (*g)[v].label.c_str(), (*g)[v].type.c_str());
    return 0;
  }
  if (*timeline_cmd) {
    auto g = timeline_args.load();
    if (!g) return fail(g.error());
    std::optional<GraphVertexId> only;
    if (!timeline_name.empty()) {
      auto v = find_vertex(*g, timeline_name);
      if (!v) return fail(v.error());
      only = *v;
    }
    std::vector<std::tuple<std::string, std::string, std::string, std::string>> rows;
    for (auto e : boost::make_iterator_range(boost::edges(*g))) {
      const GraphEdge& x = (*g)[e];
      if (x.date.empty()) continue;
      auto a = boost::source(e, *g), b = boost::target(e, *g);
      if (only && a != *only && b != *only) continue;
      if (only && b == *only) std::swap(a, b);
      std::string props;
      for (const auto& p : x.properties) props += (props.empty() ? "" : ",") + p;
      rows.emplace_back(x.date, (*g)[a].label, props, (*g)[b].label);
    }
    std::sort(rows.begin(), rows.end());
    for (const auto& [date, a, p, b] : rows) std::printf("%-10s  %s %s %s\n", date.c_str(), a.c_str(), p.c_str(), b.c_str());
    return 0;
  }
  if (*draw_cmd) {
    auto g = draw_args.load();
    if (!g) return fail(g.error());
    RelationGraph picture;
    if (draw_focus.empty()) {
      picture = *g;
    } else {
      auto center = find_vertex(*g, draw_focus);
      if (!center) return fail(center.error());
      std::map<GraphVertexId, GraphVertexId> copy;
      copy[*center] = boost::add_vertex((*g)[*center], picture);
      for (const auto& [v, d] : neighborhood(*g, *center, draw_depth)) copy[v] = boost::add_vertex((*g)[v], picture);
      for (auto e : boost::make_iterator_range(boost::edges(*g))) {
        auto a = copy.find(boost::source(e, *g)), b = copy.find(boost::target(e, *g));
        if (a != copy.end() && b != copy.end()) boost::add_edge(a->second, b->second, (*g)[e], picture);
      }
    }
    Outcome drawn = render_svg(picture, draw_output);
    if (!drawn) return fail(drawn.error());
    return 0;
  }
  if (*export_cmd) {
    auto g = export_args.load();
    if (!g) return fail(g.error());
    if (export_to != "tsv") {
      std::string text = export_graph(*g, export_to == "graphml" ? GraphFormat::graphml
                                          : export_to == "dot"   ? GraphFormat::dot
                                                                 : GraphFormat::json);
      std::fwrite(text.data(), 1, text.size(), stdout);
      return 0;
    }
    for (auto v : boost::make_iterator_range(boost::vertices(*g)))
      if (boost::degree(v, *g) == 0) std::printf("%s\t\t\t\n", (*g)[v].iri.c_str());
    for (auto e : boost::make_iterator_range(boost::edges(*g))) {
      std::string props;
      for (const auto& p : (*g)[e].properties) props += (props.empty() ? "" : ",") + p;
      std::printf("%s\t%s\t%s\t%s\n", (*g)[boost::source(e, *g)].iri.c_str(),
                  (*g)[boost::target(e, *g)].iri.c_str(), props.c_str(), (*g)[e].date.c_str());
    }
    return 0;
  }
  if (*eval_cmd) return run_eval(eval_graph, eval_gold, eval_diff, min_precision, min_recall, min_dates);
  if (*explain_cmd) {
    auto format = parse_format_name(input_format);
    if (!format) return fail(format.error());
    ReadOptions read;
    read.format = *format;
    auto gazetteer = load_gazetteer(
        explain_ontology.empty() ? default_ontology_directory() : explain_ontology, build.gazetteers);
    if (!gazetteer) return fail(gazetteer.error());
    auto files = expand_inputs(explain_inputs);
    if (!files) return fail(files.error());
    auto processor = DocumentProcessor::create(*gazetteer);
    if (!processor) return fail(processor.error());
    for (const auto& file : *files) {
      Outcome r = read_file(file, read, [&](Document&& doc) -> Outcome {
        std::cout << processor->explain(doc);
        return {};
      });
      if (!r) return fail(r.error().in_file(file));
    }
    return 0;
  }
  if (*build_cmd) {
    auto format = parse_format_name(input_format);
    if (!format) return fail(format.error());
    build.read.format = *format;
    build.syntax = syntax == "ntriples" ? RdfSyntax::ntriples : RdfSyntax::turtle;
    auto summary = run_build(build);
    if (!summary) return fail(summary.error());
    if (!quiet) print_summary(*summary, build.output);
  }
  return 0;
}
