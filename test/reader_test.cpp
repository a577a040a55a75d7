#include <doctest/doctest.h>

#include <bzlib.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>

#include "diplograph/reader.hpp"
#include "support.hpp"

using namespace diplograph;

namespace {

std::vector<Document> read_all(const std::string& path, InputFormat format = InputFormat::automatic) {
  std::vector<Document> docs;
  ReadOptions options;
  options.format = format;
  auto r = read_file(path, options, [&](Document&& d) -> Outcome {
    docs.push_back(std::move(d));
    return {};
  });
  REQUIRE_MESSAGE(r.ok(), r.error().to_string());
  return docs;
}

Error read_error(std::string_view name, std::string_view bytes, InputFormat format = InputFormat::automatic) {
  ReadOptions options;
  options.format = format;
  auto r = read_buffer(name, bytes, options, [](Document&&) -> Outcome { return {}; });
  REQUIRE_FALSE(r.ok());
  return r.error();
}

std::vector<Document> read_text(std::string_view name, std::string_view bytes,
                                InputFormat format = InputFormat::automatic) {
  std::vector<Document> docs;
  ReadOptions options;
  options.format = format;
  auto r = read_buffer(name, bytes, options, [&](Document&& d) -> Outcome {
    docs.push_back(std::move(d));
    return {};
  });
  REQUIRE_MESSAGE(r.ok(), r.error().to_string());
  return docs;
}

Error file_error(const std::string& path) {
  auto r = read_file(path, ReadOptions{}, [](Document&&) -> Outcome { return {}; });
  REQUIRE_FALSE(r.ok());
  return r.error();
}

// Feeds `bytes` to the XML reader `step` bytes at a time.
Result<std::vector<Document>> xml_in_steps(const std::string& bytes, std::size_t step,
                                           const ReadOptions& options = {}) {
  std::size_t pos = 0;
  std::vector<Document> docs;
  auto r = read_mediawiki_xml(
      "steps.xml",
      [&](std::string& buffer) -> Result<bool> {
        if (pos >= bytes.size()) return false;
        buffer.append(bytes, pos, step);
        pos += step;
        return true;
      },
      options, [&](Document&& doc) -> Outcome {
        docs.push_back(std::move(doc));
        return {};
      });
  if (!r) return r.error();
  return docs;
}

// A path with this file name in a fresh directory of its own.
std::filesystem::path temp_path(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("diplograph-reader-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir / name;
}

template <class F>
double seconds(F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const Block* find_block(const Document& d, BlockKind kind, std::string_view text) {
  for (const Block& b : d.blocks)
    if (b.kind == kind && d.slice(b.span).find(text) != std::string_view::npos) return &b;
  return nullptr;
}

}  // namespace

TEST_CASE("reader: plain text with headings, sections and a table with lost cells") {
  auto docs = read_all(DIPLOGRAPH_SOURCE_DIR "/examples/documents/foreign_relations_of_lithuania.txt");
  REQUIRE(docs.size() == 1);
  const Document& d = docs[0];
  CHECK(d.title == "Foreign relations of Lithuania");
  CHECK(d.id == "foreign_relations_of_lithuania");
  CHECK(d.format == "plain");
  const Block* gambia = find_block(d, BlockKind::table_row, "Gambia");
  REQUIRE(gambia);
  REQUIRE(gambia->cells.size() == 3);
  CHECK(gambia->cells[0].empty());
  CHECK(d.slice(gambia->cells[1]) == "17 February 2000");
  CHECK(d.slice(gambia->cells[2]) == "See Gambia–Lithuania relations");
  CHECK(d.tables[static_cast<std::size_t>(gambia->table)].header ==
        std::vector<std::string>{"Country", "Formal relations (re)established", "Notes"});
  CHECK(gambia->section_path == std::vector<std::string>{"Africa"});
  const Block* sub = find_block(d, BlockKind::paragraph, "trans-shipment point");
  REQUIRE(sub);
  CHECK(sub->section_path == std::vector<std::string>{"Issues", "Illicit drug trafficking"});
  // Offsets are offsets into the original file.
  std::string original = test_support::read_text(DIPLOGRAPH_SOURCE_DIR "/examples/documents/foreign_relations_of_lithuania.txt");
  CHECK(original.substr(gambia->span.begin, gambia->span.end - gambia->span.begin) == d.slice(gambia->span));
  CHECK(find_block(d, BlockKind::list_item, "List of ambassadors to Lithuania"));
}

TEST_CASE("reader: wiki-dump text and web pages with chrome") {
  auto wiki = read_all(DIPLOGRAPH_SOURCE_DIR "/examples/documents/foreign_relations_of_lithuania_wiki.txt");
  REQUIRE(wiki.size() == 1);
  CHECK(wiki[0].format == "wikitext");
  CHECK(wiki[0].title == "Foreign relations of Lithuania");
  CHECK(wiki[0].categories == std::vector<std::string>{"Foreign relations of Lithuania"});
  const Block* poland = find_block(wiki[0], BlockKind::paragraph, "treaty of friendship");
  REQUIRE(poland);
  CHECK(poland->section_path == std::vector<std::string>{"Baltic Sea region states", "Poland"});
  auto web = read_all(DIPLOGRAPH_SOURCE_DIR "/examples/documents/lithuania_us_relations.txt");
  CHECK(web[0].title == "Lithuania - US Relations");  // the JOIN NOW banner is not the title
}

TEST_CASE("reader: MediaWiki markup is rendered to text") {
  auto doc = read_mediawiki_markup(
      "x", "Test",
      "'''Lithuania''' joined [[North Atlantic Treaty Organization|NATO]]<ref name=a>{{cite|x}}</ref> "
      "and the [[European Union]].<!-- hidden --> [[File:Map.png|thumb|A [[map]] caption]]{{Infobox\n"
      "|a={{nested|b}}\n}} See [http://example.org the site] &amp; {{lang|lt|Lietuva}}.\n"
      "* A list item\n== Section ==\nText.\n[[Category:Baltic]]");
  REQUIRE(doc.ok());
  CHECK(doc->blocks.size() == 4);
  CHECK(doc->slice(doc->blocks[0].span) ==
        "Lithuania joined NATO and the European Union.  See the site & Lietuva.");
  CHECK(doc->blocks[1].kind == BlockKind::list_item);
  CHECK(doc->blocks[2].kind == BlockKind::heading);
  CHECK(doc->blocks[3].section_path == std::vector<std::string>{"Section"});
  CHECK(doc->categories == std::vector<std::string>{"Baltic"});
}

TEST_CASE("reader: unbalanced and deeply nested markup does not hang or crash") {
  for (std::string bad : {"{{unclosed template", "[[unclosed link", "{| class=x\n| cell", "}} ]] |}",
                          "<ref>never closed", "text <!-- unclosed comment"}) {
    auto doc = read_mediawiki_markup("x", "T", bad);
    CHECK(doc.ok());
  }
  std::string deep(200000, '{');
  deep += "text";
  auto doc = read_mediawiki_markup("x", "T", deep);
  REQUIRE(doc.ok());
  std::string deep_links;
  for (int i = 0; i < 100000; ++i) deep_links += "[[";
  CHECK(read_mediawiki_markup("x", "T", deep_links).ok());
}

TEST_CASE("reader: MediaWiki XML, page by page, any chunk size") {
  auto docs = read_all(DIPLOGRAPH_TEST_DIR "/data/readers/estonia.xml");
  REQUIRE(docs.size() == 1);  // the talk page is skipped
  const Document& d = docs[0];
  CHECK(d.title == "Foreign relations of Estonia");
  CHECK(d.revision_id == "1001");
  CHECK(d.page_id == "42");
  CHECK(d.id == "foreign-relations-of-estonia-r1001");
  CHECK(d.format == "mediawiki-xml");
  CHECK(d.slice(d.blocks[0].span) == "Estonia is a member of the UN and NATO since 2004.");
  REQUIRE(d.tables.size() == 1);
  CHECK(d.tables[0].header == std::vector<std::string>{"Country", "Date"});
  const Block* latvia = find_block(d, BlockKind::table_row, "Latvia");
  REQUIRE(latvia);
  CHECK(d.slice(latvia->cells[0]) == "Latvia");
  CHECK(d.slice(latvia->cells[1]) == "1991-08-28");
  CHECK(d.slice(find_block(d, BlockKind::table_row, "Finland")->cells[0]) == "Finland");

  // The same result when the bytes arrive 7 at a time.
  std::string bytes = test_support::read_text(DIPLOGRAPH_TEST_DIR "/data/readers/estonia.xml");
  std::size_t pos = 0;
  std::vector<Document> chunked;
  auto r = read_mediawiki_xml(
      "estonia.xml",
      [&](std::string& buffer) -> Result<bool> {
        if (pos >= bytes.size()) return false;
        buffer.append(bytes.substr(pos, 7));
        pos += 7;
        return true;
      },
      ReadOptions{}, [&](Document&& doc) -> Outcome {
        chunked.push_back(std::move(doc));
        return {};
      });
  REQUIRE(r.ok());
  REQUIRE(chunked.size() == 1);
  CHECK(chunked[0].text == d.text);
}

TEST_CASE("reader: a real Wikipedia export: redirects skipped, article read") {
  auto docs = read_all(DIPLOGRAPH_TEST_DIR "/data/readers/enwiki-two-pages.xml");
  REQUIRE(docs.size() == 1);
  CHECK_FALSE(docs[0].text.empty());
  CHECK_FALSE(docs[0].revision_id.empty());
}

TEST_CASE("reader: malformed input gives clear errors with places") {
  CHECK(read_error("e.txt", "").status == Status::empty_input);
  CHECK(read_error("e.txt", " \n\t\n").status == Status::empty_input);
  Error nul = read_error("b.txt", std::string("abc\0def", 7));
  CHECK(nul.status == Status::bad_encoding);
  CHECK(nul.byte_offset == 3u);
  CHECK(nul.to_string().find("b.txt") == 0);
  Error utf = read_error("u.txt", "ok text \xC3\x28 bad");
  CHECK(utf.status == Status::bad_encoding);
  CHECK(utf.byte_offset == 8u);
  CHECK(read_error("o.txt", "overlong \xC0\xAF slash").byte_offset == 9u);
  CHECK(read_error("s.txt", "surrogate \xED\xA0\x80 here").status == Status::bad_encoding);
  Error truncated = read_error("t.xml", "<mediawiki><page><title>A</title><revision><text>x</text>");
  CHECK(truncated.message.find("truncated") != std::string::npos);
  Error no_end = read_error("n.xml", "<mediawiki><page><title>A</title><ns>0</ns><revision><text>x</text></revision></page>");
  CHECK(no_end.message.find("</mediawiki>") != std::string::npos);
  Error bad_tag = read_error("x.xml", "<mediawiki><page><title>A</tit></page></mediawiki>");
  CHECK(bad_tag.message.find("malformed XML") != std::string::npos);
  CHECK(bad_tag.byte_offset.has_value());
  Error not_wiki = read_error("r.xml", "<root/>", InputFormat::mediawiki_xml);
  CHECK(not_wiki.message.find("mediawiki") != std::string::npos);
  // Entities are never expanded: a billion-laughs header is just skipped text.
  auto laughs = read_buffer("l.xml",
                            "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>"
                            "<mediawiki><page><title>A</title><ns>0</ns><revision><text>&lol2;</text>"
                            "</revision></page></mediawiki>",
                            ReadOptions{}, [](Document&&) -> Outcome { return {}; });
  CHECK(laughs.ok());
}

TEST_CASE("reader: files, formats and names") {
  ReadOptions options;
  auto missing = read_file("/nonexistent/x.txt", options, [](Document&&) -> Outcome { return {}; });
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().status == Status::not_found);
  CHECK(missing.error().to_string().find("/nonexistent/x.txt") != std::string::npos);
  auto unknown = parse_format_name("pdf");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message.find("mediawiki-xml") != std::string::npos);
  CHECK(detect_format("a.xml", "") == InputFormat::mediawiki_xml);
  CHECK(detect_format("dump.xml.bz2", "") == InputFormat::mediawiki_xml);
  CHECK(detect_format("a.txt", "[[Title]]\n\ntext") == InputFormat::wikitext);
  CHECK(detect_format("a.txt", "= Title =\n\ntext") == InputFormat::plain);
  CHECK(detect_format("a", "<!DOCTYPE html><html>") == InputFormat::html);
  CHECK(slugify("Foreign relations of Lithuania") == "foreign-relations-of-lithuania");
  CHECK(slugify("Côte d'Ivoire") == "cote-d-ivoire");
  CHECK(slugify("Šiauliai") == "siauliai");
  CHECK(slugify("<>\"{}") == "x");
}

