#pragma once
/// The reader's output: a document as plain text plus its structure.
/// All offsets are byte offsets into Document::text (UTF-8); the writer turns
/// them into character (code point) offsets for NIF.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace diplograph {

enum class BlockKind { heading, paragraph, list_item, table_row };

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;  ///< exclusive
  bool empty() const { return begin >= end; }
};

struct Block {
  BlockKind kind = BlockKind::paragraph;
  Span span;                              ///< the block's text range
  std::vector<std::string> section_path;  ///< enclosing headings, outermost first
  int level = 0;                          ///< heading level (1 for "= T =")
  int table = -1;                         ///< index into Document::tables for rows
  std::vector<Span> cells;                ///< table rows: one span per cell (may be empty)
};

/// A link in the source ([[People's Republic of China|China]]): the span of
/// its visible label and the page it points to.
struct Link {
  Span span;
  std::string target;
};

struct Table {
  std::vector<std::string> header;  ///< column names from the header row (may be empty)
  std::vector<std::string> section_path;
};

/// The header a reader gives the table it makes of an infobox's
/// belligerents: one row per belligerent, the conflict in the first cell.
inline constexpr std::string_view conflict_column = "Conflict";
inline constexpr std::string_view belligerent_column = "Belligerent";

/// Is this the table of an infobox's belligerents?
inline bool is_belligerent_table(const Table& table) {
  return table.header.size() == 2 && table.header[0] == conflict_column && table.header[1] == belligerent_column;
}

struct Document {
  std::string id;           ///< stable, content-derived id (file basename or title+revision)
  std::string source;       ///< the path (or "-") it was read from
  std::string title;        ///< e.g. "Foreign relations of Lithuania"
  std::string date;         ///< the page's own date (ISO), when it states one (a news digest's day)
  std::string revision_id;  ///< wiki dumps: the revision id, else empty
  std::string page_id;      ///< wiki dumps: the page id, else empty
  std::string format;       ///< reader that produced it: plain, wikitext, mediawiki, mediawiki-xml, html, markdown
  std::string text;         ///< extracted text; every Span indexes into it
  std::vector<std::string> categories;
  std::vector<Block> blocks;
  std::vector<Table> tables;
  std::vector<Link> links;  ///< in text order

  std::string_view slice(Span s) const {
    return std::string_view(text).substr(s.begin, s.end - s.begin);
  }
};

}  // namespace diplograph
