#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

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

namespace {

Statement claim(const std::string& s, const std::string& o, const std::string& document, DateValue date,
                std::size_t begin) {
  Statement st;
  st.subject = s;
  st.predicate = "diplomaticRelationsWith";
  st.object = o;
  st.date = date;
  st.document = iri(ns::dgr, "document/" + document);
  st.begin = begin;
  st.end = begin + 10;
  st.rule = "test";
  return st;
}

DateValue decade(int y) {
  DateValue v;
  v.year = y;
  v.precision = DatePrecision::decade;
  return v;
}

DateValue month(int y, int m) {
  DateValue v;
  v.year = y;
  v.month = m;
  v.precision = DatePrecision::month;
  return v;
}

/// The conflict rule stated pairwise, as a check on ClaimSet's linear-time
/// version: statements i before j (IRI order) of one fact conflict when
/// their documents differ, their dates do not agree, and i's document
/// states no date of that fact compatible with j's.
std::map<std::string, std::set<std::string>> pairwise_conflicts(const std::vector<Statement>& all) {
  std::map<std::string, std::vector<const Statement*>> by_fact;
  for (const Statement& s : all) by_fact[s.subject + " " + s.object].push_back(&s);
  std::map<std::string, std::set<std::string>> out;
  for (auto& [fact, list] : by_fact) {
    std::sort(list.begin(), list.end(), [](const Statement* a, const Statement* b) { return a->iri() < b->iri(); });
    list.erase(std::unique(list.begin(), list.end(),
                           [](const Statement* a, const Statement* b) { return a->iri() == b->iri(); }),
               list.end());
    for (std::size_t i = 0; i < list.size(); ++i)
      for (std::size_t j = i + 1; j < list.size(); ++j) {
        if (list[i]->document == list[j]->document || dates_compatible(*list[i]->date, *list[j]->date)) continue;
        bool blocked = false;
        for (const Statement* k : list)
          if (k->document == list[i]->document && dates_compatible(*k->date, *list[j]->date)) blocked = true;
        if (blocked) continue;
        out[fact].insert(list[i]->iri());
        out[fact].insert(list[j]->iri());
      }
  }
  return out;
}

}  // namespace

TEST_CASE("fuse: ClaimSet finds exactly the pairwise conflicts, whatever the order of add()") {
  std::vector<DateValue> dates{year(1991), day(1991, 9, 17), day(1991, 9, 18), month(1991, 9), year(1921),
                               decade(1920), year(1992), month(1991, 10)};
  std::vector<std::string> states{state("LTU"), state("USA"), state("FRA")};
  std::uint64_t random = 12345;
  auto next = [&](std::uint64_t n) {
    random = random * 6364136223846793005ull + 1442695040888963407ull;
    return (random >> 33) % n;
  };
  int rounds_with_conflicts = 0;
  for (int round = 0; round < 30; ++round) {
    std::vector<Statement> all;
    const std::size_t count = 2 + next(40);
    for (std::size_t k = 0; k < count; ++k)
      all.push_back(claim(states[next(2)], states[2], "d" + std::to_string(next(6)), dates[next(dates.size())],
                          next(5) * 10));
    all.push_back(all.front());  // the same statement twice is one statement
    auto expected = pairwise_conflicts(all);
    if (!expected.empty()) ++rounds_with_conflicts;

    ClaimSet set;
    for (const Statement& s : all) set.add(s);
    CrossDocumentParts parts = set.finish();
    std::map<std::string, std::set<std::string>> found;
    for (const Conflict& c : parts.conflicts) {
      CHECK(std::is_sorted(c.statements.begin(), c.statements.end()));
      found[c.subject + " " + c.object].insert(c.statements.begin(), c.statements.end());
    }
    CHECK_MESSAGE(found == expected, "round " << round);
    for (std::size_t k = 1; k < parts.conflicts.size(); ++k)
      CHECK(parts.conflicts[k - 1].iri() < parts.conflicts[k].iri());

    // Reversed input, and handed out one at a time: the same conflicts.
    ClaimSet reversed;
    for (auto it = all.rbegin(); it != all.rend(); ++it) reversed.add(*it);
    std::vector<std::string> streamed;
    std::map<std::string, std::vector<DateValue>> dates_out;
    REQUIRE(reversed
                .finish(dates_out,
                        [&](const Conflict& c) -> Outcome {
                          streamed.push_back(c.iri());
                          return {};
                        })
                .ok());
    std::vector<std::string> collected;
    for (const Conflict& c : parts.conflicts) collected.push_back(c.iri());
    CHECK(streamed == collected);
  }
  CHECK(rounds_with_conflicts >= 10);  // the comparison above was not vacuous
}

