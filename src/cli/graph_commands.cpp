// Graph analytics commands: the relation graph of a Turtle/N-Triples file,
// loaded into Boost.Graph (graph.hpp), and what users ask of it.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
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

// Atomically writes `text` to `output` (a temporary file, then rename).
Outcome write_file(const std::string& output, const std::string& text) {
  std::string tmp = output + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return make_error(Status::io_error, "cannot write " + tmp);
  bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !written) {
    std::filesystem::remove(tmp);
    return make_error(Status::io_error, "cannot write " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, output, ec);
  if (ec) {
    std::filesystem::remove(tmp);
    return make_error(Status::io_error, "cannot write " + output + ": " + ec.message());
  }
  return {};
}

// JSON pieces: every command's --format json prints one object (see the README).
std::string json_number(double x) {
  if (!std::isfinite(x)) return "null";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", x);
  return buffer;
}

std::string json_entity(const RelationGraph& g, GraphVertexId v) {
  return "{\"iri\": " + json_quote(g[v].iri) + ", \"label\": " + json_quote(g[v].label) +
         ", \"type\": " + json_quote(g[v].type) + "}";
}

std::string json_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + json_quote(items[i]);
  return out + "]";
}

void print_json(const std::string& text) { std::printf("%s\n", text.c_str()); }

// For bench/graph_bench.py: with DIPLOGRAPH_BENCH_TIMING set, rank and
// distances report on stderr how long the computation took, without loading
// the file or printing.
struct ComputeTimer {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  void report() const {
    if (!std::getenv("DIPLOGRAPH_BENCH_TIMING")) return;
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::fprintf(stderr, "compute seconds %.6f\n", elapsed.count());
  }
};

