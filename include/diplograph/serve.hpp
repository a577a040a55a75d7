#pragma once
/// `diplograph serve`: a read-only SPARQL 1.1 Protocol endpoint over one
/// QueryEngine, on cpp-httplib. GET /sparql?query=..., POST /sparql with a
/// form (query=...) or an application/sparql-query body; results in SPARQL
/// JSON, XML, TSV or CSV, graphs in Turtle or N-Triples, chosen by the
/// Accept header or a `format` parameter.
#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/query.hpp"
#include "diplograph/result.hpp"

namespace diplograph {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 7878;                 ///< 0: a free port, told through ServeHooks::ready
  double timeout_seconds = 30;     ///< per query, waiting in the queue included
  std::size_t max_rows = 100000;   ///< rows (SELECT) or triples (CONSTRUCT) per answer; 0 = none
  std::size_t threads = 8;         ///< connections handled at once; more wait in a queue
};

/// Where the server reports; both may be empty. Called from server threads.
struct ServeHooks {
  /// Once, when the socket listens: the endpoint's URL (http://host:port/sparql).
  std::function<void(const std::string& url)> ready;
  /// One line per request: "GET /sparql 200 12 ms" (serialized by the server).
  std::function<void(const std::string& line)> log;
};

/// Serves until `stop` becomes true (checked every 50 ms), then stops
/// listening, cancels the running query (see RunLimits::cancel), finishes the
/// requests in progress and returns. Errors: io_error if the address cannot
/// be bound, bad_argument for bad options.
Outcome serve_sparql(const QueryEngine& engine, const ServeOptions& options, const ServeHooks& hooks,
                     const std::atomic<bool>& stop);

/// A result syntax and the media type it is sent with.
struct ResponseFormat {
  ResultFormat format = ResultFormat::json;
  std::string media_type;
};

/// Content negotiation for a result of `kind`: the first `format` parameter
/// value that names a syntax the result can be written in (json, xml, tsv,
/// csv, turtle, ntriples, or a media type), else the Accept header's
/// acceptable type with the highest q, else the default (SPARQL JSON for
/// SELECT and ASK, Turtle for CONSTRUCT). Unknown names never fail.
ResponseFormat choose_response_format(QueryResult::Kind kind, std::string_view accept,
                                      const std::vector<std::string>& format_params);

}  // namespace diplograph
