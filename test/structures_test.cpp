// The page structures real sources use (issue 13): each mechanism has a case
// that must fire and a near miss that must not. The inputs are made up in the
// shape of real pages (a profile's field list, a wiki table, a treaty title,
// a news digest), never copied from the corpus.
#include <doctest/doctest.h>

#include <algorithm>

#include "diplograph/extract.hpp"
#include "diplograph/pipeline.hpp"
#include "diplograph/reader.hpp"
#include "support.hpp"

using namespace diplograph;
using test_support::state;

namespace {

struct Run {
  Document doc;
  std::vector<Fact> facts;
  std::vector<std::string> warnings;
};

Run run(Document doc) {
  test_support::Extraction e = test_support::extract_document(doc);
  return Run{std::move(doc), std::move(e.facts), std::move(e.warnings)};
}

Run run_markdown(const std::string& name, const std::string& text) {
  auto doc = read_markdown(name, text);
  REQUIRE(doc.ok());
  return run(std::move(doc).value());
}

Run run_wiki(const std::string& title, const std::string& text) {
  auto doc = read_mediawiki_markup(title + ".wiki", title, text);
  REQUIRE(doc.ok());
  return run(std::move(doc).value());
}

std::string entity(const char* name) { return test_support::named(name); }
const Fact* find(const Run& r, const std::string& s, const char* p, const std::string& o) {
  return test_support::find_fact(r.facts, s, p, o);
}
std::size_t count(const Run& r, const char* p) { return test_support::count_facts(r.facts, p); }

}  // namespace

TEST_CASE("markdown: blocks keep offsets into the original file") {
  std::string md =
      "# Mali\n\n## Government\n\n**_Capital:_**   \nBamako\n\n"
      "See [the ministry](http://example.org/x) for **more**.\n\n"
      "| Country | Date |\n|---|---|\n| Senegal | 1960 |\n\n* one item\n* two items\n";
  auto doc = read_markdown("mali.md", md);
  REQUIRE(doc.ok());
  CHECK(doc->title == "Mali");
  CHECK(doc->text.size() == md.size());  // same length: spans are offsets into the file
  std::vector<std::string> blocks;
  for (const Block& b : doc->blocks) blocks.emplace_back(collapse_spaces(doc->slice(b.span)));
  CHECK(std::find(blocks.begin(), blocks.end(), "Capital: Bamako") != blocks.end());
  CHECK(std::find(blocks.begin(), blocks.end(), "See the ministry for more .") != blocks.end());
  CHECK(std::find(blocks.begin(), blocks.end(), "two items") != blocks.end());
  // The link target and the markup are not text.
  CHECK(doc->text.find("example.org") == std::string::npos);
  CHECK(doc->text.find("**") == std::string::npos);
  REQUIRE(doc->tables.size() == 1);
  CHECK(doc->tables[0].header == std::vector<std::string>{"Country", "Date"});
  auto row = std::find_if(doc->blocks.begin(), doc->blocks.end(),
                          [](const Block& b) { return b.kind == BlockKind::table_row; });
  REQUIRE(row != doc->blocks.end());
  REQUIRE(row->cells.size() == 2);
  CHECK(md.substr(row->cells[0].begin, row->cells[0].end - row->cells[0].begin) == "Senegal");
  // The section of a block is the heading above it.
  CHECK(row->section_path.back() == "Government");
}

