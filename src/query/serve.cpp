// `diplograph serve`: the SPARQL 1.1 Protocol over one QueryEngine with
// cpp-httplib. HTTP connections are handled by a pool of threads; queries
// run one at a time on one worker thread (the engine serializes runs
// anyway), and each request waits for its answer until the time limit, then
// cancels its query and answers 503.
#include "diplograph/serve.hpp"

#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace diplograph {
namespace {

using Clock = std::chrono::steady_clock;

// ---------------------------------------------------------------- formats

struct KnownType {
  const char* name;  // media type or short name, lowercase
  ResultFormat format;
  const char* media_type;  // what is sent back
};

constexpr const char* kJson = "application/sparql-results+json";
constexpr const char* kXml = "application/sparql-results+xml";
constexpr const char* kTsv = "text/tab-separated-values; charset=utf-8";
constexpr const char* kCsv = "text/csv; charset=utf-8";
constexpr const char* kTurtle = "text/turtle; charset=utf-8";
constexpr const char* kNTriples = "application/n-triples";

const KnownType kKnownTypes[] = {
    {"application/sparql-results+json", ResultFormat::json, kJson},
    {"application/json", ResultFormat::json, kJson},
    {"json", ResultFormat::json, kJson},
    {"application/sparql-results+xml", ResultFormat::xml, kXml},
    {"application/xml", ResultFormat::xml, kXml},
    {"text/xml", ResultFormat::xml, kXml},
    {"xml", ResultFormat::xml, kXml},
    {"text/tab-separated-values", ResultFormat::tsv, kTsv},
    {"tsv", ResultFormat::tsv, kTsv},
    {"text/csv", ResultFormat::csv, kCsv},
    {"csv", ResultFormat::csv, kCsv},
    {"text/turtle", ResultFormat::turtle, kTurtle},
    {"application/x-turtle", ResultFormat::turtle, kTurtle},
    {"turtle", ResultFormat::turtle, kTurtle},
    {"ttl", ResultFormat::turtle, kTurtle},
    {"application/n-triples", ResultFormat::ntriples, kNTriples},
    {"ntriples", ResultFormat::ntriples, kNTriples},
    {"nt", ResultFormat::ntriples, kNTriples},
};

bool fits(ResultFormat format, QueryResult::Kind kind) {
  bool graph_syntax = format == ResultFormat::turtle || format == ResultFormat::ntriples;
  return graph_syntax == (kind == QueryResult::Kind::graph);
}

std::string lowercase_trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const KnownType* known_type(std::string_view name, QueryResult::Kind kind) {
  std::string key = lowercase_trimmed(name.substr(0, name.find(';')));
  for (const KnownType& t : kKnownTypes)
    if (key == t.name && fits(t.format, kind)) return &t;
  return nullptr;
}

ResponseFormat default_format(QueryResult::Kind kind) {
  if (kind == QueryResult::Kind::graph) return {ResultFormat::turtle, kTurtle};
  return {ResultFormat::json, kJson};
}

// The q parameter of one Accept entry ("text/csv;q=0.5"); 1 if absent.
double quality(std::string_view entry) {
  for (std::size_t semi = entry.find(';'); semi != std::string_view::npos; semi = entry.find(';', semi + 1)) {
    std::string param = lowercase_trimmed(entry.substr(semi + 1, entry.find(';', semi + 1) - semi - 1));
    if (param.rfind("q=", 0) != 0) continue;
    char* end = nullptr;
    double q = std::strtod(param.c_str() + 2, &end);
    return end == param.c_str() + 2 ? 1.0 : q;
  }
  return 1.0;
}

}  // namespace

ResponseFormat choose_response_format(QueryResult::Kind kind, std::string_view accept,
                                      const std::vector<std::string>& format_params) {
  for (const std::string& name : format_params)
    if (const KnownType* t = known_type(name, kind)) return {t->format, t->media_type};
  // The acceptable entry with the highest q; a wildcard means the default.
  std::optional<ResponseFormat> best;
  double best_q = 0;
  while (!accept.empty()) {
    std::size_t comma = accept.find(',');
    std::string_view entry = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    double q = quality(entry);
    if (q <= best_q) continue;
    std::string type = lowercase_trimmed(entry.substr(0, entry.find(';')));
    if (type == "*/*" || (type.size() > 2 && type.compare(type.size() - 2, 2, "/*") == 0)) {
      best = default_format(kind);
      best_q = q;
    } else if (const KnownType* t = known_type(type, kind)) {
      best = ResponseFormat{t->format, t->media_type};
      best_q = q;
    }
  }
  return best ? *best : default_format(kind);
}