TEST_CASE("reader: plain text: title heading, section paths, lists, table with empty cells") {
  const std::string path = DIPLOGRAPH_TEST_DIR "/data/readers/sections.txt";
  auto docs = read_all(path);
  REQUIRE(docs.size() == 1);
  const Document& d = docs[0];
  CHECK(d.id == "sections");
  CHECK(d.source == path);
  CHECK(d.format == "plain");
  CHECK(d.title == "Relations of Testland");
  CHECK(d.text == test_support::read_text(path));  // the original bytes

  REQUIRE_FALSE(d.blocks.empty());
  CHECK(d.blocks[0].kind == BlockKind::heading);
  CHECK(d.blocks[0].level == 1);
  CHECK(d.slice(d.blocks[0].span) == "Relations of Testland");
  const Block* intro = find_block(d, BlockKind::paragraph, "small country");
  REQUIRE(intro);
  CHECK(d.slice(intro->span) == "Testland is a small country.\nIt borders Examplia.");
  CHECK(intro->section_path.empty());  // the title is not a section

  const Block* examplia = find_block(d, BlockKind::heading, "Examplia");
  REQUIRE(examplia);
  CHECK(examplia->level == 3);
  CHECK(examplia->section_path == std::vector<std::string>{"Neighbours"});
  const Block* since = find_block(d, BlockKind::paragraph, "established in 1992");
  REQUIRE(since);
  CHECK(since->section_path == std::vector<std::string>{"Neighbours", "Examplia"});

  for (std::string_view item : {"Embassy in Exville", "Consulate in Sampleton", "Honorary consul in Demo City"}) {
    const Block* b = find_block(d, BlockKind::list_item, item);
    REQUIRE_MESSAGE(b, item);
    CHECK(d.slice(b->span) == item);
    CHECK(b->section_path == std::vector<std::string>{"Neighbours", "Examplia"});
  }

  REQUIRE(d.tables.size() == 1);
  CHECK(d.tables[0].header == std::vector<std::string>{"Country", "Date", "Notes"});
  CHECK(d.tables[0].section_path == std::vector<std::string>{"Diplomatic relations"});
  std::vector<const Block*> rows;
  for (const Block& b : d.blocks)
    if (b.kind == BlockKind::table_row) rows.push_back(&b);
  REQUIRE(rows.size() == 2);  // the header and the separator are not rows
  CHECK(rows[0]->table == 0);
  REQUIRE(rows[0]->cells.size() == 3);
  CHECK(d.slice(rows[0]->cells[0]) == "Examplia");
  CHECK(d.slice(rows[0]->cells[1]) == "5 May 1992");
  CHECK(rows[0]->cells[2].empty());
  CHECK(rows[0]->cells[2].begin == rows[0]->cells[2].end);
  CHECK(rows[0]->cells[2].begin > rows[0]->cells[1].end);  // in its place in the row
  REQUIRE(rows[1]->cells.size() == 3);
  CHECK(rows[1]->cells[0].empty());
  CHECK(d.slice(rows[1]->cells[2]) == "Flag lost");
  CHECK(d.slice(rows[1]->span) == "| | 1 June 1993 | Flag lost |");

  const Block* closing = find_block(d, BlockKind::paragraph, "Closing remarks.");
  REQUIRE(closing);
  CHECK(closing->section_path == std::vector<std::string>{"Notes"});
  for (const Block& b : d.blocks) CHECK(b.span.end <= d.text.size());
}

