// The diplograph command line. Library calls return errors as values; the
// commands in src/cli/ turn them into one line on stderr and a non-zero exit.
#include <CLI/CLI.hpp>

#include "cli.hpp"

int main(int argc, char** argv) {
  using namespace diplograph::cli;
  CLI::App app{
      "diplograph: builds an RDF knowledge graph of states, organizations, treaties, events and\n"
      "dates from documents about foreign relations."};
  add_version_flag(&app);
  app.require_subcommand(1);
  Commands commands;
  add_build_commands(app, commands);
  add_graph_commands(app, commands);
  add_query_commands(app, commands);
  add_validate_commands(app, commands);
  add_merge_commands(app, commands);
  add_site_commands(app, commands);
  add_serve_commands(app, commands);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  for (const Command& command : commands)
    if (*command.app) return command.run();
  return 0;
}
