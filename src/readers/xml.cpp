// MediaWiki XML export, streamed: bytes are buffered only until a whole
// <page>…</page> is in; each page alone goes to pugixml. The header (and any
// DTD or entity declarations in it) never reaches the XML parser, so
// entities are never expanded or fetched.
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "diplograph/reader.hpp"

namespace diplograph {
namespace {

Error xml_error(std::string_view source, std::size_t offset, std::string message) {
  Error e = make_error(Status::bad_input, std::move(message));
  e.file = std::string(source);
  e.byte_offset = offset;
  return e;
}

constexpr std::string_view page_open = "<page";
constexpr std::string_view page_close = "</page>";
constexpr std::string_view root_open = "<mediawiki";
constexpr std::string_view root_close = "</mediawiki>";
/// Bytes before the root element (XML declaration, DOCTYPE) we accept.
constexpr std::size_t max_prolog_bytes = std::size_t{1} << 20;

bool xml_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/// Position of "<page>" or "<page ..." (not "<pages>") at or after `from`;
/// npos if none. `*cut` is set when the buffer ends inside a possible start
/// tag, so the caller has to wait for more bytes.
std::size_t find_page_start(std::string_view buffer, std::size_t from, bool* cut) {
  *cut = false;
  for (std::size_t p = buffer.find(page_open, from); p != std::string_view::npos;
       p = buffer.find(page_open, p + page_open.size())) {
    std::size_t after = p + page_open.size();
    if (after == buffer.size()) {
      *cut = true;
      return std::string_view::npos;
    }
    if (buffer[after] == '>' || xml_space(buffer[after])) return p;
  }
  return std::string_view::npos;
}

bool is_redirect_text(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && xml_space(text[i])) ++i;
  constexpr std::string_view mark = "#redirect";
  if (text.size() - i < mark.size()) return false;
  for (std::size_t k = 0; k < mark.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(text[i + k])) != mark[k]) return false;
  return true;
}

}  // namespace

