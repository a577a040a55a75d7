// End-to-end: runs the built CLI on the examples and on bad input.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "diplograph/rdf.hpp"
#include "cli_support.hpp"
#include "support.hpp"

using namespace diplograph;
using test_support::cli;
using test_support::Output;
using test_support::temp_path;
namespace fs = std::filesystem;

namespace {

struct Graph {
  std::set<std::tuple<std::string, std::string, std::string>> triples;
  bool has(const std::string& s, const std::string& p, const std::string& o) const {
    return triples.count({s, p, o}) > 0;
  }
};

Graph load(const std::string& path) {
  Graph g;
  auto r = parse_rdf_file(path, RdfSyntax::turtle, [&](const Triple& t) -> Outcome {
    g.triples.insert({t.subject.value, t.predicate.value, t.object.value});
    return {};
  });
  REQUIRE_MESSAGE(r.ok(), r.error().to_string());
  return g;
}

std::string dg(const char* local) { return iri(ns::dg, local); }
std::string res(const char* local) { return iri(ns::dgr, local); }

// The date of a statement node for s p o, if any statement has that date.
bool dated(const Graph& g, const std::string& s, const char* p, const std::string& o,
           const std::string& date) {
  for (const auto& [node, pred, obj] : g.triples) {
    if (pred != iri(ns::rdf, "subject") || obj != s) continue;
    if (g.has(node, iri(ns::rdf, "predicate"), dg(p)) && g.has(node, iri(ns::rdf, "object"), o) &&
        g.has(node, dg("date"), date))
      return true;
  }
  return false;
}

}  // namespace

TEST_CASE("cli: --help and --version on the tool and on build") {
  Output help = cli("--help");
  CHECK(help.status == 0);
  CHECK(help.out.find("build") != std::string::npos);
  Output build_help = cli("build --help");
  CHECK(build_help.status == 0);
  CHECK(build_help.out.find("--input-format") != std::string::npos);
  Output version = cli("--version");
  CHECK(version.status == 0);
  CHECK(version.out.find("diplograph ") == 0);
}

TEST_CASE("cli: the examples reproduce out/graph.ttl byte for byte") {
  std::string path = temp_path("graph.ttl");
  Output o = cli("build examples/documents -o '" + path + "'");
  REQUIRE_MESSAGE(o.status == 0, o.err);
  std::string fresh = test_support::read_text(path);
  std::string committed = test_support::read_text(DIPLOGRAPH_SOURCE_DIR "/out/graph.ttl");
  CHECK_MESSAGE(fresh == committed,
                "out/graph.ttl is stale: run scripts/examples.sh and commit out/graph.ttl");
  CHECK(o.err.find("documents") != std::string::npos);  // the summary
  CHECK(o.err.find("name no country") != std::string::npos);  // the lost table cells
}