TEST_CASE("reader: plain text: a BOM is dropped, CRLF line ends stay out of spans") {
  auto docs = read_all(DIPLOGRAPH_TEST_DIR "/data/readers/bom_crlf.txt");
  REQUIRE(docs.size() == 1);
  const Document& d = docs[0];
  CHECK(d.title == "Title after a BOM");
  CHECK(d.text.rfind("Title", 0) == 0);  // offsets count from after the BOM
  const Block* p = find_block(d, BlockKind::paragraph, "line one");
  REQUIRE(p);
  CHECK(d.slice(p->span) == "First paragraph line one.\r\nLine two.");
}

TEST_CASE("reader: plain text: web page titles skip site chrome") {
  auto docs = read_text("page.txt",
                        "Menu\nSign in - JOIN NOW\n\nNews about Testland\n\n"
                        "Testland signed a treaty with Examplia in 1995.\n\nA later short line\n\nMore prose here.\n");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].title == "News about Testland");
  const Block* chrome = find_block(docs[0], BlockKind::paragraph, "JOIN NOW");
  REQUIRE(chrome);  // kept as text, not dropped
  const Block* later = find_block(docs[0], BlockKind::heading, "A later short line");
  REQUIRE(later);
  CHECK(later->level == 2);
  const Block* more = find_block(docs[0], BlockKind::paragraph, "More prose");
  REQUIRE(more);
  CHECK(more->section_path == std::vector<std::string>{"A later short line"});

  auto untitled = read_text("dir/some_notes.txt",
                            "Testland signed a treaty with Examplia in 1995, and it was ratified later.\n");
  CHECK(untitled[0].title == "some_notes");  // no short line: the file's base name

  auto coop = read_all(DIPLOGRAPH_SOURCE_DIR "/examples/documents/lithuania_international_cooperation.txt");
  CHECK(coop[0].title == "International cooperation");
  CHECK(coop[0].id == "lithuania_international_cooperation");
  auto us = read_all(DIPLOGRAPH_SOURCE_DIR "/examples/documents/lithuania_us_relations.txt");
  const Block* banner = find_block(us[0], BlockKind::paragraph, "JOIN NOW");
  REQUIRE(banner);
  CHECK(banner->span.begin == 0);
}

