#pragma once
// Shared pieces of the command line: each src/cli/*_commands.cpp file adds its
// subcommands to the app and registers what runs when one is chosen. Only
// this folder prints or picks exit codes.
#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "diplograph/graph.hpp"
#include "diplograph/result.hpp"

namespace diplograph::cli {

/// A subcommand and what runs when it was chosen; `run` returns the exit code.
struct Command {
  CLI::App* app;
  std::function<int()> run;
};
using Commands = std::vector<Command>;

/// Prints "diplograph: error: <place>: <message>" and returns the exit code
/// (2 for bad arguments, 1 otherwise).
int fail(const Error& error);

/// "a,b,,c" -> {"a", "b", "c"}.
std::vector<std::string> split_list(const std::string& s);

/// Adds --version to a subcommand.
void add_version_flag(CLI::App* cmd);

/// The options every graph command shares: the graph file, --via, --type,
/// --as-of, --dated-only and --format.
struct GraphArgs {
  std::string graph, via, types, as_of, format = "table";
  bool dated_only = false;
  void add_to(CLI::App* cmd);
  Result<RelationGraph> load() const;
};

// One per file in src/cli/.
void add_build_commands(CLI::App& app, Commands& commands);  // build, explain, eval
void add_graph_commands(CLI::App& app, Commands& commands);  // path, rank, ..., draw
void add_query_commands(CLI::App& app, Commands& commands);  // query (embedded SPARQL)
void add_validate_commands(CLI::App& app, Commands& commands);  // validate (SHACL, domain/range)
void add_merge_commands(CLI::App& app, Commands& commands);  // merge (shards' N-Triples)
void add_site_commands(CLI::App& app, Commands& commands);   // site (static pages)
void add_serve_commands(CLI::App& app, Commands& commands);  // serve (SPARQL endpoint)

}  // namespace diplograph::cli