TEST_CASE("cli: the example graph has the facts a reader of the examples expects") {
  Graph g = load(DIPLOGRAPH_SOURCE_DIR "/out/graph.ttl");
  const std::string ltu = res("state/LTU");
  for (const char* type : {"State", "Organization", "Treaty", "Event", "Document"}) {
    bool found = false;
    for (const auto& [s, p, o] : g.triples)
      if (p == iri(ns::rdf, "type") && o == dg(type)) found = true;
    CHECK_MESSAGE(found, type);
  }
  auto org = [&](const char* name) {
    auto id = test_support::repo_gazetteer().lookup(name);
    REQUIRE_MESSAGE(id.has_value(), name);
    return test_support::repo_gazetteer().entities()[*id].iri;
  };
  CHECK(dated(g, ltu, "memberOf", org("United Nations"), "1991-09-18"));
  CHECK(dated(g, ltu, "memberOf", org("NATO"), "2004-03-29"));
  CHECK(dated(g, ltu, "memberOf", org("European Union"), "2004-05-01"));
  CHECK(dated(g, ltu, "memberOf", org("WTO"), "2001-05-31"));
  for (const char* code : {"DNK", "EST", "FIN", "DEU", "ISL", "LVA", "LTU", "NOR", "POL", "RUS", "SWE"})
    CHECK_MESSAGE(g.has(res((std::string("state/") + code).c_str()), dg("memberOf"), org("CBSS")), code);
  for (const char* code : {"BLR", "FRA", "ITA", "NLD", "ROU", "SVK", "ESP", "USA", "GBR", "UKR"})
    CHECK_MESSAGE(g.has(res((std::string("state/") + code).c_str()), dg("observerOf"), org("CBSS")), code);
  CHECK(dated(g, ltu, "diplomaticRelationsWith", res("state/GMB"), "2000-02-17"));
  CHECK(dated(g, ltu, "diplomaticRelationsWith", res("state/CAN"), "1991-09-02"));
  CHECK(dated(g, ltu, "diplomaticRelationsWith", res("state/MEX"), "1991-11-05"));
  CHECK(g.has(res("state/GMB"), dg("diplomaticRelationsWith"), ltu));  // symmetric
  std::string charter = org("Charter of Partnership");
  CHECK(g.has(charter, iri(ns::rdf, "type"), dg("Treaty")));
  CHECK(g.has(charter, dg("date"), "1998-01-16"));
  CHECK(g.has(res("state/USA"), dg("partyTo"), charter));
  CHECK(g.has(ltu, dg("partyTo"), charter));
  std::string way = org("Baltic Way");
  CHECK(g.has(way, iri(ns::rdf, "type"), dg("Event")));
  CHECK(g.has(way, dg("date"), "1989-08-23"));
  CHECK(g.has(ltu, iri(ns::owl, "sameAs"), iri(ns::dbr, "Lithuania")));
  CHECK(g.has(ltu, dg("iso3166Alpha2"), "LT"));
  // Nothing from the negated OECD sentence.
  CHECK_FALSE(g.has(ltu, dg("memberOf"), org("OECD")));
}

TEST_CASE("cli: the example graph parses with serdi") {
  if (std::system("command -v serdi >/dev/null 2>&1") != 0) {
    MESSAGE("serdi not installed; skipped");
    return;
  }
  int raw = std::system("serdi -i turtle -o ntriples '" DIPLOGRAPH_SOURCE_DIR "/out/graph.ttl' >/dev/null");
  CHECK(WIFEXITED(raw));
  CHECK(WEXITSTATUS(raw) == 0);
}

TEST_CASE("cli: bad input gives one clear line naming the file and leaves no output") {
  std::string path = temp_path("bad.ttl");
  struct Case {
    const char* file;
    const char* words;
  };
  for (const Case& c : {Case{"test/data/bad/missing.txt", "no such file"},
                        Case{"test/data/bad/empty.txt", "empty"},
                        Case{"test/data/bad/binary.txt", "binary"},
                        Case{"test/data/bad/invalid_utf8.txt", "UTF-8"},
                        Case{"test/data/bad/truncated.xml", "truncated"}}) {
    fs::remove(path);
    Output o = cli(std::string("build ") + c.file + " -o '" + path + "'");
    CHECK_MESSAGE(o.status != 0, c.file);
    CHECK_MESSAGE(o.err.find(c.file) != std::string::npos, o.err);
    CHECK_MESSAGE(o.err.find(c.words) != std::string::npos, o.err);
    CHECK_MESSAGE(std::count(o.err.begin(), o.err.end(), '\n') == 1, o.err);
    CHECK_FALSE(fs::exists(path));
    for (const auto& entry : fs::directory_iterator(fs::path(path).parent_path()))
      CHECK_MESSAGE(entry.path().filename().string().find(".tmp.") == std::string::npos,
                    entry.path().string());
  }
}

TEST_CASE("cli: a failed build keeps the previous output intact") {
  std::string path = temp_path("keep.ttl");
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    REQUIRE(f);
    std::fputs("# previous output\n", f);
    std::fclose(f);
  }
  Output o = cli("build test/data/bad/invalid_utf8.txt -o '" + path + "'");
  CHECK(o.status != 0);
  CHECK(test_support::read_text(path) == "# previous output\n");
}

TEST_CASE("cli: N-Triples output and stdout") {
  Output o = cli("build examples/documents/lithuania_us_relations.txt -f ntriples -o - -q");
  REQUIRE_MESSAGE(o.status == 0, o.err);
  CHECK(o.err.empty());
  CHECK(o.out.find("@prefix") == std::string::npos);
  CHECK(o.out.find("<https://w3id.org/diplograph/id/state/USA> "
                   "<https://w3id.org/diplograph/ontology#diplomaticRelationsWith> "
                   "<https://w3id.org/diplograph/id/state/LTU> .") != std::string::npos);
}

