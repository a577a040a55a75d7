// HTML pages -> plain text with structure, via Gumbo. The tree is walked
// with an explicit stack (no recursion), and the input's element nesting is
// capped before parsing: Gumbo's scope checks are linear in the depth of the
// open-element stack (quadratic for deep input) and its tree destruction is
// recursive, so pathological nesting would otherwise be slow or overflow.
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "diplograph/reader.hpp"

namespace diplograph {
namespace {

// ---------------------------------------------------------------- nesting cap

constexpr std::size_t max_nesting = 2000;

char lower_ascii(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool istarts_with(std::string_view s, std::size_t at, std::string_view prefix) {
  if (s.size() - at < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k)
    if (lower_ascii(s[at + k]) != prefix[k]) return false;
  return true;
}

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that never nest by themselves: void elements and those whose
// end tags are optional (the parser closes them implicitly).
bool depth_neutral(std::string_view name) {
  return one_of(name, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                       "source", "track", "wbr", "keygen", "p", "li", "dt", "dd", "tr", "td", "th",
                       "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt",
                       "rp", "html", "head", "body"});
}

bool raw_text(std::string_view name) {
  return one_of(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"});
}

// Scans tags approximately (comments, quoted attributes and raw-text
// elements are skipped). Returns the maximum nesting depth; with `out`,
// also writes the input without the tags nested deeper than `limit`.
std::size_t cap_nesting(std::string_view html, std::size_t limit, std::string* out) {
  std::size_t depth = 0, max_depth = 0, copied = 0, i = 0;
  const std::size_t n = html.size();
  auto omit = [&](std::size_t b, std::size_t e) {
    if (!out) return;
    out->append(html.substr(copied, b - copied));
    copied = e;
  };
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      std::size_t e = html.find("-->", i + 4);
      i = e == std::string_view::npos ? n : e + 3;
      continue;
    }
    if (i + 1 >= n) break;
    if (html[i + 1] == '!' || html[i + 1] == '?') {
      std::size_t e = html.find('>', i);
      i = e == std::string_view::npos ? n : e + 1;
      continue;
    }
    bool end_tag = html[i + 1] == '/';
    std::size_t k = i + 1 + (end_tag ? 1 : 0);
    if (k >= n || !std::isalpha(static_cast<unsigned char>(html[k]))) {
      ++i;
      continue;
    }
    std::string name;
    while (k < n && (std::isalnum(static_cast<unsigned char>(html[k])) || html[k] == '-' || html[k] == ':'))
      name += lower_ascii(html[k++]);
    char quote = 0;
    while (k < n && (quote || html[k] != '>')) {
      if (quote) {
        if (html[k] == quote) quote = 0;
      } else if (html[k] == '"' || html[k] == '\'') {
        quote = html[k];
      }
      ++k;
    }
    if (k >= n) break;  // unterminated tag: the rest is left as it is
    std::size_t tag_end = k + 1;
    if (!end_tag && raw_text(name)) {
      // Skip the content up to the matching end tag; neither tag nests.
      std::string closing = "</" + name;
      std::size_t p = tag_end;
      while ((p = html.find('<', p)) != std::string_view::npos && !istarts_with(html, p, closing)) ++p;
      if (p == std::string_view::npos) break;
      std::size_t gt = html.find('>', p);
      i = gt == std::string_view::npos ? n : gt + 1;
      continue;
    }
    bool self_closing = html[k - 1] == '/';
    if (!depth_neutral(name) && !self_closing) {
      if (!end_tag) {
        ++depth;
        max_depth = std::max(max_depth, depth);
        if (depth > limit) omit(i, tag_end);
      } else {
        if (depth > limit) omit(i, tag_end);
        if (depth > 0) --depth;
      }
    }
    i = tag_end;
  }
  if (out) out->append(html.substr(copied));
  return max_depth;
}

// ---------------------------------------------------------------- text

// Collapses white space to single spaces; never starts or ends with one.
struct Text {
  std::string s;
  bool space = false;
  std::size_t generation = 0;  // bumped on clear()

  void add(std::string_view v) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      char c = v[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        space = true;
        continue;
      }
      if (v.compare(i, 2, "\xC2\xA0") == 0 || v.compare(i, 3, "\xE2\x80\xAF") == 0) {  // (narrow) no-break space
        space = true;
        i += static_cast<unsigned char>(c) == 0xC2 ? 1 : 2;
        continue;
      }
      if (v.compare(i, 2, "\xC2\xAD") == 0) {  // soft hyphen
        ++i;
        continue;
      }
      if (v.compare(i, 3, "\xE2\x80\x8B") == 0) {  // zero-width space
        i += 2;
        continue;
      }
      if (space && !s.empty()) s += ' ';
      space = false;
      s += c;
    }
  }
  void add_space() { space = true; }
  void clear() {
    s.clear();
    space = false;
    ++generation;
  }
};

