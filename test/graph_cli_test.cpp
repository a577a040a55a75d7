// End-to-end checks of the graph commands: the built CLI on out/graph.ttl
// (the acceptance) and on the small graphs in test/data/graph/.
#include <doctest/doctest.h>

#include <pugixml.hpp>

#include <filesystem>
#include <string>

#include "cli_support.hpp"

using test_support::cli;
using test_support::Output;
using test_support::temp_path;

namespace {
std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}
std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }
}  // namespace

TEST_CASE("graph cli: the acceptance on out/graph.ttl") {
  Output path = cli("path out/graph.ttl Gambia NATO");
  REQUIRE(path.status == 0);
  CHECK(path.out == "Gambia\n  -[diplomaticRelationsWith 2000-02-17]- Lithuania\n"
                    "  -[memberOf 2004-03-29]- North Atlantic Treaty Organization\n");
  Output rank = cli("rank out/graph.ttl --measure betweenness --top 5");
  REQUIRE(rank.status == 0);
  CHECK(first_line(rank.out).rfind("Lithuania ", 0) == 0);
  CHECK(count(rank.out, "\n") == 5);
  Output early = cli("path out/graph.ttl Lithuania NATO --as-of 2003-12-31");
  CHECK(early.status == 0);
  CHECK(early.out == "no path from Lithuania to North Atlantic Treaty Organization\n");
  Output eu = cli("neighbors out/graph.ttl Lithuania --as-of 2003-12-31");
  CHECK(eu.out.find("North Atlantic Treaty Organization") == std::string::npos);
  CHECK(eu.out.find("\tEuropean Union ") == std::string::npos);
  Output later = cli("neighbors out/graph.ttl Lithuania");
  CHECK(later.out.find("\tEuropean Union ") != std::string::npos);  // the check above can fail
  Output communities = cli("communities out/graph.ttl");
  CHECK(communities.out.rfind("modularity 0.35", 0) == 0);
}

TEST_CASE("graph cli: k shortest paths, hop by hop, in every format") {
  Output o = cli("path out/graph.ttl Gambia NATO --k 3 --evidence");
  REQUIRE(o.status == 0);
  CHECK(o.out.rfind("path 1: 2 hops\nGambia\n  -[diplomaticRelationsWith 2000-02-17]- Lithuania\n", 0) == 0);
  CHECK(count(o.out, "\npath ") == 2);
  CHECK(o.out.find("path 3: 3 hops") != std::string::npos);
  CHECK(o.out.find("See Gambia–Lithuania relations") != std::string::npos);
  Output all = cli("path test/data/graph/paths.ttl Alpha Delta --k 10");
  CHECK(all.out.find("path 6: 4 hops") != std::string::npos);
  CHECK(all.out.find("(only 6 simple paths from Alpha to Delta)") != std::string::npos);
  Output tsv = cli("path test/data/graph/paths.ttl Alpha Delta --k 2 --format tsv --evidence");
  CHECK(tsv.out ==
        "1\t1\thttps://w3id.org/diplograph/id/state/A\tdiplomaticRelationsWith\t1991-09-06\t"
        "https://w3id.org/diplograph/id/state/B\tAlpha and Bravo established relations on 6 September 1991.\n"
        "1\t2\thttps://w3id.org/diplograph/id/state/B\tdiplomaticRelationsWith\t1993\thttps://w3id.org/diplograph/id/state/D\t\n"
        "2\t1\thttps://w3id.org/diplograph/id/state/A\tdiplomaticRelationsWith\t1991-10-01\thttps://w3id.org/diplograph/id/state/C\t\n"
        "2\t2\thttps://w3id.org/diplograph/id/state/C\tdiplomaticRelationsWith\t\thttps://w3id.org/diplograph/id/state/D\t\n");
  Output json = cli("path test/data/graph/paths.ttl Alpha Foxtrot --k 2 --format json");
  CHECK(json.status == 0);
  CHECK(json.out.find("\"paths\": []}") != std::string::npos);
  Output none = cli("path test/data/graph/paths.ttl Alpha Foxtrot --format tsv");
  CHECK(none.out.empty());
  CHECK(none.err == "no path from Alpha to Foxtrot\n");
  Output bad_k = cli("path test/data/graph/paths.ttl Alpha Delta --k 0");
  CHECK(bad_k.status != 0);
}