Outcome read_mediawiki_xml(std::string_view source,
                           const std::function<Result<bool>(std::string& buffer)>& next_chunk,
                           const ReadOptions& options, const DocumentSink& sink) {
  // The buffer holds input bytes from absolute offset `base` on. Searches
  // resume where the previous one stopped (`scan`), so small chunks cost no
  // more than large ones, and bytes before the current page are dropped.
  std::string buffer;
  std::size_t base = 0;
  std::size_t scan = 0;
  bool eof = false;
  enum class State { prolog, between_pages, in_page } state = State::prolog;
  std::size_t page_start = 0;  // in the buffer, while in_page
  bool end_seen = false;
  auto more = [&]() -> Outcome {
    auto r = next_chunk(buffer);
    if (!r) return r.error();
    if (!*r) eof = true;
    return {};
  };
  auto keep_tail = [&](std::size_t keep) {
    if (buffer.size() <= keep) return;
    base += buffer.size() - keep;
    buffer.erase(0, buffer.size() - keep);
    scan = 0;
  };
  while (true) {
    if (state == State::prolog) {
      std::size_t root = buffer.find(root_open, scan);
      if (root != std::string::npos) {
        state = State::between_pages;
        scan = root + root_open.size();
        continue;
      }
      if (eof || base + buffer.size() > max_prolog_bytes)
        return xml_error(source, 0, "not a MediaWiki XML export (no <mediawiki> root element)");
      keep_tail(root_open.size() - 1);
      scan = 0;
      DG_TRY(more());
      continue;
    }
    if (state == State::between_pages) {
      bool cut = false;
      std::size_t start = find_page_start(buffer, scan, &cut);
      std::size_t stop = start == std::string::npos ? buffer.size() : start;
      std::size_t end_tag = std::string_view(buffer).substr(0, stop).find(root_close, scan);
      if (end_tag != std::string::npos) end_seen = true;
      if (start != std::string::npos) {
        state = State::in_page;
        page_start = start;
        scan = start;
        continue;
      }
      if (eof) break;
      keep_tail(cut ? page_open.size() : root_close.size() - 1);
      DG_TRY(more());
      continue;
    }
    // In a page: wait for its end tag.
    std::size_t end = buffer.find(page_close, scan);
    if (end == std::string::npos) {
      std::size_t page_offset = base + page_start;
      if (eof)
        return xml_error(source, page_offset,
                         "truncated XML: the page starting at byte " + std::to_string(page_offset) +
                             " has no </page>");
      if (buffer.size() - page_start > options.max_document_bytes)
        return xml_error(source, page_offset,
                         "the page starting at byte " + std::to_string(page_offset) + " is larger than " +
                             std::to_string(options.max_document_bytes) + " bytes");
      if (page_start > 0) {  // drop what came before the page
        base += page_start;
        buffer.erase(0, page_start);
        page_start = 0;
      }
      scan = buffer.size() >= page_close.size() ? buffer.size() - page_close.size() + 1 : 0;
      DG_TRY(more());
      continue;
    }
    end += page_close.size();
    const std::size_t page_offset = base + page_start;
    std::string_view page_bytes = std::string_view(buffer).substr(page_start, end - page_start);
    if (page_bytes.size() > options.max_document_bytes)
      return xml_error(source, page_offset,
                       "the page starting at byte " + std::to_string(page_offset) + " is larger than " +
                           std::to_string(options.max_document_bytes) + " bytes");
    if (Outcome utf8 = validate_utf8(page_bytes); !utf8) {
      Error e = utf8.error();
      std::size_t at = page_offset + e.byte_offset.value_or(0);
      e.byte_offset = at;
      e.message = "invalid UTF-8 at byte " + std::to_string(at);
      e.file = std::string(source);
      return e;
    }
    // The page alone goes to pugixml: no DTD, so only the five predefined
    // entities and character references are ever decoded.
    pugi::xml_document page;
    // Parsed in place: the page's bytes are dropped right after, and a
    // copy would double the memory of a huge page.
    pugi::xml_parse_result parsed = page.load_buffer_inplace(buffer.data() + page_start, page_bytes.size(),
                                                             pugi::parse_default, pugi::encoding_utf8);
    if (!parsed)
      return xml_error(source, page_offset + static_cast<std::size_t>(parsed.offset),
                       std::string("malformed XML: ") + parsed.description() + " (in the page starting at byte " +
                           std::to_string(page_offset) + ")");
    pugi::xml_node p = page.child("page");
    std::string title = p.child_value("title");
    int ns = std::atoi(p.child_value("ns"));
    bool redirect = static_cast<bool>(p.child("redirect"));
    pugi::xml_node revision = p.child("revision");
    std::string_view text = revision.child_value("text");  // points into the buffer
    bool wanted = options.all_namespaces ||
                  (options.namespaces.empty() ? ns == 0
                                              : std::find(options.namespaces.begin(), options.namespaces.end(), ns) !=
                                                    options.namespaces.end());
    if (wanted && options.pages) wanted = std::regex_search(title, *options.pages);
    if (wanted && !redirect && !is_redirect_text(text) && !text.empty()) {
      auto doc = read_mediawiki_markup(source, title, text);
      if (!doc) return doc.error().in_file(std::string(source));
      doc->format = "mediawiki-xml";
      doc->page_id = p.child_value("id");
      doc->revision_id = revision.child_value("id");
      doc->id = slugify(title) + (doc->revision_id.empty() ? "" : "-r" + doc->revision_id);
      DG_TRY(sink(std::move(*doc)));
    }
    // The page's bytes stay until more input is needed (keep_tail drops
    // them then): erasing after each page moved the rest of the chunk each time.
    scan = end;
    state = State::between_pages;
  }
  if (!end_seen)
    return xml_error(source, base + buffer.size(), "truncated XML: no </mediawiki> end tag");
  return {};
}

}  // namespace diplograph
