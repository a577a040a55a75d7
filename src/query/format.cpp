// Output syntaxes of query results (query.hpp): the aligned table, SPARQL
// 1.1 TSV, CSV and JSON results, and N-Triples/Turtle for graphs.
#include "diplograph/query.hpp"

#include "diplograph/escape.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace diplograph {
namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A local name that is safe as a Turtle/SPARQL prefixed name without escapes.
bool simple_local_name(std::string_view s) {
  if (s.empty() || s.back() == '.' || s.front() == '-' || s.front() == '.') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

// The shortest prefixed form of an IRI under the query's prefixes, if any.
std::string shorten(const std::string& iri, const QueryResult& r) {
  std::string best;
  std::size_t best_len = 0;
  for (const auto& [prefix, ns] : r.prefixes) {
    if (ns.size() <= best_len || iri.size() <= ns.size() || iri.compare(0, ns.size(), ns) != 0) continue;
    std::string_view local(iri.data() + ns.size(), iri.size() - ns.size());
    if (!simple_local_name(local)) continue;
    best = prefix + ":" + std::string(local);
    best_len = ns.size();
  }
  return best;
}

std::string turtle_term(const QueryTerm& t, const QueryResult& r) {
  if (t.kind == QueryTerm::Kind::iri) {
    std::string s = shorten(t.value, r);
    if (!s.empty()) return s;
  }
  if (t.kind == QueryTerm::Kind::literal && !t.datatype.empty()) {
    std::string s = shorten(t.datatype, r);
    if (!s.empty()) {
      std::string out = "\"";
      out.append(escape_rdf_string(t.value)).append("\"^^").append(s);
      return out;
    }
  }
  return t.to_ntriples();
}

// Table cells: IRIs shortened, literals as their text on one line.
std::string display_term(const QueryTerm& t, const QueryResult& r) {
  switch (t.kind) {
    case QueryTerm::Kind::unbound: return "";
    case QueryTerm::Kind::iri: {
      std::string s = shorten(t.value, r);
      return s.empty() ? "<" + t.value + ">" : s;
    }
    case QueryTerm::Kind::blank: return "_:" + t.value;
    case QueryTerm::Kind::literal: {
      std::string s = t.value;
      std::replace_if(s.begin(), s.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
      return s;
    }
  }
  return "";
}

std::size_t display_width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string json_term(const QueryTerm& t) {
  switch (t.kind) {
    case QueryTerm::Kind::iri: return "{\"type\":\"uri\",\"value\":" + json_quote(t.value) + "}";
    case QueryTerm::Kind::blank: return "{\"type\":\"bnode\",\"value\":" + json_quote(t.value) + "}";
    case QueryTerm::Kind::literal: {
      std::string out = "{\"type\":\"literal\",\"value\":" + json_quote(t.value);
      if (!t.language.empty()) out += ",\"xml:lang\":" + json_quote(t.language);
      if (!t.datatype.empty()) out += ",\"datatype\":" + json_quote(t.datatype);
      return out + "}";
    }
    case QueryTerm::Kind::unbound: break;
  }
  return "";
}

// Text or attribute value for XML 1.0: markup characters as entities, a
// carriage return as a reference (so parsers keep it), and characters XML
// 1.0 cannot carry at all (other C0 controls) as U+FFFD.
std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\r': out += "&#13;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n')
          out += "\xEF\xBF\xBD";
        else
          out += c;
    }
  }
  return out;
}

std::string xml_term(const QueryTerm& t) {
  std::string out;
  switch (t.kind) {
    case QueryTerm::Kind::iri: return out.append("<uri>").append(xml_escape(t.value)).append("</uri>");
    case QueryTerm::Kind::blank: return out.append("<bnode>").append(xml_escape(t.value)).append("</bnode>");
    case QueryTerm::Kind::literal:
      out = "<literal";
      if (!t.language.empty()) out.append(" xml:lang=\"").append(xml_escape(t.language)).append("\"");
      if (!t.datatype.empty()) out.append(" datatype=\"").append(xml_escape(t.datatype)).append("\"");
      return out.append(">").append(xml_escape(t.value)).append("</literal>");
    case QueryTerm::Kind::unbound: break;
  }
  return out;
}

// SPARQL Query Results XML Format (W3C, 2013).
std::string format_xml(const QueryResult& r) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n";
  if (r.kind == QueryResult::Kind::boolean)
    return out.append("<head/>\n<boolean>").append(r.boolean ? "true" : "false").append("</boolean>\n</sparql>\n");
  out += "<head>\n";
  for (const auto& v : r.variables) out.append("<variable name=\"").append(xml_escape(v)).append("\"/>\n");
  out += "</head>\n<results>\n";
  for (const auto& row : r.rows) {
    out += "<result>\n";
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i].kind == QueryTerm::Kind::unbound) continue;
      out.append("<binding name=\"").append(xml_escape(r.variables[i])).append("\">");
      out.append(xml_term(row[i])).append("</binding>\n");
    }
    out += "</result>\n";
  }
  return out + "</results>\n</sparql>\n";
}

