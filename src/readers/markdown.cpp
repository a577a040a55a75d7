// Markdown (CommonMark + GitHub tables) -> Document, with cmark-gfm.
//
// Offsets stay those of the original file: Document::text is the input with
// every byte a reader does not see (markup, link targets, images, raw HTML)
// turned into a space, line breaks kept. So a Span is both an offset into
// the text the recognizer reads and an offset into the file the user has.
// cmark-gfm gives each node its source position; the text of a node is laid
// back onto those bytes (an escape's backslash or an entity's name is
// skipped, not shown).
//
// Blocks: headings, paragraphs, list items and table rows. A paragraph is
// split at its hard line breaks, so profile-style "Key:" lines ("**_Capital:_**
// ␠␠␠\nBrasilia") become one block each, the key joined to its value. A
// heading that reads as a sentence (a news-digest item written as a heading)
// is a paragraph. A heading that is only a date is the page's date.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "diplograph/dates.hpp"
#include "diplograph/reader.hpp"

namespace diplograph {
namespace {

bool space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// One visible line of a leaf block: [begin, end) in the original.
struct Line {
  std::size_t begin = 0, end = 0;
  bool empty() const { return begin >= end; }
};

// How far past the last laid byte the next character of a node's text may
// lie: room for an entity's name ("&thetasym;") or an escape.
constexpr std::size_t kMaxSkip = 40;

class MarkdownBuilder {
 public:
  MarkdownBuilder(std::string_view source, Document& doc) : src_(source), doc_(doc) {
    visible_.assign(source.size(), false);
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < source.size(); ++i) {
      // cmark ends a line at "\n", "\r\n" or a lone "\r".
      if (source[i] == '\n' || (source[i] == '\r' && (i + 1 == source.size() || source[i + 1] != '\n')))
        line_starts_.push_back(i + 1);
    }
  }

