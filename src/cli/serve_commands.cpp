// `diplograph serve`: the graph as a read-only SPARQL 1.1 endpoint
// (serve.hpp) until SIGINT or SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "cli.hpp"
#include "diplograph/query.hpp"
#include "diplograph/serve.hpp"

namespace diplograph::cli {
namespace {

struct ServeArgs {
  std::string graph;
  ServeOptions options;
  bool quiet = false;
};

// SIGINT and SIGTERM are blocked in every thread and taken by one thread
// with sigwait, which sets the stop flag; the server then shuts down.
class StopOnSignal {
 public:
  StopOnSignal() {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
    waiter_ = std::thread([this] {
      int signal = 0;
      sigwait(&signals_, &signal);
      stop_ = true;
    });
  }
  ~StopOnSignal() {
    // Wakes the waiter if no signal came (the server ended on its own).
    if (!stop_) pthread_kill(waiter_.native_handle(), SIGTERM);
    waiter_.join();
  }
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;
  const std::atomic<bool>& flag() const { return stop_; }

 private:
  sigset_t signals_;
  std::atomic<bool> stop_{false};
  std::thread waiter_;
};

int run_serve_command(const ServeArgs& a) {
  auto engine = QueryEngine::load(a.graph);
  if (!engine) return fail(engine.error());
  ServeHooks hooks;
  hooks.ready = [](const std::string& url) {
    std::printf("listening on %s\n", url.c_str());
    std::fflush(stdout);
  };
  if (!a.quiet) hooks.log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  StopOnSignal stop;
  Outcome served = serve_sparql(*engine, a.options, hooks, stop.flag());
  if (!served) return fail(served.error());
  return 0;
}

}  // namespace

void add_serve_commands(CLI::App& app, Commands& commands) {
  auto a = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Answer SPARQL 1.1 queries over HTTP (the SPARQL Protocol, read-only) at http://HOST:PORT/sparql, "
      "from a Turtle or N-Triples file or an index made by `diplograph index`, until SIGINT or SIGTERM");
  cmd->add_option("graph", a->graph, "Turtle (.ttl) or N-Triples (.nt) graph, or an index file")->required();
  cmd->add_option("--host", a->options.host, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", a->options.port, "Port to listen on; 0 picks a free one (printed)")
      ->capture_default_str();
  cmd->add_option("--timeout", a->options.timeout_seconds,
                  "Seconds a query may take, waiting included; past it the answer is 503 and the query is stopped")
      ->capture_default_str();
  cmd->add_option("--max-rows", a->options.max_rows,
                  "Most rows (or CONSTRUCT triples) per answer, 0 for no limit; past it the answer is 500")
      ->capture_default_str();
  cmd->add_option("--threads", a->options.threads, "Connections handled at once (more wait in a queue)")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", a->quiet, "No log line per request on stderr");
  add_version_flag(cmd);
  commands.push_back({cmd, [a] { return run_serve_command(*a); }});
}

}  // namespace diplograph::cli
