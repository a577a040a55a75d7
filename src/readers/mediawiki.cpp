// MediaWiki markup -> plain text with structure. Linear time and no
// recursion: nested templates and links use explicit stacks, so deep or
// unbalanced markup cannot overflow the stack or hang.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "diplograph/reader.hpp"
#include "diplograph/tokens.hpp"

namespace diplograph {
namespace {

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
    if (in[i] != '<') {  // the text up to the next tag, in one copy
      std::size_t lt = std::min(in.find('<', i), in.size());
      out.append(in.substr(i, lt - i));
      i = lt;
      continue;
    }
    if (in[i] == '<') {
      if (in.compare(i, 4, "<!--") == 0) {
        std::size_t e = in.find("-->", i + 4);
        i = e == std::string_view::npos ? in.size() : e + 3;
        continue;
      }
      std::string head = ascii_lower(in.substr(i, 10));
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
              ascii_lower(in.substr(p, closing.size())) == closing) {
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

constexpr char link_open = '\x01', link_separator = '\x1F', link_close = '\x02';
// A footnote's text ({{refn|…}}, {{efn|…}}) between these marks: an infobox
// keeps it in parentheses ("France (1778–83)", "Native Americans (Oneida,
// …)"); everywhere else it is dropped with its marks.
constexpr char note_open = '\x03', note_close = '\x04';

// The lines of a field's value: list items ("* A"), lines, and "<br />"
// breaks each give one, without their list marks.
std::vector<std::string_view> value_lines(std::string_view value) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  auto push = [&](std::size_t end) {
    std::string_view line = trim_view(value.substr(start, end - start));
    while (!line.empty() && (line.front() == '*' || line.front() == ':' || line.front() == '#'))
      line = trim_view(line.substr(1));
    if (!line.empty() && line.find_first_not_of('-') != std::string_view::npos) lines.push_back(line);
  };
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\n') {
      push(i);
      start = i + 1;
    } else if (value[i] == '<' && i + 3 < value.size() && ascii_lower(value.substr(i, 3)) == "<br") {
      std::size_t gt = value.find('>', i);
      if (gt == std::string_view::npos) break;
      push(i);
      start = gt + 1;
      i = gt;
    }
  }
  push(value.size());
  return lines;
}

// An infobox's fields that state facts, as a wiki table the block reader
// reads like any other: a war's belligerents ("{{Infobox military
// conflict|conflict=…|combatant1=…}}") as rows "conflict || belligerent",
// one per listed belligerent. Other fields are not prose and are dropped.
std::string render_infobox(const std::vector<std::string>& params) {
  std::string conflict;
  std::vector<std::string_view> belligerents;
  for (std::size_t i = 1; i < params.size(); ++i) {
    std::string_view param = params[i];
    std::size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key = ascii_lower(trim_view(param.substr(0, eq)));
    std::string_view value = trim_view(param.substr(eq + 1));
    if (key == "conflict") conflict = std::string(value);
    else if (key.starts_with("combatant") || key.starts_with("belligerent"))
      for (std::string_view line : value_lines(value)) belligerents.push_back(line);
  }
  if (belligerents.empty()) return {};
  std::string table = "\n{| class=\"infobox\"\n! ";
  table += conflict_column;
  table += " !! ";
  table += belligerent_column;
  table += '\n';
  for (std::string_view b : belligerents) {
    table += "|-\n| ";
    table += conflict;
    table += " || ";
    for (char c : b) {  // footnotes stay, in parentheses
      if (c == note_open) table += " (";
      else if (c == note_close) table += ')';
      else table += c;
    }
    table += '\n';
  }
  table += "|}\n";
  return table;
}