std::string joined(const std::vector<std::string>& parts, const char* separator = ",") {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

struct GraphState {
  GraphArgs path_args, rank_args, comp_args, stats_args, export_args;
  std::string path_from, path_to, measure = "betweenness";
  std::size_t top = 10, path_k = 1, samples = 0;
  bool path_evidence = false;
  GraphArgs communities_args, cores_args, neighbors_args, timeline_args, distances_args;
  std::string neighbors_name, timeline_name, distances_from;
  int depth = 1;
  std::string export_to = "tsv";
  GraphArgs draw_args, chart_args;
  std::string draw_output, draw_focus, chart_output, chart_name;
  int draw_depth = 1;
};

int run_path(GraphState& s) {
  auto g = s.path_args.load();
  if (!g) return fail(g.error());
  auto from = find_vertex(*g, s.path_from);
  if (!from) return fail(from.error());
  auto to = find_vertex(*g, s.path_to);
  if (!to) return fail(to.error());
  auto paths = k_shortest_paths(*g, *from, *to, s.path_k);
  const std::string& format = s.path_args.format;
  auto edge_of = [&](GraphVertexId a, GraphVertexId b) -> const GraphEdge& { return (*g)[boost::edge(a, b, *g).first]; };
  if (format == "json") {
    std::string out = "{\"from\": " + json_entity(*g, *from) + ", \"to\": " + json_entity(*g, *to) +
                      ", \"k\": " + std::to_string(s.path_k) + ", \"paths\": [";
    for (std::size_t p = 0; p < paths.size(); ++p) {
      const auto& hops = paths[p];
      out += std::string(p ? ", " : "") + "{\"hops\": " + std::to_string(hops.size() - 1) + ", \"vertices\": [";
      for (std::size_t i = 0; i < hops.size(); ++i) out += (i ? ", " : "") + json_entity(*g, hops[i]);
      out += "], \"edges\": [";
      for (std::size_t i = 1; i < hops.size(); ++i) {
        const GraphEdge& e = edge_of(hops[i - 1], hops[i]);
        out += std::string(i > 1 ? ", " : "") + "{\"source\": " + json_quote((*g)[hops[i - 1]].iri) + ", \"target\": " +
               json_quote((*g)[hops[i]].iri) + ", \"properties\": " + json_list(e.properties) +
               ", \"date\": " + (e.date.empty() ? std::string("null") : json_quote(e.date));
        if (s.path_evidence) out += ", \"evidence\": " + json_list(e.evidence);
        out += "}";
      }
      out += "]}";
    }
    print_json(out + "]}");
    return 0;
  }
  if (paths.empty()) {
    // A clear answer, not an error; in TSV the rows stay empty and the answer goes to stderr.
    std::fprintf(format == "tsv" ? stderr : stdout, "no path from %s to %s\n", (*g)[*from].label.c_str(),
                 (*g)[*to].label.c_str());
    return 0;
  }
  for (std::size_t p = 0; p < paths.size(); ++p) {
    const auto& hops = paths[p];
    if (format == "tsv") {
      for (std::size_t i = 1; i < hops.size(); ++i) {
        const GraphEdge& e = edge_of(hops[i - 1], hops[i]);
        std::printf("%zu\t%zu\t%s\t%s\t%s\t%s", p + 1, i, (*g)[hops[i - 1]].iri.c_str(), joined(e.properties).c_str(),
                    e.date.c_str(), (*g)[hops[i]].iri.c_str());
        if (s.path_evidence) std::printf("\t%s", joined(e.evidence, " | ").c_str());
        std::printf("\n");
      }
      continue;
    }
    if (s.path_k > 1) std::printf("%spath %zu: %zu hops\n", p ? "\n" : "", p + 1, hops.size() - 1);
    std::printf("%s\n", (*g)[hops[0]].label.c_str());
    for (std::size_t i = 1; i < hops.size(); ++i) {
      const GraphEdge& e = edge_of(hops[i - 1], hops[i]);
      std::printf("  -[%s%s%s]- %s\n", joined(e.properties).c_str(), e.date.empty() ? "" : " ", e.date.c_str(),
                  (*g)[hops[i]].label.c_str());
      if (s.path_evidence)
        for (const auto& ev : e.evidence) std::printf("      \"%s\"\n", ev.c_str());
    }
  }
  if (format != "tsv" && paths.size() < s.path_k)
    std::printf("\n(only %zu simple path%s from %s to %s)\n", paths.size(), paths.size() == 1 ? "" : "s",
                (*g)[*from].label.c_str(), (*g)[*to].label.c_str());
  return 0;
}

int run_rank(GraphState& s) {
  auto g = s.rank_args.load();
  if (!g) return fail(g.error());
  if (s.samples && s.measure != "betweenness")
    return fail(make_error(Status::bad_argument, "--samples applies to --measure betweenness only"));
  ComputeTimer timer;
  std::vector<double> values = s.measure == "degree"        ? degree_centrality(*g)
                               : s.measure == "closeness" ? closeness_centrality(*g)
                               : s.measure == "pagerank"  ? pagerank(*g)
                               : s.measure == "eigenvector" ? eigenvector_centrality(*g)
                               : s.samples                ? betweenness_centrality_sampled(*g, s.samples)
                                                          : betweenness_centrality(*g);
  timer.report();
  std::vector<GraphVertexId> order;
  for (auto v : boost::make_iterator_range(boost::vertices(*g))) order.push_back(v);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a] > values[b]; });
  if (s.top && order.size() > s.top) order.resize(s.top);
  if (s.rank_args.format == "json") {
    std::string out = "{\"measure\": " + json_quote(s.measure) + ", \"samples\": " +
                      (s.samples ? std::to_string(s.samples) : std::string("null")) + ", \"entities\": [";
    for (std::size_t i = 0; i < order.size(); ++i) {
      std::string entity = json_entity(*g, order[i]);
      entity.pop_back();
      out += (i ? ", " : "") + entity + ", \"value\": " + json_number(values[order[i]]) + "}";
    }
    print_json(out + "]}");
    return 0;
  }
  for (auto v : order) {
    if (s.rank_args.format == "tsv")
      std::printf("%s\t%s\t%.17g\n", (*g)[v].iri.c_str(), (*g)[v].label.c_str(), values[v]);
    else
      std::printf("%-40s %-12s %.6f\n", (*g)[v].label.c_str(), (*g)[v].type.c_str(), values[v]);
  }
  return 0;
}

