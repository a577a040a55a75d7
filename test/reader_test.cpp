#include <doctest/doctest.h>

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
