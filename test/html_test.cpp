#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "diplograph/reader.hpp"

using namespace diplograph;

namespace {

const std::string data_dir = std::string(DIPLOGRAPH_TEST_DIR) + "/data/html/";

Document parse(std::string_view html, std::string_view source = "page.html") {
  auto r = read_html(source, html);
  REQUIRE_MESSAGE(r.ok(), r.error().to_string());
  return std::move(r).value();
}

const Block* find_block(const Document& d, BlockKind kind, std::string_view text) {
  for (const Block& b : d.blocks)
    if (b.kind == kind && d.slice(b.span).find(text) != std::string_view::npos) return &b;
  return nullptr;
}

// Every span indexes the text, and blocks are joined by blank lines.
void check_spans(const Document& d) {
  for (const Block& b : d.blocks) {
    REQUIRE(b.span.begin <= b.span.end);
    REQUIRE(b.span.end <= d.text.size());
    for (const Span& c : b.cells) {
      CHECK(c.begin >= b.span.begin);
      CHECK(c.end <= b.span.end);
    }
  }
  for (std::size_t i = 1; i < d.blocks.size(); ++i)
    CHECK(d.text.substr(d.blocks[i - 1].span.end, d.blocks[i].span.begin - d.blocks[i - 1].span.end) == "\n\n");
}

std::vector<Document> read_all(const std::string& path) {
  std::vector<Document> docs;
  auto r = read_file(path, ReadOptions{}, [&](Document&& d) -> Outcome {
    docs.push_back(std::move(d));
    return {};
  });
  REQUIRE_MESSAGE(r.ok(), r.error().to_string());
  return docs;
}

}  // namespace

TEST_CASE("html: page chrome is dropped and main content keeps its structure") {
  auto docs = read_all(data_dir + "embassy.html");
  REQUIRE(docs.size() == 1);
  const Document& d = docs[0];
  check_spans(d);
  CHECK(d.format == "html");
  CHECK(d.id == "embassy");
  CHECK(d.title == "Relations with Estonia");
  for (std::string_view chrome : {"SCRIPT_TEXT", "STYLE_TEXT", "COOKIE_TEXT", "Accept", "HEADER_TEXT", "NAV_TEXT",
                                  "ASIDE_TEXT", "FOOTER_TEXT", "Ministry of Foreign Affairs", "[1]"})
    CHECK_MESSAGE(d.text.find(chrome) == std::string::npos, chrome);

  const Block* h1 = find_block(d, BlockKind::heading, "Relations with Estonia");
  REQUIRE(h1);
  CHECK(h1->level == 1);
  CHECK(h1->section_path.empty());

  const Block* p = find_block(d, BlockKind::paragraph, "diplomatic relations");
  REQUIRE(p);
  CHECK(d.slice(p->span) ==
        "Finland and Estonia established diplomatic relations on 29 August 1991 & opened embassies.");
  CHECK(p->section_path.empty());

  const Block* treaties = find_block(d, BlockKind::heading, "Treaties");
  REQUIRE(treaties);
  CHECK(treaties->level == 2);
  CHECK(treaties->section_path.empty());

  const Block* br = find_block(d, BlockKind::paragraph, "period");
  REQUIRE(br);
  CHECK(d.slice(br->span) == "The period 1991\xE2\x80\x93" "1995 saw several agreements.");
  CHECK(br->section_path == std::vector<std::string>{"Treaties"});

  const Block* li1 = find_block(d, BlockKind::list_item, "Visa waiver");
  const Block* li2 = find_block(d, BlockKind::list_item, "Trade");
  REQUIRE(li1);
  REQUIRE(li2);
  CHECK(d.slice(li1->span) == "Visa waiver agreement");
  CHECK(d.slice(li2->span) == "Trade agreement of 1992");
  CHECK(li2->section_path == std::vector<std::string>{"Treaties"});

  const Block* h3 = find_block(d, BlockKind::heading, "Embassies");
  REQUIRE(h3);
  CHECK(h3->level == 3);
  CHECK(h3->section_path == std::vector<std::string>{"Treaties"});

  REQUIRE(d.tables.size() == 1);
  CHECK(d.tables[0].header == std::vector<std::string>{"Country", "City", "Since"});
  CHECK(d.tables[0].section_path == std::vector<std::string>{"Treaties", "Embassies"});
  std::vector<const Block*> rows;
  for (const Block& b : d.blocks)
    if (b.kind == BlockKind::table_row) rows.push_back(&b);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]->table == 0);
  CHECK(d.slice(rows[0]->span) == "Estonia | Helsinki | 1991");
  REQUIRE(rows[0]->cells.size() == 3);
  CHECK(d.slice(rows[0]->cells[0]) == "Estonia");
  CHECK(d.slice(rows[0]->cells[1]) == "Helsinki");
  CHECK(d.slice(rows[0]->cells[2]) == "1991");
  REQUIRE(rows[1]->cells.size() == 3);
  CHECK(d.slice(rows[1]->cells[0]) == "Finland");
  CHECK(rows[1]->cells[1].begin == rows[1]->cells[1].end);
  CHECK(rows[1]->cells[1].empty());
  CHECK(d.slice(rows[1]->cells[2]) == "1992");
  CHECK(rows[1]->section_path == std::vector<std::string>{"Treaties", "Embassies"});

  const Block* div = find_block(d, BlockKind::paragraph, "Text directly in a div.");
  REQUIRE(div);
  CHECK(d.slice(div->span) == "Text directly in a div.");
}