namespace {

// ------------------------------------------------------------ query worker

// Queries wait here and run one at a time on one thread. A request that
// waits past its deadline sets its job's cancel flag: a job not yet started
// is skipped, a running one stops at its next read of the graph.
class QueryQueue {
 public:
  QueryQueue(const QueryEngine& engine, std::size_t max_rows) : engine_(engine), max_rows_(max_rows) {
    worker_ = std::thread([this] { work(); });
  }
  ~QueryQueue() {
    stop();
    worker_.join();
  }
  QueryQueue(const QueryQueue&) = delete;
  QueryQueue& operator=(const QueryQueue&) = delete;

  // The query's result, or cancelled when the deadline passed or the queue
  // stopped first.
  Result<QueryResult> run(std::string text, Clock::time_point deadline) {
    auto job = std::make_shared<Job>();
    job->text = std::move(text);
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_) return make_error(Status::cancelled, "the server is stopping");
    jobs_.push_back(job);
    work_ready_.notify_one();
    if (!job_done_.wait_until(lock, deadline, [&] { return job->result.has_value(); })) {
      job->cancel = true;  // the worker drops it or winds it down; its result is not waited for
      return make_error(Status::cancelled, "time limit");
    }
    return std::move(*job->result);
  }

  // Cancels every job, queued or running; requests waiting get `cancelled`.
  void stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    for (auto& job : jobs_) finish(*job, make_error(Status::cancelled, "the server is stopping"));
    jobs_.clear();
    if (running_) running_->cancel = true;
    work_ready_.notify_all();
    job_done_.notify_all();
  }

 private:
  struct Job {
    std::string text;
    std::atomic<bool> cancel{false};
    std::optional<Result<QueryResult>> result;  // set under the mutex
  };

  static void finish(Job& job, Result<QueryResult> result) { job.result.emplace(std::move(result)); }

  void work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      work_ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      std::shared_ptr<Job> job = jobs_.front();
      jobs_.pop_front();
      if (job->cancel) continue;  // its request gave up waiting
      running_ = job;
      lock.unlock();
      RunLimits limits;
      limits.max_rows = max_rows_;
      limits.cancel = &job->cancel;
      Result<QueryResult> result = engine_.run(job->text, "query", limits);
      lock.lock();
      running_.reset();
      finish(*job, std::move(result));
      job_done_.notify_all();
    }
  }

  const QueryEngine& engine_;
  std::size_t max_rows_;
  std::mutex mutex_;
  std::condition_variable work_ready_, job_done_;
  std::deque<std::shared_ptr<Job>> jobs_;
  std::shared_ptr<Job> running_;
  bool stopping_ = false;
  std::thread worker_;
};

// ---------------------------------------------------------------- requests

constexpr const char* kText = "text/plain; charset=utf-8";

void answer_error(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  std::string body = message;
  std::replace(body.begin(), body.end(), '\n', ' ');  // one line
  body += '\n';
  res.set_content(body, kText);
}

std::string media_type_of(const httplib::Request& req) {
  return lowercase_trimmed(std::string_view(req.get_header_value("Content-Type")).substr(
      0, req.get_header_value("Content-Type").find(';')));
}

std::vector<std::string> param_values(const httplib::Request& req, const std::string& name) {
  std::vector<std::string> values;
  auto range = req.params.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) values.push_back(it->second);
  return values;
}

constexpr const char* kReadOnly =
    "this endpoint is read-only: SPARQL Update is not accepted (use `diplograph build` to change the graph)";

class Endpoint {
 public:
  Endpoint(const QueryEngine& engine, const ServeOptions& options) : queue_(engine, options.max_rows), options_(options) {}

