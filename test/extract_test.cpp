// Each rule: a sentence that must fire and one that must not.
#include <doctest/doctest.h>

#include <algorithm>

#include "diplograph/extract.hpp"
#include "diplograph/pipeline.hpp"
#include "support.hpp"

using namespace diplograph;
using test_support::state;

namespace {

struct Run {
  std::vector<Fact> facts;
  std::vector<std::string> warnings;
  std::optional<std::string> subject;
};

Run run(const Document& doc) {
  test_support::Extraction e = test_support::extract_document(doc);
  return Run{std::move(e.facts), std::move(e.warnings), e.recognized.subject};
}

Run run_text(const std::string& text, const std::string& title = "Foreign relations of Lithuania") {
  return run(test_support::paragraphs(text, title));
}

std::string org(const char* name) { return test_support::named(name); }
const Fact* find(const Run& r, const std::string& s, const char* p, const std::string& o) {
  return test_support::find_fact(r.facts, s, p, o);
}
std::size_t count(const Run& r, const char* p) { return test_support::count_facts(r.facts, p); }

}  // namespace

TEST_CASE("extract: member of a list of organizations, with the subject from 'It'") {
  Run r = run_text(
      "Lithuania is a European country. It is a member of the United Nations, the Organisation for "
      "Security and Cooperation in Europe, the European Union and the World Trade Organisation.");
  CHECK(find(r, state("LTU"), predicate::member_of, org("United Nations")));
  CHECK(find(r, state("LTU"), predicate::member_of, org("OSCE")));
  CHECK(find(r, state("LTU"), predicate::member_of, org("European Union")));
  CHECK(find(r, state("LTU"), predicate::member_of, org("WTO")));
  CHECK(count(r, predicate::member_of) == 4);
}

TEST_CASE("extract: membership dates attach to their organization") {
  Run r = run_text(
      "It became a member of the United Nations on 18 September 1991, and is a signatory to a "
      "number of its organizations. Lithuania gained membership in the World Trade Organization on "
      "31 May 2001. On 1 May 2004, Lithuania became one of the 27 member states of the European Union.");
  const Fact* un = find(r, state("LTU"), predicate::member_of, org("United Nations"));
  REQUIRE(un);
  REQUIRE(un->date);
  CHECK(un->date->timex() == "1991-09-18");
  const Fact* wto = find(r, state("LTU"), predicate::member_of, org("WTO"));
  REQUIRE(wto);
  CHECK(wto->date->timex() == "2001-05-31");
  const Fact* eu = find(r, state("LTU"), predicate::member_of, org("European Union"));
  REQUIRE(eu);
  CHECK(eu->date->timex() == "2004-05-01");
}

TEST_CASE("extract: seeking, invitations and negotiations are not membership") {
  Run r = run_text(
      "It also seeks membership in the OECD and other Western organizations. In late 2002, "
      "Lithuania and six other states was invited to start negotiations over membership in NATO.");
  CHECK(count(r, predicate::member_of) == 0);
}

TEST_CASE("extract: member list and observer list of the paragraph's organization") {
  Run r = run_text(
      "The Council of the Baltic Sea States (CBSS) was established in 1992 in Copenhagen. The members "
      "of CBSS are Denmark, Estonia, Finland, Germany and European Commission. The observer states "
      "are Belarus, France, United States, United Kingdom.");
  std::string cbss = org("CBSS");
  for (const char* code : {"DNK", "EST", "FIN", "DEU"}) CHECK(find(r, state(code), predicate::member_of, cbss));
  CHECK(find(r, org("European Commission"), predicate::member_of, cbss));
  for (const char* code : {"BLR", "FRA", "USA", "GBR"}) CHECK(find(r, state(code), predicate::observer_of, cbss));
  CHECK(count(r, predicate::observer_of) == 4);
  CHECK_FALSE(find(r, state("BLR"), predicate::member_of, cbss));
}

TEST_CASE("extract: 'together with other two Baltic countries' adds the group minus the subject") {
  Run r = run_text("Lithuania, together with other two Baltic countries, is also a member of Nordic "
                   "Investment Bank (NIB) and cooperates in NORDPLUS programme.");
  std::string nib = org("Nordic Investment Bank");
  CHECK(find(r, state("LTU"), predicate::member_of, nib));
  CHECK(find(r, state("LVA"), predicate::member_of, nib));
  CHECK(find(r, state("EST"), predicate::member_of, nib));
  CHECK(count(r, predicate::member_of) == 3);
}