// ---------------------------------------------------------------- gumbo helpers

struct ParsedHtml {
  GumboOutput* output;
  explicit ParsedHtml(std::string_view html)
      : output(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size())) {}
  ~ParsedHtml() {
    if (output) gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
  ParsedHtml(const ParsedHtml&) = delete;
  ParsedHtml& operator=(const ParsedHtml&) = delete;
};

const GumboVector* children_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  if (node->type == GUMBO_NODE_ELEMENT) return &node->v.element.children;
  return nullptr;  // templates are never entered
}

bool is_element(const GumboNode* node, GumboTag tag) {
  return node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag;
}

std::string lower_attribute(const GumboNode* node, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  if (!a || !a->value) return {};
  std::string v(a->value);
  for (char& c : v) c = lower_ascii(c);
  return v;
}

bool has_attribute(const GumboNode* node, const char* name) {
  return gumbo_get_attribute(&node->v.element.attributes, name) != nullptr;
}

// Page chrome and non-content elements, dropped with their content.
bool dropped(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEMPLATE || node->type == GUMBO_NODE_COMMENT) return true;
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  switch (node->v.element.tag) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
      return true;
    // The page's containers are never dropped for their class names
    // (e.g. <body class="has-sidebar">).
    case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_MAIN: case GUMBO_TAG_ARTICLE:
      return false;
    default: break;
  }
  if (has_attribute(node, "hidden") || lower_attribute(node, "aria-hidden") == "true") return true;
  std::string style = lower_attribute(node, "style");
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  if (style.find("display:none") != std::string::npos) return true;
  static constexpr std::array<std::string_view, 10> cues{"cookie",  "menu",    "navbar", "breadcrumb",
                                                         "footer",  "sidebar", "share",  "social",
                                                         "banner",  "editsection"};
  for (const char* attr : {"class", "id"}) {
    std::string v = lower_attribute(node, attr);
    for (std::string_view cue : cues)
      if (v.find(cue) != std::string::npos) return true;
  }
  if (node->v.element.tag == GUMBO_TAG_SUP && lower_attribute(node, "class").find("reference") != std::string::npos)
    return true;  // Wikipedia-style citation markers
  // Reference lists ("^ "China and New Zealand sign free trade deal"."): the
  // titles of cited works are not statements of the page.
  if (node->v.element.tag == GUMBO_TAG_OL || node->v.element.tag == GUMBO_TAG_DIV) {
    std::string c = lower_attribute(node, "class");
    if (c == "references" || c.rfind("references ", 0) == 0 || c.find("reflist") != std::string::npos ||
        c.find("refbegin") != std::string::npos)
      return true;
  }
  return false;
}

int heading_level(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1: return 1;
    case GUMBO_TAG_H2: return 2;
    case GUMBO_TAG_H3: return 3;
    case GUMBO_TAG_H4: return 4;
    case GUMBO_TAG_H5: return 5;
    case GUMBO_TAG_H6: return 6;
    default: return 0;
  }
}

bool block_element(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_LI:
    case GUMBO_TAG_MENU: case GUMBO_TAG_PRE: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER: case GUMBO_TAG_HR: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_HGROUP: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    // Outside a data table (layout tables), table parts are plain containers.
    case GUMBO_TAG_TABLE: case GUMBO_TAG_CAPTION: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
      return true;
    default: return false;
  }
}

// Finds the first node satisfying `pred` in document order, skipping
// dropped subtrees (unless `skip_dropped` is false). Iterative.
template <class Pred>
const GumboNode* find_first(const GumboNode* root, bool skip_dropped, Pred pred) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node != root && skip_dropped && dropped(node)) continue;
    if (pred(node)) return node;
    if (const GumboVector* kids = children_of(node))
      for (unsigned k = kids->length; k-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids->data[k]));
  }
  return nullptr;
}

