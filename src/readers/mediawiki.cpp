// MediaWiki markup -> plain text with structure. Linear time and no
// recursion: nested templates and links use explicit stacks, so deep or
// unbalanced markup cannot overflow the stack or hang.
#include <algorithm>
#include <cctype>
#include <string>

#include "diplograph/reader.hpp"

namespace diplograph {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Removes <!-- comments -->, <ref>…</ref>, <ref …/> and blocks whose content
// is never prose (<math>, <gallery>, …). Unclosed ones run to the end.
std::string strip_tags_with_content(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    if (in[i] == '<') {
      if (in.compare(i, 4, "<!--") == 0) {
        std::size_t e = in.find("-->", i + 4);
        i = e == std::string_view::npos ? in.size() : e + 3;
        continue;
      }
      std::string head = lower(in.substr(i, 10));
      for (std::string_view tag : {"ref", "math", "gallery", "timeline", "score", "syntaxhighlight", "source"}) {
        std::string open(1, '<');
        open += tag;
        if (head.compare(0, open.size(), open) != 0) continue;
        char after = i + open.size() < in.size() ? in[i + open.size()] : '>';
        if (after != '>' && after != ' ' && after != '/' && after != '\t' && after != '\n') continue;
        std::size_t close_angle = in.find('>', i);
        if (close_angle == std::string_view::npos) return out;  // unclosed tag: drop the rest
        if (in[close_angle - 1] == '/') {
          i = close_angle + 1;
          goto next;
        }
        std::string closing("</");
        closing += tag;
        std::size_t e = std::string_view::npos;
        for (std::size_t p = close_angle; p < in.size(); ++p) {
          if (in[p] == '<' && p + 1 < in.size() && in[p + 1] == '/' &&
              lower(in.substr(p, closing.size())) == closing) {
            e = p;
            break;
          }
        }
        if (e == std::string_view::npos) return out;
        std::size_t gt = in.find('>', e);
        i = gt == std::string_view::npos ? in.size() : gt + 1;
        goto next;
      }
    }
    out += in[i++];
  next:;
  }
  return out;
}

std::vector<std::string> split_params(std::string_view content) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= content.size(); ++i)
    if (i == content.size() || content[i] == '|') {
      parts.emplace_back(trim_view(content.substr(start, i - start)));
      start = i + 1;
    }
  return parts;
}

// A template's rendering: most are dropped; a few carry the text a reader
// sees (flags name countries, dates, language spans).
std::string render_template(std::string_view content) {
  std::vector<std::string> p = split_params(content);
  if (p.empty()) return {};
  std::string name = lower(p[0]);
  std::replace(name.begin(), name.end(), '_', ' ');
  auto positional = [&](std::size_t k) -> std::string {
    std::size_t seen = 0;
    for (std::size_t i = 1; i < p.size(); ++i) {
      if (p[i].find('=') != std::string::npos) continue;
      if (++seen == k) return p[i];
    }
    return {};
  };
  if (name == "flag" || name == "flagcountry" || name == "flagicon" || name == "flagu" ||
      name == "flag country" || name == "country" || name == "nowrap" || name == "nobr" ||
      name == "small" || name == "lang-en")
    return positional(1);
  if (name == "lang" || name.rfind("lang-", 0) == 0) return name == "lang" ? positional(2) : positional(1);
  if (name == "convert") return positional(1) + " " + positional(2);
  if (name == "sortname") return positional(1) + " " + positional(2);
  if (name == "start date" || name == "start date and age" || name == "dts" || name == "date") {
    std::string y = positional(1), m = positional(2), d = positional(3);
    if (y.empty()) return {};
    auto all_digits = [](const std::string& s) {
      return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    };
    if (!all_digits(y)) return y;  // {{dts|5 May 1992}}
    std::string out = y;
    if (all_digits(m)) out += (m.size() == 1 ? "-0" : "-") + m;
    if (all_digits(m) && all_digits(d)) out += (d.size() == 1 ? "-0" : "-") + d;
    return out;
  }
  return {};
}

