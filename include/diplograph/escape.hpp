#pragma once
/// String escaping shared by every writer of JSON and of RDF term text.
#include <string>
#include <string_view>

namespace diplograph {

/// `s` as a JSON string literal: quotes, backslash and control characters
/// escaped; UTF-8 passes through (JSON text is UTF-8).
std::string json_quote(std::string_view s);

/// The body of a Turtle/N-Triples string literal (without the quotes):
/// quote, backslash, newline, carriage return and tab escaped.
std::string escape_rdf_string(std::string_view s);

}  // namespace diplograph
