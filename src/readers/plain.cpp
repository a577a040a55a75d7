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

bool table_line(std::string_view text, Line line) {
  Span t = trim(text, line.begin, line.end);
  return t.end - t.begin >= 2 && text[t.begin] == '|' && text[t.begin + 1] != '}' &&
         text[t.begin + 1] != '-' && text.substr(t.begin + 1, t.end - t.begin - 1).find('|') != std::string_view::npos;
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

// Navigation and calls to action that sit above a page's real title.
bool chrome_line(std::string_view s) {
  static constexpr std::array<std::string_view, 12> cues{
      "JOIN NOW", "SIGN IN", "SIGN UP", "LOG IN", "SUBSCRIBE", "MENU", "SKIP TO",
      "Skip to", "Sign in", "Log in", "Cookie", "cookies"};
  for (auto c : cues)
    if (s.find(c) != std::string_view::npos) return true;
  return false;
}

bool final_punctuation(std::string_view s) {
  if (s.empty()) return false;
  char c = s.back();
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == ',' || c == '"' || c == ')';
}

std::string base_name(std::string_view source) {
  std::filesystem::path p{std::string(source)};
  std::string name = p.filename().string();
  for (std::string_view ext : {".bz2", ".gz"})
    if (name.size() > ext.size() && name.ends_with(ext)) name.resize(name.size() - ext.size());
  auto dot = name.rfind('.');
  if (dot != std::string::npos && dot > 0) name.resize(dot);
  return name.empty() ? std::string("stdin") : name;
}

// Shared structure reader. `wiki_dump`: "[[Title]]" and "CATEGORIES:" lines.
Result<Document> read_lines(std::string_view source, std::string_view text, bool wiki_dump) {
  Document doc;
  doc.source = std::string(source);
  doc.id = source == "-" ? std::string("stdin") : base_name(source);
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
  std::size_t first_content = i;
  int current_table = -1;
  std::size_t para_begin = 0, para_end = 0;
  bool in_para = false;
  auto flush = [&] {
    if (!in_para) return;
    in_para = false;
    Span s = trim(t, para_begin, para_end);
    if (s.empty()) return;
    Block b;
    std::string_view v = view(t, s);
    bool one_line = v.find('\n') == std::string_view::npos;
    // A short stand-alone line without final punctuation is a heading of
    // the page (web pages lose their heading markup in plain text).
    if (!wiki_dump && one_line && v.size() < 80 && !final_punctuation(v) && !chrome_line(v)) {
      if (!title_taken) {
        doc.title = std::string(v);
        title_taken = true;
        b.kind = BlockKind::heading;
        b.level = 1;
        b.span = s;
        doc.blocks.push_back(b);
        return;
      }
      b.kind = BlockKind::heading;
      b.level = 2;
      b.span = s;
      b.section_path = path();
      doc.blocks.push_back(b);
      sections.clear();
      sections.emplace_back(2, std::string(v));
      return;
    }
    b.kind = BlockKind::paragraph;
    b.span = s;
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
      if (level == 1 && !title_taken && i == first_content) {
        doc.title = std::string(view(t, inner));
        title_taken = true;
        doc.blocks.push_back(b);
        continue;
      }
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