TEST_CASE("markdown: escapes, entities, line endings and table pipes keep their bytes") {
  // CRLF lines, a backslash escape, an entity, a code span over a line end,
  // raw HTML, an image and an escaped pipe inside a table cell.
  std::string md =
      "# Kenya \\& Uganda\r\n\r\nTrade &amp; aid with `the\r\nEAC` and <b>Tanzania</b> "
      "![flag](f.png) since 1967.\r\n\r\n| Partner | Note |\r\n|---|---|\r\n| Rwanda \\| Burundi | 1963 |\r\n";
  auto doc = read_markdown("ke.md", md);
  REQUIRE(doc.ok());
  CHECK(doc->text.size() == md.size());
  CHECK(doc->title == "Kenya & Uganda");
  std::vector<std::string> blocks;
  for (const Block& b : doc->blocks) blocks.emplace_back(collapse_spaces(doc->slice(b.span)));
  // The escape's backslash and the entity's name are not shown; the character is.
  CHECK(std::find(blocks.begin(), blocks.end(), "Kenya & Uganda") != blocks.end());
  CHECK(std::find(blocks.begin(), blocks.end(), "Trade & aid with the EAC and Tanzania since 1967.") !=
        blocks.end());
  CHECK(doc->text.find("<b>") == std::string::npos);
  CHECK(doc->text.find("flag") == std::string::npos);
  auto row = std::find_if(doc->blocks.begin(), doc->blocks.end(),
                          [](const Block& b) { return b.kind == BlockKind::table_row; });
  REQUIRE(row != doc->blocks.end());
  REQUIRE(row->cells.size() == 2);
  CHECK(collapse_spaces(doc->slice(row->cells[0])) == "Rwanda | Burundi");
  CHECK(doc->slice(row->cells[1]) == "1963");
}

TEST_CASE("markdown: detected from the name and from content; a date heading dates the page") {
  CHECK(detect_format("a.md", "x") == InputFormat::markdown);
  CHECK(detect_format("a.markdown", "x") == InputFormat::markdown);
  CHECK(detect_format("-", "# Title\n\nSome [link](x) and **bold** text.\n") == InputFormat::markdown);
  CHECK(detect_format("-", "Just a line of prose.\nAnother one.\n") == InputFormat::plain);
  auto doc = read_markdown("news.md", "## [2009-04-01](/x)\n\n### [ Albania and Croatia join NATO. ](/y)\n");
  REQUIRE(doc.ok());
  CHECK(doc->date == "2009-04-01");
  // A heading that reads as a sentence is a paragraph (a news item).
  auto item = std::find_if(doc->blocks.begin(), doc->blocks.end(), [&](const Block& b) {
    return doc->slice(b.span).find("join NATO") != std::string_view::npos;
  });
  REQUIRE(item != doc->blocks.end());
  CHECK(item->kind == BlockKind::paragraph);
  auto undated = read_markdown("profile.md", "## Introduction\n\nText.\n");
  REQUIRE(undated.ok());
  CHECK(undated->date.empty());
}

TEST_CASE("news digest: an item without a date takes the page's date") {
  Run r = run_markdown("news.md", "## [2009-04-01](/x)\n\n### [ Albania and Croatia join NATO. ](/y)\n");
  const Fact* f = find(r, state("ALB"), predicate::member_of, entity("NATO"));
  REQUIRE(f);
  REQUIRE(f->date);
  CHECK(f->date->timex() == "2009-04-01");
  CHECK(find(r, state("HRV"), predicate::member_of, entity("NATO")));
  // Near miss: an intention in the same page gives nothing.
  Run miss = run_markdown("news.md", "## [2009-04-01](/x)\n\n### [ Georgia is expected to join NATO. ](/y)\n");
  CHECK(count(miss, predicate::member_of) == 0);
}

TEST_CASE("lists: a profile's organization field, with qualifiers") {
  Run r = run_markdown(
      "mali.md",
      "# Mali\n\n## Government\n\n**_International organization participation:_**   \n"
      "ACP, AfDB, AU, ECOWAS, FAO, IMF, OIC, UN, WTO, LAS (observer), OPCW, CAN (associate), "
      "ICC (national committees), ITUC (NGOs), OECD (Enhanced Engagement, NAM, ICCt (signatory)\n\n"
      "**_International law organization participation:_**   \naccepts ICCt jurisdiction\n");
  std::string mali = state("MLI");
  CHECK(find(r, mali, predicate::member_of, entity("African Union")));
  CHECK(find(r, mali, predicate::member_of, entity("United Nations")));
  CHECK(find(r, mali, predicate::member_of, entity("World Trade Organization")));
  CHECK(find(r, mali, predicate::observer_of, entity("Arab League")));
  CHECK(find(r, mali, predicate::party_to, entity("International Criminal Court")));
  // Qualified entries that are not membership, and an unclosed qualifier.
  CHECK_FALSE(find(r, mali, predicate::member_of, entity("Organisation for Economic Co-operation and Development")));
  CHECK_FALSE(find(r, mali, predicate::member_of, entity("International Criminal Court")));
  // Near miss: the law-organization field names a court, not a membership.
  std::size_t from_law = static_cast<std::size_t>(std::count_if(r.facts.begin(), r.facts.end(), [&](const Fact& f) {
    return r.doc.slice(f.evidence).find("jurisdiction") != std::string_view::npos;
  }));
  CHECK(from_law == 0);
}