// A template's rendering: most are dropped; a few carry the text a reader
// sees (flags name countries, dates, language spans).
std::string render_template(std::string_view content) {
  std::vector<std::string> p = split_params(content);
  if (p.empty()) return {};
  std::string name = ascii_lower(p[0]);
  std::replace(name.begin(), name.end(), '_', ' ');
  if (name.starts_with("infobox")) return render_infobox(p);
  auto positional = [&](std::size_t k) -> std::string {
    std::size_t seen = 0;
    for (std::size_t i = 1; i < p.size(); ++i) {
      if (p[i].find('=') != std::string::npos) continue;
      if (++seen == k) return p[i];
    }
    return {};
  };
  // Dashes: "1779{{ndash}}83", "April 19, 1775{{snds}}September 3, 1783".
  if (name == "ndash" || name == "nd") return "\xE2\x80\x93";
  if (name == "mdash" || name == "md") return "\xE2\x80\x94";
  if (name == "snd" || name == "snds" || name == "spaced ndash" || name == "spnd" || name == "sndash")
    return " \xE2\x80\x93 ";
  if (name == "refn" || name == "efn" || name.starts_with("efn-")) {
    std::string note(1, note_open);
    note += positional(1);
    note += note_close;
    return note;
  }
  if (name == "flag" || name == "flagcountry" || name == "flagicon" || name == "flagu" ||
      name == "flag country" || name == "country" || name == "nowrap" || name == "nobr" ||
      name == "small" || name == "lang-en")
    return positional(1);
  if (name == "lang" || name.rfind("lang-", 0) == 0) return name == "lang" ? positional(2) : positional(1);
  if (name == "convert") return positional(1) + " " + positional(2);
  if (name == "sortname") return positional(1) + " " + positional(2);
  if (name == "sort" || name == "sort date" || name == "sortdate" || name == "hs")
    return positional(2).empty() ? positional(1) : positional(2);  // {{sort|key|shown}}
  if (name == "flagg") return positional(2);
  if (name == "start date" || name == "start date and age" || name == "dts" || name == "date" ||
      name == "date table sorting" || name == "end date" || name == "dtsort" || name == "birth date") {
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
  std::size_t bar = content.find('|');
  std::string_view target = trim_view(content.substr(0, bar));
  bool visible = !target.empty() && target[0] == ':';  // [[:Category:X]] links to the page
  if (visible) target = trim_view(target.substr(1));
  std::size_t colon = target.find(':');
  if (!visible && colon != std::string_view::npos) {
    std::string_view prefix = trim_view(target.substr(0, colon));
    std::string ns = ascii_lower(prefix);
    if (ns == "category") {
      std::string_view name = trim_view(target.substr(colon + 1));
      if (!name.empty()) categories.emplace_back(name);
      return {};
    }
    if (ns == "file" || ns == "image" || ns == "media") return {};
    bool language_code = prefix.size() >= 2 && prefix.size() <= 3 && colon == prefix.size() &&
                         std::all_of(prefix.begin(), prefix.end(),
                                     [](char c) { return c >= 'a' && c <= 'z'; });
    if (language_code) return {};  // interlanguage link "fr:..."
  }
  std::string_view label = bar == std::string_view::npos ? target : trim_view(content.substr(bar + 1));
  if (label.empty()) label = target;  // pipe trick
  // Marked so that the text builder can record where the label lands:
  // <open> target <separator> label <close>; the marks never reach the text.
  std::string marked;
  marked.reserve(label.size() + target.size() + 3);
  marked += link_open;
  // A link nested in the target ("[[[[A]]]]") keeps only its label: copying
  // its target too would double the text at every level of nesting.
  bool in_nested_target = false;
  for (char c : target) {
    if (c == link_open) in_nested_target = true;
    else if (c == link_separator) in_nested_target = false;
    else if (c != link_close && !in_nested_target) marked += c;
  }
  marked += link_separator;
  marked += label;
  marked += link_close;
  return marked;
}

// Appends `in` to `out` without the link marks, recording each link's label
// span (offsets in `out`). Unbalanced marks are dropped.
void append_marked(std::string& out, std::string_view in, std::vector<Link>* links) {
  struct Open {
    std::size_t begin;
    std::string target;
  };
  // The marks are control characters no text holds: one table test per byte.
  static const std::array<bool, 256> is_mark = [] {
    std::array<bool, 256> t{};
    t[static_cast<unsigned char>(link_open)] = t[static_cast<unsigned char>(link_close)] =
        t[static_cast<unsigned char>(link_separator)] = true;
    return t;
  }();
  auto next_mark = [&](std::size_t from) {
    while (from < in.size() && !is_mark[static_cast<unsigned char>(in[from])]) ++from;
    return from;
  };
  std::size_t first_mark = next_mark(0);
  if (first_mark == in.size()) {
    out.append(in);  // no links: one copy, no growth
    return;
  }
  out.reserve(out.size() + in.size());
  std::vector<Open> open;
  for (std::size_t i = 0; i < in.size(); ++i) {
    // The text up to the next mark, in one copy.
    std::size_t next = i == 0 ? first_mark : next_mark(i);
    out.append(in.substr(i, next - i));
    i = next;
    if (i == in.size()) break;
    char c = in[i];
    if (c == link_open) {
      std::size_t sep = in.find(link_separator, i + 1);
      std::size_t next_open = in.find(link_open, i + 1);
      if (sep == std::string_view::npos || sep > next_open) continue;
      open.push_back({out.size(), std::string(trim_view(in.substr(i + 1, sep - i - 1)))});
      i = sep;
      continue;
    }
    if (c == link_close) {
      if (!open.empty()) {
        if (links && out.size() > open.back().begin && !open.back().target.empty())
          links->push_back({{open.back().begin, out.size()}, std::move(open.back().target)});
        open.pop_back();
      }
      continue;
    }
    if (c == link_separator) continue;
    out += c;
  }
}

std::string strip_marks(std::string_view in) {
  std::string out;
  append_marked(out, in, nullptr);
  return out;
}

// Templates and links, innermost first. All text goes into one buffer; an
// open "{{" or "[[" only records where its content starts, and closing it
// replaces that content by its rendering. Frames nested deeper than
// `max_render_depth` are dropped whole when they close, so the work stays
// linear however deep the input nests; marks still open at the end leave
// their text in place (the marks themselves are dropped).
// '[', ']', '{' and '}' ('{' is '[' with bit 5 set, '}' is ']').
bool bracket_byte(char c) {
  char folded = static_cast<char>(c | 0x20);
  return folded == '{' || folded == '}';
}

// Footnotes outside infoboxes are not prose: dropped with their marks. A
// mark without its partner is dropped alone.
std::string without_notes(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    std::size_t open = in.find(note_open, i);
    std::size_t close = open == std::string_view::npos ? open : in.find(note_close, open);
    std::size_t stray = in.find(note_close, i);
    if (stray < open) {  // a closing mark before any opening one
      out.append(in.substr(i, stray - i));
      i = stray + 1;
      continue;
    }
    if (open == std::string_view::npos) {
      out.append(in.substr(i));
      break;
    }
    out.append(in.substr(i, open - i));
    i = close == std::string_view::npos ? open + 1 : close + 1;
  }
  return out;
}

