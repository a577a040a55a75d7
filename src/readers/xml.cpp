// MediaWiki XML export, streamed: bytes are buffered only until a whole
// <page>…</page> is in; each page alone goes to pugixml. The header (and any
// DTD or entity declarations in it) never reaches the XML parser, so
// entities are never expanded or fetched.
#include <pugixml.hpp>

#include <cstring>

#include "diplograph/reader.hpp"

namespace diplograph {
namespace {

Error xml_error(std::string_view source, std::size_t offset, std::string message) {
  Error e = make_error(Status::bad_input, std::move(message));
  e.file = std::string(source);
  e.byte_offset = offset;
  return e;
}

// "<page>" or "<page " (not "<pages>").
std::size_t find_page_start(const std::string& buffer, std::size_t from) {
  for (std::size_t p = buffer.find("<page", from); p != std::string::npos; p = buffer.find("<page", p + 5)) {
    char after = p + 5 < buffer.size() ? buffer[p + 5] : '\0';
    if (after == '>' || after == ' ' || after == '\n' || after == '\t' || after == '\r') return p;
    if (after == '\0') return p;  // maybe cut off: decide when more bytes come
  }
  return std::string::npos;
}

}  // namespace

Outcome read_mediawiki_xml(std::string_view source,
                           const std::function<Result<bool>(std::string& buffer)>& next_chunk,
                           const ReadOptions& options, const DocumentSink& sink) {
  std::string buffer;
  std::size_t base = 0;  // absolute offset of buffer[0]
  bool eof = false;
  bool root_seen = false;
  bool end_seen = false;
  std::size_t pages = 0;
  auto more = [&]() -> Outcome {
    auto r = next_chunk(buffer);
    if (!r) return r.error();
    if (!*r) eof = true;
    return {};
  };
  while (true) {
    if (!root_seen) {
      std::size_t root = buffer.find("<mediawiki");
      if (root != std::string::npos) {
        root_seen = true;
      } else if (eof || buffer.size() > (1u << 20)) {
        return xml_error(source, base, "not a MediaWiki XML export (no <mediawiki> root element)");
      } else {
        DG_TRY(more());
        continue;
      }
    }
    std::size_t start = find_page_start(buffer, 0);
    if (start == std::string::npos) {
      if (buffer.find("</mediawiki>") != std::string::npos) end_seen = true;
      if (eof) break;
      // Keep only a tail that could hold the start of "<page".
      if (buffer.size() > 64) {
        std::size_t keep = 16;
        base += buffer.size() - keep;
        buffer.erase(0, buffer.size() - keep);
      }
      DG_TRY(more());
      continue;
    }
    std::size_t end = buffer.find("</page>", start);
    if (end == std::string::npos) {
      if (eof)
        return xml_error(source, base + start,
                         "truncated XML: the page starting at byte " + std::to_string(base + start) +
                             " has no </page>");
      if (buffer.size() - start > options.max_document_bytes)
        return xml_error(source, base + start,
                         "page larger than " + std::to_string(options.max_document_bytes) + " bytes");
      if (start > 0) {  // drop what came before the page
        base += start;
        buffer.erase(0, start);
      }
      DG_TRY(more());
      continue;
    }
    end += std::strlen("</page>");
    pugi::xml_document page;
    pugi::xml_parse_result parsed =
        page.load_buffer(buffer.data() + start, end - start, pugi::parse_default, pugi::encoding_utf8);
    std::size_t page_offset = base + start;
    if (!parsed)
      return xml_error(source, page_offset + static_cast<std::size_t>(parsed.offset),
                       std::string("malformed XML: ") + parsed.description());
    pugi::xml_node p = page.child("page");
    std::string title = p.child_value("title");
    int ns = std::atoi(p.child_value("ns"));
    bool redirect = static_cast<bool>(p.child("redirect"));
    pugi::xml_node revision = p.child("revision");
    std::string text = revision.child_value("text");
    ++pages;
    if (ns == 0 && !redirect && !text.empty() && text.rfind("#REDIRECT", 0) != 0) {
      DG_TRY(validate_utf8(text));
      auto doc = read_mediawiki_markup(source, title, text);
      if (!doc) return doc.error();
      doc->format = "mediawiki-xml";
      doc->page_id = p.child_value("id");
      doc->revision_id = revision.child_value("id");
      doc->id = slugify(title) + (doc->revision_id.empty() ? "" : "-r" + doc->revision_id);
      DG_TRY(sink(std::move(*doc)));
    }
    base += end;
    buffer.erase(0, end);
  }
  if (!end_seen)
    return xml_error(source, base + buffer.size(), "truncated XML: no </mediawiki> end tag");
  (void)pages;
  return {};
}

}  // namespace diplograph
