#include <doctest/doctest.h>

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