TEST_CASE("lists: environmental agreements by the profile's short names, only inside lists") {
  Run r = run_markdown("mali.md",
                       "# Mali\n\n**_Environment - international agreements:_**   \n"
                       "**party to:** Biodiversity, Climate Change, Desertification, Wetlands   \n"
                       "**signed, but not ratified:** none of the selected agreements\n");
  std::string mali = state("MLI");
  CHECK(find(r, mali, predicate::party_to, entity("Convention on Biological Diversity")));
  CHECK(find(r, mali, predicate::party_to, entity("Ramsar Convention")));
  CHECK(count(r, predicate::party_to) == 4);
  // Near miss: the same words in prose are not treaties.
  Run prose = run_markdown("mali.md", "# Mali\n\nMali protects its wetlands and biodiversity.\n");
  CHECK(count(prose, predicate::party_to) == 0);
}

TEST_CASE("wiki tables: the column header is the last named header row") {
  Run r = run_wiki("Foreign relations of Mali",
                   "'''Mali''' has relations with many states.\n\n"
                   "{| class=\"wikitable\"\n! colspan=\"3\" |[[File:Map.svg|frameless]]\n|-\n"
                   "! # !! Country !! Date\n|-\n| 1 || {{flag|Senegal}} || {{dts|20 June 1960}}\n|-\n"
                   "| 2 || {{flag|Ghana}} || {{Date table sorting|1 July 1961}}\n|}\n");
  const Fact* f = find(r, state("MLI"), predicate::diplomatic_relations_with, state("SEN"));
  REQUIRE(f);
  REQUIRE(f->date);
  CHECK(f->date->timex() == "1960-06-20");
  CHECK(find(r, state("MLI"), predicate::diplomatic_relations_with, state("GHA")));
}

TEST_CASE("bilateral passages: the section heading names the counterpart of 'both countries'") {
  Run r = run_wiki("Foreign relations of Mali",
                   "'''Mali''' is in Africa.\n\n== Senegal ==\n"
                   "Both countries are members of the [[African Union]] and the [[Economic Community of West "
                   "African States]].\n");
  CHECK(find(r, state("SEN"), predicate::member_of, entity("African Union")));
  CHECK(find(r, state("MLI"), predicate::member_of, entity("African Union")));
  // Near miss: under a heading that names no state, "both countries" has no pair.
  Run miss = run_wiki("Foreign relations of Mali",
                      "'''Mali''' is in Africa.\n\n== Trade ==\nBoth countries are members of the [[African Union]].\n");
  CHECK_FALSE(find(miss, state("SEN"), predicate::member_of, entity("African Union")));
}

TEST_CASE("wiki links: a phrase never spans two links; a link's target names what its label does not") {
  auto doc = read_mediawiki_markup("x.wiki", "Foreign relations of Mali",
                                   "Mali joined the [[Economic Community of West African States|regional bloc]] "
                                   "and the [[Organisation of Islamic Cooperation]] in 1975.");
  REQUIRE(doc.ok());
  REQUIRE(doc->links.size() == 2);
  CHECK(doc->slice(doc->links[0].span) == "regional bloc");
  CHECK(doc->links[0].target == "Economic Community of West African States");
  CHECK(doc->text.find('\x01') == std::string::npos);
  Run r = run(std::move(doc).value());
  CHECK(find(r, state("MLI"), predicate::member_of, entity("Economic Community of West African States")));
  CHECK(find(r, state("MLI"), predicate::member_of, entity("Organisation of Islamic Cooperation")));
}