TEST_CASE("reader: wiki-dump text: title line, categories, headings") {
  const std::string path = DIPLOGRAPH_TEST_DIR "/data/readers/dump.txt";
  auto docs = read_all(path);
  REQUIRE(docs.size() == 1);
  const Document& d = docs[0];
  CHECK(d.format == "wikitext");
  CHECK(d.title == "Foreign relations of Testland");
  CHECK(d.categories == std::vector<std::string>{"Foreign relations of Testland", "Politics of Testland", "Testland stubs"});
  CHECK(d.text == test_support::read_text(path));
  CHECK_FALSE(find_block(d, BlockKind::paragraph, "CATEGORIES"));
  const Block* treaty = find_block(d, BlockKind::paragraph, "signed a treaty");
  REQUIRE(treaty);
  CHECK(d.slice(treaty->span) == "Testland and Examplia signed a treaty in 1995.");
  CHECK(treaty->section_path == std::vector<std::string>{"Neighbours", "Examplia"});
  const Block* un = find_block(d, BlockKind::paragraph, "United Nations");
  REQUIRE(un);
  CHECK(un->section_path.empty());
  CHECK(detect_format(path, d.text) == InputFormat::wikitext);
}

TEST_CASE("reader: MediaWiki markup: links, templates, tags, entities, tables") {
  auto doc = read_mediawiki_markup(
      "m.wiki", "Testland",
      "The [[Examplia]]n border is {{convert|600|km}} long ({{lang|fr|la frontière}}).<ref name=\"x\" />"
      " See [[:Category:Borders|border list]], [http://example.org] and [https://example.org/a the map].\n"
      "<!-- a\nmulti-line comment -->Text&nbsp;with &lt;entities&gt; &#x4E2D; &#169; and <span style=\"x\">inner</span> tags.\n"
      "\n== History ==\n=== Early years ===\n''Italic'' and '''bold''' words.\n"
      "# First\n## Nested\n"
      "{| class=\"wikitable\"\n|+ Caption\n! Country !! Since\n|-\n| style=\"color:red\" | [[Examplia|Examplia]] ||\n|-\n| || 1993\n"
      "|-\n| Ulandia\n| 1994\n|}\n"
      "{{Infobox\n| name = X\n| inner = {{nested|{{deeper}}}}\n}}\n"
      "[[File:Map.svg|thumb|A [[map]] of [[Testland]]]]\n[[Category:Testland]][[Category:Borders]]\n[[de:Testland]]");
  REQUIRE(doc.ok());
  const Document& d = *doc;
  CHECK(d.title == "Testland");
  CHECK(d.id == "testland");
  CHECK(d.format == "mediawiki");
  CHECK(d.categories == std::vector<std::string>{"Testland", "Borders"});
  const Block* first = find_block(d, BlockKind::paragraph, "border is");
  REQUIRE(first);
  CHECK(d.slice(first->span) ==
        "The Examplian border is 600 km long (la frontière). See border list,  and the map. "
        "Text with <entities> \xE4\xB8\xAD \xC2\xA9 and inner tags.");
  const Block* early = find_block(d, BlockKind::heading, "Early years");
  REQUIRE(early);
  CHECK(early->level == 3);
  CHECK(early->section_path == std::vector<std::string>{"History"});
  const Block* italic = find_block(d, BlockKind::paragraph, "Italic");
  REQUIRE(italic);
  CHECK(d.slice(italic->span) == "Italic and bold words.");
  CHECK(italic->section_path == std::vector<std::string>{"History", "Early years"});
  CHECK(find_block(d, BlockKind::list_item, "First"));
  const Block* nested = find_block(d, BlockKind::list_item, "Nested");
  REQUIRE(nested);
  CHECK(d.slice(nested->span) == "Nested");

  REQUIRE(d.tables.size() == 1);
  CHECK(d.tables[0].header == std::vector<std::string>{"Country", "Since"});
  CHECK(d.tables[0].section_path == std::vector<std::string>{"History", "Early years"});
  std::vector<const Block*> rows;
  for (const Block& b : d.blocks)
    if (b.kind == BlockKind::table_row) rows.push_back(&b);
  REQUIRE(rows.size() == 3);
  REQUIRE(rows[0]->cells.size() == 2);
  CHECK(d.slice(rows[0]->cells[0]) == "Examplia");
  CHECK(rows[0]->cells[1].empty());
  REQUIRE(rows[1]->cells.size() == 2);
  CHECK(rows[1]->cells[0].empty());
  CHECK(d.slice(rows[1]->cells[1]) == "1993");
  REQUIRE(rows[2]->cells.size() == 2);  // one cell per line
  CHECK(d.slice(rows[2]->cells[1]) == "1994");
  // Nothing of the infobox, the file or the interlanguage link is left.
  for (std::string_view gone : {"Infobox", "nested", "deeper", "A map of", "thumb", "Testland]]", "de:", "{{", "[["})
    CHECK_MESSAGE(d.text.find(gone) == std::string::npos, gone);
  for (const Block& b : d.blocks) CHECK(b.span.end <= d.text.size());
}

