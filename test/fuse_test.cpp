#include <doctest/doctest.h>

#include <filesystem>

#include "diplograph/fuse.hpp"
#include "diplograph/model.hpp"
#include "support.hpp"

using namespace diplograph;
using test_support::state;

namespace {

DocumentFacts doc_with(const std::string& id, const std::string& s, const char* p,
                       const std::string& o, std::optional<DateValue> date, std::string evidence) {
  DocumentFacts d;
  d.document.id = id;
  d.document.iri = iri(ns::dgr, "document/" + id);
  d.document.source = id + ".txt";
  d.document.format = "plain";
  Statement st;
  st.subject = s;
  st.predicate = p;
  st.object = o;
  st.date = date;
  st.document = d.document.iri;
  st.evidence = std::move(evidence);
  st.begin = 0;
  st.end = st.evidence.size();
  st.rule = "test";
  d.statements.push_back(st);
  d.mentioned = {s, o};
  return d;
}

DateValue day(int y, int m, int d) {
  DateValue v;
  v.year = y;
  v.month = m;
  v.day = d;
  v.precision = DatePrecision::day;
  return v;
}
DateValue year(int y) {
  DateValue v;
  v.year = y;
  v.precision = DatePrecision::year;
  return v;
}

}  // namespace

TEST_CASE("fuse: one truthy fact from two documents keeps both statements, symmetric facts mirror") {
  FactFuser fuser(test_support::repo_gazetteer());
  fuser.add(doc_with("b", state("USA"), "diplomaticRelationsWith", state("LTU"), day(1922, 7, 28), "one"));
  fuser.add(doc_with("a", state("USA"), "diplomaticRelationsWith", state("LTU"), year(1922), "two"));
  FusedGraph g = fuser.finish();
  CHECK(g.documents.size() == 2);
  CHECK(g.documents[0].id == "a");        // sorted, whatever the order of add()
  CHECK(g.statements.size() == 4);        // 2 statements x 2 directions
  CHECK(g.conflicts.empty());             // 1922 and 1922-07-28 agree
  CHECK(g.entities.size() == 2);
  RdfModel m = build_model(g);
  std::string out;
  {
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* f = open_memstream(&buffer, &size);
    REQUIRE(m.write(f, RdfSyntax::ntriples).ok());
    std::fclose(f);
    out.assign(buffer, size);
    std::free(buffer);
  }
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t p = out.find(needle); p != std::string::npos; p = out.find(needle, p + 1)) ++n;
    return n;
  };
  // The truthy triple once per direction, not once per document.
  CHECK(count("<" + state("USA") + "> <https://w3id.org/diplograph/ontology#diplomaticRelationsWith> <" +
              state("LTU") + "> .") == 1);
  CHECK(count("<" + state("LTU") + "> <https://w3id.org/diplograph/ontology#diplomaticRelationsWith> <" +
              state("USA") + "> .") == 1);
}

TEST_CASE("fuse: different years in two documents are a conflict") {
  FactFuser fuser(test_support::repo_gazetteer());
  fuser.add(doc_with("a", state("LTU"), "diplomaticRelationsWith", state("USA"), day(1992, 7, 28), "row"));
  fuser.add(doc_with("b", state("USA"), "diplomaticRelationsWith", state("LTU"), day(1922, 7, 28), "sentence"));
  FusedGraph g = fuser.finish();
  CHECK(g.conflicts.size() == 2);  // one per direction
  CHECK(g.conflicts[0].statements.size() == 2);
  CHECK(g.conflicts[0].reason.find("1922-07-28") != std::string::npos);
}

TEST_CASE("fuse: statement IRIs are content hashes, stable across runs") {
  Statement s;
  s.subject = state("LTU");
  s.predicate = "memberOf";
  s.object = "x";
  s.document = "d";
  std::string a = s.iri();
  CHECK(a == s.iri());
  CHECK(a.rfind(iri(ns::dgr, "statement/"), 0) == 0);
  s.begin = 1;
  CHECK(a != s.iri());
}

TEST_CASE("model: writing to a missing folder fails cleanly, a failed write leaves nothing") {
  auto r = write_atomically("/nonexistent-folder/x.ttl", [](std::FILE*) -> Outcome { return {}; });
  CHECK_FALSE(r.ok());
  std::string path = (std::filesystem::temp_directory_path() / "diplograph-model-test.ttl").string();
  std::filesystem::remove(path);
  auto failed = write_atomically(path, [](std::FILE* f) -> Outcome {
    std::fputs("partial", f);
    return make_error(Status::io_error, "simulated failure");
  });
  CHECK_FALSE(failed.ok());
  CHECK_FALSE(std::filesystem::exists(path));
}
