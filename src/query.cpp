// Embedded SPARQL through Rasqal: the graph file is a data graph of the
// query, parsed by Raptor when the query runs, so nothing but the file is
// needed. Rasqal reports problems through a log handler; we keep the first
// error (warnings are dropped: Rasqal warns on correct aggregate queries).
#include "diplograph/query.hpp"

#include "diplograph/escape.hpp"
#include "diplograph/rdf.hpp"

#include <rasqal.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <string_view>

namespace diplograph {
namespace {

struct WorldDeleter {
  void operator()(rasqal_world* w) const { rasqal_free_world(w); }
};
struct QueryDeleter {
  void operator()(rasqal_query* q) const { rasqal_free_query(q); }
};
struct ResultsDeleter {
  void operator()(rasqal_query_results* r) const { rasqal_free_query_results(r); }
};
struct UriDeleter {
  void operator()(raptor_uri* u) const { raptor_free_uri(u); }
};
using UriPtr = std::unique_ptr<raptor_uri, UriDeleter>;

// Where the log handler puts the first error, and which input (graph file
// or query) the current phase reads, so the error names the right file.
struct LogState {
  bool has_error = false;
  Error error;
  std::string current_file;
};

void log_handler(void* user_data, raptor_log_message* message) {
  auto* state = static_cast<LogState*>(user_data);
  if (message->level < RAPTOR_LOG_LEVEL_ERROR || state->has_error) return;
  state->has_error = true;
  state->error.status = Status::bad_input;
  state->error.message = message->text ? message->text : "unknown error";
  while (!state->error.message.empty() && std::isspace(static_cast<unsigned char>(state->error.message.back())))
    state->error.message.pop_back();
  state->error.file = state->current_file;
  if (message->locator) {
    if (message->locator->line > 0) state->error.line = static_cast<std::size_t>(message->locator->line);
    if (message->locator->column > 0) state->error.column = static_cast<std::size_t>(message->locator->column);
  }
}

std::string uri_string(raptor_uri* uri) {
  return uri ? reinterpret_cast<const char*>(raptor_uri_as_string(uri)) : std::string();
}

const std::string kXsdString = "http://www.w3.org/2001/XMLSchema#string";

// RDF 1.1: a simple literal is an xsd:string, so both spellings become one.
std::string normalized_datatype(std::string datatype) {
  return datatype == kXsdString ? std::string() : datatype;
}

std::string xsd_for_type(rasqal_literal_type type) {
  const std::string xsd = "http://www.w3.org/2001/XMLSchema#";
  switch (type) {
    case RASQAL_LITERAL_BOOLEAN: return xsd + "boolean";
    case RASQAL_LITERAL_INTEGER: return xsd + "integer";
    case RASQAL_LITERAL_FLOAT: return xsd + "float";
    case RASQAL_LITERAL_DOUBLE: return xsd + "double";
    case RASQAL_LITERAL_DECIMAL: return xsd + "decimal";
    case RASQAL_LITERAL_DATETIME: return xsd + "dateTime";
    case RASQAL_LITERAL_DATE: return xsd + "date";
    default: return "";
  }
}

QueryTerm term_from_literal(rasqal_literal* l) {
  QueryTerm t;
  if (!l) return t;
  switch (l->type) {
    case RASQAL_LITERAL_URI:
      t.kind = QueryTerm::Kind::iri;
      t.value = uri_string(l->value.uri);
      return t;
    case RASQAL_LITERAL_BLANK:
      t.kind = QueryTerm::Kind::blank;
      t.value.assign(reinterpret_cast<const char*>(l->string), l->string_len);
      return t;
    default:
      break;
  }
  t.kind = QueryTerm::Kind::literal;
  const unsigned char* lex = rasqal_literal_as_string(l);
  if (lex) t.value = reinterpret_cast<const char*>(lex);
  if (l->language) t.language = l->language;
  // Results come back as STRING literals with a datatype IRI; a typed
  // literal made inside the engine may carry its type only as the enum.
  t.datatype = uri_string(rasqal_literal_datatype(l));
  if (t.datatype.empty()) t.datatype = xsd_for_type(l->type);
  t.datatype = normalized_datatype(t.datatype);
  if (!t.language.empty()) t.datatype.clear();
  return t;
}

QueryTerm term_from_raptor(const raptor_term* r) {
  QueryTerm t;
  if (!r) return t;
  switch (r->type) {
    case RAPTOR_TERM_TYPE_URI:
      t.kind = QueryTerm::Kind::iri;
      t.value = uri_string(r->value.uri);
      break;
    case RAPTOR_TERM_TYPE_BLANK:
      t.kind = QueryTerm::Kind::blank;
      t.value.assign(reinterpret_cast<const char*>(r->value.blank.string), r->value.blank.string_len);
      break;
    case RAPTOR_TERM_TYPE_LITERAL:
      t.kind = QueryTerm::Kind::literal;
      t.value.assign(reinterpret_cast<const char*>(r->value.literal.string), r->value.literal.string_len);
      if (r->value.literal.language)
        t.language.assign(reinterpret_cast<const char*>(r->value.literal.language),
                          r->value.literal.language_len);
      t.datatype = normalized_datatype(uri_string(r->value.literal.datatype));
      break;
    default:
      break;
  }
  return t;
}

// True if the query has nothing but white space and '#' comment lines.
bool query_is_empty(std::string_view text) {
  bool in_comment = false;
  for (char c : text) {
    if (in_comment) {
      if (c == '\n' || c == '\r') in_comment = false;
    } else if (c == '#') {
      in_comment = true;
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}



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
    if (!s.empty()) return "\"" + escape_rdf_string(t.value) + "\"^^" + s;
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
  out += "(" + std::to_string(r.rows.size()) + (r.rows.size() == 1 ? " row)\n" : " rows)\n");
  return out;
}

}  // namespace

std::string QueryTerm::to_ntriples() const {
  switch (kind) {
    case Kind::unbound: return "";
    case Kind::iri: return "<" + value + ">";
    case Kind::blank: return "_:" + value;
    case Kind::literal: {
      std::string out = "\"" + escape_rdf_string(value) + "\"";
      if (!language.empty()) return out + "@" + language;
      if (!datatype.empty()) return out + "^^<" + datatype + ">";
      return out;
    }
  }
  return "";
}

Result<QueryResult> run_query(const std::string& graph_path, const std::string& query_text,
                              const std::string& query_name) {
  if (query_is_empty(query_text)) {
    Error e = make_error(Status::empty_input, "empty query (no SPARQL text)");
    e.file = query_name;
    return e;
  }

  // Serd checks the file and its syntax first: it reports line and column,
  // and Rasqal leaks on its own data-parse error path.
  RdfSyntax rdf_syntax = syntax_for_path(graph_path);
  DG_TRY(parse_rdf_file(graph_path, rdf_syntax, [](const Triple&) -> Outcome { return {}; }));

  std::unique_ptr<rasqal_world, WorldDeleter> world(rasqal_new_world());
  if (!world) return make_error(Status::internal, "cannot create a Rasqal world");
  if (rasqal_world_open(world.get()) != 0) return make_error(Status::internal, "cannot open the Rasqal world");
  // After open: Rasqal passes the handler on to its Raptor world, which
  // exists only then.
  LogState log;
  rasqal_world_set_log_handler(world.get(), &log, log_handler);
  raptor_world* raptor = rasqal_world_get_raptor(world.get());

  std::unique_ptr<rasqal_query, QueryDeleter> query(rasqal_new_query(world.get(), "sparql11", nullptr));
  if (!query) return make_error(Status::internal, "Rasqal has no SPARQL 1.1 query language");

  std::error_code ec;
  std::string absolute = std::filesystem::absolute(graph_path, ec).string();
  UriPtr graph_uri(raptor_new_uri_from_uri_or_file_string(raptor, nullptr,
                                                          reinterpret_cast<const unsigned char*>(absolute.c_str())));
  if (!graph_uri) return make_error(Status::internal, "cannot make a file URI for " + graph_path);

  log.current_file = query_name;
  if (rasqal_query_prepare(query.get(), reinterpret_cast<const unsigned char*>(query_text.c_str()),
                           graph_uri.get()) != 0 ||
      log.has_error) {
    if (log.has_error) return log.error;
    Error e = make_error(Status::bad_input, "malformed SPARQL query");
    e.file = query_name;
    return e;
  }

  const char* syntax = rdf_syntax == RdfSyntax::ntriples ? "ntriples" : "turtle";
  // The query takes ownership of the data graph.
  rasqal_data_graph* data = rasqal_new_data_graph_from_uri(world.get(), graph_uri.get(), nullptr,
                                                           RASQAL_DATA_GRAPH_BACKGROUND, nullptr, syntax, nullptr);
  if (!data || rasqal_query_add_data_graph(query.get(), data) != 0)
    return make_error(Status::internal, "cannot add " + graph_path + " as a data graph");

  log.current_file = graph_path;
  std::unique_ptr<rasqal_query_results, ResultsDeleter> results(rasqal_query_execute(query.get()));
  if (!results || log.has_error) {
    if (log.has_error) return log.error;
    Error e = make_error(Status::bad_input, "the query could not be run over this graph");
    e.file = graph_path;
    return e;
  }
  log.current_file = query_name;

  QueryResult out;
  for (int i = 0;; ++i) {
    rasqal_prefix* p = rasqal_query_get_prefix(query.get(), i);
    if (!p) break;
    out.prefixes.emplace_back(p->prefix ? reinterpret_cast<const char*>(p->prefix) : "", uri_string(p->uri));
  }

  if (rasqal_query_results_is_boolean(results.get())) {
    out.kind = QueryResult::Kind::boolean;
    int b = rasqal_query_results_get_boolean(results.get());
    if (b < 0 || log.has_error) return log.has_error ? log.error : make_error(Status::internal, "ASK failed");
    out.boolean = b > 0;
  } else if (rasqal_query_results_is_graph(results.get())) {
    out.kind = QueryResult::Kind::graph;
    for (raptor_statement* st = rasqal_query_results_get_triple(results.get()); st;
         st = rasqal_query_results_get_triple(results.get())) {
      out.triples.push_back({term_from_raptor(st->subject), term_from_raptor(st->predicate),
                             term_from_raptor(st->object)});
      if (rasqal_query_results_next_triple(results.get()) != 0) break;
    }
  } else if (rasqal_query_results_is_bindings(results.get())) {
    out.kind = QueryResult::Kind::bindings;
    int count = rasqal_query_results_get_bindings_count(results.get());
    for (int i = 0; i < count; ++i) {
      const unsigned char* name = rasqal_query_results_get_binding_name(results.get(), i);
      out.variables.push_back(name ? reinterpret_cast<const char*>(name) : "");
    }
    while (!rasqal_query_results_finished(results.get())) {
      auto& row = out.rows.emplace_back();
      for (int i = 0; i < count; ++i)
        row.push_back(term_from_literal(rasqal_query_results_get_binding_value(results.get(), i)));
      if (rasqal_query_results_next(results.get()) != 0) break;
    }
  } else {
    return make_error(Status::unsupported, "only SELECT, ASK, CONSTRUCT and DESCRIBE queries are supported");
  }
  if (log.has_error) return log.error;
  return out;
}

Result<ResultFormat> parse_result_format(const std::string& name) {
  if (name == "table") return ResultFormat::table;
  if (name == "tsv") return ResultFormat::tsv;
  if (name == "csv") return ResultFormat::csv;
  if (name == "json") return ResultFormat::json;
  if (name == "turtle" || name == "ttl") return ResultFormat::turtle;
  if (name == "ntriples" || name == "nt") return ResultFormat::ntriples;
  return make_error(Status::bad_argument,
                    "unknown result format '" + name + "' (use table, tsv, csv, json, turtle or ntriples)");
}

Result<std::string> format_result(const QueryResult& r, ResultFormat format) {
  if (r.kind == QueryResult::Kind::graph) {
    if (format == ResultFormat::json)
      return make_error(Status::unsupported, "CONSTRUCT results are a graph: use --format turtle or ntriples");
    return format_graph(r, format);
  }
  if (format == ResultFormat::turtle || format == ResultFormat::ntriples)
    return make_error(Status::unsupported, "turtle and ntriples are for CONSTRUCT results: use table, tsv, csv or json");
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
      for (std::size_t i = 0; i < r.variables.size(); ++i) out += (i ? "," : "") + json_quote(r.variables[i]);
      out += "]},\"results\":{\"bindings\":[";
      for (std::size_t n = 0; n < r.rows.size(); ++n) {
        out += n ? ",\n{" : "\n{";
        bool first = true;
        for (std::size_t i = 0; i < r.rows[n].size(); ++i) {
          if (r.rows[n][i].kind == QueryTerm::Kind::unbound) continue;
          out += (first ? "" : ",") + json_quote(r.variables[i]) + ":" + json_term(r.rows[n][i]);
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