// A link's rendering: its label, or nothing for files, categories and
// interlanguage links (categories are collected).
std::string render_link(std::string_view content, std::vector<std::string>& categories) {
  std::string_view target = content.substr(0, content.find('|'));
  target = trim_view(target);
  std::size_t colon = target.find(':');
  if (colon != std::string_view::npos) {
    std::string ns = lower(trim_view(target.substr(0, colon)));
    if (ns == "category") {
      categories.emplace_back(trim_view(target.substr(colon + 1).substr(0, target.substr(colon + 1).find('|'))));
      return {};
    }
    if (ns == "file" || ns == "image" || ns == "media") return {};
    if (ns.size() >= 2 && ns.size() <= 3 && std::all_of(ns.begin(), ns.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); }) &&
        colon == ns.size())
      return {};  // interlanguage link "fr:…"
  }
  std::size_t bar = content.rfind('|');
  std::string_view label = bar == std::string_view::npos ? target : trim_view(content.substr(bar + 1));
  if (label.empty()) label = target;  // pipe trick
  std::string out(label);
  if (!out.empty() && out[0] == ':') out.erase(0, 1);
  return out;
}

// Templates and links, innermost first, with explicit stacks.
std::string expand_braces(std::string_view in, std::vector<std::string>& categories) {
  struct Frame {
    char kind;  // '{' template, '[' link
    std::string text;
  };
  std::vector<Frame> stack;
  std::string root;
  auto top = [&]() -> std::string& { return stack.empty() ? root : stack.back().text; };
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '{' && i + 1 < in.size() && in[i + 1] == '{') {
      stack.push_back({'{', {}});
      ++i;
      continue;
    }
    if (c == '[' && i + 1 < in.size() && in[i + 1] == '[') {
      stack.push_back({'[', {}});
      ++i;
      continue;
    }
    if (c == '}' && i + 1 < in.size() && in[i + 1] == '}' && !stack.empty() && stack.back().kind == '{') {
      std::string content = std::move(stack.back().text);
      stack.pop_back();
      top() += render_template(content);
      ++i;
      continue;
    }
    if (c == ']' && i + 1 < in.size() && in[i + 1] == ']' && !stack.empty() && stack.back().kind == '[') {
      std::string content = std::move(stack.back().text);
      stack.pop_back();
      top() += render_link(content, categories);
      ++i;
      continue;
    }
    top() += c;
  }
  // Unclosed at the end: keep the text, without the opening marks.
  while (!stack.empty()) {
    std::string content = std::move(stack.back().text);
    stack.pop_back();
    top() += content;
  }
  return root;
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return;
  if (cp < 0x80) out += static_cast<char>(cp);
  else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Inline markup of one line: bold/italic quotes, external links, HTML tags,
// character entities.
std::string render_inline(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '\'' && i + 1 < in.size() && in[i + 1] == '\'') {
      while (i + 1 < in.size() && in[i + 1] == '\'') ++i;
      continue;
    }
    if (c == '[' && (in.compare(i + 1, 7, "http://") == 0 || in.compare(i + 1, 8, "https://") == 0 ||
                     in.compare(i + 1, 2, "//") == 0)) {
      std::size_t close = in.find(']', i);
      if (close != std::string_view::npos) {
        std::string_view inner = in.substr(i + 1, close - i - 1);
        std::size_t space = inner.find(' ');
        if (space != std::string_view::npos) out += render_inline(inner.substr(space + 1));
        i = close;
        continue;
      }
    }
    if (c == '<') {
      std::size_t close = in.find('>', i);
      if (close != std::string_view::npos && close - i < 200 &&
          (std::isalpha(static_cast<unsigned char>(in[i + 1])) || in[i + 1] == '/')) {
        std::string tag = lower(in.substr(i + 1, std::min<std::size_t>(3, close - i - 1)));
        if (tag.rfind("br", 0) == 0) out += ' ';
        i = close;
        continue;
      }
    }
    if (c == '&') {
      std::size_t semi = in.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        std::string name(in.substr(i + 1, semi - i - 1));
        std::string rep;
        if (name == "nbsp" || name == "thinsp" || name == "ensp" || name == "emsp") rep = " ";
        else if (name == "amp") rep = "&";
        else if (name == "lt") rep = "<";
        else if (name == "gt") rep = ">";
        else if (name == "quot") rep = "\"";
        else if (name == "apos") rep = "'";
        else if (name == "ndash") rep = "\xE2\x80\x93";
        else if (name == "mdash") rep = "\xE2\x80\x94";
        else if (!name.empty() && name[0] == '#') {
          unsigned long cp = 0;
          bool ok = name.size() > 1;
          bool hexa = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
          for (std::size_t k = hexa ? 2 : 1; k < name.size() && ok; ++k) {
            int d = std::isdigit(static_cast<unsigned char>(name[k])) ? name[k] - '0'
                    : hexa && std::isxdigit(static_cast<unsigned char>(name[k]))
                        ? std::tolower(static_cast<unsigned char>(name[k])) - 'a' + 10
                        : -1;
            if (d < 0 || cp > 0x10FFFF) ok = false;
            else cp = cp * (hexa ? 16 : 10) + static_cast<unsigned long>(d);
          }
          if (ok) append_utf8(rep, cp);
        }
        if (!rep.empty()) {
          out += rep;
          i = semi;
          continue;
        }
      }
    }
    out += c;
  }
  return out;
}