// The article an <a> links to on a Wikipedia page ("/wiki/Battle_of_Crete"
// with title="Battle of Crete"), or "" for other links, sections and
// namespaces ("File:", "Help:").
std::string wiki_link_target(const GumboNode* a) {
  const GumboAttribute* href = gumbo_get_attribute(&a->v.element.attributes, "href");
  if (!href) return "";
  std::string_view h = href->value;
  std::size_t at = h.find("/wiki/");
  if (at == std::string_view::npos || (at != 0 && h.find("wikipedia.org/wiki/") == std::string_view::npos))
    return "";
  std::string target;
  if (const GumboAttribute* title = gumbo_get_attribute(&a->v.element.attributes, "title")) {
    target = title->value;
  } else {
    std::string_view page = h.substr(at + 6);
    page = page.substr(0, std::min(page.find('#'), page.find('?')));
    for (std::size_t i = 0; i < page.size(); ++i) {
      if (page[i] == '%' && i + 2 < page.size() && std::isxdigit(static_cast<unsigned char>(page[i + 1])) &&
          std::isxdigit(static_cast<unsigned char>(page[i + 2]))) {
        target += static_cast<char>(std::stoi(std::string(page.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else {
        target += page[i] == '_' ? ' ' : page[i];
      }
    }
  }
  if (target.empty() || target.find(':') != std::string::npos) return "";
  return target;
}

// All text below `root`, collapsed.
std::string text_of(const GumboNode* root) {
  Text t;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
      t.add(node->v.text.text);
      continue;
    }
    if (const GumboVector* kids = children_of(node))
      for (unsigned k = kids->length; k-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids->data[k]));
  }
  return t.s;
}

// A table used for page layout rather than data: its content is read as
// ordinary blocks.
bool layout_table(const GumboNode* table) {
  std::string role = lower_attribute(table, "role");
  if (role == "presentation" || role == "none") return true;
  return find_first(table, true, [](const GumboNode* n) {
           return n->type == GUMBO_NODE_ELEMENT && heading_level(n->v.element.tag) > 0;
         }) != nullptr;
}


// ---------------------------------------------------------------- builder

struct Row {
  std::vector<std::string> cells;
  bool has_th = false;
  bool all_th = true;
  bool in_thead = false;
};

struct TableState {
  std::vector<Row> rows;
  Text caption;
  std::vector<std::string> section_path;
  bool in_caption = false;
  bool in_thead = false;
  bool in_cell = false;
  Text cell;
};

enum class Exit { none, block, table, row, cell, caption, thead, space, sup, link };

struct Frame {
  const GumboNode* node;
  unsigned next = 0;
  Exit exit = Exit::none;
  // <sup>: where its text started, to drop "[1]"-style markers.
  Text* sink = nullptr;
  std::size_t mark = 0;
  std::size_t generation = 0;
  bool space = false;
  std::string target = {};  // <a>: the page it links to
};

struct Context {
  BlockKind kind;
  int level;
};

class Builder {
 public:
  explicit Builder(Document& doc) : doc_(doc) {}

  void walk(const GumboNode* root) {
    std::vector<Frame> stack;
    stack.push_back({root});
    while (!stack.empty()) {
      Frame& top = stack.back();
      const GumboVector* kids = children_of(top.node);
      if (!kids || top.next >= kids->length) {
        leave(top);
        stack.pop_back();
        continue;
      }
      const GumboNode* child = static_cast<const GumboNode*>(kids->data[top.next++]);
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE || child->type == GUMBO_NODE_CDATA) {
        if (Text* t = sink()) t->add(child->v.text.text);
        continue;
      }
      if (child->type != GUMBO_NODE_ELEMENT || dropped(child)) continue;
      Frame f{child};
      enter(f);
      stack.push_back(f);  // may invalidate `top`
    }
    flush();
  }

 private:
  Document& doc_;
  std::vector<std::pair<int, std::string>> sections_;
  std::vector<Context> contexts_{{BlockKind::paragraph, 0}};
  Text para_;
  // Links in para_ (offsets into its text), until it becomes a block.
  struct PendingLink {
    std::size_t begin, end;
    std::size_t generation;
    std::string target;
  };
  std::vector<PendingLink> para_links_;
  int table_depth_ = 0;
  TableState table_;

  Text* sink() {
    if (table_depth_ == 0) return &para_;
    if (table_.in_caption) return &table_.caption;
    if (table_.in_cell) return &table_.cell;
    return nullptr;
  }

  std::vector<std::string> path() const {
    std::vector<std::string> p;
    for (const auto& s : sections_) p.push_back(s.second);
    return p;
  }

  Span append(std::string_view text) {
    if (!doc_.text.empty()) doc_.text += "\n\n";
    Span s{doc_.text.size(), doc_.text.size() + text.size()};
    doc_.text += text;
    return s;
  }

  // The pending text becomes a block of the current context's kind.
  void flush() {
    if (para_.s.empty()) {
      para_.clear();
      para_links_.clear();
      return;
    }
    const std::size_t generation = para_.generation;
    std::string text = std::move(para_.s);
    para_.clear();
    Context c = contexts_.back();
    Block b;
    b.kind = c.kind;
    b.span = append(text);
    for (const PendingLink& l : para_links_)
      if (l.generation == generation && l.begin < l.end && l.end <= text.size())
        doc_.links.push_back({{b.span.begin + l.begin, b.span.begin + l.end}, l.target});
    para_links_.clear();
    if (c.kind == BlockKind::heading) {
      b.level = c.level;
      if (c.level == 1) {
        if (doc_.title.empty()) doc_.title = text;
        sections_.clear();  // the title is not a section
      } else {
        while (!sections_.empty() && sections_.back().first >= c.level) sections_.pop_back();
        b.section_path = path();
        sections_.emplace_back(c.level, text);
      }
    } else {
      b.section_path = path();
    }
    doc_.blocks.push_back(std::move(b));
  }

  void start_sup(Frame& f) {
    f.exit = Exit::sup;
    f.sink = sink();
    if (!f.sink) return;
    f.mark = f.sink->s.size();
    f.generation = f.sink->generation;
    f.space = f.sink->space;
  }

  void end_sup(const Frame& f) {
    Text* t = f.sink;
    if (!t || t != sink() || t->generation != f.generation || t->s.size() < f.mark) return;
    std::string_view added = std::string_view(t->s).substr(f.mark);
    while (!added.empty() && added.front() == ' ') added.remove_prefix(1);
    if (added.size() >= 2 && added.front() == '[' && added.back() == ']') {
      t->s.resize(f.mark);
      t->space = f.space || t->space;
    }
  }

  // <a href="/wiki/…">: its text is a mention of the linked article.
  void start_link(Frame& f) {
    std::string target = wiki_link_target(f.node);
    if (target.empty()) return;
    f.exit = Exit::link;
    f.target = std::move(target);
    f.mark = para_.s.size();
    f.generation = para_.generation;
  }

  void end_link(const Frame& f) {
    if (para_.generation != f.generation || para_.s.size() < f.mark) return;
    std::size_t begin = f.mark;
    if (begin < para_.s.size() && para_.s[begin] == ' ') ++begin;  // the space added before its text
    if (begin < para_.s.size()) para_links_.push_back({begin, para_.s.size(), f.generation, f.target});
  }

  void enter(Frame& f) {
    GumboTag tag = f.node->v.element.tag;
    if (tag == GUMBO_TAG_SUP) return start_sup(f);
    if (tag == GUMBO_TAG_A && table_depth_ == 0) return start_link(f);
    if (table_depth_ > 0) return enter_in_table(f, tag);
    if (tag == GUMBO_TAG_BR) {
      para_.add_space();
      return;
    }
    if (tag == GUMBO_TAG_TABLE && !layout_table(f.node)) {
      flush();
      table_depth_ = 1;
      table_ = TableState{};
      table_.section_path = path();
      f.exit = Exit::table;
      return;
    }
    if (!block_element(tag)) return;  // inline: its text joins the block
    flush();
    Context c{BlockKind::paragraph, 0};
    if (int level = heading_level(tag)) c = {BlockKind::heading, level};
    else if (tag == GUMBO_TAG_LI) c = {BlockKind::list_item, 0};
    else if (contexts_.back().kind == BlockKind::list_item) c = contexts_.back();
    contexts_.push_back(c);
    f.exit = Exit::block;
  }

  void enter_in_table(Frame& f, GumboTag tag) {
    if (tag == GUMBO_TAG_TABLE) {
      ++table_depth_;
      f.exit = Exit::table;
      if (Text* t = sink()) t->add_space();
      return;
    }
    if (table_depth_ == 1) {
      switch (tag) {
        case GUMBO_TAG_THEAD:
          table_.in_thead = true;
          f.exit = Exit::thead;
          return;
        case GUMBO_TAG_CAPTION:
          table_.in_caption = true;
          f.exit = Exit::caption;
          return;
        case GUMBO_TAG_TR:
          end_cell();
          table_.rows.emplace_back();
          table_.rows.back().in_thead = table_.in_thead;
          f.exit = Exit::row;
          return;
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH: {
          end_cell();
          if (table_.rows.empty()) table_.rows.emplace_back();
          Row& row = table_.rows.back();
          if (tag == GUMBO_TAG_TH) row.has_th = true;
          else row.all_th = false;
          table_.in_cell = true;
          table_.cell.clear();
          f.exit = Exit::cell;
          return;
        }
        default: break;
      }
    }
    // Nested tables' parts, line breaks and blocks inside cells: spaces.
    if (tag == GUMBO_TAG_BR || block_element(tag)) {
      if (Text* t = sink()) t->add_space();
      f.exit = Exit::space;
    }
  }

  void end_cell() {
    if (!table_.in_cell) return;
    table_.in_cell = false;
    if (table_.rows.empty()) table_.rows.emplace_back();
    table_.rows.back().cells.push_back(std::move(table_.cell.s));
    table_.cell.clear();
  }

  void finish_table() {
    end_cell();
    std::size_t header_row = table_.rows.size();
    for (std::size_t r = 0; r < table_.rows.size(); ++r)
      if (table_.rows[r].in_thead && !table_.rows[r].cells.empty()) {
        header_row = r;
        break;
      }
    if (header_row == table_.rows.size() && !table_.rows.empty() && table_.rows[0].has_th &&
        table_.rows[0].all_th)
      header_row = 0;
    Table table;
    table.section_path = table_.section_path;
    if (header_row < table_.rows.size()) table.header = table_.rows[header_row].cells;
    if (!table_.caption.s.empty()) {
      Block b;
      b.kind = BlockKind::paragraph;
      b.span = append(table_.caption.s);
      b.section_path = table_.section_path;
      doc_.blocks.push_back(std::move(b));
    }
    std::vector<Block> rows;
    int index = static_cast<int>(doc_.tables.size());
    for (std::size_t r = 0; r < table_.rows.size(); ++r) {
      const Row& row = table_.rows[r];
      if (r == header_row) continue;
      if (std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& c) { return c.empty(); }))
        continue;  // also rows without cells
      Block b;
      b.kind = BlockKind::table_row;
      b.table = index;
      b.section_path = table_.section_path;
      if (!doc_.text.empty()) doc_.text += "\n\n";
      b.span.begin = doc_.text.size();
      for (std::size_t k = 0; k < row.cells.size(); ++k) {
        if (k) doc_.text += " | ";
        b.cells.push_back({doc_.text.size(), doc_.text.size() + row.cells[k].size()});
        doc_.text += row.cells[k];
      }
      b.span.end = doc_.text.size();
      rows.push_back(std::move(b));
    }
    if (!rows.empty() || !table.header.empty()) {
      doc_.tables.push_back(std::move(table));
      for (Block& b : rows) doc_.blocks.push_back(std::move(b));
    }
    table_ = TableState{};
  }

  void leave(Frame& f) {
    switch (f.exit) {
      case Exit::none: break;
      case Exit::block:
        flush();
        contexts_.pop_back();
        break;
      case Exit::table:
        if (--table_depth_ == 0) finish_table();
        else if (Text* t = sink()) t->add_space();
        break;
      case Exit::row: end_cell(); break;
      case Exit::cell: end_cell(); break;
      case Exit::caption: table_.in_caption = false; break;
      case Exit::thead: table_.in_thead = false; break;
      case Exit::space:
        if (Text* t = sink()) t->add_space();
        break;
      case Exit::sup: end_sup(f); break;
      case Exit::link: end_link(f); break;
    }
  }
};

}  // namespace

Result<Document> read_html(std::string_view source, std::string_view html) {
  Document doc;
  doc.source = std::string(source);
  doc.id = document_stem(source);
  doc.format = "html";

  std::string capped;
  if (cap_nesting(html, max_nesting, nullptr) > max_nesting) {
    cap_nesting(html, max_nesting, &capped);
    html = capped;
  }
  ParsedHtml parsed(html);
  if (!parsed.output || !parsed.output->document) return make_error(Status::bad_input, "cannot parse HTML");
  const GumboNode* document = parsed.output->document;

  const GumboNode* root = find_first(document, true, [](const GumboNode* n) { return is_element(n, GUMBO_TAG_MAIN); });
  if (!root) root = find_first(document, true, [](const GumboNode* n) { return is_element(n, GUMBO_TAG_ARTICLE); });
  if (!root) root = document;

  Builder builder(doc);
  builder.walk(root);

  if (doc.title.empty()) {
    if (const GumboNode* title = find_first(document, false, [](const GumboNode* n) {
          return is_element(n, GUMBO_TAG_TITLE) && n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
        }))
      doc.title = text_of(title);
  }
  if (doc.title.empty()) doc.title = doc.id;
  return doc;
}

}  // namespace diplograph