TEST_CASE("extract: glued reference text is never a fact or a date") {
  Run r = run_text(
      "It is also a member of the Organization for Security and Cooperation in Europe,Lithuania's "
      "Leadership of the OSCE: Hearing before the Commission on Security and Cooperation in Europe, "
      "One Hundred Twelfth Congress, First Session, February 16, 2011 NATO and its adjunct North "
      "Atlantic Coordinating Council, the Council of Europe, and the European Union.");
  CHECK(find(r, state("LTU"), predicate::member_of, org("NATO")));
  CHECK(find(r, state("LTU"), predicate::member_of, org("Council of Europe")));
  for (const Fact& f : r.facts) {
    CHECK_FALSE(f.date.has_value());
    CHECK(f.object.find("commission-on-security") == std::string::npos);
  }
}

TEST_CASE("extract: accession and 'membership of … took effect'") {
  Run r = run_text(
      "When NATO membership of Lithuania and two other Baltic states took effect in March 2004, the "
      "objective was achieved. The accession to the Schengen Area in 2007 opened possibilities.");
  const Fact* nato = find(r, state("LVA"), predicate::member_of, org("NATO"));
  REQUIRE(nato);
  CHECK(nato->date->timex() == "2004-03");
  CHECK(find(r, state("LTU"), predicate::member_of, org("NATO")));
  CHECK(find(r, state("EST"), predicate::member_of, org("NATO")));
  Run no = run_text("Lithuania hopes for accession to the OECD.");
  CHECK(count(no, predicate::member_of) == 0);
}

TEST_CASE("extract: diplomatic relations from a sentence, but not from a count") {
  Run r = run_text("The United States established diplomatic relations with Lithuania on July 28, 1922. "
                   "Currently, Lithuania maintains diplomatic relations with 186 states.",
                   "Lithuania - US Relations");
  const Fact* f = find(r, state("USA"), predicate::diplomatic_relations_with, state("LTU"));
  REQUIRE(f);
  CHECK(f->date->timex() == "1922-07-28");
  CHECK(count(r, predicate::diplomatic_relations_with) == 1);
}

TEST_CASE("extract: treaty parties and the signing date") {
  Run r = run_text(
      "In 1998, the United States signed a \"Charter of Partnership\" with Lithuania and the other "
      "Baltic countries establishing bilateral working groups.");
  std::string charter = org("Charter of Partnership");
  CHECK(find(r, state("USA"), predicate::party_to, charter));
  CHECK(find(r, state("LTU"), predicate::party_to, charter));
  CHECK(find(r, state("LVA"), predicate::party_to, charter));
  CHECK(find(r, state("EST"), predicate::party_to, charter));
  Run between = run_text(
      "The Charter of Partnership Between the Baltic States and the United States of America signed "
      "on January 16, 1998 in Washington, D.C. played a key role.");
  const Fact* date = find(between, charter, predicate::date, "");
  REQUIRE(date);
  CHECK(date->date->timex() == "1998-01-16");
  CHECK(find(between, state("EST"), predicate::party_to, charter));
  Run none = run_text("Lithuania refused to sign the Charter of Partnership.");
  CHECK(count(none, predicate::party_to) == 0);
}

TEST_CASE("extract: event participants and date") {
  Run r = run_text(
      "On 23 August 1989, about two million people from Lithuania, Latvia and Estonia joined hands, "
      "forming a human chain, the Baltic Way, spanning 600 kilometres.",
      "International cooperation");
  std::string way = org("Baltic Way");
  for (const char* code : {"LTU", "LVA", "EST"}) CHECK(find(r, state(code), predicate::participated_in, way));
  const Fact* date = find(r, way, predicate::date, "");
  REQUIRE(date);
  CHECK(date->date->timex() == "1989-08-23");
  Run none = run_text("The Baltic Way became a symbol of non-violent resistance.");
  CHECK(count(none, predicate::participated_in) == 0);
}

