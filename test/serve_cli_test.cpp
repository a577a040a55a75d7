// End-to-end checks of `diplograph serve`: the built CLI started as a real
// process on 127.0.0.1 (a free port, read from its output) over a copy of
// out/graph.ttl, queried over HTTP, and stopped by its pid with SIGTERM.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.hpp"

using test_support::cli;
using test_support::Output;
using test_support::temp_path;

namespace {

// `diplograph serve GRAPH --port 0 ARGS...` as a child process; the port is
// read from its "listening on" line; stderr goes to a file.
class Server {
 public:
  Server(const std::string& graph, std::vector<std::string> extra) {
    err_path_ = temp_path("serve-stderr");
    int out[2];
    REQUIRE(::pipe(out) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(err, 2);
      ::close(out[0]);
      std::vector<std::string> args = {DIPLOGRAPH_CLI, "serve", graph, "--port", "0"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(DIPLOGRAPH_CLI, argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    std::string line;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    const std::string prefix = "listening on http://127.0.0.1:";
    REQUIRE_MESSAGE(line.rfind(prefix, 0) == 0, line);
    port_ = std::stoi(line.substr(prefix.size()));
    CHECK(line == prefix + std::to_string(port_) + "/sparql");
  }
  ~Server() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const { return port_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60);
    return c;
  }
  // SIGTERM by pid; the exit code (-1 if it did not exit normally).
  int terminate() {
    ::kill(pid_, SIGTERM);
    int raw = 0;
    ::waitpid(pid_, &raw, 0);
    pid_ = -1;
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  }
  std::string log() const { return test_support::read_text(err_path_); }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string err_path_;
};

std::string graph_copy() {
  std::string path = temp_path("serve-graph.ttl");
  std::filesystem::copy_file(DIPLOGRAPH_SOURCE_DIR "/out/graph.ttl", path,
                             std::filesystem::copy_options::overwrite_existing);
  return path;
}

std::string memberships() { return test_support::read_text(DIPLOGRAPH_SOURCE_DIR "/examples/queries/memberships.rq"); }

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// Sends a request on a raw socket and closes it before reading the answer.
void send_and_hang_up(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  CHECK(::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
  ::close(fd);
}

}  // namespace

TEST_CASE("serve cli: the SPARQL protocol answers as `diplograph query` does") {
  std::string graph = graph_copy();
  Output tsv = cli("query '" + graph + "' examples/queries/memberships.rq --format tsv");
  REQUIRE(tsv.status == 0);
  Output json = cli("query '" + graph + "' examples/queries/memberships.rq --format json");
  REQUIRE(json.status == 0);
  Output turtle = cli("query '" + graph + "' -e 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5' --format turtle");
  REQUIRE(turtle.status == 0);

  Server server(graph, {});
  httplib::Client client = server.client();
  // SELECT by GET, JSON by the Accept header.
  auto got = client.Get("/sparql?query=" + httplib::detail::encode_query_param(memberships()),
                        {{"Accept", "application/sparql-results+json"}});
  REQUIRE(got);
  CHECK(got->status == 200);
  CHECK(got->get_header_value("Content-Type") == "application/sparql-results+json");
  CHECK(got->body == json.out);
  // SELECT by POST (form), TSV.
  auto posted = client.Post("/sparql", {{"Accept", "text/tab-separated-values"}},
                            httplib::Params{{"query", memberships()}});
  REQUIRE(posted);
  CHECK(posted->status == 200);
  CHECK(posted->body == tsv.out);
  CHECK(count(posted->body, "\n") > 10);
  // POST with an application/sparql-query body; CSV by the format parameter.
  auto csv = client.Post("/sparql?format=csv", memberships(), "application/sparql-query");
  REQUIRE(csv);
  CHECK(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type").rfind("text/csv", 0) == 0);
  CHECK(count(csv->body, "\r\n") == count(tsv.out, "\n"));
  // ASK, as JSON by default and as XML.
  auto ask = client.Get("/sparql?query=" + httplib::detail::encode_query_param(
                                               "ASK { ?s <http://www.w3.org/2000/01/rdf-schema#label> \"Lithuania\"@en }"));
  REQUIRE(ask);
  CHECK(ask->body == "{\"head\":{},\"boolean\":true}\n");
  auto ask_xml = client.Get("/sparql?query=ASK%7B%3Cx%3A1%3E%20%3Fp%20%3Fo%7D", {{"Accept", "application/sparql-results+xml"}});
  REQUIRE(ask_xml);
  CHECK(ask_xml->body.find("<boolean>false</boolean>") != std::string::npos);
  // CONSTRUCT: Turtle by default.
  auto construct = client.Post("/sparql", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5", "application/sparql-query");
  REQUIRE(construct);
  CHECK(construct->status == 200);
  CHECK(construct->get_header_value("Content-Type").rfind("text/turtle", 0) == 0);
  CHECK(construct->body == turtle.out);
  CHECK(server.terminate() == 0);
}

TEST_CASE("serve cli: errors, limits, hang-ups, concurrent clients and SIGTERM") {
  std::string graph = graph_copy();
  Server server(graph, {"--max-rows", "100"});
  httplib::Client client = server.client();
  // A malformed query: 400 with Rasqal's message.
  auto bad = client.Post("/sparql", "SELEC ?x WHERE {}", "application/sparql-query");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(bad->body.find("syntax error") != std::string::npos);
  // Past --max-rows: the limit error.
  auto huge = client.Post("/sparql", "SELECT * WHERE { ?s ?p ?o }", "application/sparql-query");
  REQUIRE(huge);
  CHECK(huge->status == 500);
  CHECK(huge->body == "the result has more than 100 rows (the limit): narrow the query or use LIMIT (--max-rows)\n");
  // Not SPARQL: wrong path, wrong method, no query, an update.
  auto nowhere = client.Get("/nowhere");
  REQUIRE(nowhere);
  CHECK(nowhere->status == 404);
  auto put = client.Put("/sparql", "x", "text/plain");
  REQUIRE(put);
  CHECK(put->status == 405);
  auto missing = client.Get("/sparql");
  REQUIRE(missing);
  CHECK(missing->status == 400);
  auto update = client.Post("/sparql", "INSERT DATA { <x:a> <x:b> <x:c> }", "application/sparql-query");
  REQUIRE(update);
  CHECK(update->status == 405);
  CHECK(update->body.find("read-only") != std::string::npos);
  auto home = client.Get("/");
  REQUIRE(home);
  CHECK(home->body.find("/sparql") != std::string::npos);

  // 8 clients at once, a few queries each.
  std::string expected = client.Post("/sparql", memberships(), "application/sparql-query")->body;
  REQUIRE(!expected.empty());
  std::atomic<int> good{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t)
    clients.emplace_back([&] {
      httplib::Client own = server.client();
      for (int q = 0; q < 3; ++q) {
        auto r = own.Post("/sparql", memberships(), "application/sparql-query");
        if (r && r->status == 200 && r->body == expected) ++good;
      }
    });
  for (auto& t : clients) t.join();
  CHECK(good == 24);

  CHECK(server.terminate() == 0);
  std::string log = server.log();
  CHECK(log.find("POST /sparql 400 ") != std::string::npos);
  CHECK(log.find("GET /nowhere 404 ") != std::string::npos);
}

TEST_CASE("serve cli: a query past --timeout gets 503; clients that hang up; the server goes on") {
  Server server(graph_copy(), {"--timeout", "0.5", "--max-rows", "0", "-q"});
  httplib::Client client = server.client();
  auto slow = client.Post("/sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                          "application/sparql-query");
  REQUIRE(slow);
  CHECK(slow->status == 503);
  CHECK(slow->body == "the query ran longer than 0.5 s (the --timeout limit) and was stopped\n");
  auto next = client.Post("/sparql", "ASK { ?s ?p ?o }", "application/sparql-query");
  REQUIRE(next);
  CHECK(next->status == 200);
  // Clients that hang up before reading a long answer (megabytes: written
  // in many sends, the later ones to a closed socket).
  std::string body = "SELECT * WHERE { ?s ?p ?o }";
  for (int i = 0; i < 3; ++i)
    send_and_hang_up(server.port(), "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                                    "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  auto after = client.Post("/sparql", body, "application/sparql-query");
  REQUIRE(after);
  CHECK(after->status == 200);
  CHECK(after->body.size() > 1000000);
  CHECK(server.terminate() == 0);
  CHECK(server.log().empty());  // -q
}

TEST_CASE("serve cli: SPARQLWrapper reads JSON and XML results") {
  std::string graph = graph_copy();
  Output tsv = cli("query '" + graph + "' examples/queries/memberships.rq --format tsv");
  REQUIRE(tsv.status == 0);
  std::string expected = temp_path("serve-expected.tsv");
  std::ofstream(expected, std::ios::binary) << tsv.out;
  Server server(graph, {"-q"});
  std::string command = "/usr/bin/python3 '" DIPLOGRAPH_TEST_DIR "/serve/sparqlwrapper_check.py' http://127.0.0.1:" +
                        std::to_string(server.port()) + "/sparql '" DIPLOGRAPH_SOURCE_DIR
                        "/examples/queries/memberships.rq' '" + expected + "'";
  CHECK(std::system(command.c_str()) == 0);
  CHECK(server.terminate() == 0);
}