  void enter(cmark_node* node) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HEADING:
        flush_leaf();
        open_leaf(node, Leaf::heading);
        heading_level_ = cmark_node_get_heading_level(node);
        break;
      case CMARK_NODE_PARAGRAPH:
        flush_leaf();
        open_leaf(node, list_depth_ > 0 ? Leaf::list_item : Leaf::paragraph);
        break;
      case CMARK_NODE_ITEM:
        flush_leaf();
        ++list_depth_;
        break;
      case CMARK_NODE_LIST:
      case CMARK_NODE_BLOCK_QUOTE: flush_leaf(); break;
      case CMARK_NODE_IMAGE: ++hidden_; break;  // alt text of images is not prose
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE: text(node); break;
      case CMARK_NODE_LINEBREAK:
        if (leaf_ != Leaf::cell && leaf_ != Leaf::none) lines_.push_back(Line{});
        break;
      default: enter_table_part(node); break;  // code, raw HTML: not prose, not read
    }
  }

  void exit(cmark_node* node) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HEADING:
      case CMARK_NODE_PARAGRAPH: flush_leaf(); break;
      case CMARK_NODE_ITEM:
        flush_leaf();
        --list_depth_;
        break;
      case CMARK_NODE_IMAGE: --hidden_; break;
      default: exit_table_part(node); break;
    }
  }

  // The text with unseen bytes blanked, and the page's date if a heading gave one.
  void finish() {
    flush_leaf();
    doc_.text.assign(src_);
    for (std::size_t i = 0; i < doc_.text.size(); ++i)
      if (!visible_[i] && doc_.text[i] != '\n') doc_.text[i] = ' ';
  }

 private:
  enum class Leaf { none, heading, paragraph, list_item, cell };

  // Table nodes come from the extension: known by their type's name.
  void enter_table_part(cmark_node* node) {
    const char* type = cmark_node_get_type_string(node);
    if (std::strcmp(type, "table") == 0) {
      flush_leaf();
      Table table;
      table.section_path = section_path();
      doc_.tables.push_back(std::move(table));
      table_ = static_cast<int>(doc_.tables.size()) - 1;
    } else if (std::strcmp(type, "table_header") == 0 || std::strcmp(type, "table_row") == 0) {
      row_cells_.clear();
      in_head_ = cmark_gfm_extensions_get_table_row_is_header(node) != 0;
    } else if (std::strcmp(type, "table_cell") == 0) {
      open_leaf(node, Leaf::cell);
      lines_.assign(1, Line{});
    }
  }

  void exit_table_part(cmark_node* node) {
    const char* type = cmark_node_get_type_string(node);
    if (std::strcmp(type, "table") == 0) {
      table_ = -1;
    } else if (std::strcmp(type, "table_header") == 0 || std::strcmp(type, "table_row") == 0) {
      finish_row();
    } else if (std::strcmp(type, "table_cell") == 0) {
      Line cell = lines_.empty() ? Line{} : trim(lines_.front());
      row_cells_.push_back(cell);
      lines_.clear();
      leaf_ = Leaf::none;
    }
  }

  // The byte at a node's (1-based) line and column, clamped to the input.
  std::size_t offset(int line, int column) const {
    if (line <= 0) return 0;
    std::size_t l = std::min(static_cast<std::size_t>(line - 1), line_starts_.size() - 1);
    std::size_t at = line_starts_[l] + static_cast<std::size_t>(std::max(column, 1) - 1);
    return std::min(at, src_.size());
  }

  // A leaf's text is laid within its source range.
  void open_leaf(cmark_node* node, Leaf kind) {
    leaf_ = kind;
    leaf_begin_ = offset(cmark_node_get_start_line(node), cmark_node_get_start_column(node));
    int end_line = cmark_node_get_end_line(node);
    int end_column = cmark_node_get_end_column(node);
    leaf_end_ = end_line <= 0 ? src_.size() : offset(end_line, end_column) + 1;
    if (end_column <= 0) leaf_end_ = end_line < static_cast<int>(line_starts_.size())
                                         ? line_starts_[static_cast<std::size_t>(end_line)]
                                         : src_.size();
    leaf_end_ = std::min(std::max(leaf_end_, leaf_begin_), src_.size());
    cursor_ = std::max(cursor_, leaf_begin_);
  }

  // Lays a text or code node back onto the bytes that spell it: each of its
  // characters is the next equal byte (a space also matches a line break),
  // found within kMaxSkip; a character the source spells otherwise (a
  // decoded entity) is passed over.
  void text(cmark_node* node) {
    if (hidden_ > 0 || leaf_ == Leaf::none) return;
    const char* literal = cmark_node_get_literal(node);
    if (literal == nullptr) return;
    std::size_t pos = cursor_;
    if (cmark_node_get_start_line(node) > 0)
      pos = std::max(pos, offset(cmark_node_get_start_line(node), cmark_node_get_start_column(node)));
    std::size_t first = std::string_view::npos, last = 0;
    for (const char* c = literal; *c != '\0'; ++c) {
      std::size_t stop = std::min(leaf_end_, pos + kMaxSkip);
      std::size_t probe = pos;
      while (probe < stop && src_[probe] != *c && !(*c == ' ' && space_byte(src_[probe]))) ++probe;
      if (probe >= stop) continue;
      visible_[probe] = true;
      if (first == std::string_view::npos) first = probe;
      last = probe;
      pos = probe + 1;
    }
    cursor_ = std::max(cursor_, pos);
    if (first == std::string_view::npos) return;
    if (lines_.empty()) lines_.push_back(Line{});
    Line& line = lines_.back();
    if (line.empty()) line.begin = first;
    line.end = std::max(line.end, last + 1);
  }

  Line trim(Line l) const {
    // Blanked bytes are spaces too: trim on what will be visible.
    while (l.begin < l.end && (space_byte(src_[l.begin]) || !visible_[l.begin])) ++l.begin;
    while (l.end > l.begin && (space_byte(src_[l.end - 1]) || !visible_[l.end - 1])) --l.end;
    return l;
  }

  std::string visible_text(Line l) const {
    std::string out;
    bool gap = false;
    for (std::size_t i = l.begin; i < l.end; ++i) {
      if (!visible_[i] || space_byte(src_[i])) {
        gap = !out.empty();
        continue;
      }
      if (gap) out += ' ';
      gap = false;
      out += src_[i];
    }
    return out;
  }

  std::vector<std::string> section_path() const {
    std::vector<std::string> path;
    for (const auto& s : sections_) path.push_back(s.second);
    return path;
  }

  void add_block(BlockKind kind, Line line, int level = 0) {
    line = trim(line);
    if (line.empty()) return;
    Block b;
    b.kind = kind;
    b.level = level;
    b.span = {line.begin, line.end};
    b.section_path = section_path();
    doc_.blocks.push_back(std::move(b));
  }

  // A heading that reads as a sentence: long, or ending in a full stop.
  static bool sentence_like(const std::string& text) {
    std::size_t words = static_cast<std::size_t>(std::count(text.begin(), text.end(), ' ')) + 1;
    return words >= 10 || (!text.empty() && text.back() == '.' && words >= 4);
  }

  void heading(Line line) {
    line = trim(line);
    if (line.empty()) return;
    std::string name = visible_text(line);
    if (sentence_like(name)) {
      add_block(BlockKind::paragraph, line);
      return;
    }
    if (doc_.date.empty()) {
      std::optional<DateValue> date = DateNormalizer().parse(name);
      if (date && date->precision == DatePrecision::day) doc_.date = date->timex();
    }
    if (doc_.title.empty() && heading_level_ == 1) doc_.title = name;
    while (!sections_.empty() && sections_.back().first >= heading_level_) sections_.pop_back();
    add_block(BlockKind::heading, line, heading_level_);
    sections_.emplace_back(heading_level_, name);
  }

  // "Key:" alone on a line is joined to the line after it.
  void paragraph(BlockKind kind) {
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      Line line = trim(lines_[i]);
      if (line.empty()) continue;
      std::string shown = visible_text(line);
      if (!shown.empty() && shown.back() == ':' && shown.size() < 80 && i + 1 < lines_.size() &&
          !trim(lines_[i + 1]).empty()) {
        line.end = trim(lines_[i + 1]).end;
        ++i;
      }
      add_block(kind, line);
    }
  }

  void flush_leaf() {
    if (leaf_ == Leaf::cell) return;
    if (!lines_.empty()) {
      if (leaf_ == Leaf::heading) {
        Line all{lines_.front().begin, lines_.back().end};
        heading(all);
      } else if (leaf_ == Leaf::paragraph) {
        paragraph(BlockKind::paragraph);
      } else if (leaf_ == Leaf::list_item) {
        paragraph(BlockKind::list_item);
      }
    }
    lines_.clear();
  }

  void finish_row() {
    if (table_ < 0) return;
    Table& table = doc_.tables[static_cast<std::size_t>(table_)];
    if (in_head_) {
      for (const Line& c : row_cells_) table.header.push_back(visible_text(c));
      return;
    }
    Block b;
    b.kind = BlockKind::table_row;
    b.table = table_;
    b.section_path = table.section_path;
    bool any = false;
    for (const Line& c : row_cells_) {
      b.cells.push_back({c.begin, c.end});
      if (c.empty()) continue;
      if (!any) b.span.begin = c.begin;
      b.span.end = c.end;
      any = true;
    }
    if (any) doc_.blocks.push_back(std::move(b));
  }

  std::string_view src_;
  Document& doc_;
  std::vector<bool> visible_;
  std::vector<std::size_t> line_starts_;
  std::size_t leaf_begin_ = 0, leaf_end_ = 0;  // the open leaf's bytes
  std::size_t cursor_ = 0;                     // no text is laid before this byte
  std::vector<Line> lines_;
  std::vector<Line> row_cells_;
  std::vector<std::pair<int, std::string>> sections_;
  Leaf leaf_ = Leaf::none;
  int heading_level_ = 0;
  int list_depth_ = 0;
  int hidden_ = 0;
  int table_ = -1;
  bool in_head_ = false;
};

}  // namespace

