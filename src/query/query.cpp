// Embedded SPARQL through Rasqal: Rasqal parses and evaluates the query and
// reads its triples from the IndexedGraph (graph_source.cpp) instead of
// parsing the file itself. Rasqal reports problems through a log handler; we
// keep the first error (warnings are dropped: Rasqal warns on correct
// aggregate queries).
#include "diplograph/query.hpp"

#include "diplograph/rdf.hpp"
#include "graph_source.hpp"

#include <rasqal.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <mutex>
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

bool is_update(rasqal_query* query) {
  rasqal_query_verb verb = rasqal_query_get_verb(query);
  return verb == RASQAL_QUERY_VERB_DELETE || verb == RASQAL_QUERY_VERB_INSERT || verb == RASQAL_QUERY_VERB_UPDATE;
}

}  // namespace

namespace {

Result<QueryResult> empty_query_error(const std::string& query_name) {
  Error e = make_error(Status::empty_input, "empty query (no SPARQL text)");
  e.file = query_name;
  return e;
}

bool cancelled(const RunLimits& limits) {
  return limits.cancel && limits.cancel->load(std::memory_order_relaxed);
}

Error cancelled_error() { return make_error(Status::cancelled, "the query was stopped before it finished"); }

Error too_many_error(const RunLimits& limits, const char* what) {
  return make_error(Status::limit_exceeded, "the result has more than " + std::to_string(limits.max_rows) + " " +
                                                what + " (the limit)");
}

// Reads the rows, boolean or triples of executed results into a QueryResult,
// stopping at the limits.
Outcome collect_results(rasqal_query_results* results, const RunLimits& limits, QueryResult& out) {
  if (rasqal_query_results_is_boolean(results)) {
    out.kind = QueryResult::Kind::boolean;
    int b = rasqal_query_results_get_boolean(results);
    if (b < 0) return make_error(Status::internal, "ASK failed");
    out.boolean = b > 0;
  } else if (rasqal_query_results_is_graph(results)) {
    out.kind = QueryResult::Kind::graph;
    for (raptor_statement* st = rasqal_query_results_get_triple(results); st;
         st = rasqal_query_results_get_triple(results)) {
      if (cancelled(limits)) return cancelled_error();
      if (limits.max_rows && out.triples.size() >= limits.max_rows) return too_many_error(limits, "triples");
      out.triples.push_back({term_from_raptor(st->subject), term_from_raptor(st->predicate),
                             term_from_raptor(st->object)});
      if (rasqal_query_results_next_triple(results) != 0) break;
    }
  } else if (rasqal_query_results_is_bindings(results)) {
    out.kind = QueryResult::Kind::bindings;
    int count = rasqal_query_results_get_bindings_count(results);
    for (int i = 0; i < count; ++i) {
      const unsigned char* name = rasqal_query_results_get_binding_name(results, i);
      out.variables.push_back(name ? reinterpret_cast<const char*>(name) : "");
    }
    while (!rasqal_query_results_finished(results)) {
      if (cancelled(limits)) return cancelled_error();
      if (limits.max_rows && out.rows.size() >= limits.max_rows) return too_many_error(limits, "rows");
      auto& row = out.rows.emplace_back();
      row.reserve(static_cast<std::size_t>(count));
      for (int i = 0; i < count; ++i)
        row.push_back(term_from_literal(rasqal_query_results_get_binding_value(results, i)));
      if (rasqal_query_results_next(results) != 0) break;
    }
  } else {
    return make_error(Status::unsupported, "only SELECT, ASK, CONSTRUCT and DESCRIBE queries are supported");
  }
  return {};
}

}  // namespace

Result<std::shared_ptr<IndexedGraph>> load_graph_file(const std::string& path) {
  if (IndexedGraph::is_index_file(path)) return IndexedGraph::load_index(path);
  auto graph = std::make_shared<IndexedGraph>(std::make_shared<TermTable>());
  DG_TRY(graph->add_file(path));
  graph->finish();
  return graph;
}

Result<QueryEngine> QueryEngine::load(const std::string& graph_path) {
  auto graph = load_graph_file(graph_path);
  if (!graph) return graph.error();
  return QueryEngine(std::move(*graph), graph_path);
}