TEST_CASE("html: format detection from the extension and from the doctype") {
  const std::string html = "<!DOCTYPE html><html><body><p>Hello world.</p></body></html>";
  CHECK(detect_format("page.html", html) == InputFormat::html);
  CHECK(detect_format("page.txt", html) == InputFormat::html);
  std::vector<Document> docs;
  auto r = read_buffer("notes.txt", html, ReadOptions{}, [&](Document&& d) -> Outcome {
    docs.push_back(std::move(d));
    return {};
  });
  REQUIRE_MESSAGE(r.ok(), r.error().to_string());
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].format == "html");
  CHECK(docs[0].text == "Hello world.");
  CHECK(docs[0].title == "notes");
}

TEST_CASE("html: title falls back to the title element and then to the file name") {
  CHECK(parse("<html><head><title> Foreign  relations </title></head><body><p>x</p></body></html>").title ==
        "Foreign relations");
  CHECK(parse("<p>No title here.</p>", "dir/some-page.htm").title == "some-page");
  CHECK(parse("<p>x</p>", "-").id == "stdin");
}

TEST_CASE("html: malformed input gives a document") {
  for (std::string_view html : {"<div><p>Unclosed paragraph<div>and <b>bold <i>text</div></div></div></p>",
                                "stray</div> end tag</span></table>", "<<<>>>", "only text without tags",
                                "<table><tr><td>a<td>b<tr><td></table>", "<ul><li>one<li>two",
                                "<h2>Heading<p>para</h2>", "<a href=\"x>y\">link", "<", "<!--", "<script>",
                                "</html></body><p>after"}) {
    Document d = parse(html);
    check_spans(d);
    CHECK(d.format == "html");
  }
  CHECK(parse("<<<>>>").text == "<<<>>>");
  CHECK(parse("only text without tags").text == "only text without tags");
  Document list = parse("<ul><li>one<li>two");
  REQUIRE(list.blocks.size() == 2);
  CHECK(list.blocks[1].kind == BlockKind::list_item);
  CHECK(list.slice(list.blocks[1].span) == "two");
}

TEST_CASE("html: deep nesting does not overflow the stack") {
  const int depth = 100000;
  std::string html;
  html.reserve(depth * 11 + 32);
  for (int i = 0; i < depth; ++i) html += "<div>";
  html += "deep text";
  for (int i = 0; i < depth; ++i) html += "</div>";
  html += "<p>after</p>";
  Document d = parse(html);
  check_spans(d);
  CHECK(d.text == "deep text\n\nafter");

  std::string inline_nesting;
  for (int i = 0; i < depth; ++i) inline_nesting += "<span><b>";
  inline_nesting += "x";
  CHECK(parse(inline_nesting).text == "x");
}

TEST_CASE("html: nested tables, captions and header rows") {
  Document d = parse(
      "<h2>Missions</h2><table><caption>Embassies abroad</caption>"
      "<tr><th>Country</th><th>Notes</th></tr>"
      "<tr><th>Latvia</th><td>Riga <table><tr><td>inner</td><td>cell</td></tr></table> end</td></tr>"
      "</table><p>After &lt;table&gt;.</p>");
  check_spans(d);
  REQUIRE(d.tables.size() == 1);
  CHECK(d.tables[0].header == std::vector<std::string>{"Country", "Notes"});
  const Block* caption = find_block(d, BlockKind::paragraph, "Embassies abroad");
  REQUIRE(caption);
  const Block* row = find_block(d, BlockKind::table_row, "Latvia");
  REQUIRE(row);
  REQUIRE(row->cells.size() == 2);
  CHECK(d.slice(row->cells[0]) == "Latvia");
  CHECK(d.slice(row->cells[1]) == "Riga inner cell end");
  CHECK(row->section_path == std::vector<std::string>{"Missions"});
  const Block* after = find_block(d, BlockKind::paragraph, "After");
  REQUIRE(after);
  CHECK(d.slice(after->span) == "After <table>.");
}

TEST_CASE("html: article is used when there is no main element") {
  Document d = parse(
      "<body><div class=\"menu\">Menu text</div><p>Outside</p>"
      "<article><h1>Joint statement</h1><h2>Background</h2><div>Both sides <em>agreed</em>."
      "<p>Inner paragraph.</p>Tail text.</div></article></body>");
  check_spans(d);
  CHECK(d.title == "Joint statement");
  CHECK(d.text.find("Outside") == std::string::npos);
  CHECK(d.text.find("Menu") == std::string::npos);
  const Block* both = find_block(d, BlockKind::paragraph, "Both sides");
  REQUIRE(both);
  CHECK(d.slice(both->span) == "Both sides agreed.");
  CHECK(both->section_path == std::vector<std::string>{"Background"});
  CHECK(find_block(d, BlockKind::paragraph, "Inner paragraph."));
  CHECK(find_block(d, BlockKind::paragraph, "Tail text."));
}