// Connected components as vertex lists, largest first (ties: first vertex).
std::vector<std::vector<GraphVertexId>> component_groups(const RelationGraph& g) {
  int count = 0;
  auto component = connected_components(g, count);
  std::vector<std::vector<GraphVertexId>> groups(static_cast<std::size_t>(count));
  for (auto v : boost::make_iterator_range(boost::vertices(g))) groups[static_cast<std::size_t>(component[v])].push_back(v);
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return groups;
}

int run_comp(GraphState& s) {
  auto g = s.comp_args.load();
  if (!g) return fail(g.error());
  auto groups = component_groups(*g);
  const std::string& format = s.comp_args.format;
  if (format == "json") {
    std::string out = "{\"count\": " + std::to_string(groups.size()) + ", \"components\": [";
    for (std::size_t c = 0; c < groups.size(); ++c) {
      out += std::string(c ? ", " : "") + "{\"size\": " + std::to_string(groups[c].size()) + ", \"members\": [";
      for (std::size_t i = 0; i < groups[c].size(); ++i) out += (i ? ", " : "") + json_entity(*g, groups[c][i]);
      out += "]}";
    }
    print_json(out + "]}");
    return 0;
  }
  if (format == "tsv") {
    for (std::size_t c = 0; c < groups.size(); ++c)
      for (auto v : groups[c]) std::printf("%zu\t%s\t%s\n", c, (*g)[v].iri.c_str(), (*g)[v].label.c_str());
    return 0;
  }
  std::printf("%zu components\n", groups.size());
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
  double density = n > 1 ? 2.0 * static_cast<double>(edges) / (static_cast<double>(n) * static_cast<double>(n - 1)) : 0.0;
  DegreeSummary degree = degree_summary(*g);
  auto groups = component_groups(*g);
  std::size_t largest = groups.empty() ? 0 : groups[0].size();
  DiameterBounds diameter = groups.empty() ? DiameterBounds{} : component_diameter(*g, groups[0]);
  std::string diameter_value = diameter.exact() ? std::to_string(diameter.lower) : std::string();
  const std::string& format = s.stats_args.format;
  if (format == "json") {
    auto counts = [](const std::map<std::string, std::size_t>& m) {
      std::string out = "{";
      for (const auto& [k, c] : m) out += (out.size() > 1 ? ", " : "") + json_quote(k) + ": " + std::to_string(c);
      return out + "}";
    };
    print_json("{\"entities\": " + std::to_string(n) + ", \"types\": " + counts(types) + ", \"edges\": " +
               std::to_string(edges) + ", \"dated_edges\": " + std::to_string(dated) + ", \"undated_edges\": " +
               std::to_string(edges - dated) + ", \"properties\": " + counts(properties) + ", \"density\": " +
               json_number(density) + ", \"degree\": {\"min\": " + std::to_string(degree.min) + ", \"median\": " +
               json_number(degree.median) + ", \"mean\": " + json_number(degree.mean) + ", \"max\": " +
               std::to_string(degree.max) + "}, \"components\": " + std::to_string(groups.size()) +
               ", \"largest_component\": " + std::to_string(largest) +
               ", \"diameter_of_largest_component\": " + (diameter.exact() ? diameter_value : std::string("null")) +
               ", \"diameter_bounds\": [" + std::to_string(diameter.lower) + ", " + std::to_string(diameter.upper) + "]}");
    return 0;
  }
  if (format == "tsv") {
    std::printf("entities\t%zu\n", n);
    for (const auto& [t, c] : types) std::printf("type:%s\t%zu\n", t.c_str(), c);
    std::printf("edges\t%zu\ndated_edges\t%zu\nundated_edges\t%zu\n", edges, dated, edges - dated);
    for (const auto& [p, c] : properties) std::printf("property:%s\t%zu\n", p.c_str(), c);
    std::printf("density\t%.17g\ndegree_min\t%zu\ndegree_median\t%.17g\ndegree_mean\t%.17g\ndegree_max\t%zu\n", density,
                degree.min, degree.median, degree.mean, degree.max);
    std::printf("components\t%zu\nlargest_component\t%zu\ndiameter_of_largest_component\t%s\n", groups.size(), largest,
                diameter_value.c_str());
    std::printf("diameter_lower\t%d\ndiameter_upper\t%d\n", diameter.lower, diameter.upper);
    return 0;
  }
  std::printf("entities %zu\n", n);
  for (const auto& [t, c] : types) std::printf("  %-24s %zu\n", t.c_str(), c);
  std::printf("edges %zu (dated %zu, undated %zu)\n", edges, dated, edges - dated);
  for (const auto& [p, c] : properties) std::printf("  %-24s %zu\n", p.c_str(), c);
  std::printf("density %.6f\n", density);
  std::printf("degree min %zu, median %g, mean %.3f, max %zu\n", degree.min, degree.median, degree.mean, degree.max);
  std::printf("components %zu, the largest with %zu entities\n", groups.size(), largest);
  if (diameter.exact())
    std::printf("diameter %d (of the largest component)\n", diameter.lower);
  else  // the bounds did not meet within the search budget (very large graphs)
    std::printf("diameter between %d and %d (of the largest component; bounds after %zu searches)\n", diameter.lower,
                diameter.upper, diameter.searches);
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
  double q = modularity(*g, community);
  const std::string& format = s.communities_args.format;
  if (format == "json") {
    std::string out = "{\"modularity\": " + json_number(q) + ", \"count\": " + std::to_string(sorted.size()) +
                      ", \"communities\": [";
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      out += std::string(i ? ", " : "") + "{\"id\": " + std::to_string(i) + ", \"size\": " +
             std::to_string(sorted[i].size()) + ", \"members\": [";
      for (std::size_t k = 0; k < sorted[i].size(); ++k) out += (k ? ", " : "") + json_entity(*g, sorted[i][k]);
      out += "]}";
    }
    print_json(out + "]}");
    return 0;
  }
  std::printf("modularity %.6f, %zu communities\n", q, sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (format == "tsv") {
      for (auto v : sorted[i]) std::printf("%zu\t%s\t%s\n", i, (*g)[v].iri.c_str(), (*g)[v].label.c_str());
      continue;
    }
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
  if (s.cores_args.format == "json") {
    std::string out = "{\"entities\": [";
    for (std::size_t i = 0; i < order.size(); ++i) {
      std::string entity = json_entity(*g, order[i]);
      entity.pop_back();
      out += (i ? ", " : "") + entity + ", \"core\": " + std::to_string(core[order[i]]) + "}";
    }
    print_json(out + "]}");
    return 0;
  }
  for (auto v : order) {
    if (s.cores_args.format == "tsv")
      std::printf("%s\t%s\t%d\n", (*g)[v].iri.c_str(), (*g)[v].label.c_str(), core[v]);
    else
      std::printf("%-40s %d\n", (*g)[v].label.c_str(), core[v]);
  }
  return 0;
}

