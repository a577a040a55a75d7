// Paths derived from IRIs, escaping, highlighting and the page frame.
#include "html.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "diplograph/rdf.hpp"
#include "diplograph/reader.hpp"

namespace diplograph::site {
namespace {

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// A name safe on every file system: [A-Za-z0-9-] kept, other bytes "_XX"
// (so never '.' or '/'); never empty, at most about 120 bytes.
std::string safe_name(std::string_view raw) {
  std::string out;
  for (unsigned char c : raw) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "_%02X", c);
      out += hex;
    }
  }
  if (out.empty()) out.push_back('_');
  if (out.size() > 120) {
    char suffix[20];
    std::snprintf(suffix, sizeof suffix, "_%016llx", static_cast<unsigned long long>(fnv1a(raw)));
    out.resize(100);
    out += suffix;
  }
  return out;
}

// Whether the character ending before `at` / starting at `at` is a letter or digit (UTF-8 aware).
bool word_before(std::string_view text, std::size_t at) {
  if (at == 0) return false;
  std::size_t start = at - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  UChar32 c = 0;
  int32_t i = static_cast<int32_t>(start);
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  return c >= 0 && u_isalnum(c);
}
bool word_after(std::string_view text, std::size_t at) {
  if (at >= text.size()) return false;
  UChar32 c = 0;
  int32_t i = static_cast<int32_t>(at);
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  return c >= 0 && u_isalnum(c);
}

}  // namespace

std::string page_path(std::string_view iri, std::string_view ext) {
  std::string folder = "other";
  std::string_view rest = iri;
  if (iri.substr(0, ns::dgr.size()) == ns::dgr) {
    std::string_view local = iri.substr(ns::dgr.size());
    auto slash = local.find('/');
    if (slash != std::string_view::npos && slash > 0 && slash + 1 < local.size()) {
      folder = safe_name(local.substr(0, slash));
      rest = local.substr(slash + 1);
    } else {
      rest = local;
    }
  }
  char shard[4];
  std::snprintf(shard, sizeof shard, "%02x", static_cast<unsigned>(fnv1a(rest) & 0xFF));
  std::string out = folder;
  out += '/';
  out += shard;
  out += '/';
  out += safe_name(rest);
  out += '.';
  out += ext;
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  append_escaped(out, text);
  return out;
}

void append_escaped(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\0': break;
      default: out += c;
    }
  }
}

std::string highlight_names(std::string_view text, const std::vector<std::string>& names) {
  std::vector<std::string> sorted;
  for (const auto& n : names)
    if (n.size() >= 2) sorted.push_back(n);
  std::sort(sorted.begin(), sorted.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  // marked[i]: the length of the name marked at i, 0 elsewhere; covered: inside one.
  std::vector<std::size_t> marked(text.size(), 0);
  std::vector<bool> covered(text.size(), false);
  for (const auto& name : sorted) {
    for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
      std::size_t end = at + name.size();
      bool whole = !word_before(text, at) && !word_after(text, end);
      if (!whole || std::any_of(covered.begin() + static_cast<std::ptrdiff_t>(at),
                                covered.begin() + static_cast<std::ptrdiff_t>(end), [](bool b) { return b; }))
        continue;
      marked[at] = name.size();
      std::fill(covered.begin() + static_cast<std::ptrdiff_t>(at), covered.begin() + static_cast<std::ptrdiff_t>(end), true);
    }
  }
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (marked[i]) {
      out += "<mark>";
      append_escaped(out, text.substr(i, marked[i]));
      out += "</mark>";
      i += marked[i];
    } else {
      append_escaped(out, text.substr(i, 1));
      ++i;
    }
  }
  return out;
}

std::string search_key(std::string_view name) {
  std::string slug = slugify(name);
  return slug == "x" && name != "x" && name != "X" ? std::string() : slug;
}

std::string root_from(std::string_view path) {
  std::string root;
  for (char c : path)
    if (c == '/') root += "../";
  return root;
}

std::string link(std::string_view root, std::string_view path, std::string_view text) {
  std::string out = "<a href=\"";
  append_escaped(out, root);
  append_escaped(out, path);
  out += "\">";
  append_escaped(out, text);
  out += "</a>";
  return out;
}

std::string date_html(std::string_view date) {
  bool iso = date.size() >= 4 && std::all_of(date.begin(), date.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
             std::all_of(date.begin(), date.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
  std::string out;
  if (iso) {
    out = "<time datetime=\"";
    append_escaped(out, date);
    out += "\">";
    append_escaped(out, date);
    out += "</time>";
  } else {
    append_escaped(out, date);
  }
  return out;
}

void open_page(std::string& out, const Frame& f) {
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  append_escaped(out, f.page_title);
  out += " – ";
  append_escaped(out, f.site_title);
  out += "</title>\n<link rel=\"stylesheet\" href=\"";
  append_escaped(out, f.root);
  out += "assets/site.css\">\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
         "<header class=\"site\">\n<p class=\"brand\"><a href=\"";
  append_escaped(out, f.root);
  out += "index.html\">";
  append_escaped(out, f.site_title);
  out += "</a></p>\n<form class=\"search\" role=\"search\" action=\"";
  append_escaped(out, f.root);
  out += "index.html\" data-root=\"";
  append_escaped(out, f.root);
  out += "\">\n<label for=\"q\">Search names</label>\n"
         "<input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\" "
         "aria-describedby=\"search-help\" aria-controls=\"search-results\">\n"
         "<button type=\"submit\">Go</button>\n"
         "<p id=\"search-help\" class=\"help\">Type a name or alias; Enter opens the first match.</p>\n"
         "<ul id=\"search-results\" class=\"results\" aria-live=\"polite\"></ul>\n</form>\n</header>\n"
         "<main id=\"main\">\n<h1>";
  append_escaped(out, f.page_title);
  out += "</h1>\n";
  if (!f.subtitle.empty()) {
    out += "<p class=\"subtitle\">";
    append_escaped(out, f.subtitle);
    out += "</p>\n";
  }
}

void close_page(std::string& out, const Frame& f) {
  out += "</main>\n<footer class=\"site\">\n<p>Written by diplograph from the graph alone: every fact links to "
         "the sentence it was read from. <a href=\"";
  append_escaped(out, f.root);
  out += "index.html\">Index</a></p>\n</footer>\n<script src=\"";
  append_escaped(out, f.root);
  out += "assets/search.js\"></script>\n</body>\n</html>\n";
}

}  // namespace diplograph::site