TEST_CASE("fuse: ClaimSet keeps the most precise compatible dates, and stops at a failing callback") {
  auto dated = [](const std::string& document, DateValue d, std::size_t begin) {
    Statement s;
    s.subject = iri(ns::dgr, "treaty/t");
    s.predicate = predicate::date;
    s.date = d;
    s.document = iri(ns::dgr, "document/" + document);
    s.begin = begin;
    s.rule = "test";
    return s;
  };
  ClaimSet set;
  set.add(dated("a", year(1991), 0));
  set.add(dated("b", day(1991, 9, 17), 0));
  set.add(dated("c", decade(1990), 0));
  set.add(dated("d", year(1921), 0));
  Statement plain = dated("e", year(2000), 0);
  plain.date.reset();
  set.add(plain);  // neither dated nor counted: ignored
  CHECK(set.size() == 4);
  CrossDocumentParts parts = set.finish();
  REQUIRE(parts.entity_dates.count(iri(ns::dgr, "treaty/t")) == 1);
  const auto& kept = parts.entity_dates.at(iri(ns::dgr, "treaty/t"));
  REQUIRE(kept.size() == 2);  // 1991 and the 1990s give way to 1991-09-17; 1921 stands apart
  CHECK(kept[0].timex() == "1921");
  CHECK(kept[1].timex() == "1991-09-17");
  REQUIRE(parts.conflicts.size() == 1);

  ClaimSet again;
  for (auto d : {year(1921), day(1991, 9, 17)}) again.add(dated(d.timex(), d, 0));
  std::map<std::string, std::vector<DateValue>> dates_out;
  int calls = 0;
  Outcome r = again.finish(dates_out, [&](const Conflict&) -> Outcome {
    ++calls;
    return make_error(Status::io_error, "disk full");
  });
  CHECK(!r.ok());
  CHECK(calls == 1);
  CHECK(r.error().message == "disk full");
}

TEST_CASE("model: a TripleBuffer renders the lines an RdfStreamWriter writes for the same triples") {
  auto fill = [](GraphSink& sink) {
    const std::string s = iri(ns::dgr, "statement/00ff"), t = iri(ns::dgr, "state/LTU");
    sink.add_iri(s, iri(ns::rdf, "subject"), t);
    sink.add_literal(s, iri(ns::dg, "evidence"), "a \"quoted\"\nline\twith \\ and \xc3\xa9", {}, "en");
    sink.add_literal(s, iri(ns::nif, "beginIndex"), "42", iri(ns::xsd, "nonNegativeInteger"));
    sink.add_literal(s, iri(ns::dg, "rule"), "plain");
    sink.add_iri(s, iri(ns::rdf, "subject"), t);  // twice: written once
    sink.add_iri(t, iri(ns::rdfs, "seeAlso"), s);
  };
  for (OutputFormat format : {OutputFormat::ntriples, OutputFormat::nquads}) {
    const std::string graph = iri(ns::dgr, "document/d");
    TripleBuffer buffer;
    fill(buffer);
    std::size_t triples = 0;
    auto lines = buffer.render_lines(format, graph, triples);
    REQUIRE(lines.ok());
    CHECK(triples == 5);

    RdfModel model;
    fill(model);
    char* data = nullptr;
    std::size_t size = 0;
    std::FILE* memory = open_memstream(&data, &size);
    {
      RdfStreamWriter writer(memory, format);
      REQUIRE(writer.write(model, graph).ok());
      REQUIRE(writer.finish().ok());
      CHECK(writer.triples() == 5);
    }
    std::fclose(memory);
    std::string expected(data, size);
    std::free(data);
    auto sorted_lines = [](const std::string& text) {
      std::vector<std::string> out;
      std::size_t from = 0;
      for (std::size_t nl; (nl = text.find('\n', from)) != std::string::npos; from = nl + 1)
        out.push_back(text.substr(from, nl - from));
      std::sort(out.begin(), out.end());
      return out;
    };
    CHECK(sorted_lines(*lines) == sorted_lines(expected));
    CHECK(sorted_lines(*lines).size() == 5);
    if (format == OutputFormat::nquads) CHECK(lines->find("<" + graph + "> .\n") != std::string::npos);
  }
  TripleBuffer turtle;
  std::size_t n = 0;
  CHECK(!turtle.render_lines(OutputFormat::turtle, "", n).ok());
}
