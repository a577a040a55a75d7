// Graph analytics commands: the relation graph of a Turtle/N-Triples file,
// loaded into Boost.Graph (graph.hpp), and what users ask of it.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "cli.hpp"

namespace diplograph::cli {
namespace {

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

struct GraphState {
  GraphArgs path_args, rank_args, comp_args, stats_args, export_args;
  std::string path_from, path_to, measure = "betweenness";
  std::size_t top = 10;
  bool path_evidence = false;
  GraphArgs communities_args, cores_args, neighbors_args, timeline_args;
  std::string neighbors_name, timeline_name;
  int depth = 1;
  std::string export_to = "tsv";
  GraphArgs draw_args;
  std::string draw_output, draw_focus;
  int draw_depth = 1;
};

int run_path(GraphState& s) {
  auto g = s.path_args.load();
  if (!g) return fail(g.error());
  auto from = find_vertex(*g, s.path_from);
  if (!from) return fail(from.error());
  auto to = find_vertex(*g, s.path_to);
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
    if (s.path_evidence)
      for (const auto& ev : e.evidence) std::printf("      \"%s\"\n", ev.c_str());
  }
  return 0;
}

int run_rank(GraphState& s) {
  auto g = s.rank_args.load();
  if (!g) return fail(g.error());
  std::vector<double> values = s.measure == "degree"        ? degree_centrality(*g)
                               : s.measure == "closeness" ? closeness_centrality(*g)
                               : s.measure == "pagerank"  ? pagerank(*g)
                               : s.measure == "eigenvector" ? eigenvector_centrality(*g)
                                                        : betweenness_centrality(*g);
  std::vector<GraphVertexId> order;
  for (auto v : boost::make_iterator_range(boost::vertices(*g))) order.push_back(v);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a] > values[b]; });
  if (s.top && order.size() > s.top) order.resize(s.top);
  for (auto v : order) {
    if (s.rank_args.format == "tsv")
      std::printf("%s\t%s\t%.17g\n", (*g)[v].iri.c_str(), (*g)[v].label.c_str(), values[v]);
    else
      std::printf("%-40s %-12s %.6f\n", (*g)[v].label.c_str(), (*g)[v].type.c_str(), values[v]);
  }
  return 0;
}

int run_comp(GraphState& s) {
  auto g = s.comp_args.load();
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

int run_stats(GraphState& s) {
  auto g = s.stats_args.load();
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

int run_communities(GraphState& s) {
  auto g = s.communities_args.load();
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
      if (s.communities_args.format == "tsv") std::printf("%zu\t%s\t%s\n", i, (*g)[v].iri.c_str(), (*g)[v].label.c_str());
    }
  if (s.communities_args.format != "tsv")
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      std::string names;
      for (std::size_t k = 0; k < sorted[i].size() && k < 8; ++k) names += (k ? ", " : "") + (*g)[sorted[i][k]].label;
      if (sorted[i].size() > 8) names += ", …";
      std::printf("%4zu %5zu  %s\n", i, sorted[i].size(), names.c_str());
    }
  return 0;
}

int run_cores(GraphState& s) {
  auto g = s.cores_args.load();
  if (!g) return fail(g.error());
  auto core = core_numbers(*g);
  std::vector<GraphVertexId> order;
  for (auto v : boost::make_iterator_range(boost::vertices(*g))) order.push_back(v);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return core[a] > core[b]; });
  for (auto v : order) {
    if (s.cores_args.format == "tsv")
      std::printf("%s\t%s\t%d\n", (*g)[v].iri.c_str(), (*g)[v].label.c_str(), core[v]);
    else
      std::printf("%-40s %d\n", (*g)[v].label.c_str(), core[v]);
  }
  return 0;
}

int run_neighbors(GraphState& s) {
  auto g = s.neighbors_args.load();
  if (!g) return fail(g.error());
  auto start = find_vertex(*g, s.neighbors_name);
  if (!start) return fail(start.error());
  for (const auto& [v, d] : neighborhood(*g, *start, s.depth))
    std::printf("%d\t%-40s %s\n", d, (*g)[v].label.c_str(), (*g)[v].type.c_str());
  return 0;
}