TEST_CASE("graph cli: unknown and ambiguous names are one clear error line") {
  Output twin = cli("path test/data/graph/paths.ttl Twin Delta");
  CHECK(twin.status == 1);
  CHECK(twin.out.empty());
  CHECK(twin.err ==
        "diplograph: error: 'Twin' names 2 entities; give one of their IRIs: 'Bravo' "
        "<https://w3id.org/diplograph/id/state/B>, 'Charlie' <https://w3id.org/diplograph/id/state/C>\n");
  Output by_iri = cli("path test/data/graph/paths.ttl https://w3id.org/diplograph/id/state/C Delta");
  CHECK(by_iri.status == 0);
  Output unknown = cli("neighbors out/graph.ttl Atlantis");
  CHECK(unknown.status == 1);
  CHECK(unknown.err == "diplograph: error: no entity is named 'Atlantis'\n");
  Output near = cli("distances out/graph.ttl Lithuan");
  CHECK(near.err.find("did you mean: 'Lithuania'") != std::string::npos);
}

TEST_CASE("graph cli: stats has degrees, density and the diameter of the largest component") {
  Output o = cli("stats test/data/graph/paths.ttl");
  REQUIRE(o.status == 0);
  CHECK(o.out.find("density 0.466667\n") != std::string::npos);
  CHECK(o.out.find("degree min 0, median 2.5, mean 2.333, max 4\n") != std::string::npos);
  CHECK(o.out.find("components 2, the largest with 5 entities\n") != std::string::npos);
  CHECK(o.out.find("diameter 2 (of the largest component)\n") != std::string::npos);
  Output json = cli("stats test/data/graph/paths.ttl --format json");
  CHECK(json.out.find("\"degree\": {\"min\": 0, \"median\": 2.5, ") != std::string::npos);
  CHECK(json.out.find("\"diameter_of_largest_component\": 2, \"diameter_bounds\": [2, 2]}") != std::string::npos);
}

TEST_CASE("graph cli: JSON output escapes labels and every graph command has it") {
  Output o = cli("neighbors test/data/graph/paths.ttl Delta --format json");
  REQUIRE(o.status == 0);
  CHECK(o.out.find("\"label\": \"Echo \\\"E\\\"\"") != std::string::npos);
  for (const char* command : {"path out/graph.ttl Gambia NATO --k 2", "rank out/graph.ttl", "components out/graph.ttl",
                              "communities out/graph.ttl", "cores out/graph.ttl", "neighbors out/graph.ttl Gambia",
                              "distances out/graph.ttl Gambia", "stats out/graph.ttl", "timeline out/graph.ttl Lithuania"}) {
    Output j = cli(std::string(command) + " --format json");
    CHECK_MESSAGE(j.status == 0, command);
    CHECK_MESSAGE(j.out.rfind("{\"", 0) == 0, command);  // test/networkx_check.py parses each one fully
    CHECK_MESSAGE(j.out.size() > 2, command);
    CHECK_MESSAGE(j.out.substr(j.out.size() - 2) == "}\n", command);
  }
}

TEST_CASE("graph cli: chart writes the timeline as SVG, and fails cleanly without dates") {
  std::string svg = temp_path("timeline.svg");
  Output o = cli("chart test/data/graph/paths.ttl Alpha -o '" + svg + "'");
  REQUIRE(o.status == 0);
  pugi::xml_document doc;
  REQUIRE(doc.load_file(svg.c_str()));
  std::size_t bars = 0;
  for (auto rect : doc.child("svg").children("rect")) bars += rect.child("title") ? 1 : 0;
  CHECK(bars == 1);  // Alpha's two relations are both of 1991
  CHECK(std::string(doc.child("svg").child("text").text().get()) == "Relations established per year by Alpha");
  std::string none = temp_path("none.svg");
  std::filesystem::remove(none);
  Output empty = cli("chart test/data/graph/paths.ttl Foxtrot -o '" + none + "'");
  CHECK(empty.status == 1);
  CHECK(empty.err == "diplograph: error: no dated relations to chart\n");
  CHECK_FALSE(std::filesystem::exists(none));
}