TEST_CASE("cli: --gazetteer adds a user's alias") {
  std::string doc = temp_path("lietuva.txt");
  {
    std::FILE* f = std::fopen(doc.c_str(), "wb");
    std::fputs("Lietuva became a member of the Three Seas Test Forum on 3 March 2016.\n", f);
    std::fclose(f);
  }
  Output o = cli("build '" + doc + "' --gazetteer test/data/user_gazetteer.ttl -f ntriples -o -");
  REQUIRE_MESSAGE(o.status == 0, o.err);
  CHECK(o.out.find("<https://w3id.org/diplograph/id/state/LTU> "
                   "<https://w3id.org/diplograph/ontology#memberOf> "
                   "<https://w3id.org/diplograph/id/organization/three-seas-test-forum> .") !=
        std::string::npos);
}

TEST_CASE("cli: reads stdin with -, and explain shows its work") {
  Output o = cli("build - -f ntriples -o - -q < examples/documents/lithuania_us_relations.txt");
  REQUIRE_MESSAGE(o.status == 0, o.err);
  CHECK(o.out.find("document/stdin>") != std::string::npos);
  Output e = cli("explain examples/documents/lithuania_us_relations.txt");
  REQUIRE(e.status == 0);
  CHECK(e.out.find("=> USA diplomaticRelationsWith LTU @1922-07-28") != std::string::npos);
  // The clause view the frames read: subjects and cues of each clause, negation marked.
  Output c = cli("explain - < test/data/explain_clauses.txt");
  REQUIRE_MESSAGE(c.status == 0, c.err);
  CHECK_MESSAGE(c.out.find("clause \"Norway and Iceland are members of the European Free Trade Association,\": "
                           "subjects Norway, Iceland; cues membership \"members of\"") != std::string::npos,
                c.out);
  CHECK_MESSAGE(c.out.find("clause \"Norway has never joined the European Union.\": subjects Norway;") !=
                    std::string::npos,
                c.out);
  CHECK(c.out.find("negated or modal") != std::string::npos);
  CHECK(c.out.find("=> NOR memberOf european-union") == std::string::npos);
  CHECK(cli("explain --help").status == 0);
  CHECK(cli("build").status != 0);  // inputs are required
}

TEST_CASE("cli: conflicts between the examples are in the graph and the summary") {
  Graph g = load(DIPLOGRAPH_SOURCE_DIR "/out/graph.ttl");
  std::size_t conflicts = 0;
  bool count_conflict = false;
  for (const auto& [s, p, o] : g.triples) {
    if (p == iri(ns::rdf, "type") && o == dg("Conflict")) {
      ++conflicts;
      if (g.has(s, iri(ns::rdf, "predicate"), dg("diplomaticRelationsCount"))) count_conflict = true;
    }
  }
  CHECK(conflicts >= 2);
  CHECK(count_conflict);  // 186 vs 176 states
  CHECK(g.has(res("state/LTU"), dg("diplomaticRelationsCount"), "186"));
  CHECK(g.has(res("state/LTU"), dg("diplomaticRelationsCount"), "176"));
  Output o = cli("build examples/documents -o - -q --min-confidence 0.9 -f ntriples");
  REQUIRE(o.status == 0);
  CHECK(o.out.find("table-notes") == std::string::npos);  // 0.85 rules are filtered out
  CHECK(o.out.find("relations.established-with") != std::string::npos);
}