TEST_CASE("wiki links: a target named by its head words is known under the label the text shows") {
  // A battle the gazetteer does not hold, linked under a place name; the
  // disambiguator "(1776)" is not part of the name.
  auto doc = read_mediawiki_markup("x.wiki", "Military history of Freedonia",
                                   "In 1776 Freedonia fought in the [[Battle of Long Island (1776)|Long Island]] "
                                   "engagement. Sylvania later joined the [[Main Page|alliance]].");
  REQUIRE(doc.ok());
  Run r = run(std::move(doc).value());
  const test_support::Extraction e = test_support::extract_document(r.doc);
  const Mention* battle = nullptr;
  for (const SentenceAnalysis& s : e.recognized.sentences)
    for (const Mention& m : s.mentions)
      if (m.type == EntityType::event) battle = &m;
  REQUIRE(battle);
  CHECK(battle->iri.find("battle-of-long-island") != std::string::npos);
  CHECK(battle->iri.find("1776") == std::string::npos);
  // A target without a head word ("Main Page") names nothing.
  for (const Fact& f : r.facts) CHECK(f.object.find("main-page") == std::string::npos);
}

TEST_CASE("html: Wikipedia article links are mentions of their target; other links are not") {
  auto doc = read_html("nz.html",
                       "<html><body><h1>New Zealand</h1><p>The country fought in both world wars, with campaigns "
                       "in <a href=\"/wiki/Battle_of_Crete\" title=\"Battle of Crete\">Crete</a> and "
                       "<a href=\"/wiki/Second_Battle_of_El_Alamein\">El Alamein</a>. See "
                       "<a href=\"https://example.org/Battle_of_Nowhere\">this page</a> and "
                       "<a href=\"/wiki/File:Map.png\">a map</a>.</p></body></html>");
  REQUIRE(doc.ok());
  REQUIRE(doc->links.size() == 2);
  CHECK(doc->slice(doc->links[0].span) == "Crete");
  CHECK(doc->links[0].target == "Battle of Crete");
  CHECK(doc->slice(doc->links[1].span) == "El Alamein");
  CHECK(doc->links[1].target == "Second Battle of El Alamein");  // from the address, underscores as spaces
  Run r = run(std::move(doc).value());
  CHECK(find(r, state("NZL"), predicate::participated_in, "https://w3id.org/diplograph/id/event/battle-of-crete"));
  CHECK(find(r, state("NZL"), predicate::participated_in,
             "https://w3id.org/diplograph/id/event/second-battle-of-el-alamein"));
}

TEST_CASE("treaty names: two names joined by a dash open the name; one name or a spaced dash does not") {
  Run r = run_markdown("fta.md",
                       "# Relations\n\nOn 7 April 2008, New Zealand and China signed the New Zealand–China Free "
                       "Trade Agreement.\n\nIn 2010 Chile and Peru signed a Peru – Chile Trade Agreement.\n");
  const std::string fta = "https://w3id.org/diplograph/id/treaty/new-zealand-china-free-trade-agreement";
  CHECK(find(r, state("NZL"), predicate::party_to, fta));
  CHECK(find(r, state("CHN"), predicate::party_to, fta));
  const std::string spaced = "https://w3id.org/diplograph/id/treaty/peru-chile-trade-agreement";
  for (const Fact& f : r.facts) CHECK(f.object != spaced);
}

TEST_CASE("treaty texts: the title names the parties, the signature dates them") {
  Run r = run_markdown("treaty.md",
                       "##Agreement between the Republic of Mali and the Kingdom of Morocco on air transport\n\n"
                       "The Parties have agreed as follows:\n\nArticle 1. Scope.\n\n"
                       "DONE at Rabat, on 3 May 1999, in two originals.\n");
  auto party = std::find_if(r.facts.begin(), r.facts.end(), [&](const Fact& f) {
    return f.subject == state("MLI") && f.predicate == std::string(predicate::party_to);
  });
  REQUIRE(party != r.facts.end());
  REQUIRE(party->date);
  CHECK(party->date->timex() == "1999-05-03");
  CHECK(find(r, state("MAR"), predicate::party_to, party->object));
  // Near miss: a convention whose title names no party gives nothing.
  Run miss = run_markdown("convention.md",
                          "# Convention on Diplomatic Relations\n\nThe States Parties to the present Convention, "
                          "recalling that peoples of all nations have recognized the status of diplomatic agents, "
                          "have agreed as follows.\n\nDONE at Vienna, this eighteenth day of April 1961.\n");
  CHECK(count(miss, predicate::party_to) == 0);
}