// Prints (vertex, hops) rows, nearest first, in the chosen format; `key` names the JSON list.
void print_reached(const RelationGraph& g, GraphVertexId start, const std::vector<std::pair<GraphVertexId, int>>& rows,
                   const std::string& format, const std::string& head) {
  if (format == "json") {
    std::string out = "{\"start\": " + json_entity(g, start) + head + ", \"reached\": [";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::string entity = json_entity(g, rows[i].first);
      entity.pop_back();
      out += (i ? ", " : "") + entity + ", \"distance\": " + std::to_string(rows[i].second) + "}";
    }
    print_json(out + "]}");
    return;
  }
  for (const auto& [v, d] : rows) {
    if (format == "tsv")
      std::printf("%s\t%s\t%s\t%d\n", g[v].iri.c_str(), g[v].label.c_str(), g[v].type.c_str(), d);
    else
      std::printf("%d\t%-40s %s\n", d, g[v].label.c_str(), g[v].type.c_str());
  }
}

int run_neighbors(GraphState& s) {
  auto g = s.neighbors_args.load();
  if (!g) return fail(g.error());
  auto start = find_vertex(*g, s.neighbors_name);
  if (!start) return fail(start.error());
  print_reached(*g, *start, neighborhood(*g, *start, s.depth), s.neighbors_args.format,
                ", \"depth\": " + std::to_string(s.depth));
  return 0;
}

