#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cctype>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>

#include "diplograph/reader.hpp"

namespace diplograph {

Outcome validate_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  auto bad = [&](std::size_t at) {
    Error e = make_error(Status::bad_encoding, "invalid UTF-8 at byte " + std::to_string(at));
    e.byte_offset = at;
    return e;
  };
  while (i < n) {
    // Eight ASCII bytes at a time: no byte has its top bit set.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return bad(i);  // continuation byte, overlong lead (C0, C1) or > F4
    if (i + len > n) return bad(i);
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return bad(i);
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return bad(i);  // overlong, out of range, surrogate
    i += len;
  }
  return {};
}

std::string slugify(std::string_view text) {
  std::string ascii;
  bool plain = true;
  for (unsigned char c : text)
    if (c >= 0x80) plain = false;
  if (plain) {
    ascii.assign(text);
  } else {
    // ICU transliterators are not thread-safe: one per thread.
    thread_local std::unique_ptr<icu::Transliterator> latin = [] {
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
          "Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
      if (U_FAILURE(status)) t.reset();
      return t;
    }();
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    if (latin) latin->transliterate(u);
    u.toUTF8String(ascii);
  }
  std::string slug;
  bool dash = false;
  for (unsigned char c : ascii) {
    if (std::isalnum(c) && c < 0x80) {
      if (dash && !slug.empty()) slug += '-';
      dash = false;
      slug += static_cast<char>(std::tolower(c));
    } else {
      dash = true;
    }
  }
  return slug.empty() ? std::string("x") : slug;
}

std::string document_stem(std::string_view path) {
  if (path == "-") return "stdin";
  std::string name = std::filesystem::path(std::string(path)).filename().string();
  for (std::string_view ext : {".bz2", ".gz"})
    if (name.size() > ext.size() && name.ends_with(ext)) name.resize(name.size() - ext.size());
  auto dot = name.rfind('.');
  if (dot != std::string::npos && dot > 0) name.resize(dot);
  return name.empty() ? std::string("stdin") : name;
}

const char* format_name(InputFormat format) {
  switch (format) {
    case InputFormat::automatic: return "auto";
    case InputFormat::plain: return "plain";
    case InputFormat::wikitext: return "wikitext";
    case InputFormat::mediawiki: return "mediawiki";
    case InputFormat::mediawiki_xml: return "mediawiki-xml";
    case InputFormat::xml_document: return "xml-document";
    case InputFormat::html: return "html";
    case InputFormat::markdown: return "markdown";
  }
  return "auto";
}

Result<InputFormat> parse_format_name(std::string_view name) {
  for (InputFormat f : {InputFormat::automatic, InputFormat::plain, InputFormat::wikitext,
                        InputFormat::mediawiki, InputFormat::mediawiki_xml, InputFormat::xml_document,
                        InputFormat::html, InputFormat::markdown})
    if (name == format_name(f)) return f;
  if (name == "xml") return InputFormat::mediawiki_xml;
  if (name == "text" || name == "txt") return InputFormat::plain;
  if (name == "md") return InputFormat::markdown;
  return make_error(Status::bad_argument,
                    "unknown input format '" + std::string(name) +
                        "' (accepted: auto, plain, wikitext, mediawiki, mediawiki-xml, xml-document, html, markdown)");
}

namespace {
bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
  return true;
}

// Markdown by its marks: ATX headings ("## Text"), inline links "[text](url)",
// strong emphasis "**x**" and table delimiter rows "|---|". Three of them in
// the first bytes, with at least one heading or link, say Markdown.
bool looks_like_markdown(std::string_view head) {
  std::size_t headings = 0, links = 0, strong = 0, delimiters = 0;
  for (std::size_t pos = 0; pos < head.size();) {
    std::size_t nl = head.find('\n', pos);
    if (nl == std::string_view::npos) nl = head.size();
    std::string_view line = head.substr(pos, nl - pos);
    pos = nl + 1;
    std::size_t hashes = line.find_first_not_of('#');
    if (hashes >= 1 && hashes <= 6 && hashes < line.size() && line[hashes] == ' ') ++headings;
    if (line.starts_with("|") && line.find("---") != std::string_view::npos) ++delimiters;
    for (std::size_t k = line.find("]("); k != std::string_view::npos; k = line.find("](", k + 2)) ++links;
    for (std::size_t k = line.find("**"); k != std::string_view::npos; k = line.find("**", k + 2)) ++strong;
  }
  std::size_t marks = headings + links + strong / 2 + delimiters;
  return marks >= 3 && (headings > 0 || links > 0);
}
}  // namespace

InputFormat detect_format(std::string_view path, std::string_view head) {
  if (ends_with(path, ".bz2")) path.remove_suffix(4);
  else if (ends_with(path, ".gz")) path.remove_suffix(3);
  std::size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  std::string_view start = head.substr(i);
  auto starts = [&](std::string_view p) {
    if (start.size() < p.size()) return false;
    for (std::size_t k = 0; k < p.size(); ++k)
      if (std::tolower(static_cast<unsigned char>(start[k])) != p[k]) return false;
    return true;
  };
  // XML: a MediaWiki export names its root early; any other is a document.
  const bool mediawiki_root = head.find("<mediawiki") != std::string_view::npos;
  if (starts("<mediawiki")) return InputFormat::mediawiki_xml;
  if (ends_with(path, ".xml") || starts("<?xml"))
    return mediawiki_root || head.empty() ? InputFormat::mediawiki_xml : InputFormat::xml_document;
  if (ends_with(path, ".html") || ends_with(path, ".htm") || starts("<!doctype html") || starts("<html"))
    return InputFormat::html;
  if (starts("[[") && start.find("]]") != std::string_view::npos &&
      start.find("]]") < start.find('\n'))
    return InputFormat::wikitext;
  if (ends_with(path, ".wiki") || ends_with(path, ".mediawiki")) return InputFormat::mediawiki;
  if (ends_with(path, ".md") || ends_with(path, ".markdown")) return InputFormat::markdown;
  // Markup density: templates, links, bold and wiki tables.
  std::size_t marks = 0;
  for (std::string_view m : {"{{", "[[", "'''", "{|", "<ref"}) {
    for (std::size_t p = head.find(m); p != std::string_view::npos; p = head.find(m, p + m.size())) ++marks;
  }
  if (marks >= 3 && head.find("{{") != std::string_view::npos) return InputFormat::mediawiki;
  if (looks_like_markdown(head)) return InputFormat::markdown;
  return InputFormat::plain;
}

}  // namespace diplograph