TEST_CASE("names: a hyphenated word with a lowercase part stays in a name; a modifier made from a name does not") {
  Run r = run_markdown("pact.md",
                       "# Relations\n\nBoth Ghana and Ireland signed the Atlantic Co-operation Pact in 2001.\n\n"
                       "Ghana joined the British-led Joint Expeditionary Force in 2003.\n");
  CHECK(find(r, state("GHA"), predicate::party_to,
             "https://w3id.org/diplograph/id/treaty/atlantic-co-operation-pact"));
  bool joint = false;
  for (const Fact& f : r.facts) {
    CHECK(f.object.find("british-led") == std::string::npos);
    joint = joint || (f.predicate == predicate::member_of && f.object.find("joint-expeditionary-force") != std::string::npos);
  }
  CHECK(joint);
}

TEST_CASE("wiki links: a target is one name even when it holds a known name") {
  // "South Asia" is a known region; the target names one organization.
  auto doc = read_mediawiki_markup("x.wiki", "Foreign relations of Bhutan",
                                   "Bhutan is a member of [[South Asia Subregional Economic Cooperation|SASEC]].");
  REQUIRE(doc.ok());
  Run r = run(std::move(doc).value());
  CHECK(find(r, state("BTN"), predicate::member_of,
             "https://w3id.org/diplograph/id/organization/south-asia-subregional-economic-cooperation"));
}

TEST_CASE("lists: a profile field written as a heading over a bare list; prose under it is not a list") {
  Run r = run_markdown("kenya.md",
                       "# Kenya\n\n## International organization participation\n\nAfDB, AU, COMESA, EAC, IMF, UN\n\n"
                       "## Memberships\n\nThe country applied to the OECD, the Pacific Islands Forum, and the Arctic "
                       "Council in various years.\n");
  CHECK(find(r, state("KEN"), predicate::member_of, entity("African Union")));
  CHECK(find(r, state("KEN"), predicate::member_of, entity("East African Community")));
  CHECK_FALSE(find(r, state("KEN"), predicate::member_of, entity("Pacific Islands Forum")));
}

TEST_CASE("press releases: a full date closing the title dates the items; an official of a state stands for it") {
  Run r = run_markdown("digest.md",
                       "# Weekly news digest, 14 June 2019\n\nThe President of Ghana attended the Munich Security "
                       "Conference.\n\nThe embassy of Togo attended the Munich Security Conference.\n");
  const Fact* f = find(r, state("GHA"), predicate::participated_in, entity("Munich Security Conference"));
  REQUIRE(f);
  REQUIRE(f->date);
  CHECK(f->date->timex() == "2019-06-14");
  CHECK_FALSE(find(r, state("TGO"), predicate::participated_in, entity("Munich Security Conference")));
  // A title that ends in a year only gives no page date.
  Run y = run_markdown("digest.md", "# Annual review, 2019\n\nThe President of Ghana attended the Munich Security Conference.\n");
  const Fact* g = find(y, state("GHA"), predicate::participated_in, entity("Munich Security Conference"));
  REQUIRE(g);
  CHECK_FALSE(g->date);
}

