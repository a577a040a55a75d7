#pragma once
// HTML building blocks shared by every page: the frame (head, landmarks,
// header with the search box, footer), links between pages, small lists.
#include <string>
#include <string_view>

#include "diplograph/site.hpp"

namespace diplograph::site {

/// How to reach the site's root from a page at `path` ("state/3f/LTU.html" -> "../../").
std::string root_from(std::string_view path);

/// What a page needs for its frame.
struct Frame {
  std::string site_title;
  std::string page_title;  ///< the <title> and the <h1>
  std::string root;        ///< from root_from()
  std::string subtitle;    ///< shown under the <h1> (plain text), may be empty
};

/// Opens the page up to and including the <h1> inside <main>.
void open_page(std::string& out, const Frame& frame);
/// Closes <main>, writes the footer and the scripts, ends the document.
void close_page(std::string& out, const Frame& frame);

/// <a href="ROOT+path">text</a>, both escaped.
std::string link(std::string_view root, std::string_view path, std::string_view text);

/// A <time> element when `date` looks like an ISO date, else the escaped text.
std::string date_html(std::string_view date);

/// Appends `text` to `out` escaped.
void append_escaped(std::string& out, std::string_view text);

}  // namespace diplograph::site