int run_timeline(GraphState& s) {
  auto g = s.timeline_args.load();
  if (!g) return fail(g.error());
  std::optional<GraphVertexId> only;
  if (!s.timeline_name.empty()) {
    auto v = find_vertex(*g, s.timeline_name);
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

int run_draw(GraphState& s) {
  auto g = s.draw_args.load();
  if (!g) return fail(g.error());
  RelationGraph picture;
  if (s.draw_focus.empty()) {
    picture = *g;
  } else {
    auto center = find_vertex(*g, s.draw_focus);
    if (!center) return fail(center.error());
    std::map<GraphVertexId, GraphVertexId> copy;
    copy[*center] = boost::add_vertex((*g)[*center], picture);
    for (const auto& [v, d] : neighborhood(*g, *center, s.draw_depth)) copy[v] = boost::add_vertex((*g)[v], picture);
    for (auto e : boost::make_iterator_range(boost::edges(*g))) {
      auto a = copy.find(boost::source(e, *g)), b = copy.find(boost::target(e, *g));
      if (a != copy.end() && b != copy.end()) boost::add_edge(a->second, b->second, (*g)[e], picture);
    }
  }
  Outcome drawn = render_svg(picture, s.draw_output);
  if (!drawn) return fail(drawn.error());
  return 0;
}

int run_export(GraphState& s) {
  auto g = s.export_args.load();
  if (!g) return fail(g.error());
  if (s.export_to != "tsv") {
    std::string text = export_graph(*g, s.export_to == "graphml" ? GraphFormat::graphml
                                        : s.export_to == "dot"   ? GraphFormat::dot
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

}  // namespace

void add_graph_commands(CLI::App& app, Commands& commands) {
  auto s = std::make_shared<GraphState>();
  CLI::App* path_cmd = app.add_subcommand("path", "Shortest path between two entities (by label, alias or IRI), hop by hop.");
  s->path_args.add_to(path_cmd);
  path_cmd->add_option("from", s->path_from, "Start entity")->required();
  path_cmd->add_option("to", s->path_to, "End entity")->required();
  path_cmd->add_flag("--evidence", s->path_evidence, "Print the sentence or table row behind each hop");
  CLI::App* rank_cmd = app.add_subcommand("rank", "Centrality of every entity, highest first (NetworkX-compatible values).");
  s->rank_args.add_to(rank_cmd);
  rank_cmd->add_option("--measure", s->measure, "degree, betweenness, closeness, pagerank or eigenvector")
      ->check(CLI::IsMember({"degree", "betweenness", "closeness", "pagerank", "eigenvector"}))->capture_default_str();
  rank_cmd->add_option("--top", s->top, "How many to print (0: all)")->capture_default_str();
  CLI::App* comp_cmd = app.add_subcommand("components", "Connected components, largest first.");
  s->comp_args.add_to(comp_cmd);
  CLI::App* stats_cmd = app.add_subcommand("stats", "Counts of entities by type, edges by property, dated edges, density.");
  s->stats_args.add_to(stats_cmd);
  CLI::App* communities_cmd = app.add_subcommand("communities", "Communities by Louvain modularity optimisation, with the modularity.");
  s->communities_args.add_to(communities_cmd);
  CLI::App* cores_cmd = app.add_subcommand("cores", "k-core number of every entity, highest first.");
  s->cores_args.add_to(cores_cmd);
  CLI::App* neighbors_cmd = app.add_subcommand("neighbors", "Entities within --depth hops of one entity.");
  s->neighbors_args.add_to(neighbors_cmd);
  neighbors_cmd->add_option("name", s->neighbors_name, "Entity (label, alias or IRI)")->required();
  neighbors_cmd->add_option("--depth", s->depth, "Hops")->capture_default_str();
  CLI::App* timeline_cmd = app.add_subcommand("timeline", "Dated relations in date order, optionally of one entity.");
  s->timeline_args.add_to(timeline_cmd);
  timeline_cmd->add_option("name", s->timeline_name, "Entity (label, alias or IRI)");
  CLI::App* export_cmd = app.add_subcommand("export", "The relation graph as a TSV edge list, GraphML (Gephi, NetworkX), Graphviz DOT or JSON node-link.");
  s->export_args.add_to(export_cmd);
  export_cmd->add_option("--to", s->export_to, "tsv, graphml, dot or json")
      ->check(CLI::IsMember({"tsv", "graphml", "dot", "json"}))->capture_default_str();
  CLI::App* draw_cmd = app.add_subcommand("draw", "Render the graph, or the neighbourhood of one entity, as SVG with Graphviz (colored by type).");
  s->draw_args.add_to(draw_cmd);
  draw_cmd->add_option("-o,--output", s->draw_output, "SVG file to write")->required();
  draw_cmd->add_option("--focus", s->draw_focus, "Draw only this entity and its neighbours");
  draw_cmd->add_option("--depth", s->draw_depth, "With --focus: hops")->capture_default_str();

  commands.push_back({path_cmd, [s] { return run_path(*s); }});
  commands.push_back({rank_cmd, [s] { return run_rank(*s); }});
  commands.push_back({comp_cmd, [s] { return run_comp(*s); }});
  commands.push_back({stats_cmd, [s] { return run_stats(*s); }});
  commands.push_back({communities_cmd, [s] { return run_communities(*s); }});
  commands.push_back({cores_cmd, [s] { return run_cores(*s); }});
  commands.push_back({neighbors_cmd, [s] { return run_neighbors(*s); }});
  commands.push_back({timeline_cmd, [s] { return run_timeline(*s); }});
  commands.push_back({draw_cmd, [s] { return run_draw(*s); }});
  commands.push_back({export_cmd, [s] { return run_export(*s); }});
}

}  // namespace diplograph::cli