struct Builder {
  Document& doc;
  std::vector<std::pair<int, std::string>> sections;

  std::vector<std::string> path() const {
    std::vector<std::string> p;
    for (const auto& s : sections) p.push_back(s.second);
    return p;
  }
  Span append(std::string_view text) {
    text = trim_view(text);
    if (!doc.text.empty()) doc.text += "\n\n";
    Span s{doc.text.size(), doc.text.size() + text.size()};
    doc.text += text;
    return s;
  }
  void block(BlockKind kind, std::string_view text, int level = 0) {
    std::string rendered = render_inline(text);
    if (trim_view(rendered).empty()) return;
    Block b;
    b.kind = kind;
    b.level = level;
    b.section_path = path();
    b.span = append(rendered);
    doc.blocks.push_back(std::move(b));
  }
};

// Cell text after its attributes: `style="…" | text` -> text.
std::string_view cell_content(std::string_view cell) {
  std::size_t bar = cell.find('|');
  if (bar != std::string_view::npos && cell.find('=') < bar) return trim_view(cell.substr(bar + 1));
  return trim_view(cell);
}

std::vector<std::string_view> split_cells(std::string_view line, std::string_view sep, std::string_view alt) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < line.size() + 1; ++i) {
    if (i + 1 < line.size() && ((line.compare(i, 2, sep) == 0) || (!alt.empty() && line.compare(i, 2, alt) == 0))) {
      cells.push_back(line.substr(start, i - start));
      start = i + 2;
      ++i;
    }
  }
  cells.push_back(line.substr(start));
  return cells;
}

}  // namespace

