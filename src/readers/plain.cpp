// Plain text and wiki-dump text: the Document's text is the input itself,
// so every offset is an offset into the original file.
#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>

#include "diplograph/reader.hpp"

namespace diplograph {
namespace {

struct Line {
  std::size_t begin, end;  // without the line break
};

std::vector<Line> lines_of(std::string_view text) {
  std::vector<Line> lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::size_t end = nl;
    if (end > pos && text[end - 1] == '\r') --end;
    lines.push_back({pos, end});
    if (nl == text.size()) break;
    pos = nl + 1;
  }
  return lines;
}

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

Span trim(std::string_view text, std::size_t b, std::size_t e) {
  while (b < e && blank(text[b])) ++b;
  while (e > b && blank(text[e - 1])) --e;
  return {b, e};
}

std::string_view view(std::string_view text, Span s) { return text.substr(s.begin, s.end - s.begin); }

// "== Heading ==": level and the span of the heading text.
bool heading(std::string_view text, Line line, int& level, Span& inner) {
  Span t = trim(text, line.begin, line.end);
  std::string_view s = view(text, t);
  std::size_t open = 0;
  while (open < s.size() && s[open] == '=') ++open;
  std::size_t close = 0;
  while (close < s.size() - open && s[s.size() - 1 - close] == '=') ++close;
  if (open == 0 || close == 0 || open + close >= s.size() || open > 6) return false;
  level = static_cast<int>(std::min(open, close));
  inner = trim(text, t.begin + open, t.end - close);
  return !inner.empty();
}

// "| a | b |" rows and "|---|:--|" separators; not MediaWiki's "|}" or "|-".
bool table_line(std::string_view text, Line line) {
  std::string_view s = view(text, trim(text, line.begin, line.end));
  if (s.size() < 2 || s[0] != '|' || s.substr(1).find('|') == std::string_view::npos) return false;
  if (s[1] == '}') return false;
  if (s[1] == '-') return s.find_first_not_of("|-:= ") == std::string_view::npos;
  return true;
}

std::vector<Span> cells_of(std::string_view text, Line line) {
  Span t = trim(text, line.begin, line.end);
  std::vector<Span> cells;
  std::size_t start = t.begin + 1;  // after the leading '|'
  for (std::size_t i = start; i <= t.end; ++i) {
    if (i == t.end || text[i] == '|') {
      if (i == t.end && i == start) break;  // trailing '|'
      cells.push_back(trim(text, start, i));
      start = i + 1;
    }
  }
  if (!cells.empty() && t.end > t.begin && text[t.end - 1] != '|') {
    // no trailing pipe: the last cell runs to the end of the line (kept)
  }
  return cells;
}

bool separator_row(std::string_view text, const std::vector<Span>& cells) {
  if (cells.empty()) return false;
  for (Span c : cells) {
    std::string_view s = view(text, c);
    if (s.empty() || s.find_first_not_of("-:= ") != std::string_view::npos) return false;
  }
  return true;
}

bool list_marker(std::string_view text, Line line, Span& item) {
  Span t = trim(text, line.begin, line.end);
  std::string_view s = view(text, t);
  std::size_t skip = 0;
  if (s.size() >= 2 && (s[0] == '*' || s[0] == '-' || s[0] == '#') && s[1] == ' ') skip = 2;
  else if (s.substr(0, 3) == "\xE2\x80\xA2") skip = 3;  // •
  if (!skip) return false;
  item = trim(text, t.begin + skip, t.end);
  return !item.empty();
}

// Site chrome: navigation and calls to action that web pages put above the
// real title ("... - JOIN NOW", "Sign in", "Menu"). A line is chrome when it
// contains one of these cues as whole words, in any letter case.
bool chrome_line(std::string_view s) {
  static constexpr std::array<std::string_view, 18> cues{
      "join now", "sign in", "sign up", "log in", "log out", "subscribe", "menu", "skip to",
      "cookie", "cookies", "accept all", "newsletter", "advertisement", "follow us", "share this",
      "print this", "last modified", "all rights reserved"};
  std::string low(s);
  for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto word_char = [&](std::size_t i) { return std::isalnum(static_cast<unsigned char>(low[i])) != 0; };
  for (std::string_view cue : cues)
    for (std::size_t p = low.find(cue); p != std::string::npos; p = low.find(cue, p + 1)) {
      std::size_t after = p + cue.size();
      if ((p == 0 || !word_char(p - 1)) && (after == low.size() || !word_char(after))) return true;
    }
  return false;
}

bool final_punctuation(std::string_view s) {
  if (s.empty()) return false;
  char c = s.back();
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == ',' || c == '"' || c == ')';
}


// Shared structure reader. `wiki_dump`: "[[Title]]" and "CATEGORIES:" lines.
Result<Document> read_lines(std::string_view source, std::string_view text, bool wiki_dump) {
  Document doc;
  doc.source = std::string(source);
  doc.id = source == "-" ? std::string("stdin") : document_stem(source);
  doc.format = wiki_dump ? "wikitext" : "plain";
  doc.text = std::string(text);
  std::string_view t = doc.text;
  std::vector<Line> lines = lines_of(t);

  std::vector<std::pair<int, std::string>> sections;  // level, title
  auto path = [&] {
    std::vector<std::string> p;
    for (auto& s : sections) p.push_back(s.second);
    return p;
  };
  std::size_t i = 0;
  bool title_taken = false;
  // Wiki dump: "[[Title]]" on the first non-empty line.
  while (i < lines.size() && trim(t, lines[i].begin, lines[i].end).empty()) ++i;
  if (wiki_dump && i < lines.size()) {
    Span s = trim(t, lines[i].begin, lines[i].end);
    std::string_view v = view(t, s);
    if (v.starts_with("[[") && v.ends_with("]]")) {
      doc.title = std::string(v.substr(2, v.size() - 4));
      title_taken = true;
      ++i;
    }
  }
  int current_table = -1;
  std::size_t para_begin = 0, para_end = 0;
  bool in_para = false;
  // Without "=" headings (text saved from a web page), a short stand-alone
  // line without final punctuation is taken as a heading: the first one
  // before any prose is the title, later ones are level-2 sections.
  bool explicit_headings = false;
  for (std::size_t k = i; k < lines.size() && !explicit_headings; ++k) {
    int level = 0;
    Span inner;
    explicit_headings = heading(t, lines[k], level, inner);
  }
  bool prose_seen = false;
  auto flush = [&] {
    if (!in_para) return;
    in_para = false;
    Span s = trim(t, para_begin, para_end);
    if (s.empty()) return;
    Block b;
    b.span = s;
    std::string_view v = view(t, s);
    bool one_line = v.find('\n') == std::string_view::npos;
    bool short_line = one_line && v.size() < 100 && !final_punctuation(v);
    if (!wiki_dump && !title_taken && !prose_seen && short_line && !chrome_line(v)) {
      doc.title = std::string(v);
      title_taken = true;
      b.kind = BlockKind::heading;
      b.level = 1;
      doc.blocks.push_back(b);
      return;
    }
    if (!wiki_dump && !explicit_headings && short_line && v.size() < 80 && !chrome_line(v)) {
      sections.clear();
      b.kind = BlockKind::heading;
      b.level = 2;
      doc.blocks.push_back(b);
      sections.emplace_back(2, std::string(v));
      return;
    }
    if (!chrome_line(v)) prose_seen = true;
    b.kind = BlockKind::paragraph;
    b.section_path = path();
    doc.blocks.push_back(b);
  };
  for (; i < lines.size(); ++i) {
    Line line = lines[i];
    Span trimmed = trim(t, line.begin, line.end);
    std::string_view v = view(t, trimmed);
    if (v.empty()) {
      flush();
      current_table = -1;
      continue;
    }
    if (wiki_dump && v.starts_with("CATEGORIES:")) {
      flush();
      std::string_view rest = v.substr(11);
      std::size_t p = 0;
      while (p <= rest.size()) {
        std::size_t q = rest.find_first_of(",;", p);
        if (q == std::string_view::npos) q = rest.size();
        Span c = trim(rest, p, q);
        if (!c.empty()) doc.categories.emplace_back(view(rest, c));
        p = q + 1;
      }
      continue;
    }
    int level = 0;
    Span inner;
    if (heading(t, line, level, inner)) {
      flush();
      current_table = -1;
      Block b;
      b.kind = BlockKind::heading;
      b.level = level;
      b.span = inner;
      if (level == 1 && !title_taken && !prose_seen) {
        doc.title = std::string(view(t, inner));
        title_taken = true;
        doc.blocks.push_back(b);
        continue;
      }
      prose_seen = true;  // the title comes before the first section
      while (!sections.empty() && sections.back().first >= level) sections.pop_back();
      b.section_path = path();
      doc.blocks.push_back(b);
      sections.emplace_back(level, std::string(view(t, inner)));
      continue;
    }
    if (table_line(t, line)) {
      flush();
      std::vector<Span> cells = cells_of(t, line);
      if (separator_row(t, cells)) continue;
      if (current_table < 0) {
        Table table;
        for (Span c : cells) table.header.emplace_back(view(t, c));
        table.section_path = path();
        doc.tables.push_back(std::move(table));
        current_table = static_cast<int>(doc.tables.size()) - 1;
        continue;  // the header row is the table's header, not a row
      }
      Block b;
      b.kind = BlockKind::table_row;
      b.span = trimmed;
      b.table = current_table;
      b.cells = std::move(cells);
      b.section_path = path();
      doc.blocks.push_back(std::move(b));
      continue;
    }
    current_table = -1;
    Span item;
    if (list_marker(t, line, item)) {
      flush();
      Block b;
      b.kind = BlockKind::list_item;
      b.span = item;
      b.section_path = path();
      doc.blocks.push_back(b);
      continue;
    }
    if (!in_para) {
      in_para = true;
      para_begin = line.begin;
    }
    para_end = line.end;
  }
  flush();
  if (doc.title.empty()) doc.title = doc.id;
  return doc;
}

}  // namespace

Result<Document> read_plain_text(std::string_view source, std::string_view text) {
  return read_lines(source, text, false);
}

Result<Document> read_wikitext_dump(std::string_view source, std::string_view text) {
  return read_lines(source, text, true);
}

}  // namespace diplograph