  void handle_get(const httplib::Request& req, httplib::Response& res) {
    if (req.has_param("update")) return answer_error(res, 405, kReadOnly);
    if (!req.has_param("query"))
      return answer_error(res, 400, "missing query parameter: GET /sparql?query=SELECT...");
    answer(req, req.get_param_value("query"), res);
  }

  void handle_post(const httplib::Request& req, httplib::Response& res) {
    std::string type = media_type_of(req);
    if (type == "application/sparql-query") return answer(req, req.body, res);
    if (type == "application/sparql-update") return answer_error(res, 405, kReadOnly);
    if (type == "application/x-www-form-urlencoded") {
      // httplib has put the form's fields into req.params.
      if (req.has_param("update")) return answer_error(res, 405, kReadOnly);
      if (!req.has_param("query")) return answer_error(res, 400, "missing query field in the form");
      return answer(req, req.get_param_value("query"), res);
    }
    answer_error(res, 415,
                 "unsupported Content-Type '" + type +
                     "': use application/x-www-form-urlencoded (query=...) or application/sparql-query");
  }

  void stop() { queue_.stop(); }

 private:
  void answer(const httplib::Request& req, const std::string& query, httplib::Response& res) {
    auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(options_.timeout_seconds));
    Result<QueryResult> result = queue_.run(query, deadline);
    if (!result) return answer_run_error(result.error(), res);
    ResponseFormat chosen =
        choose_response_format(result->kind, req.get_header_value("Accept"), param_values(req, "format"));
    Result<std::string> body = format_result(*result, chosen.format);
    if (!body) return answer_error(res, 500, body.error().to_string());
    res.status = 200;
    res.set_content(*body, chosen.media_type);
  }

  void answer_run_error(const Error& error, httplib::Response& res) {
    switch (error.status) {
      case Status::cancelled:
        if (error.message == "time limit") {
          char seconds[32];
          std::snprintf(seconds, sizeof seconds, "%g", options_.timeout_seconds);
          return answer_error(res, 503,
                              std::string("the query ran longer than ").append(seconds).append(
                                  " s (the --timeout limit) and was stopped"));
        }
        return answer_error(res, 503, error.message);
      case Status::limit_exceeded:
        return answer_error(res, 500, error.message + ": narrow the query or use LIMIT (--max-rows)");
      case Status::unsupported:
        if (error.message.find("Update") != std::string::npos) return answer_error(res, 405, kReadOnly);
        return answer_error(res, 400, error.to_string());
      case Status::bad_input:
      case Status::empty_input:
        return answer_error(res, 400, error.to_string());
      default:
        return answer_error(res, 500, error.to_string());
    }
  }

  QueryQueue queue_;
  ServeOptions options_;
};

constexpr const char* kIndexPage =
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>diplograph SPARQL endpoint</title>"
    "</head>\n<body><h1>diplograph SPARQL endpoint</h1>\n"
    "<p>SPARQL 1.1 queries (SELECT, ASK, CONSTRUCT; read-only) at <a href=\"/sparql\">/sparql</a>: "
    "<code>GET /sparql?query=...</code>, or <code>POST /sparql</code> with a form field <code>query</code> "
    "or an <code>application/sparql-query</code> body.</p>\n</body></html>\n";

// Request timing for the log: the pre-routing handler and the logger run
// on the same connection thread, one request after the other.
thread_local Clock::time_point request_start;

void install_routes(httplib::Server& server, Endpoint& endpoint) {
  server.Get("/", [](const httplib::Request&, httplib::Response& res) { res.set_content(kIndexPage, "text/html; charset=utf-8"); });
  server.Get("/sparql", [&endpoint](const httplib::Request& req, httplib::Response& res) { endpoint.handle_get(req, res); });
  server.Post("/sparql", [&endpoint](const httplib::Request& req, httplib::Response& res) { endpoint.handle_post(req, res); });
  auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Allow", "GET, POST");
    answer_error(res, 405, req.method + " is not allowed on /sparql: use GET or POST");
  };
  server.Put("/sparql", not_allowed);
  server.Delete("/sparql", not_allowed);
  server.Patch("/sparql", not_allowed);
  server.Options("/sparql", not_allowed);
  // Errors the handlers did not describe (no route, bad request line).
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404)
      answer_error(res, 404, "no such path: " + req.path + " (the SPARQL endpoint is /sparql)");
    else
      answer_error(res, res.status, "bad request: use GET or POST /sparql");
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    answer_error(res, 500, "internal error while answering");
  });
}