TEST_CASE("reader: MediaWiki markup: nested tables become tables of their own") {
  auto doc = read_mediawiki_markup("n.wiki", "N",
                                   "{|\n|-\n|\n{| class=\"wikitable\"\n! A !! B\n|-\n| 1 || 2\n|}\n| outer\n|}\nAfter.");
  REQUIRE(doc.ok());
  REQUIRE(doc->tables.size() == 2);
  CHECK(doc->tables[1].header == std::vector<std::string>{"A", "B"});
  const Block* inner = find_block(*doc, BlockKind::table_row, "1 | 2");
  REQUIRE(inner);
  CHECK(inner->table == 1);
  CHECK(find_block(*doc, BlockKind::paragraph, "After."));
}

TEST_CASE("reader: MediaWiki markup: unbalanced marks at the end") {
  auto unclosed_template = read_mediawiki_markup("u", "U", "Before. {{cite web|title=never closed");
  REQUIRE(unclosed_template.ok());
  CHECK(unclosed_template->text.find("Before.") == 0);
  auto unclosed_link = read_mediawiki_markup("u", "U", "A [[link without end");
  REQUIRE(unclosed_link.ok());
  CHECK(unclosed_link->text.find("link without end") != std::string::npos);
  auto unclosed_table = read_mediawiki_markup("u", "U", "{| class=x\n! H\n|-\n| cell");
  REQUIRE(unclosed_table.ok());
  REQUIRE(unclosed_table->tables.size() == 1);
  CHECK(find_block(*unclosed_table, BlockKind::table_row, "cell"));
  for (std::string bad : {"}}", "]]", "|}", "{|", "{{", "[[", "<ref", "<ref>", "&", "&#", "&#x;", "[http://x", "'''",
                          "=", "==", "<", "<!--"})
    CHECK_MESSAGE(read_mediawiki_markup("u", "U", bad).ok(), bad);
}