TEST_CASE("extract: the document subject comes from the title, else the most named state") {
  CHECK(run_text("Nothing here.", "Foreign relations of Lithuania").subject == state("LTU"));
  CHECK(run_text("Latvia and Lithuania. Lithuania is big. Lithuania is here. Lithuania again.", "A page")
            .subject == state("LTU"));
  CHECK_FALSE(run_text("Latvia and Lithuania.", "A page").subject.has_value());
}

namespace {
// A relations table built by hand: rows of cells, spans into one text.
Document relations_table(const std::vector<std::vector<std::string>>& rows) {
  Document d;
  d.id = "table";
  d.source = "table.txt";
  d.format = "plain";
  d.title = "Foreign relations of Lithuania";
  Table t;
  t.header = {"Country", "Formal relations (re)established", "Notes"};
  t.section_path = {"Africa"};
  d.tables.push_back(t);
  for (const auto& cells : rows) {
    Block b;
    b.kind = BlockKind::table_row;
    b.table = 0;
    b.section_path = {"Africa"};
    std::size_t begin = d.text.size();
    d.text += "|";
    for (const auto& c : cells) {
      d.text += " ";
      std::size_t cb = d.text.size();
      d.text += c;
      b.cells.push_back({cb, d.text.size()});
      d.text += " |";
    }
    b.span = {begin, d.text.size()};
    d.text += "\n";
    d.blocks.push_back(b);
  }
  return d;
}
}  // namespace

TEST_CASE("extract: relations table rows, including a country named only in the notes") {
  Run r = run(relations_table({{"", "17 February 2000", "See Gambia–Lithuania relations"},
                               {"Canada", "2 September 1991", ""},
                               {"", "22 September 1921/6 November 1991", "See Australia–Lithuania relations"},
                               {"", "5 May 1992", ""}}));
  const Fact* gambia = find(r, state("LTU"), predicate::diplomatic_relations_with, state("GMB"));
  REQUIRE(gambia);
  CHECK(gambia->date->timex() == "2000-02-17");
  CHECK(gambia->rule == "relations.table-notes");
  CHECK(find(r, state("LTU"), predicate::diplomatic_relations_with, state("CAN")));
  int australia = 0;
  for (const Fact& f : r.facts)
    if (f.object == state("AUS")) ++australia;
  CHECK(australia == 2);  // two dates, two facts
  CHECK(count(r, predicate::diplomatic_relations_with) == 4);
  REQUIRE(r.warnings.size() == 1);  // the row with no country
  CHECK(r.warnings[0].find("1 of 4 table rows") != std::string::npos);
}

TEST_CASE("extract: a member list in the list items after 'member of:'") {
  Document d = test_support::paragraphs(
      "It is also a member of:\n\nthe Council of the Baltic Sea States (CBSS);\n\nthe Nordic Investment Bank, since 2005.\n\nOther text about NATO.",
      "Foreign relations of Latvia");
  d.blocks[1].kind = BlockKind::list_item;
  d.blocks[2].kind = BlockKind::list_item;
  Run r = run(d);
  CHECK(find(r, state("LVA"), predicate::member_of, org("CBSS")));
  const Fact* nib = find(r, state("LVA"), predicate::member_of, org("Nordic Investment Bank"));
  REQUIRE(nib);
  CHECK(nib->date->timex() == "2005");
  CHECK_FALSE(find(r, state("LVA"), predicate::member_of, org("NATO")));  // not a list item
}

TEST_CASE("extract: 'the same day' takes the date before it, and 'it' after a date is the subject") {
  Run r = run_text(
      "Finland joined the European Union on 1 January 1995, the same day it became a founding member "
      "of the World Trade Organization.", "Finland foreign policy");
  const Fact* wto = find(r, state("FIN"), predicate::member_of, org("WTO"));
  REQUIRE(wto);
  REQUIRE(wto->date);
  CHECK(wto->date->timex() == "1995-01-01");
  Run year = run_text("Finland joined the UN on 14 December 1955, and in the same year it joined the Nordic Council.",
                      "Finland foreign policy");
  const Fact* nc = find(year, state("FIN"), predicate::member_of, org("Nordic Council"));
  REQUIRE(nc);
  CHECK(nc->date->timex() == "1955");
}