Result<Document> read_markdown(std::string_view source, std::string_view markdown) {
  Document doc;
  doc.source = std::string(source);
  doc.format = "markdown";
  doc.id = document_stem(source);
  MarkdownBuilder builder(markdown, doc);
  if (markdown.size() > 0x7FFFFFFFu) return make_error(Status::bad_input, "Markdown input too large");
  static std::once_flag registered;  // registration is not thread-safe in cmark-gfm
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  auto parser = std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)>(
      cmark_parser_new(CMARK_OPT_DEFAULT), &cmark_parser_free);
  if (!parser) return make_error(Status::internal, "the Markdown parser could not be created");
  for (const char* name : {"table", "strikethrough"}) {
    cmark_syntax_extension* extension = cmark_find_syntax_extension(name);
    if (extension != nullptr) cmark_parser_attach_syntax_extension(parser.get(), extension);
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  auto root = std::unique_ptr<cmark_node, decltype(&cmark_node_free)>(cmark_parser_finish(parser.get()),
                                                                      &cmark_node_free);
  if (!root) return make_error(Status::bad_input, "the Markdown parser failed");
  auto iter = std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)>(cmark_iter_new(root.get()), &cmark_iter_free);
  for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    if (event == CMARK_EVENT_ENTER)
      builder.enter(cmark_iter_get_node(iter.get()));
    else
      builder.exit(cmark_iter_get_node(iter.get()));
  }
  builder.finish();
  if (doc.title.empty()) {
    doc.title = doc.id;
    std::replace(doc.title.begin(), doc.title.end(), '_', ' ');
  }
  return doc;
}

}  // namespace diplograph