TEST_CASE("cli: NIF offsets are code point offsets of the evidence in the source text") {
  // Plain and wiki-dump text keep the file as the document text.
  std::map<std::string, std::string> source;  // document IRI -> file
  std::map<std::string, std::map<std::string, std::string>> node;  // statement -> property -> value
  std::set<std::string> rendered;
  auto r = parse_rdf_file(DIPLOGRAPH_SOURCE_DIR "/out/graph.ttl", RdfSyntax::turtle, [&](const Triple& t) -> Outcome {
    if (t.predicate.value == dg("sourceFile")) source[t.subject.value] = t.object.value;
    if (t.predicate.value == dg("format") && t.object.value != "plain" && t.object.value != "wikitext")
      rendered.insert(t.subject.value);  // offsets index the extracted text, not the file
    node[t.subject.value][t.predicate.value] = t.object.value;
    return {};
  });
  REQUIRE(r.ok());
  auto code_points = [](const std::string& s) {
    std::vector<std::size_t> starts;  // byte offset of each code point
    for (std::size_t i = 0; i < s.size(); ++i)
      if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
    starts.push_back(s.size());
    return starts;
  };
  std::size_t checked = 0;
  for (const auto& [subject, props] : node) {
    auto derived = props.find(iri(ns::prov, "wasDerivedFrom"));
    if (derived == props.end() || rendered.count(derived->second)) continue;
    std::string text = test_support::read_text(std::string(DIPLOGRAPH_SOURCE_DIR "/") + source[derived->second]);
    auto starts = code_points(text);
    std::size_t b = std::stoul(props.at(iri(ns::nif, "beginIndex")));
    std::size_t e = std::stoul(props.at(iri(ns::nif, "endIndex")));
    REQUIRE(e < starts.size());
    CHECK(text.substr(starts[b], starts[e] - starts[b]) == props.at(dg("evidence")));
    ++checked;
  }
  CHECK(checked > 100);
}

TEST_CASE("cli: --jobs 1 and --jobs 4 give byte-identical output") {
  std::string one = temp_path("jobs1.nt"), four = temp_path("jobs4.nt");
  REQUIRE(cli("build examples/documents test/data/readers -q -f ntriples --jobs 1 -o '" + one + "'").status == 0);
  REQUIRE(cli("build examples/documents test/data/readers -q -f ntriples --jobs 4 -o '" + four + "'").status == 0);
  std::string a = test_support::read_text(one), b = test_support::read_text(four);
  CHECK(a.size() > 1000);
  CHECK(a == b);
}

TEST_CASE("cli: eval over every gold document meets the quality bar") {
  std::vector<std::string> gold;
  for (const auto& entry : fs::directory_iterator(DIPLOGRAPH_SOURCE_DIR "/test/gold"))
    if (entry.path().extension() == ".tsv") gold.push_back("test/gold/" + entry.path().filename().string());
  std::sort(gold.begin(), gold.end());
  REQUIRE(gold.size() >= 7);
  std::string args = "eval out/graph.ttl --min-precision 0.95 --min-recall 0.85 --min-date-accuracy 0.95";
  for (const auto& g : gold) args += " " + g;
  Output o = cli(args);
  CHECK_MESSAGE(o.status == 0, std::string(o.out + o.err));
  CHECK(o.out.find("no document in the graph") == std::string::npos);
}

TEST_CASE("cli: draw writes an SVG with Graphviz, export writes GraphML") {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    MESSAGE("graphviz not installed; skipped");
    return;
  }
  std::string svg = temp_path("ego.svg");
  fs::remove(svg);
  Output o = cli("draw out/graph.ttl -o '" + svg + "' --focus Gambia --depth 2");
  REQUIRE_MESSAGE(o.status == 0, o.err);
  std::string text = test_support::read_text(svg);
  CHECK(text.find("<svg") != std::string::npos);
  CHECK(text.find("Gambia") != std::string::npos);
  CHECK(text.find("Lithuania") != std::string::npos);
  Output unknown = cli("draw out/graph.ttl -o '" + svg + "' --focus Atlantis");
  CHECK(unknown.status != 0);
  Output graphml = cli("export out/graph.ttl --to graphml");
  CHECK(graphml.out.find("<graphml") != std::string::npos);
}

TEST_CASE("cli: path from Gambia to NATO goes through Lithuania, with evidence") {
  Output o = cli("path out/graph.ttl Gambia NATO --evidence");
  REQUIRE_MESSAGE(o.status == 0, o.err);
  CHECK(o.out.find("Lithuania") != std::string::npos);
  CHECK(o.out.find("See Gambia–Lithuania relations") != std::string::npos);
  Output before = cli("path out/graph.ttl Lithuania NATO --as-of 2003-12-31");
  CHECK(before.out.find("no path") != std::string::npos);
  Output rank = cli("rank out/graph.ttl --measure betweenness --top 1");
  CHECK(rank.out.rfind("Lithuania", 0) == 0);
  Output unknown = cli("path out/graph.ttl Atlantis NATO");
  CHECK(unknown.status != 0);
  CHECK(unknown.err.find("Atlantis") != std::string::npos);
}