std::string expand_braces(std::string_view in, std::vector<std::string>& categories) {
  constexpr std::size_t max_render_depth = 40;
  struct Frame {
    char kind;  // '{' template, '[' link
    std::size_t start;
  };
  std::vector<Frame> stack;
  bool notes = false;  // a footnote was rendered: its marks must go
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    {
      // Text between brackets and braces is copied a run at a time.
      std::size_t run = i;
      while (run < in.size() && !bracket_byte(in[run])) ++run;
      out.append(in, i, run - i);
      i = run;
      if (i >= in.size()) break;
    }
    char c = in[i];
    bool pair = i + 1 < in.size() && in[i + 1] == c;
    if (pair && (c == '{' || c == '[')) {
      stack.push_back({c, out.size()});
      ++i;
      continue;
    }
    if (pair && (c == '}' || c == ']') && !stack.empty() && stack.back().kind == (c == '}' ? '{' : '[')) {
      Frame f = stack.back();
      stack.pop_back();
      std::string rendered;
      if (stack.size() < max_render_depth) {
        std::string_view content = std::string_view(out).substr(f.start);
        rendered = f.kind == '{' ? render_template(content) : render_link(content, categories);
      }
      out.resize(f.start);
      notes = notes || (f.kind == '{' && rendered.find(note_open) != std::string::npos);
      out += rendered;
      ++i;
      continue;
    }
    out += c;
  }
  return notes ? without_notes(out) : out;
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

// Finds `c` at or after `from`, remembering the answer: positions only grow
// during one pass, so every search over the text together is linear.
struct NextOf {
  std::string_view text;
  char c;
  std::size_t at = 0;
  bool valid = false;
  std::size_t from(std::size_t pos) {
    if (!valid || (at != std::string_view::npos && at < pos)) {
      at = text.find(c, pos);
      valid = true;
    }
    return at;
  }
};

// Character entity `name` (without & and ;) as UTF-8, or empty if unknown.
std::string decode_entity(std::string_view name) {
  if (name == "nbsp" || name == "thinsp" || name == "ensp" || name == "emsp") return " ";
  if (name == "amp") return "&";
  if (name == "lt") return "<";
  if (name == "gt") return ">";
  if (name == "quot") return "\"";
  if (name == "apos") return "'";
  if (name == "ndash") return "\xE2\x80\x93";
  if (name == "mdash") return "\xE2\x80\x94";
  if (name == "minus") return "\xE2\x88\x92";
  std::string rep;
  if (name.size() < 2 || name[0] != '#') return rep;
  bool hexa = name[1] == 'x' || name[1] == 'X';
  std::size_t k = hexa ? 2 : 1;
  if (k >= name.size()) return rep;
  unsigned long cp = 0;
  for (; k < name.size(); ++k) {
    unsigned char ch = static_cast<unsigned char>(name[k]);
    int d = std::isdigit(ch) ? ch - '0' : hexa && std::isxdigit(ch) ? std::tolower(ch) - 'a' + 10 : -1;
    if (d < 0 || cp > 0x10FFFF) return rep;
    cp = cp * (hexa ? 16 : 10) + static_cast<unsigned long>(d);
  }
  append_utf8(rep, cp);
  return rep;
}