TEST_CASE("reader: MediaWiki markup: pathological input is handled in linear time") {
  std::string deep;
  for (int i = 0; i < 1000000; ++i) deep += "{{";
  double t = seconds([&] { CHECK(read_mediawiki_markup("d", "D", deep).ok()); });
  CHECK(t < 5.0);
  std::vector<std::string> inputs;
  std::string s;
  for (int i = 0; i < 100000; ++i) s += "{{ x ";
  inputs.push_back(s);
  s.clear();
  for (int i = 0; i < 100000; ++i) s += "[[a|b ";
  for (int i = 0; i < 100000; ++i) s += "]]";
  inputs.push_back(s);
  s.clear();
  for (int i = 0; i < 200000; ++i) s += "& < [http://a ";
  inputs.push_back(s);
  s.clear();
  for (int i = 0; i < 100000; ++i) s += "{|\n";
  inputs.push_back(s);
  for (const std::string& input : inputs) {
    double took = seconds([&] { CHECK(read_mediawiki_markup("p", "P", input).ok()); });
    CHECK_MESSAGE(took < 5.0, input.substr(0, 20));
  }
}

TEST_CASE("reader: MediaWiki XML: real export in 7-byte steps, namespaces, offsets") {
  std::string bytes = test_support::read_text(DIPLOGRAPH_TEST_DIR "/data/readers/enwiki-two-pages.xml");
  auto whole = xml_in_steps(bytes, bytes.size());
  auto steps = xml_in_steps(bytes, 7);
  REQUIRE(whole.ok());
  REQUIRE(steps.ok());
  REQUIRE(whole->size() == steps->size());
  for (std::size_t i = 0; i < whole->size(); ++i) {
    CHECK((*whole)[i].id == (*steps)[i].id);
    CHECK((*whole)[i].text == (*steps)[i].text);
    CHECK((*whole)[i].blocks.size() == (*steps)[i].blocks.size());
  }
  for (const Document& d : *whole) {
    CHECK(d.id == slugify(d.title) + "-r" + d.revision_id);
    CHECK_FALSE(d.page_id.empty());
  }

  std::string estonia = test_support::read_text(DIPLOGRAPH_TEST_DIR "/data/readers/estonia.xml");
  ReadOptions all;
  all.all_namespaces = true;
  auto everything = xml_in_steps(estonia, 7, all);
  REQUIRE(everything.ok());
  CHECK(everything->size() == 2);  // the talk page too

  // Errors name the byte where the page starts (or where the problem is).
  std::string head = "<mediawiki>\n";
  auto truncated = xml_in_steps(head + "<page><title>A</title><revision><text>x", 7);
  REQUIRE_FALSE(truncated.ok());
  CHECK(truncated.error().byte_offset == head.size());
  CHECK(truncated.error().message.find("byte " + std::to_string(head.size())) != std::string::npos);
  auto bad_utf8 = xml_in_steps(head + "<page><title>A\xFF</title></page></mediawiki>", 5);
  REQUIRE_FALSE(bad_utf8.ok());
  CHECK(bad_utf8.error().status == Status::bad_encoding);
  CHECK(bad_utf8.error().byte_offset == head.size() + 14);
  ReadOptions small;
  small.max_document_bytes = 100;
  auto big = xml_in_steps(head + "<page><title>A</title><revision><text>" + std::string(500, 'a') +
                              "</text></revision></page></mediawiki>",
                          7, small);
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().message.find("larger than 100 bytes") != std::string::npos);
  auto not_xml = xml_in_steps("just some text", 3);
  REQUIRE_FALSE(not_xml.ok());
  CHECK(not_xml.error().status == Status::bad_input);
}

