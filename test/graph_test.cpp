#include <doctest/doctest.h>

#include <pugixml.hpp>

#include <set>

#include "diplograph/graph.hpp"

using namespace diplograph;

namespace {
RelationGraph load(const GraphOptions& o = {}) {
  auto g = load_relation_graph(DIPLOGRAPH_TEST_DIR "/data/graph/small.ttl", o);
  REQUIRE_MESSAGE(g.ok(), g.error().to_string());
  return std::move(g).value();
}
}  // namespace

TEST_CASE("graph: vertices by type, one edge per linked pair, names resolve") {
  RelationGraph g = load();
  CHECK(boost::num_vertices(g) == 5);
  CHECK(boost::num_edges(g) == 3);  // memberOf and observerOf EU share one edge; relations both ways one
  auto gm = find_vertex(g, "gambia");
  REQUIRE(gm.ok());
  CHECK(g[*gm].label == "Gambia");
  auto unknown = find_vertex(g, "Atlantis");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message.find("Atlantis") != std::string::npos);
}

TEST_CASE("graph: shortest path goes through the hub, components count the island") {
  RelationGraph g = load();
  auto path = shortest_path(g, *find_vertex(g, "Gambia"), *find_vertex(g, "NATO"));
  REQUIRE(path.size() == 3);
  CHECK(g[path[1]].label == "Lithuania");
  int count = 0;
  connected_components(g, count);
  CHECK(count == 2);  // Fiji has no relations here
  auto none = shortest_path(g, *find_vertex(g, "Gambia"), *find_vertex(g, "Fiji"));
  CHECK(none.empty());
}

TEST_CASE("graph: --as-of drops later facts and keeps undated ones unless dated-only") {
  GraphOptions early;
  early.as_of = "2003-12-31";
  RelationGraph g = load(early);
  CHECK(boost::num_edges(g) == 2);  // NATO membership (2004) is gone
  early.dated_only = true;
  CHECK(boost::num_edges(load(early)) == 1);  // and the undated EU one
  GraphOptions via;
  via.via = {"memberOf"};
  CHECK(boost::num_edges(load(via)) == 2);
}

TEST_CASE("graph: centralities on a star") {
  RelationGraph g = load();
  auto b = betweenness_centrality(g);
  auto ltu = *find_vertex(g, "Lithuania");
  for (auto v : boost::make_iterator_range(boost::vertices(g)))
    if (v != ltu) CHECK(b[v] == doctest::Approx(0.0));
  // Lithuania sits on the 3 paths between its 3 neighbours; n = 5.
  CHECK(b[ltu] == doctest::Approx(3.0 * 2.0 / (4.0 * 3.0)));
  auto pr = pagerank(g);
  double sum = 0;
  for (double x : pr) sum += x;
  CHECK(sum == doctest::Approx(1.0));
  CHECK(degree_centrality(g)[ltu] == doctest::Approx(3.0 / 4.0));
}

TEST_CASE("graph: cores, communities and neighbourhoods") {
  RelationGraph g = load();
  auto core = core_numbers(g);
  CHECK(core[*find_vertex(g, "Lithuania")] == 1);
  CHECK(core[*find_vertex(g, "Fiji")] == 0);
  auto community = louvain_communities(g);
  CHECK(community[*find_vertex(g, "Gambia")] == community[*find_vertex(g, "Lithuania")]);
  CHECK(community[*find_vertex(g, "Fiji")] != community[*find_vertex(g, "Lithuania")]);
  CHECK(modularity(g, community) == doctest::Approx(0.0));  // a star has no better split
  std::vector<int> split(boost::num_vertices(g));
  for (std::size_t i = 0; i < split.size(); ++i) split[i] = static_cast<int>(i);
  CHECK(modularity(g, split) < 0.0);  // singletons are worse than one community
  auto near = neighborhood(g, *find_vertex(g, "Gambia"), 2);
  REQUIRE(near.size() == 3);
  CHECK(g[near[0].first].label == "Lithuania");
  CHECK(near[0].second == 1);
  CHECK(near[2].second == 2);
}

namespace {
RelationGraph load_paths() {
  auto g = load_relation_graph(DIPLOGRAPH_TEST_DIR "/data/graph/paths.ttl", {});
  REQUIRE_MESSAGE(g.ok(), g.error().to_string());
  return std::move(g).value();
}
std::vector<std::string> labels(const RelationGraph& g, const std::vector<GraphVertexId>& path) {
  std::vector<std::string> out;
  for (auto v : path) out.push_back(g[v].label.substr(0, 1));
  return out;
}
}  // namespace

