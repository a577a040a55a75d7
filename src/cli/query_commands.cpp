// `diplograph query`: SPARQL 1.1 over a graph file with the embedded engine
// (query.hpp), no server. Prints a table, TSV, CSV or SPARQL JSON results.
// `diplograph index`: the graph as a binary index file that query reads fast.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>

#include "cli.hpp"
#include "diplograph/query.hpp"

namespace diplograph::cli {
namespace {

struct QueryArgs {
  std::string graph, query_file, expression, format = "table";
};

Result<std::string> read_query(const QueryArgs& a) {
  if (!a.expression.empty() && !a.query_file.empty())
    return make_error(Status::bad_argument, "give either a query file or -e TEXT, not both");
  if (a.query_file.empty()) {
    if (a.expression.empty()) return make_error(Status::bad_argument, "no query: give QUERY.rq or -e 'SELECT ...'");
    return a.expression;
  }
  if (a.query_file == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream in(a.query_file, std::ios::binary);
  if (!in) {
    Error e = make_error(Status::not_found, "no such query file");
    e.file = a.query_file;
    return e;
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int run_query_command(const QueryArgs& a) {
  auto format = parse_result_format(a.format);
  if (!format) return fail(format.error());
  auto text = read_query(a);
  if (!text) return fail(text.error());
  std::string name = a.query_file.empty() ? "-e" : (a.query_file == "-" ? "<stdin>" : a.query_file);
  auto result = run_query(a.graph, *text, name);
  if (!result) return fail(result.error());
  // CONSTRUCT results are graphs: the default table means Turtle there.
  ResultFormat f = *format;
  if (result->kind == QueryResult::Kind::graph && a.format == "table") f = ResultFormat::turtle;
  auto out = format_result(*result, f);
  if (!out) return fail(out.error());
  std::fwrite(out->data(), 1, out->size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}

struct IndexArgs {
  std::string graph, output;
};

int run_index_command(const IndexArgs& a) {
  if (IndexedGraph::is_index_file(a.graph))
    return fail(make_error(Status::bad_argument, a.graph + " is already an index file"));
  auto graph = load_graph_file(a.graph);
  if (!graph) return fail(graph.error());
  Outcome saved = (*graph)->save_index(a.output);
  if (!saved) return fail(saved.error());
  std::fprintf(stderr, "diplograph: indexed %zu triples, %zu terms into %s\n", (*graph)->size(),
               (*graph)->terms().size(), a.output.c_str());
  return 0;
}

}  // namespace

void add_query_commands(CLI::App& app, Commands& commands) {
  auto a = std::make_shared<QueryArgs>();
  CLI::App* cmd = app.add_subcommand(
      "query",
      "Run a SPARQL 1.1 SELECT, ASK or CONSTRUCT query over a Turtle or N-Triples file, or an index "
      "of one made by `diplograph index` (no server)");
  cmd->add_option("graph", a->graph, "Turtle (.ttl) or N-Triples (.nt) graph, or an index file")->required();
  cmd->add_option("query", a->query_file, "SPARQL query file (.rq), or - for stdin");
  cmd->add_option("-e,--expression", a->expression, "SPARQL query text instead of a file");
  cmd->add_option("--format", a->format,
                  "Output: table, tsv, csv, json or xml (SPARQL results); turtle or ntriples for CONSTRUCT")
      ->capture_default_str();
  add_version_flag(cmd);
  commands.push_back({cmd, [a] { return run_query_command(*a); }});

  auto ia = std::make_shared<IndexArgs>();
  CLI::App* index = app.add_subcommand(
      "index",
      "Write a graph's interned terms and indexes as one binary file that `query` reads in place of the "
      "Turtle, so repeated queries on a large graph skip the parse");
  index->add_option("graph", ia->graph, "Turtle (.ttl) or N-Triples (.nt) graph")->required();
  index->add_option("-o,--output", ia->output, "Index file to write (replaced whole, never half-written)")
      ->required();
  add_version_flag(index);
  commands.push_back({index, [ia] { return run_index_command(*ia); }});
}

}  // namespace diplograph::cli