TEST_CASE("reader: bad files: empty, binary, invalid UTF-8, truncated XML, directories") {
  const std::string bad = DIPLOGRAPH_TEST_DIR "/data/bad/";
  CHECK(file_error(bad + "empty.txt").status == Status::empty_input);
  CHECK(file_error(bad + "binary.txt").status == Status::bad_encoding);
  Error utf8 = file_error(bad + "invalid_utf8.txt");
  CHECK(utf8.status == Status::bad_encoding);
  CHECK(utf8.byte_offset == 46u);
  CHECK(utf8.to_string() == bad + "invalid_utf8.txt: byte 46: invalid UTF-8 at byte 46");
  Error truncated = file_error(bad + "truncated.xml");
  CHECK(truncated.status == Status::bad_input);
  CHECK(truncated.byte_offset == 62u);
  CHECK(truncated.file == bad + "truncated.xml");
  Error dir = file_error(DIPLOGRAPH_TEST_DIR "/data");
  CHECK(dir.status == Status::bad_argument);
  // Control characters without NUL bytes are binary data too.
  std::string controls;
  for (int i = 0; i < 200; ++i) controls += static_cast<char>(1 + i % 8);
  Error ctl = read_error("c.bin", "text " + controls);
  CHECK(ctl.status == Status::bad_encoding);
  CHECK(ctl.byte_offset == 5u);
  CHECK(read_error("f.txt", "\xF4\x90\x80\x80 above U+10FFFF").byte_offset == 0u);
  CHECK(read_error("g.txt", "ab\xE0\x80\xAF").byte_offset == 2u);  // overlong 3-byte form
  CHECK(validate_utf8("ok \xC5\xA0iauliai \xF0\x9F\x98\x80").ok());
}

TEST_CASE("reader: compressed files are read through zlib and libbz2") {
  std::string xml = test_support::read_text(DIPLOGRAPH_TEST_DIR "/data/readers/estonia.xml");
  auto gz = temp_path("estonia.xml.gz");
  {
    gzFile f = gzopen(gz.c_str(), "wb");
    REQUIRE(f);
    CHECK(gzwrite(f, xml.data(), static_cast<unsigned>(xml.size())) == static_cast<int>(xml.size()));
    gzclose(f);
  }
  auto from_gz = read_all(gz.string());
  REQUIRE(from_gz.size() == 1);
  CHECK(from_gz[0].id == "foreign-relations-of-estonia-r1001");

  std::string text = test_support::read_text(DIPLOGRAPH_TEST_DIR "/data/readers/sections.txt");
  auto bz = temp_path("sections.txt.bz2");
  {
    std::FILE* f = std::fopen(bz.c_str(), "wb");
    REQUIRE(f);
    int error = BZ_OK;
    BZFILE* w = BZ2_bzWriteOpen(&error, f, 9, 0, 0);
    REQUIRE(error == BZ_OK);
    BZ2_bzWrite(&error, w, text.data(), static_cast<int>(text.size()));
    BZ2_bzWriteClose(&error, w, 0, nullptr, nullptr);
    std::fclose(f);
  }
  auto from_bz = read_all(bz.string());
  REQUIRE(from_bz.size() == 1);
  CHECK(from_bz[0].id == "sections");
  CHECK(from_bz[0].text == text);
  CHECK(from_bz[0].title == "Relations of Testland");
  std::filesystem::remove_all(gz.parent_path());
}