QueryEngine::QueryEngine(std::shared_ptr<const IndexedGraph> graph, std::string name)
    : graph_(std::move(graph)), name_(std::move(name)) {}

Result<QueryResult> QueryEngine::run(const std::string& query_text, const std::string& query_name,
                                     const RunLimits& limits) const {
  if (query_is_empty(query_text)) return empty_query_error(query_name);

  // Runs are serialized: Rasqal and Raptor keep process-wide state (world
  // setup initializes libraries that are not thread-safe), and runs on
  // several threads crashed without this lock.
  static std::mutex rasqal_mutex;
  std::lock_guard<std::mutex> lock(rasqal_mutex);
  std::unique_ptr<rasqal_world, WorldDeleter> world(rasqal_new_world());
  if (!world) return make_error(Status::internal, "cannot create a Rasqal world");
  if (rasqal_world_open(world.get()) != 0) return make_error(Status::internal, "cannot open the Rasqal world");
  // After open: Rasqal passes the handler on to its Raptor world, which
  // exists only then.
  LogState log;
  rasqal_world_set_log_handler(world.get(), &log, log_handler);
  raptor_world* raptor = rasqal_world_get_raptor(world.get());
  // Declared after the world, so its literals are freed before the world.
  query_detail::GraphSource source(world.get(), *graph_);
  if (!source.install()) return make_error(Status::internal, "Rasqal refused the graph's triples source");

  std::unique_ptr<rasqal_query, QueryDeleter> query(rasqal_new_query(world.get(), "sparql11", nullptr));
  if (!query) return make_error(Status::internal, "Rasqal has no SPARQL 1.1 query language");

  // Relative IRIs in the query resolve against the graph file, as before.
  std::error_code ec;
  std::string absolute = std::filesystem::absolute(name_, ec).string();
  UriPtr base_uri(raptor_new_uri_from_uri_or_file_string(raptor, nullptr,
                                                         reinterpret_cast<const unsigned char*>(absolute.c_str())));
  if (!base_uri) return make_error(Status::internal, "cannot make a file URI for " + name_);

  log.current_file = query_name;
  if (rasqal_query_prepare(query.get(), reinterpret_cast<const unsigned char*>(query_text.c_str()),
                           base_uri.get()) != 0 ||
      log.has_error) {
    if (log.has_error) return log.error;
    Error e = make_error(Status::bad_input, "malformed SPARQL query");
    e.file = query_name;
    return e;
  }

  if (is_update(query.get())) {
    Error e = make_error(Status::unsupported, "SPARQL Update is not supported: the graph is read-only");
    e.file = query_name;
    return e;
  }
  source.set_correlate(query_detail::correlation_is_safe(query.get()));
  source.set_cancel(limits.cancel);
  log.current_file = name_;
  std::unique_ptr<rasqal_query_results, ResultsDeleter> results(rasqal_query_execute(query.get()));
  if (cancelled(limits)) return cancelled_error();
  if (!results || log.has_error) {
    if (log.has_error) return log.error;
    Error e = make_error(Status::bad_input, "the query could not be run over this graph");
    e.file = name_;
    return e;
  }
  log.current_file = query_name;

  QueryResult out;
  for (int i = 0;; ++i) {
    rasqal_prefix* p = rasqal_query_get_prefix(query.get(), i);
    if (!p) break;
    out.prefixes.emplace_back(p->prefix ? reinterpret_cast<const char*>(p->prefix) : "", uri_string(p->uri));
  }
  Outcome collected = collect_results(results.get(), limits, out);
  if (cancelled(limits)) return cancelled_error();
  if (!collected && collected.error().status == Status::limit_exceeded) return collected.error();
  if (log.has_error) return log.error;
  if (!collected) return collected.error();
  return out;
}

Result<QueryResult> run_query(const std::string& graph_path, const std::string& query_text,
                              const std::string& query_name) {
  if (query_is_empty(query_text)) return empty_query_error(query_name);
  auto engine = QueryEngine::load(graph_path);
  if (!engine) return engine.error();
  return engine->run(query_text, query_name);
}

}  // namespace diplograph