TEST_CASE("graph: k shortest simple paths on a hand-counted graph") {
  RelationGraph g = load_paths();
  auto a = *find_vertex(g, "Alpha"), d = *find_vertex(g, "Delta");
  auto paths = k_shortest_paths(g, a, d, 10);
  // Every simple path Alpha -> Delta (see the file's comment), fewest hops
  // first, equal lengths in vertex order; only six exist.
  using P = std::vector<std::string>;
  REQUIRE(paths.size() == 6);
  CHECK(labels(g, paths[0]) == P{"A", "B", "D"});
  CHECK(labels(g, paths[1]) == P{"A", "C", "D"});
  CHECK(labels(g, paths[2]) == P{"A", "B", "C", "D"});
  CHECK(labels(g, paths[3]) == P{"A", "C", "B", "D"});
  CHECK(labels(g, paths[4]) == P{"A", "C", "E", "D"});
  CHECK(labels(g, paths[5]) == P{"A", "B", "C", "E", "D"});
  // Asking for fewer gives the first ones; k = 1 is the shortest path.
  auto two = k_shortest_paths(g, a, d, 2);
  REQUIRE(two.size() == 2);
  CHECK(two[1] == paths[1]);
  CHECK(k_shortest_paths(g, a, d, 1)[0] == shortest_path(g, a, d));
  CHECK(k_shortest_paths(g, a, d, 0).empty());
  // No path to the island; a path from a vertex to itself has no hops.
  CHECK(k_shortest_paths(g, a, *find_vertex(g, "Foxtrot"), 3).empty());
  auto self = k_shortest_paths(g, a, a, 3);
  REQUIRE(self.size() == 1);
  CHECK(self[0].size() == 1);
}

TEST_CASE("graph: k shortest paths on a cycle and a complete graph") {
  // A cycle of 6 has exactly two simple paths between opposite vertices (3 hops each).
  RelationGraph ring;
  for (int i = 0; i < 6; ++i) boost::add_vertex(GraphVertex{std::string("v").append(std::to_string(i)), "v", "State", {}}, ring);
  for (int i = 0; i < 6; ++i) boost::add_edge(static_cast<GraphVertexId>(i), static_cast<GraphVertexId>((i + 1) % 6), ring);
  auto ring_paths = k_shortest_paths(ring, 0, 3, 5);
  REQUIRE(ring_paths.size() == 2);
  CHECK(ring_paths[0] == std::vector<GraphVertexId>{0, 1, 2, 3});
  CHECK(ring_paths[1] == std::vector<GraphVertexId>{0, 5, 4, 3});
  // K5: between two vertices 1 path of 1 hop, 3 of 2, 6 of 3, 6 of 4 = 16.
  RelationGraph k5;
  for (int i = 0; i < 5; ++i) boost::add_vertex(GraphVertex{std::string("k").append(std::to_string(i)), "k", "State", {}}, k5);
  for (int i = 0; i < 5; ++i)
    for (int j = i + 1; j < 5; ++j) boost::add_edge(static_cast<GraphVertexId>(i), static_cast<GraphVertexId>(j), k5);
  auto all = k_shortest_paths(k5, 0, 4, 100);
  REQUIRE(all.size() == 16);
  std::vector<std::size_t> hops;
  for (const auto& p : all) hops.push_back(p.size() - 1);
  CHECK(hops == std::vector<std::size_t>{1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4});
  std::set<std::vector<GraphVertexId>> distinct(all.begin(), all.end());
  CHECK(distinct.size() == all.size());
  for (const auto& p : all) CHECK(std::set<GraphVertexId>(p.begin(), p.end()).size() == p.size());  // simple
}

TEST_CASE("graph: an ambiguous name lists its candidates; an IRI always resolves") {
  RelationGraph g = load_paths();
  auto twin = find_vertex(g, "TWIN");
  REQUIRE_FALSE(twin.ok());
  const std::string& m = twin.error().message;
  CHECK(m.find("names 2 entities") != std::string::npos);
  CHECK(m.find("'Bravo' <https://w3id.org/diplograph/id/state/B>") != std::string::npos);
  CHECK(m.find("'Charlie' <https://w3id.org/diplograph/id/state/C>") != std::string::npos);
  auto by_iri = find_vertex(g, "https://w3id.org/diplograph/id/state/C");
  REQUIRE(by_iri.ok());
  CHECK(g[*by_iri].label == "Charlie");
  auto near = find_vertex(g, "harl");
  REQUIRE_FALSE(near.ok());
  CHECK(near.error().message.find("did you mean: 'Charlie'") != std::string::npos);
}