TEST_CASE("extract: 'the alliance' is the named organization before it, never a guess") {
  Run r = run_text("Estonia became a member of NATO on 29 March 2004, and Latvia joined the alliance on the same day.",
                   "Foreign relations of Estonia");
  const Fact* lva = find(r, state("LVA"), predicate::member_of, org("NATO"));
  REQUIRE(lva);
  CHECK(lva->date->timex() == "2004-03-29");
  Run none = run_text("Latvia joined the alliance in 2004.", "Foreign relations of Estonia");
  CHECK(count(none, predicate::member_of) == 0);
}

TEST_CASE("extract: treaty parties from the demonyms of its name, only with two of them") {
  Run r = run_text("The Latvian–Russian Border Treaty was signed in Moscow on 27 March 2007.", "Foreign relations of Latvia");
  std::size_t parties = count(r, predicate::party_to);
  CHECK(parties == 2);
  Run one = run_text("The Latvian Test Treaty was signed in Riga on 2 March 2007.", "Foreign relations of Latvia");
  CHECK(count(one, predicate::party_to) == 0);
}

TEST_CASE("extract: stated numbers of relations, and 'entered'") {
  Run r = run_text("Lithuania maintains diplomatic relations with 186 states. Lithuania entered the Schengen Area in 2007.");
  bool counted = false;
  for (const Fact& f : r.facts)
    if (f.predicate == std::string(predicate::relations_count) && f.value == "186") counted = true;
  CHECK(counted);
  CHECK(find(r, state("LTU"), predicate::member_of, org("Schengen Area")));
  Run no = run_text("Lithuania maintains good relations with its neighbours. Lithuania entered into cooperation with NATO.");
  CHECK(no.facts.empty());
}

TEST_CASE("extract: each rule fires on its sentence and not on a near miss") {
  struct Case {
    const char* rule;
    const char* fires;
    const char* misses;
  };
  const Case cases[] = {
      {"membership.member-of", "Latvia is a member of the Council of Europe.",
       "Latvia is not a member of the Council of Europe."},
      {"membership.joined", "Latvia joined the Council of Europe in 1995.",
       "Latvia joined the United States in urging reforms."},
      {"membership.gained", "Latvia gained membership in the World Trade Organization in 1999.",
       "Latvia hopes it gained membership in the World Trade Organization."},
      {"membership.accession", "The accession to the Schengen Area in 2007 helped.",
       "Latvia would welcome accession to the Schengen Area."},
      {"membership.participates", "Since 2017 Latvia has taken part in the Joint Expeditionary Force.",
       "Latvia has taken part in talks about the future."},
      {"membership.observer-of", "Latvia has observer status in the International Organisation of La Francophonie.",
       "Latvia applied for observer status in the International Organisation of La Francophonie."},
      {"membership.member-list", "The members of the Nordic Council are Denmark, Finland and Sweden.",
       "The members of the Nordic Council met Denmark, Finland and Sweden."},
      {"relations.established-with", "Latvia established diplomatic relations with Japan on 6 October 1991.",
       "Latvia has never established diplomatic relations with Japan."},
      {"relations.established-mutual", "Latvia and Japan established diplomatic relations on 6 October 1991.",
       "Latvia and Japan never established diplomatic relations."},
      {"treaty.signed-with", "Latvia signed the Treaty of Lisbon with Estonia in 2007.",
       "Latvia refused to sign the Treaty of Lisbon with Estonia."},
      {"participation.event", "People from Latvia and Estonia formed the Baltic Way.",
       "People from Latvia and Estonia remember it."},
      {"participation.verb", "Latvia sent troops to the Iraq War in 2003.",
       "Latvia refused to send troops to the Iraq War."},
      {"participation.named-sides", "The Iran–Iraq War ended in 1988.", "The Korean War ended in 1953."},
      {"relations.as-subject", "Relations between Latvia and Japan were established on 6 October 1991.",
       "Relations between Latvia and Japan were severed on 6 October 1991."},
      {"membership.belongs", "Latvia and Japan belong to the United Nations.",
       "Latvia and Japan hope to belong to the United Nations."},
  };
  for (const Case& c : cases) {
    auto fired = [&](const char* sentence) {
      Run r = run_text(sentence, "Foreign relations of Latvia");
      return std::any_of(r.facts.begin(), r.facts.end(), [&](const Fact& f) { return f.rule == c.rule; });
    };
    CHECK_MESSAGE(fired(c.fires), c.rule, ": ", c.fires);
    CHECK_MESSAGE(!fired(c.misses), c.rule, ": ", c.misses);
  }
}
