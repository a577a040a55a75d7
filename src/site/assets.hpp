#pragma once
// The site's fixed files: assets/site.css and assets/search.js.
#include <string_view>

namespace diplograph::site {

std::string_view stylesheet();
std::string_view search_script();

}  // namespace diplograph::site
