// The CLI's shared helpers (see cli.hpp).
#include <cstdio>

#include "cli.hpp"

namespace diplograph::cli {

int fail(const Error& error) {
  std::fprintf(stderr, "diplograph: error: %s\n", error.to_string().c_str());
  switch (error.status) {
    case Status::bad_argument: return 2;
    default: return 1;
  }
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == ',') {
      if (i > start) out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

void add_version_flag(CLI::App* cmd) {
  cmd->set_version_flag("--version", std::string("diplograph ") + DIPLOGRAPH_VERSION);
}

void GraphArgs::add_to(CLI::App* cmd) {
  cmd->add_option("graph", graph, "Turtle or N-Triples graph")->required()->check(CLI::ExistingFile);
  cmd->add_option("--via", via, "Relation properties to use, comma-separated (default: all)");
  cmd->add_option("--type", types, "Entity types to keep, comma-separated (e.g. State,Organization)");
  cmd->add_option("--as-of", as_of, "Only facts dated on or before this ISO date (plus undated ones)");
  cmd->add_flag("--dated-only", dated_only, "With --as-of: drop undated facts too");
  cmd->add_option("--format", format, "Output: table, tsv or json")->check(CLI::IsMember({"table", "tsv", "json"}))->capture_default_str();
  add_version_flag(cmd);
}

Result<RelationGraph> GraphArgs::load() const {
  GraphOptions o;
  o.via = split_list(via);
  o.types = split_list(types);
  o.as_of = as_of;
  o.dated_only = dated_only;
  return load_relation_graph(graph, o);
}

}  // namespace diplograph::cli
