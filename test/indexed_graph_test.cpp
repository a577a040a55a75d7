// The one indexed graph (indexed_graph.hpp): pattern cursors against a
// scan of all triples for every combination of bound positions, and the
// binary index file (round trip, and damaged files refused without a crash).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>
#include <vector>

#include "cli_support.hpp"
#include "diplograph/indexed_graph.hpp"

using namespace diplograph;

namespace {

const char* kGraph =
    "@prefix ex: <http://ex/> .\n"
    "ex:a ex:p ex:b , ex:c , \"x\" , \"x\"@en ; ex:q ex:a .\n"
    "ex:b ex:p ex:c ; ex:q ex:b .\n"
    "ex:c ex:r \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
    "_:n ex:p ex:a .\n";

using Key = std::tuple<TermId, TermId, TermId>;

std::set<Key> read_all(TripleCursor c) {
  std::set<Key> out;
  for (; !c.at_end(); c.next()) {
    TripleIds t = c.current();
    out.insert({t.s, t.p, t.o});
  }
  return out;
}

std::shared_ptr<IndexedGraph> small_graph() {
  auto g = std::make_shared<IndexedGraph>(std::make_shared<TermTable>());
  REQUIRE(g->add_string("small.ttl", kGraph).ok());
  g->finish();
  return g;
}

}  // namespace

TEST_CASE("indexed graph: match() reads the triples of every bound combination") {
  auto g = small_graph();
  std::set<Key> all = read_all(g->match(no_term, no_term, no_term));
  REQUIRE(all.size() == 9);
  std::vector<TermId> ids;
  for (TermId i = 0; i < g->terms().size(); ++i) ids.push_back(i);
  ids.push_back(no_term);
  for (TermId s : ids)
    for (TermId p : ids)
      for (TermId o : ids) {
        std::set<Key> expected;
        for (const Key& k : all)
          if ((s == no_term || std::get<0>(k) == s) && (p == no_term || std::get<1>(k) == p) &&
              (o == no_term || std::get<2>(k) == o))
            expected.insert(k);
        CAPTURE(s);
        CAPTURE(p);
        CAPTURE(o);
        CHECK(read_all(g->match(s, p, o)) == expected);
        if (s != no_term && p != no_term && o != no_term) CHECK(g->contains(s, p, o) == !expected.empty());
      }
}

TEST_CASE("indexed graph: the index file loads back the same terms and triples") {
  auto g = small_graph();
  std::string path = test_support::temp_path("small.dgi");
  REQUIRE(g->save_index(path).ok());
  CHECK(IndexedGraph::is_index_file(path));
  auto loaded = IndexedGraph::load_index(path);
  REQUIRE(loaded.ok());
  const IndexedGraph& h = **loaded;
  REQUIRE(h.terms().size() == g->terms().size());
  for (TermId i = 0; i < g->terms().size(); ++i) {
    CHECK(h.terms().term(i).value == g->terms().term(i).value);
    CHECK(h.terms().term(i).datatype == g->terms().term(i).datatype);
    CHECK(h.terms().term(i).language == g->terms().term(i).language);
  }
  CHECK(read_all(h.match(no_term, no_term, no_term)) == read_all(g->match(no_term, no_term, no_term)));
  TermId p = h.terms().find_iri("http://ex/p");
  CHECK(h.subjects_with(p).size() == 6);
  CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST_CASE("indexed graph: a cut, foreign or damaged index file is an error, not a crash") {
  auto g = small_graph();
  std::string path = test_support::temp_path("whole.dgi");
  REQUIRE(g->save_index(path).ok());
  std::string bytes = test_support::read_text(path);
  SUBCASE("cut at every length") {
    std::string cut = test_support::temp_path("cut.dgi");
    for (std::size_t n = 0; n < bytes.size(); n += 7) {
      std::ofstream(cut, std::ios::binary | std::ios::trunc) << bytes.substr(0, n);
      auto r = IndexedGraph::load_index(cut);
      CAPTURE(n);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().status == Status::bad_input);
    }
  }
  SUBCASE("an id past the terms") {
    std::string bad = bytes;
    // The last column before the closing magic holds a predicate id.
    bad[bad.size() - 9] = static_cast<char>(0x7f);
    std::string damaged = test_support::temp_path("damaged.dgi");
    std::ofstream(damaged, std::ios::binary | std::ios::trunc) << bad;
    auto r = IndexedGraph::load_index(damaged);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("damaged") != std::string::npos);
  }
  SUBCASE("not an index") {
    CHECK_FALSE(IndexedGraph::is_index_file(DIPLOGRAPH_SOURCE_DIR "/out/graph.ttl"));
    auto r = IndexedGraph::load_index(DIPLOGRAPH_SOURCE_DIR "/out/graph.ttl");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "not a diplograph index file");
    CHECK(IndexedGraph::load_index("no/such.dgi").error().status == Status::not_found);
  }
}
