// The site module: paths from IRIs, escaping and highlighting, the search
// keys, and write_site on small graphs (pages, facts, conflicts, search
// shards, errors that leave nothing behind).
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "diplograph/site.hpp"
#include "support.hpp"

using namespace diplograph;
namespace fs = std::filesystem;

namespace {

fs::path fresh_folder(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("diplograph-site-test-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

std::string slurp(const fs::path& path) { return test_support::read_text(path.string()); }

// Two states, an organization, two documents; a membership stated twice with
// two dates that disagree (and a conflict that says so), a relation.
const char* const small_graph = R"TTL(
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix state: <https://w3id.org/diplograph/id/state/> .
@prefix organization: <https://w3id.org/diplograph/id/organization/> .
@prefix document: <https://w3id.org/diplograph/id/document/> .
@prefix statement: <https://w3id.org/diplograph/id/statement/> .
@prefix conflict: <https://w3id.org/diplograph/id/conflict/> .
state:AAA a dg:State ; rdfs:label "Alphaland"@en ; skos:altLabel "Republic of Alpha <&>"@en ;
  dg:iso3166Alpha3 "AAA" ; dg:memberOf organization:pact ; dg:diplomaticRelationsWith state:BBB .
state:BBB a dg:State ; rdfs:label "Betaland"@en ; dg:diplomaticRelationsWith state:AAA .
organization:pact a dg:Organization ; rdfs:label "Northern Pact"@en ; skos:altLabel "NP"@en .
document:one a dg:Document ; rdfs:label "First report"@en ; dg:sourceFile "one.txt" .
document:two a dg:Document ; rdfs:label "Second report"@en ; dg:sourceFile "two.txt" .
statement:s1 a rdf:Statement ; rdf:subject state:AAA ; rdf:predicate dg:memberOf ;
  rdf:object organization:pact ; prov:wasDerivedFrom document:one ; dg:date "2004-03-29"^^xsd:date ;
  dg:evidence "Alphaland joined the Northern Pact on 29 March 2004."@en ; nif:beginIndex 40 ; nif:endIndex 92 ;
  dg:rule "membership.joined" ; dg:confidence 0.9 ; dg:section "History" .
statement:s2 a rdf:Statement ; rdf:subject state:AAA ; rdf:predicate dg:memberOf ;
  rdf:object organization:pact ; prov:wasDerivedFrom document:two ; dg:date "1999"^^xsd:gYear ;
  dg:evidence "In 1999 Alphaland became a member of the NP."@en ; nif:beginIndex 0 ; nif:endIndex 44 ;
  dg:rule "membership.member-of" ; dg:confidence 0.85 .
statement:s3 a rdf:Statement ; rdf:subject state:AAA ; rdf:predicate dg:diplomaticRelationsWith ;
  rdf:object state:BBB ; prov:wasDerivedFrom document:one ;
  dg:evidence "Alphaland and Betaland established relations."@en ; nif:beginIndex 0 ; nif:endIndex 38 ;
  dg:rule "relations.established" ; dg:confidence 0.9 .
conflict:c1 a dg:Conflict ; rdf:subject state:AAA ; rdf:predicate dg:memberOf ;
  rdf:object organization:pact ; dg:conflictReason "dated 1999 in one document and 2004-03-29 in another"@en ;
  dg:conflictingStatement statement:s1 , statement:s2 .
)TTL";

}  // namespace

TEST_CASE("site: page paths are derived from IRIs, stable, sharded and safe") {
  std::string ltu = site::page_path("https://w3id.org/diplograph/id/state/LTU");
  CHECK(ltu.rfind("state/", 0) == 0);
  CHECK(ltu.size() == std::string("state/xx/LTU.html").size());
  CHECK(ltu.substr(ltu.size() - 9) == "/LTU.html");
  CHECK(site::page_path("https://w3id.org/diplograph/id/state/LTU") == ltu);
  CHECK(site::page_path("https://w3id.org/diplograph/id/state/LTU", "svg") == ltu.substr(0, ltu.size() - 4) + "svg");
  // Two entities usually land in different shard folders.
  CHECK(site::page_path("https://w3id.org/diplograph/id/state/LVA").substr(0, 9) != ltu.substr(0, 9));
  std::string odd = site::page_path("https://w3id.org/diplograph/id/treaty/a/b ../\"x\"");
  CHECK(odd.find("..") == std::string::npos);
  CHECK(odd.find('"') == std::string::npos);
  CHECK(std::count(odd.begin(), odd.end(), '/') == 2);
  CHECK(site::page_path("http://example.org/thing#x").rfind("other/", 0) == 0);
  std::string long_name = site::page_path("https://w3id.org/diplograph/id/event/" + std::string(400, 'z'));
  CHECK(long_name.size() < 150);
  CHECK(long_name != site::page_path("https://w3id.org/diplograph/id/event/" + std::string(401, 'z')));
}

TEST_CASE("site: escaping and highlighting names in evidence") {
  CHECK(site::html_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(site::highlight_names("Latvia–Lithuania relations", {"Lithuania", "Latvia"}) ==
        "<mark>Latvia</mark>–<mark>Lithuania</mark> relations");
  // Whole words only; the longest name wins; text is escaped inside and out.
  CHECK(site::highlight_names("Lithuanian <NATO> North Atlantic Treaty Organization",
                              {"Lithuania", "NATO", "North Atlantic Treaty Organization", "Treaty"}) ==
        "Lithuanian &lt;<mark>NATO</mark>&gt; <mark>North Atlantic Treaty Organization</mark>");
  CHECK(site::highlight_names("A & B", {"&", "A"}) == "A &amp; B");  // one-byte names are not marked
}

TEST_CASE("site: search keys and Graphviz output split per graph") {
  CHECK(site::search_key("Åland Islands") == "aland-islands");
  CHECK(site::search_key("North Atlantic Treaty Organization (NATO)") == "north-atlantic-treaty-organization-nato");
  CHECK(site::search_key("—") == "");
  auto svgs = site::split_svg_documents(
      "<?xml version=\"1.0\"?>\n<svg a=\"1\"><g/></svg>\n<?xml version=\"1.0\"?>\n<!-- x -->\n<svg b=\"2\"></svg>\n");
  REQUIRE(svgs.size() == 2);
  CHECK(svgs[0] == "<svg a=\"1\"><g/></svg>\n");
  CHECK(svgs[1] == "<svg b=\"2\"></svg>\n");
}

TEST_CASE("site: a small graph's pages hold its facts, sources, conflict and search rows") {
  fs::path dir = fresh_folder("small");
  write_text(dir / "g.ttl", small_graph);
  SiteOptions options;
  options.graph_file = (dir / "g.ttl").string();
  options.output_dir = (dir / "site").string();
  options.drawings = false;
  auto summary = write_site(options);
  REQUIRE_MESSAGE(summary.ok(), (summary.ok() ? "" : summary.error().to_string()));
  CHECK(summary->entities == 3);
  CHECK(summary->documents == 2);
  CHECK(summary->statements == 3);
  CHECK(summary->conflicts == 1);

  fs::path site_dir = dir / "site";
  std::string alpha = slurp(site_dir / site::page_path("https://w3id.org/diplograph/id/state/AAA"));
  CHECK(alpha.find("<html lang=\"en\">") != std::string::npos);
  CHECK(alpha.find("<main id=\"main\">") != std::string::npos);
  CHECK(alpha.find("<h1>Alphaland</h1>") != std::string::npos);
  CHECK(alpha.find("Republic of Alpha &lt;&amp;&gt;") != std::string::npos);
  CHECK(alpha.find("<h3 id=\"property-1\">member of (1)</h3>") != std::string::npos);
  CHECK(alpha.find("<mark>Alphaland</mark> joined the <mark>Northern Pact</mark> on 29 March 2004.") != std::string::npos);
  CHECK(alpha.find("In 1999 <mark>Alphaland</mark> became a member of the <mark>NP</mark>.") != std::string::npos);
  CHECK(alpha.find("(the sources give different dates)") != std::string::npos);
  CHECK(alpha.find("section “History”, characters 40–92. Rule <code>membership.joined</code>, confidence 0.9") !=
        std::string::npos);
  // The conflict, both sides, in order of their documents.
  auto conflict = alpha.find("<section class=\"conflict\"");
  REQUIRE(conflict != std::string::npos);
  auto first = alpha.find("Source 1: <a", conflict), second = alpha.find("Source 2: <a", conflict);
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  CHECK(alpha.substr(first, second - first).find("First report") != std::string::npos);
  CHECK(alpha.substr(second).find("Second report") != std::string::npos);
  // The timeline, in date order.
  auto timeline = alpha.find("id=\"timeline\"");
  REQUIRE(timeline != std::string::npos);
  CHECK(alpha.find("1999", timeline) < alpha.find("2004-03-29", timeline));
  // The organization lists its member from the other side.
  std::string pact = slurp(site_dir / site::page_path("https://w3id.org/diplograph/id/organization/pact"));
  CHECK(pact.find(">members (1)</h3>") != std::string::npos);
  // The document page: statements in text order.
  std::string one = slurp(site_dir / site::page_path("https://w3id.org/diplograph/id/document/one"));
  CHECK(one.find("established relations") < one.find("joined the"));
  // The index and the search shards.
  std::string index = slurp(site_dir / "index.html");
  CHECK(index.find("3 entities, 2 documents, 3 statements") != std::string::npos);
  std::string n_shard = slurp(site_dir / "search/n.js");
  CHECK(n_shard.rfind("dgSearchShard(\"n\", [", 0) == 0);
  CHECK(n_shard.find("[\"northern-pact\",\"Northern Pact\",0,0]") != std::string::npos);
  CHECK(n_shard.find("[\"np\",\"NP\",0,0]") != std::string::npos);
  std::string p_shard = slurp(site_dir / "search/p.js");
  CHECK(p_shard.find("[\"pact\",\"Northern Pact\",0,9]") != std::string::npos);  // a later word of a name
  CHECK(fs::exists(site_dir / "assets/site.css"));
  CHECK(fs::exists(site_dir / "assets/search.js"));
  // Nothing but the site is left beside it.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  CHECK(entries == 2);
}

TEST_CASE("site: bad graphs and occupied folders are errors that leave nothing behind") {
  fs::path dir = fresh_folder("bad");
  SiteOptions options;
  options.output_dir = (dir / "site").string();
  options.drawings = false;
  auto error_of = [&](const std::string& graph) {
    options.graph_file = graph;
    auto r = write_site(options);
    return r.ok() ? std::string("(no error)") : r.error().to_string();
  };
  CHECK(error_of((dir / "missing.ttl").string()).find("no such file or directory") != std::string::npos);
  write_text(dir / "empty.ttl", "# nothing\n");
  CHECK(error_of((dir / "empty.ttl").string()).find("empty graph (no triples)") != std::string::npos);
  write_text(dir / "broken.ttl", "<a> <b> .\n");
  CHECK(error_of((dir / "broken.ttl").string()).find("broken.ttl:1:") != std::string::npos);
  write_text(dir / "foreign.ttl", "<http://x/a> <http://x/b> <http://x/c> .\n");
  CHECK(error_of((dir / "foreign.ttl").string()).find("no entities or documents") != std::string::npos);
  CHECK(!fs::exists(dir / "site"));

  write_text(dir / "g.ttl", small_graph);
  fs::create_directories(dir / "site");
  write_text(dir / "site" / "keep.txt", "mine");
  CHECK(error_of((dir / "g.ttl").string()).find("folder is not empty (use --force to replace it)") != std::string::npos);
  CHECK(slurp(dir / "site" / "keep.txt") == "mine");
  options.force = true;
  CHECK(error_of((dir / "g.ttl").string()) == "(no error)");
  CHECK(!fs::exists(dir / "site" / "keep.txt"));
  CHECK(fs::exists(dir / "site" / "index.html"));
  for (const auto& e : fs::directory_iterator(dir))
    CHECK_MESSAGE(e.path().filename().string().find(".site-") == std::string::npos, e.path().string());
}