TEST_CASE("reader: format names and detection") {
  for (InputFormat f : {InputFormat::automatic, InputFormat::plain, InputFormat::wikitext, InputFormat::mediawiki,
                        InputFormat::mediawiki_xml, InputFormat::xml_document, InputFormat::html}) {
    auto parsed = parse_format_name(format_name(f));
    REQUIRE(parsed.ok());
    CHECK(*parsed == f);
  }
  auto unknown = parse_format_name("docx");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().status == Status::bad_argument);
  for (std::string_view name : {"plain", "wikitext", "mediawiki", "mediawiki-xml", "html", "auto"})
    CHECK(unknown.error().message.find(name) != std::string::npos);
  CHECK(detect_format("x.txt", "\xEF\xBB\xBF  <mediawiki xmlns=\"\">") == InputFormat::mediawiki_xml);
  CHECK(detect_format("x.txt", "<?xml version=\"1.0\"?>\n<mediawiki>") == InputFormat::mediawiki_xml);
  CHECK(detect_format("page.htm", "text") == InputFormat::html);
  CHECK(detect_format("guide.xml", "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader>") == InputFormat::xml_document);
  CHECK(detect_format("x", "<?xml version=\"1.0\"?>\n<article>") == InputFormat::xml_document);
  CHECK(detect_format("x", "<html><body>") == InputFormat::html);
  CHECK(detect_format("x", "'''Testland''' is {{lang|en|a}} [[country]] in [[Europe]].") == InputFormat::mediawiki);
  CHECK(detect_format("x", "Testland is a country in Europe.") == InputFormat::plain);
  CHECK(slugify("  Foreign -- relations  ") == "foreign-relations");
  CHECK(slugify("Saint-Barthélemy") == "saint-barthelemy");
  CHECK(slugify("") == "x");
}

TEST_CASE("reader: XML documents other than MediaWiki exports: blocks from elements with text") {
  // Made up in the shape of a TEI article: metadata in the header, inline
  // elements inside paragraphs, sections with heads, a list and a footnote.
  const std::string xml =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY x \"expanded\">]>\n"
      "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt>"
      "<title>Guide, by Country: Freedonia</title></titleStmt><publicationStmt><p>Department, 2008</p>"
      "</publicationStmt></fileDesc></teiHeader><text><body>"
      "<div><head>Summary</head><p>Relations with <placeName>Peru</placeName> were established on "
      "<date when=\"1826-05-02\">May 2, 1826</date>.<note>A footnote.</note></p>"
      "<div><head>Treaties</head><list><item>Peru &amp; Chile signed &x; a treaty.</item></list></div>"
      "</div></body></text></TEI>";
  std::vector<Document> docs;
  Outcome ok = read_buffer("guide.xml", xml, ReadOptions{}, [&](Document d) -> Outcome {
    docs.push_back(std::move(d));
    return {};
  });
  REQUIRE(ok.ok());
  REQUIRE(docs.size() == 1);
  const Document& d = docs[0];
  CHECK(d.format == "xml");
  CHECK(d.title == "Guide, by Country: Freedonia");
  std::vector<std::string> blocks;
  for (const Block& b : d.blocks) blocks.emplace_back(d.slice(b.span));
  REQUIRE(blocks.size() == 4);  // no header, no footnote
  CHECK(blocks[0] == "Summary");
  CHECK(d.blocks[0].kind == BlockKind::heading);
  CHECK(blocks[1] == "Relations with Peru were established on May 2, 1826.");
  CHECK(d.blocks[1].section_path == std::vector<std::string>{"Summary"});
  CHECK(d.blocks[3].kind == BlockKind::list_item);
  CHECK(d.blocks[3].section_path == std::vector<std::string>{"Summary", "Treaties"});
  CHECK(blocks[3].find("Peru & Chile") != std::string::npos);
  CHECK(blocks[3].find("expanded") == std::string::npos);  // no DTD entity is expanded
  // Malformed XML: one clear error with its place.
  auto bad = read_xml_document("bad.xml", "<a><b></a>");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("malformed XML") != std::string::npos);
}