Result<Document> read_mediawiki_markup(std::string_view source, std::string_view title,
                                       std::string_view markup) {
  Document doc;
  doc.source = std::string(source);
  doc.title = std::string(title);
  doc.format = "mediawiki";
  doc.id = title.empty() ? std::string("page") : slugify(title);
  std::string cleaned = expand_braces(strip_tags_with_content(markup), doc.categories);
  Builder out{doc, {}};

  // Tables: rows of rendered cells.
  struct Row {
    std::vector<std::string> cells;
    bool header = true;
  };
  int table_depth = 0;
  std::vector<Row> rows;
  std::vector<std::string> table_path;
  auto finish_table = [&] {
    Table table;
    table.section_path = table_path;
    std::size_t first = 0;
    if (!rows.empty() && rows[0].header) {
      for (auto& c : rows[0].cells) table.header.push_back(render_inline(c));
      first = 1;
    }
    doc.tables.push_back(table);
    int index = static_cast<int>(doc.tables.size()) - 1;
    for (std::size_t r = first; r < rows.size(); ++r) {
      if (rows[r].cells.empty()) continue;
      Block b;
      b.kind = BlockKind::table_row;
      b.table = index;
      b.section_path = table_path;
      if (!doc.text.empty()) doc.text += "\n\n";
      b.span.begin = doc.text.size();
      for (std::size_t k = 0; k < rows[r].cells.size(); ++k) {
        if (k) doc.text += " | ";
        std::string cell(trim_view(render_inline(rows[r].cells[k])));
        std::replace(cell.begin(), cell.end(), '\n', ' ');
        b.cells.push_back({doc.text.size(), doc.text.size() + cell.size()});
        doc.text += cell;
      }
      b.span.end = doc.text.size();
      doc.blocks.push_back(std::move(b));
    }
    rows.clear();
  };

  std::string paragraph;
  auto flush = [&] {
    if (!trim_view(paragraph).empty()) out.block(BlockKind::paragraph, paragraph);
    paragraph.clear();
  };
  std::size_t pos = 0;
  while (pos <= cleaned.size()) {
    std::size_t nl = cleaned.find('\n', pos);
    if (nl == std::string::npos) nl = cleaned.size();
    std::string_view line = trim_view(std::string_view(cleaned).substr(pos, nl - pos));
    pos = nl + 1;
    if (table_depth > 0) {
      if (line.starts_with("{|")) {
        ++table_depth;  // nested table: its cells join the current cell
        continue;
      }
      if (line.starts_with("|}")) {
        if (--table_depth == 0) finish_table();
        continue;
      }
      if (table_depth > 1) {
        if (!rows.empty() && !rows.back().cells.empty()) rows.back().cells.back() += " " + std::string(line);
        continue;
      }
      if (line.starts_with("|+")) continue;  // caption
      if (line.starts_with("|-")) {
        rows.push_back({});
        continue;
      }
      if (line.starts_with("!") || line.starts_with("|")) {
        if (rows.empty()) rows.push_back({});
        bool header = line[0] == '!';
        std::string_view body = line.substr(1);
        for (std::string_view cell : header ? split_cells(body, "!!", "||") : split_cells(body, "||", ""))
          rows.back().cells.emplace_back(cell_content(cell));
        if (!header) rows.back().header = false;
        continue;
      }
      if (!rows.empty() && !rows.back().cells.empty()) rows.back().cells.back() += " " + std::string(line);
      if (pos > cleaned.size()) break;
      continue;
    }
    if (line.starts_with("{|")) {
      flush();
      table_depth = 1;
      rows.clear();
      table_path = out.path();
      continue;
    }
    if (line.empty()) {
      flush();
      if (pos > cleaned.size()) break;
      continue;
    }
    if (line.size() >= 3 && line.front() == '=' && line.back() == '=') {
      std::size_t open = line.find_first_not_of('=');
      std::size_t close = line.size() - 1 - line.find_last_not_of('=');
      if (open != std::string_view::npos && open + close < line.size()) {
        flush();
        int level = static_cast<int>(std::min(open, close));
        std::string_view inner = trim_view(line.substr(open, line.size() - open - close));
        while (!out.sections.empty() && out.sections.back().first >= level) out.sections.pop_back();
        out.block(BlockKind::heading, inner, level);
        out.sections.emplace_back(level, render_inline(inner));
        continue;
      }
    }
    if (line[0] == '*' || line[0] == '#' || line[0] == ';') {
      flush();
      std::size_t k = line.find_first_not_of("*#;:");
      if (k != std::string_view::npos) out.block(BlockKind::list_item, line.substr(k));
      continue;
    }
    if (line.starts_with("----") || line.starts_with("__")) continue;
    if (line[0] == ':') line = trim_view(line.substr(line.find_first_not_of(':') == std::string_view::npos ? line.size() : line.find_first_not_of(':')));
    if (!paragraph.empty()) paragraph += ' ';
    paragraph += line;
    if (pos > cleaned.size()) break;
  }
  flush();
  if (table_depth > 0) finish_table();  // unclosed table at the end
  if (doc.title.empty()) doc.title = doc.id;
  return doc;
}

}  // namespace diplograph