int run_distances(GraphState& s) {
  auto g = s.distances_args.load();
  if (!g) return fail(g.error());
  auto start = find_vertex(*g, s.distances_from);
  if (!start) return fail(start.error());
  ComputeTimer timer;
  auto dist = bfs_distances(*g, *start);
  timer.report();
  std::vector<std::pair<GraphVertexId, int>> rows;
  for (auto v : boost::make_iterator_range(boost::vertices(*g)))
    if (dist[v] > 0) rows.emplace_back(v, dist[v]);
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  print_reached(*g, *start, rows, s.distances_args.format, "");
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
  struct Row {
    std::string date;
    GraphVertexId a, b;
    const GraphEdge* edge;
  };
  std::vector<Row> rows;
  for (auto e : boost::make_iterator_range(boost::edges(*g))) {
    const GraphEdge& x = (*g)[e];
    if (x.date.empty()) continue;
    auto a = boost::source(e, *g), b = boost::target(e, *g);
    if (only && a != *only && b != *only) continue;
    if (only && b == *only) std::swap(a, b);
    rows.push_back({x.date, a, b, &x});
  }
  auto key = [&](const Row& r) {
    return std::make_tuple(r.date, (*g)[r.a].label, joined(r.edge->properties), (*g)[r.b].label);
  };
  std::sort(rows.begin(), rows.end(), [&](const Row& x, const Row& y) { return key(x) < key(y); });
  const std::string& format = s.timeline_args.format;
  if (format == "json") {
    std::string out = "{\"entity\": " + (only ? json_entity(*g, *only) : std::string("null")) + ", \"relations\": [";
    for (std::size_t i = 0; i < rows.size(); ++i)
      out += std::string(i ? ", " : "") + "{\"date\": " + json_quote(rows[i].date) + ", \"source\": " +
             json_entity(*g, rows[i].a) + ", \"properties\": " + json_list(rows[i].edge->properties) +
             ", \"target\": " + json_entity(*g, rows[i].b) + "}";
    print_json(out + "]}");
    return 0;
  }
  for (const auto& r : rows) {
    if (format == "tsv")
      std::printf("%s\t%s\t%s\t%s\n", r.date.c_str(), (*g)[r.a].iri.c_str(), joined(r.edge->properties).c_str(),
                  (*g)[r.b].iri.c_str());
    else
      std::printf("%-10s  %s %s %s\n", r.date.c_str(), (*g)[r.a].label.c_str(), joined(r.edge->properties).c_str(),
                  (*g)[r.b].label.c_str());
  }
  return 0;
}