void install_logger(httplib::Server& server, const ServeHooks& hooks, std::mutex& log_mutex) {
  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_start = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  if (!hooks.log) return;
  server.set_logger([&hooks, &log_mutex](const httplib::Request& req, const httplib::Response& res) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - request_start).count();
    std::string line = req.method;
    line.append(" ").append(req.path).append(" ").append(std::to_string(res.status)).append(" ");
    line.append(std::to_string(ms)).append(" ms");
    std::lock_guard<std::mutex> lock(log_mutex);
    hooks.log(line);
  });
}

Outcome check_options(const ServeOptions& o) {
  if (o.port < 0 || o.port > 65535) return make_error(Status::bad_argument, "--port must be 0..65535");
  if (!(o.timeout_seconds > 0) || o.timeout_seconds > 86400)
    return make_error(Status::bad_argument, "--timeout must be more than 0 and at most 86400 seconds");
  if (o.threads == 0 || o.threads > 256) return make_error(Status::bad_argument, "--threads must be 1..256");
  return {};
}

// Blocks SIGPIPE in this thread and the threads it starts, while it lives:
// httplib writes with plain send(), and a client that hangs up mid-answer
// must give EPIPE (the write fails, the connection ends), not kill the
// process. (Debian's httplib 0.11 also sets SIGPIPE to ignored for the whole
// process when a Server is made; this does not rely on that.)
class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, &saved_);
  }
  ~SigpipeBlocked() { pthread_sigmask(SIG_SETMASK, &saved_, nullptr); }
  SigpipeBlocked(const SigpipeBlocked&) = delete;
  SigpipeBlocked& operator=(const SigpipeBlocked&) = delete;

 private:
  sigset_t saved_;
};

// Binds the socket; the port it listens on, or an error.
Result<int> bind_server(httplib::Server& server, const ServeOptions& options) {
  if (options.port == 0) {
    int port = server.bind_to_any_port(options.host);
    if (port < 0) return make_error(Status::io_error, "cannot listen on " + options.host + " (any port)");
    return port;
  }
  if (!server.bind_to_port(options.host, options.port))
    return make_error(Status::io_error, "cannot listen on " + options.host + ":" + std::to_string(options.port) +
                                            " (in use, or not an address of this machine)");
  return options.port;
}

}  // namespace

Outcome serve_sparql(const QueryEngine& engine, const ServeOptions& options, const ServeHooks& hooks,
                     const std::atomic<bool>& stop) {
  DG_TRY(check_options(options));
  SigpipeBlocked no_sigpipe;
  Endpoint endpoint(engine, options);
  std::mutex log_mutex;
  httplib::Server server;
  std::size_t threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_keep_alive_timeout(2);
  server.set_payload_max_length(16 * 1024 * 1024);
  install_routes(server, endpoint);
  install_logger(server, hooks, log_mutex);
  auto port = bind_server(server, options);
  if (!port) return port.error();

  std::atomic<bool> listener_done{false};
  std::thread listener([&] {
    server.listen_after_bind();
    listener_done = true;
  });
  if (hooks.ready) {
    std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
    hooks.ready("http://" + host + ":" + std::to_string(*port) + "/sparql");
  }
  auto pause = [] { std::this_thread::sleep_for(std::chrono::milliseconds(50)); };
  while (!stop.load() && !listener_done.load()) pause();
  bool stopped_by_caller = !listener_done.load();
  endpoint.stop();  // requests waiting for a query answer 503 at once
  // stop() does nothing before the listen loop has started.
  while (!server.is_running() && !listener_done.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server.stop();  // closes the socket; the listen loop ends after the connection threads
  listener.join();
  if (!stopped_by_caller) return make_error(Status::io_error, "the server stopped listening unexpectedly");
  return {};
}

}  // namespace diplograph