TEST_CASE("infoboxes: a war's belligerents took part in it; footnotes stay in the infobox only") {
  // Made up in the shape of an "Infobox military conflict": flag templates,
  // links, list items, a footnote naming peoples, dates in parentheses.
  Run r = run_wiki("War of the Freedonian Succession",
                   "{{Infobox military conflict\n"
                   "|conflict=Ottoman–Freedonian War\n"
                   "|date=1803{{ndash}}1806\n"
                   "|combatant1=*{{flagcountry|France}}\n"
                   "*[[Dutch Republic|the Netherlands]] <small>(from 1804)</small>\n"
                   "*[[Zembla people|Zemblans]]{{refn|[[Oru people|Oru]] (until 1805), [[Vesk people|Vesk]]}}\n"
                   "|combatant2={{flag|Ottoman Empire}}<br />[[Sylvanian Free Corps|Free Corps]]\n"
                   "|commander1=[[Rufus T. Firefly]]\n}}\n"
                   "The Ottoman–Freedonian War was fought from 1803.{{efn|A footnote about Zembla.}}\n");
  const std::string war = "https://w3id.org/diplograph/id/event/ottoman-freedonian-war";
  CHECK(find(r, state("FRA"), predicate::participated_in, war));
  const Fact* dutch = find(r, entity("Dutch Republic"), predicate::participated_in, war);
  REQUIRE(dutch);
  REQUIRE(dutch->date);
  CHECK(dutch->date->timex() == "1804");
  CHECK(find(r, entity("Ottoman Empire"), predicate::participated_in, war));
  // Unknown belligerents are named by the words the page shows, peoples and
  // corps as non-state actors; "(until 1805)" says when one stopped.
  const std::string zemblans = "https://w3id.org/diplograph/id/actor/zemblans";
  CHECK(find(r, zemblans, predicate::participated_in, war));
  const Fact* oru = find(r, "https://w3id.org/diplograph/id/actor/oru", predicate::participated_in, war);
  REQUIRE(oru);
  CHECK_FALSE(oru->date);
  CHECK(find(r, "https://w3id.org/diplograph/id/actor/vesk", predicate::participated_in, war));
  CHECK(find(r, "https://w3id.org/diplograph/id/actor/free-corps", predicate::participated_in, war));
  // The commander is no belligerent, and a footnote in prose is dropped.
  for (const Fact& f : r.facts) CHECK(f.subject.find("firefly") == std::string::npos);
  CHECK(r.doc.text.find("footnote") == std::string::npos);
  CHECK(r.doc.text.find("1803\xE2\x80\x93" "1806") == std::string::npos);  // the date field is not text
  CHECK(r.doc.text.find("Oru (until 1805)") != std::string::npos);
}

TEST_CASE("treaty names: the states a name joins with a dash are parties; a region is not") {
  Run r = run_markdown("t.md",
                       "# Relations\n\nIn 2007 the Indo-Bhutan Friendship Treaty was revised.\n\n"
                       "Honduras signed the Central America–European Union Association Agreement in 2012.\n");
  const std::string indo = "https://w3id.org/diplograph/id/treaty/indo-bhutan-friendship-treaty";
  CHECK(find(r, state("IND"), predicate::party_to, indo));
  CHECK(find(r, state("BTN"), predicate::party_to, indo));
  const std::string ca = "https://w3id.org/diplograph/id/treaty/central-america-european-union-association-agreement";
  CHECK(find(r, state("HND"), predicate::party_to, ca));
  CHECK(find(r, entity("European Union"), predicate::party_to, ca));
  CHECK_FALSE(find(r, state("USA"), predicate::party_to, ca));  // not "America" inside "Central America"
}

TEST_CASE("wars: an operation between two sides against a third names all three; a fronted date dates them") {
  Run r = run_wiki("Foreign relations of Freedonia",
                   "In March 2015, a [[Operation Lafiya Dole|joint operation]] between the [[Nigerian Army|Nigerian "
                   "military]] and the Chadian army began against [[Boko Haram]] in the north.\n\n"
                   "A [[Battle of Kousseri|battle]] between Chad and Cameroon was avoided.\n");
  const std::string op = "https://w3id.org/diplograph/id/event/operation-lafiya-dole";
  for (const char* side : {"NGA", "TCD"}) {
    const Fact* f = find(r, state(side), predicate::participated_in, op);
    REQUIRE(f);
    REQUIRE(f->date);
    CHECK(f->date->timex() == "2015-03");
  }
  CHECK(find(r, entity("Boko Haram"), predicate::participated_in, op));
}

TEST_CASE("relations tables: the Sovereign Military Order of Malta is a row like any state") {
  Run r = run_wiki("Foreign relations of Fiji",
                   "== Diplomatic relations ==\n{| class=\"wikitable\"\n! # !! Country !! Date\n|-\n"
                   "| 1 || {{flag|Peru}} || {{dts|5 May 1950}}\n|-\n"
                   "| — || {{flag|Sovereign Military Order of Malta}} || {{dts|23 June 1959}}\n|}\n");
  const Fact* f = find(r, state("FJI"), predicate::diplomatic_relations_with, state("XOM"));
  REQUIRE(f);
  REQUIRE(f->date);
  CHECK(f->date->timex() == "1959-06-23");
  CHECK(find(r, state("FJI"), predicate::diplomatic_relations_with, state("PER")));
}