// Inline markup: bold/italic quotes, external links ([http://x label] ->
// label), HTML tags (inner text kept), character entities. One pass.
bool inline_markup_byte(char c) { return c == '\'' || c == '[' || c == '<' || c == '&'; }

std::string render_inline(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  NextOf close_bracket{in, ']'}, close_angle{in, '>'}, semicolon{in, ';'}, space{in, ' '};
  std::size_t link_end = std::string_view::npos;  // the ']' of the external link being rendered
  for (std::size_t i = 0; i < in.size(); ++i) {
    {
      // Plain text is copied a run at a time, up to the next byte that may
      // start markup or the end of the link being rendered.
      std::size_t stop = std::min(in.size(), link_end);
      std::size_t run = i;
      while (run < stop && !inline_markup_byte(in[run])) ++run;
      out.append(in, i, run - i);
      i = run;
      if (i >= in.size()) break;
    }
    char c = in[i];
    if (link_end != std::string_view::npos && i >= link_end) {
      bool at_end = i == link_end;
      link_end = std::string_view::npos;
      if (at_end) continue;
    }
    if (c == '\'' && i + 1 < in.size() && in[i + 1] == '\'') {
      while (i + 1 < in.size() && in[i + 1] == '\'') ++i;
      continue;
    }
    if (c == '[' && link_end == std::string_view::npos &&
        (in.compare(i + 1, 7, "http://") == 0 || in.compare(i + 1, 8, "https://") == 0 ||
         in.compare(i + 1, 2, "//") == 0)) {
      std::size_t close = close_bracket.from(i);
      if (close != std::string_view::npos) {
        std::size_t gap = space.from(i);
        if (gap == std::string_view::npos || gap > close) {
          i = close;  // bare URL in brackets: nothing a reader would see
        } else {
          link_end = close;
          i = gap;  // continue with the label
        }
        continue;
      }
    }
    if (c == '<' && i + 1 < in.size()) {
      std::size_t close = close_angle.from(i);
      if (close != std::string_view::npos && close - i < 200 &&
          (std::isalpha(static_cast<unsigned char>(in[i + 1])) || in[i + 1] == '/')) {
        std::string tag = ascii_lower(in.substr(i + 1, std::min<std::size_t>(3, close - i - 1)));
        if (tag.rfind("br", 0) == 0) out += ' ';
        i = close;
        continue;
      }
    }
    if (c == '&') {
      std::size_t semi = semicolon.from(i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        std::string rep = decode_entity(in.substr(i + 1, semi - i - 1));
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
    Span s{doc.text.size(), 0};
    append_marked(doc.text, text, &doc.links);
    s.end = doc.text.size();
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

  // Tables, possibly nested: a nested table becomes a table of its own
  // (flattened); nesting deeper than `max_table_depth` is dropped.
  constexpr std::size_t max_table_depth = 8;
  struct Row {
    std::vector<std::string> cells;
    bool header = true;  // only "!" cells so far
  };
  struct OpenTable {
    int index = -1;
    std::vector<Row> rows;
  };
  std::vector<OpenTable> open_tables;
  std::size_t dropped_depth = 0;
  auto open_table = [&] {
    Table table;
    table.section_path = out.path();
    doc.tables.push_back(std::move(table));
    OpenTable t;
    t.index = static_cast<int>(doc.tables.size()) - 1;
    open_tables.push_back(std::move(t));
  };
  auto close_table = [&] {
    OpenTable t = std::move(open_tables.back());
    open_tables.pop_back();
    Table& table = doc.tables[static_cast<std::size_t>(t.index)];
    auto row = t.rows.begin();
    while (row != t.rows.end() && row->cells.empty()) ++row;
    // Header rows lead the table; the one that names the columns is the last
    // with two or more named cells (a first header row often spans the table
    // with a caption or a map).
    while (row != t.rows.end() && (row->header || row->cells.empty())) {
      if (row->cells.empty()) {
        ++row;
        continue;
      }
      std::vector<std::string> names;
      std::size_t named = 0;
      for (auto& c : row->cells) {
        std::string h(trim_view(strip_marks(render_inline(c))));
        std::replace(h.begin(), h.end(), '\n', ' ');
        if (!h.empty()) ++named;
        names.push_back(std::move(h));
      }
      if (named >= 2 || table.header.empty()) table.header = std::move(names);
      ++row;
    }
    for (; row != t.rows.end(); ++row) {
      if (row->cells.empty()) continue;
      Block b;
      b.kind = BlockKind::table_row;
      b.table = t.index;
      b.section_path = table.section_path;
      if (!doc.text.empty()) doc.text += "\n\n";
      b.span.begin = doc.text.size();
      for (std::size_t k = 0; k < row->cells.size(); ++k) {
        if (k) doc.text += " | ";
        // Line breaks stay: a notes cell's list items are sentences of their own.
        std::string cell(trim_view(render_inline(row->cells[k])));
        std::size_t begin = doc.text.size();
        append_marked(doc.text, cell, &doc.links);
        b.cells.push_back({begin, doc.text.size()});
      }
      b.span.end = doc.text.size();
      doc.blocks.push_back(std::move(b));
    }
  };

  std::string paragraph;
  auto flush = [&] {
    if (!trim_view(paragraph).empty()) out.block(BlockKind::paragraph, paragraph);
    paragraph.clear();
  };
  std::string_view all(cleaned);
  for (std::size_t pos = 0; pos < all.size();) {
    std::size_t nl = all.find('\n', pos);
    if (nl == std::string_view::npos) nl = all.size();
    std::string_view line = trim_view(all.substr(pos, nl - pos));
    pos = nl + 1;

    if (line.starts_with("{|")) {
      flush();
      if (dropped_depth > 0 || open_tables.size() >= max_table_depth) ++dropped_depth;
      else open_table();
      continue;
    }
    if (dropped_depth > 0) {
      if (line.starts_with("|}")) --dropped_depth;
      continue;
    }
    if (!open_tables.empty()) {
      std::vector<Row>& rows = open_tables.back().rows;
      if (line.starts_with("|}")) {
        close_table();
      } else if (line.starts_with("|+")) {
        // caption: not a row
      } else if (line.starts_with("|-")) {
        rows.push_back({});
      } else if (line.starts_with("!") || line.starts_with("|")) {
        if (rows.empty()) rows.push_back({});
        bool header = line[0] == '!';
        std::string_view body = line.substr(1);
        for (std::string_view cell : header ? split_cells(body, "!!", "||") : split_cells(body, "||", ""))
          rows.back().cells.emplace_back(cell_content(cell));
        if (!header) rows.back().header = false;
      } else if (!line.empty() && !rows.empty() && !rows.back().cells.empty()) {
        std::string& cell = rows.back().cells.back();
        if (!cell.empty()) cell += '\n';
        cell += line;
      }
      continue;
    }

    if (line.empty()) {
      flush();
      continue;
    }
    if (line.size() >= 3 && line.front() == '=' && line.back() == '=') {
      std::size_t open = line.find_first_not_of('=');
      std::size_t close = line.size() - 1 - line.find_last_not_of('=');
      if (open != std::string_view::npos && open + close < line.size()) {
        flush();
        int level = static_cast<int>(std::min({open, close, std::size_t{6}}));
        std::string_view inner = trim_view(line.substr(open, line.size() - open - close));
        while (!out.sections.empty() && out.sections.back().first >= level) out.sections.pop_back();
        out.block(BlockKind::heading, inner, level);
        std::string name(trim_view(strip_marks(render_inline(inner))));
        if (!name.empty()) out.sections.emplace_back(level, std::move(name));
        continue;
      }
    }
    if (line[0] == '*' || line[0] == '#' || line[0] == ';') {
      flush();
      std::size_t k = line.find_first_not_of("*#;:");
      if (k != std::string_view::npos) out.block(BlockKind::list_item, line.substr(k));
      continue;
    }
    if (line.starts_with("----") || line.starts_with("__")) continue;  // rules, __TOC__ switches
    if (line[0] == ':') {
      std::size_t k = line.find_first_not_of(':');
      line = k == std::string_view::npos ? std::string_view() : trim_view(line.substr(k));
      if (line.empty()) continue;
    }
    if (!paragraph.empty()) paragraph += ' ';
    paragraph += line;
  }
  flush();
  while (!open_tables.empty()) close_table();  // unclosed at the end: keep what was read
  if (doc.title.empty()) doc.title = doc.id;
  std::stable_sort(doc.links.begin(), doc.links.end(),
                   [](const Link& x, const Link& y) { return x.span.begin < y.span.begin; });
  return doc;
}

}  // namespace diplograph