TEST_CASE("graph: distances, degrees and the diameter") {
  RelationGraph g = load_paths();
  auto dist = bfs_distances(g, *find_vertex(g, "Alpha"));
  CHECK(dist[*find_vertex(g, "Delta")] == 2);
  CHECK(dist[*find_vertex(g, "Alpha")] == 0);
  CHECK(dist[*find_vertex(g, "Foxtrot")] == -1);
  DegreeSummary d = degree_summary(g);  // degrees 0, 2, 2, 3, 3, 4
  CHECK(d.min == 0);
  CHECK(d.max == 4);
  CHECK(d.median == doctest::Approx(2.5));
  CHECK(d.mean == doctest::Approx(14.0 / 6.0));
  std::vector<GraphVertexId> five;
  for (auto v : boost::make_iterator_range(boost::vertices(g)))
    if (g[v].label != "Foxtrot") five.push_back(v);
  CHECK(component_diameter(g, five).lower == 2);
  CHECK(component_diameter(g, five).exact());
  // A path of 7 vertices has diameter 6.
  RelationGraph line;
  for (int i = 0; i < 7; ++i) boost::add_vertex(GraphVertex{}, line);
  for (int i = 0; i + 1 < 7; ++i) boost::add_edge(static_cast<GraphVertexId>(i), static_cast<GraphVertexId>(i + 1), line);
  CHECK(component_diameter(line, {0, 1, 2, 3, 4, 5, 6}).upper == 6);
  // The bounds give the same answer as every eccentricity on a random sparse graph.
  RelationGraph r;
  const int n = 300;
  for (int i = 0; i < n; ++i) boost::add_vertex(GraphVertex{}, r);
  unsigned state = 12345;
  auto next = [&] { return state = state * 1103515245u + 12345u, static_cast<int>((state >> 8) % n); };
  for (int i = 1; i < n; ++i) boost::add_edge(static_cast<GraphVertexId>(i), static_cast<GraphVertexId>(next() % i), r);
  for (int i = 0; i < 40; ++i) {
    int a = next(), b = next();
    if (a != b) boost::add_edge(static_cast<GraphVertexId>(a), static_cast<GraphVertexId>(b), r);
  }
  int brute = 0;
  std::vector<GraphVertexId> all;
  for (auto v : boost::make_iterator_range(boost::vertices(r))) {
    all.push_back(v);
    for (int x : bfs_distances(r, v)) brute = std::max(brute, x);
  }
  CHECK(brute > 5);
  DiameterBounds bounds = component_diameter(r, all);
  CHECK(bounds.exact());
  CHECK(bounds.lower == brute);
  CHECK(bounds.searches < 100);  // far fewer than one search per vertex
  // With too small a budget, the true diameter lies within the bounds returned.
  DiameterBounds early = component_diameter(r, all, 1);
  CHECK(early.searches == 1);
  CHECK(early.lower <= brute);
  CHECK(early.upper >= brute);
}

TEST_CASE("graph: sampled betweenness is exact with every source and scaled with fewer") {
  for (RelationGraph g : {load(), load_paths()}) {
    auto exact = betweenness_centrality(g);
    auto sampled = betweenness_centrality_sampled(g, boost::num_vertices(g));
    for (std::size_t i = 0; i < exact.size(); ++i) CHECK(sampled[i] == doctest::Approx(exact[i]));
  }
  // One source (vertex 0, Alpha): Bravo and Charlie each carry half of
  // Alpha-Delta and Charlie all of Alpha-Echo; scaled by n / 1 and 1/((n-1)(n-2)).
  RelationGraph g = load_paths();
  auto one = betweenness_centrality_sampled(g, 1);
  CHECK(one[*find_vertex(g, "Bravo")] == doctest::Approx(0.5 * 6.0 / 20.0));
  CHECK(one[*find_vertex(g, "Charlie")] == doctest::Approx(1.5 * 6.0 / 20.0));
  CHECK(one[*find_vertex(g, "Alpha")] == doctest::Approx(0.0));
}

TEST_CASE("graph: relations per year and the timeline chart as SVG") {
  RelationGraph g = load_paths();
  auto per_year = relations_per_year(g);
  CHECK(per_year == std::map<int, std::size_t>{{1991, 2}, {1993, 1}, {2004, 1}});
  auto of_alpha = relations_per_year(g, *find_vertex(g, "Alpha"));
  CHECK(of_alpha == std::map<int, std::size_t>{{1991, 2}});
  std::string svg = timeline_svg(per_year, "Relations <per> year & \"more\"");
  pugi::xml_document doc;
  auto parsed = doc.load_string(svg.c_str());
  REQUIRE_MESSAGE(parsed, parsed.description());
  pugi::xml_node root = doc.child("svg");
  REQUIRE(root);
  CHECK(std::string(root.attribute("xmlns").value()) == "http://www.w3.org/2000/svg");
  std::vector<std::string> tips;
  double tallest = 0, other = 0;
  for (auto rect : root.children("rect"))
    if (rect.child("title")) {
      tips.push_back(rect.child("title").text().get());
      double h = rect.attribute("height").as_double();
      if (tips.back().rfind("1991", 0) == 0) tallest = h;
      if (tips.back().rfind("1993", 0) == 0) other = h;
    }
  CHECK(tips == std::vector<std::string>{"1991: 2 relations", "1993: 1 relation", "2004: 1 relation"});
  CHECK(tallest == doctest::Approx(2 * other));  // bar height proportional to the count
  std::string title;
  for (auto t : root.children("text")) title += std::string(t.text().get()) + "|";
  CHECK(title.find("Relations <per> year & \"more\"") != std::string::npos);  // escaped in, read back as text
  CHECK(title.find("1995|") != std::string::npos);  // a year label on the axis
}

TEST_CASE("graph: JSON strings are escaped") {
  CHECK(json_quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(json_quote("line\nnext\ttab\x01") == "\"line\\nnext\\ttab\\u0001\"");
  CHECK(json_quote("Lietuvos Respublika – Vilnius") == "\"Lietuvos Respublika – Vilnius\"");
}