std::string format_graph(const QueryResult& r, ResultFormat format) {
  std::string out;
  if (format == ResultFormat::ntriples) {
    for (const auto& t : r.triples)
      out += t.subject.to_ntriples() + " " + t.predicate.to_ntriples() + " " + t.object.to_ntriples() + " .\n";
    return out;
  }
  for (const auto& [prefix, ns] : r.prefixes) out += "@prefix " + prefix + ": <" + ns + "> .\n";
  if (!r.prefixes.empty() && !r.triples.empty()) out += "\n";
  for (const auto& t : r.triples)
    out += turtle_term(t.subject, r) + " " + turtle_term(t.predicate, r) + " " + turtle_term(t.object, r) + " .\n";
  return out;
}

std::string format_table(const QueryResult& r) {
  std::vector<std::vector<std::string>> cells;
  std::vector<std::size_t> widths;
  for (const auto& v : r.variables) widths.push_back(display_width(v));
  for (const auto& row : r.rows) {
    auto& line = cells.emplace_back();
    for (std::size_t i = 0; i < row.size(); ++i) {
      line.push_back(display_term(row[i], r));
      widths[i] = std::max(widths[i], display_width(line.back()));
    }
  }
  auto write_line = [&](const std::vector<std::string>& values) {
    std::string line;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) line += "  ";
      line += values[i];
      if (i + 1 < values.size()) line.append(widths[i] - display_width(values[i]), ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  std::string out = write_line(r.variables);
  std::vector<std::string> rule;
  for (std::size_t w : widths) rule.push_back(std::string(w, '-'));
  out += write_line(rule);
  for (const auto& line : cells) out += write_line(line);
  out.append("(").append(std::to_string(r.rows.size())).append(r.rows.size() == 1 ? " row)\n" : " rows)\n");
  return out;
}

}  // namespace

std::string QueryTerm::to_ntriples() const {
  switch (kind) {
    case Kind::unbound: return "";
    case Kind::iri: return "<" + value + ">";
    case Kind::blank: return "_:" + value;
    case Kind::literal: {
      std::string out = "\"";
      out.append(escape_rdf_string(value)).append("\"");
      if (!language.empty()) return out + "@" + language;
      if (!datatype.empty()) return out + "^^<" + datatype + ">";
      return out;
    }
  }
  return "";
}

Result<ResultFormat> parse_result_format(const std::string& name) {
  if (name == "table") return ResultFormat::table;
  if (name == "tsv") return ResultFormat::tsv;
  if (name == "csv") return ResultFormat::csv;
  if (name == "json") return ResultFormat::json;
  if (name == "xml") return ResultFormat::xml;
  if (name == "turtle" || name == "ttl") return ResultFormat::turtle;
  if (name == "ntriples" || name == "nt") return ResultFormat::ntriples;
  return make_error(Status::bad_argument,
                    "unknown result format '" + name + "' (use table, tsv, csv, json, xml, turtle or ntriples)");
}

Result<std::string> format_result(const QueryResult& r, ResultFormat format) {
  if (r.kind == QueryResult::Kind::graph) {
    if (format == ResultFormat::json || format == ResultFormat::xml)
      return make_error(Status::unsupported, "CONSTRUCT results are a graph: use --format turtle or ntriples");
    return format_graph(r, format);
  }
  if (format == ResultFormat::turtle || format == ResultFormat::ntriples)
    return make_error(Status::unsupported, "turtle and ntriples are for CONSTRUCT results: use table, tsv, csv, json or xml");
  if (format == ResultFormat::xml) return format_xml(r);
  if (r.kind == QueryResult::Kind::boolean) {
    if (format == ResultFormat::json) return std::string("{\"head\":{},\"boolean\":") + (r.boolean ? "true" : "false") + "}\n";
    return std::string(r.boolean ? "true\n" : "false\n");
  }
  std::string out;
  switch (format) {
    case ResultFormat::table: return format_table(r);
    case ResultFormat::tsv:
      for (std::size_t i = 0; i < r.variables.size(); ++i) {
        out += i ? "\t?" : "?";
        out += r.variables[i];
      }
      out += "\n";
      for (const auto& row : r.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
          if (i) out += '\t';
          out += row[i].to_ntriples();
        }
        out += "\n";
      }
      return out;
    case ResultFormat::csv:
      for (std::size_t i = 0; i < r.variables.size(); ++i) {
        if (i) out += ',';
        out += csv_field(r.variables[i]);
      }
      out += "\r\n";
      for (const auto& row : r.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
          std::string v = row[i].kind == QueryTerm::Kind::blank ? "_:" + row[i].value : row[i].value;
          if (i) out += ',';
          out += csv_field(v);
        }
        out += "\r\n";
      }
      return out;
    case ResultFormat::json: {
      out = "{\"head\":{\"vars\":[";
      for (std::size_t i = 0; i < r.variables.size(); ++i) out.append(i ? "," : "").append(json_quote(r.variables[i]));
      out += "]},\"results\":{\"bindings\":[";
      for (std::size_t n = 0; n < r.rows.size(); ++n) {
        out += n ? ",\n{" : "\n{";
        bool first = true;
        for (std::size_t i = 0; i < r.rows[n].size(); ++i) {
          if (r.rows[n][i].kind == QueryTerm::Kind::unbound) continue;
          out.append(first ? "" : ",").append(json_quote(r.variables[i])).append(":").append(json_term(r.rows[n][i]));
          first = false;
        }
        out += "}";
      }
      return out + "]}}\n";
    }
    default: break;
  }
  return out;
}

}  // namespace diplograph