int run_chart(GraphState& s) {
  auto g = s.chart_args.load();
  if (!g) return fail(g.error());
  std::optional<GraphVertexId> only;
  std::string title = "Relations established per year";
  if (!s.chart_name.empty()) {
    auto v = find_vertex(*g, s.chart_name);
    if (!v) return fail(v.error());
    only = *v;
    title += " by " + (*g)[*v].label;
  }
  if (!s.chart_args.via.empty()) title += " (" + s.chart_args.via + ")";
  if (!s.chart_args.as_of.empty()) title += ", as of " + s.chart_args.as_of;
  auto per_year = relations_per_year(*g, only);
  if (per_year.empty()) return fail(make_error(Status::failure, "no dated relations to chart"));
  Outcome written = write_file(s.chart_output, timeline_svg(per_year, title));
  if (!written) return fail(written.error());
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
  CLI::App* path_cmd = app.add_subcommand("path", "Shortest path, or the --k shortest simple paths, between two entities (by label, alias or IRI), hop by hop.");
  s->path_args.add_to(path_cmd);
  path_cmd->add_option("from", s->path_from, "Start entity")->required();
  path_cmd->add_option("to", s->path_to, "End entity")->required();
  path_cmd->add_flag("--evidence", s->path_evidence, "Print the sentence or table row behind each hop");
  path_cmd->add_option("--k", s->path_k, "How many shortest simple paths (Yen's algorithm), fewest hops first")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000}))->capture_default_str();
  CLI::App* rank_cmd = app.add_subcommand("rank", "Centrality of every entity, highest first (NetworkX-compatible values).");
  s->rank_args.add_to(rank_cmd);
  rank_cmd->add_option("--measure", s->measure, "degree, betweenness, closeness, pagerank or eigenvector")
      ->check(CLI::IsMember({"degree", "betweenness", "closeness", "pagerank", "eigenvector"}))->capture_default_str();
  rank_cmd->add_option("--top", s->top, "How many to print (0: all)")->capture_default_str();
  rank_cmd->add_option("--samples", s->samples,
                       "Betweenness from this many evenly spread source vertices, scaled as NetworkX's k (0: exact)")
      ->capture_default_str();
  CLI::App* comp_cmd = app.add_subcommand("components", "Connected components, largest first.");
  s->comp_args.add_to(comp_cmd);
  CLI::App* stats_cmd = app.add_subcommand("stats", "Counts of entities by type and edges by property, density, degree distribution, components, diameter of the largest component.");
  s->stats_args.add_to(stats_cmd);
  CLI::App* communities_cmd = app.add_subcommand("communities", "Communities by Louvain modularity optimisation, with the modularity.");
  s->communities_args.add_to(communities_cmd);
  CLI::App* cores_cmd = app.add_subcommand("cores", "k-core number of every entity, highest first.");
  s->cores_args.add_to(cores_cmd);
  CLI::App* neighbors_cmd = app.add_subcommand("neighbors", "Entities within --depth hops of one entity.");
  s->neighbors_args.add_to(neighbors_cmd);
  neighbors_cmd->add_option("name", s->neighbors_name, "Entity (label, alias or IRI)")->required();
  neighbors_cmd->add_option("--depth", s->depth, "Hops")->capture_default_str();
  CLI::App* distances_cmd = app.add_subcommand("distances", "Hops from one entity to every entity it reaches (breadth-first search), nearest first.");
  s->distances_args.add_to(distances_cmd);
  distances_cmd->add_option("from", s->distances_from, "Start entity (label, alias or IRI)")->required();
  CLI::App* timeline_cmd = app.add_subcommand("timeline", "Dated relations in date order, optionally of one entity.");
  s->timeline_args.add_to(timeline_cmd);
  timeline_cmd->add_option("name", s->timeline_name, "Entity (label, alias or IRI)");
  CLI::App* chart_cmd = app.add_subcommand("chart", "Bar chart (SVG) of relations established per year, of all entities or one.");
  s->chart_args.add_to(chart_cmd);
  chart_cmd->add_option("name", s->chart_name, "Only this entity's relations (label, alias or IRI)");
  chart_cmd->add_option("-o,--output", s->chart_output, "SVG file to write")->required();
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
  commands.push_back({distances_cmd, [s] { return run_distances(*s); }});
  commands.push_back({timeline_cmd, [s] { return run_timeline(*s); }});
  commands.push_back({chart_cmd, [s] { return run_chart(*s); }});
  commands.push_back({draw_cmd, [s] { return run_draw(*s); }});
  commands.push_back({export_cmd, [s] { return run_export(*s); }});
}

}  // namespace diplograph::cli
