// Markdown (CommonMark + GitHub tables) -> Document, with md4c.
//
// Offsets stay those of the original file: Document::text is the input with
// every byte a reader does not see (markup, link targets, images, raw HTML)
// turned into a space, line breaks kept. So a Span is both an offset into
// the text the recognizer reads and an offset into the file the user has.
//
// Blocks: headings, paragraphs, list items and table rows. A paragraph is
// split at its hard line breaks, so profile-style "Key:" lines ("**_Capital:_**
// ␠␠␠\nBrasilia") become one block each, the key joined to its value. A
// heading that reads as a sentence (a news-digest item written as a heading)
// is a paragraph. A heading that is only a date is the page's date.
#include <md4c.h>

#include <algorithm>
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

class MarkdownBuilder {
 public:
  MarkdownBuilder(std::string_view source, Document& doc) : src_(source), doc_(doc) {
    visible_.assign(source.size(), false);
  }

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_H:
        flush_leaf();
        leaf_ = Leaf::heading;
        heading_level_ = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        break;
      case MD_BLOCK_P:
        flush_leaf();
        leaf_ = list_depth_ > 0 ? Leaf::list_item : Leaf::paragraph;
        break;
      case MD_BLOCK_LI:
        flush_leaf();
        ++list_depth_;
        leaf_ = Leaf::list_item;
        break;
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
      case MD_BLOCK_QUOTE:
        flush_leaf();
        break;
      case MD_BLOCK_CODE:
      case MD_BLOCK_HTML:
        flush_leaf();
        ++hidden_;  // code and raw HTML are not prose
        break;
      case MD_BLOCK_TABLE: {
        flush_leaf();
        Table table;
        table.section_path = section_path();
        doc_.tables.push_back(std::move(table));
        table_ = static_cast<int>(doc_.tables.size()) - 1;
        break;
      }
      case MD_BLOCK_THEAD: in_head_ = true; break;
      case MD_BLOCK_TBODY: in_head_ = false; break;
      case MD_BLOCK_TR: row_cells_.clear(); break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        leaf_ = Leaf::cell;
        lines_.assign(1, Line{});
        break;
      default: break;
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type) {
    switch (type) {
      case MD_BLOCK_H:
      case MD_BLOCK_P: flush_leaf(); break;
      case MD_BLOCK_LI:
        flush_leaf();
        --list_depth_;
        leaf_ = list_depth_ > 0 ? Leaf::list_item : Leaf::none;
        break;
      case MD_BLOCK_CODE:
      case MD_BLOCK_HTML: --hidden_; break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: {
        Line cell = lines_.empty() ? Line{} : trim(lines_.front());
        row_cells_.push_back(cell);
        lines_.clear();
        leaf_ = Leaf::none;
        break;
      }
      case MD_BLOCK_TR: finish_row(); break;
      case MD_BLOCK_TABLE: table_ = -1; break;
      default: break;
    }
    return 0;
  }

  int enter_span(MD_SPANTYPE type) {
    if (type == MD_SPAN_IMG) ++hidden_;  // alt text of images is not prose
    return 0;
  }
  int leave_span(MD_SPANTYPE type) {
    if (type == MD_SPAN_IMG) --hidden_;
    return 0;
  }

  int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
    if (hidden_ > 0 || leaf_ == Leaf::none) return 0;
    if (type == MD_TEXT_BR) {
      if (leaf_ != Leaf::cell) lines_.push_back(Line{});
      return 0;
    }
    if (type == MD_TEXT_HTML || type == MD_TEXT_NULLCHAR || type == MD_TEXT_SOFTBR) return 0;
    // Only text that lies in the input is kept (md4c passes pointers into it).
    if (text < src_.data() || text + size > src_.data() + src_.size()) return 0;
    std::size_t begin = static_cast<std::size_t>(text - src_.data());
    std::size_t end = begin + size;
    std::fill(visible_.begin() + static_cast<std::ptrdiff_t>(begin),
              visible_.begin() + static_cast<std::ptrdiff_t>(end), true);
    if (lines_.empty()) lines_.push_back(Line{});
    Line& line = lines_.back();
    if (line.empty()) line.begin = begin;
    line.end = std::max(line.end, end);
    return 0;
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
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS |
                 MD_FLAG_PERMISSIVEWWWAUTOLINKS;
  parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) {
    return static_cast<MarkdownBuilder*>(u)->enter_block(t, d);
  };
  parser.leave_block = [](MD_BLOCKTYPE t, void*, void* u) {
    return static_cast<MarkdownBuilder*>(u)->leave_block(t);
  };
  parser.enter_span = [](MD_SPANTYPE t, void*, void* u) { return static_cast<MarkdownBuilder*>(u)->enter_span(t); };
  parser.leave_span = [](MD_SPANTYPE t, void*, void* u) { return static_cast<MarkdownBuilder*>(u)->leave_span(t); };
  parser.text = [](MD_TEXTTYPE t, const MD_CHAR* text, MD_SIZE size, void* u) {
    return static_cast<MarkdownBuilder*>(u)->text(t, text, size);
  };
  if (markdown.size() > 0xFFFFFFFFu) return make_error(Status::bad_input, "Markdown input too large");
  int rc = md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &builder);
  if (rc != 0) return make_error(Status::bad_input, "the Markdown parser failed (code " + std::to_string(rc) + ")");
  builder.finish();
  if (doc.title.empty()) {
    doc.title = doc.id;
    std::replace(doc.title.begin(), doc.title.end(), '_', ' ');
  }
  return doc;
}

}  // namespace diplograph
