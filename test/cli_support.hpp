#pragma once
// Helpers for end-to-end tests that run the built CLI (DIPLOGRAPH_CLI).
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "support.hpp"

namespace test_support {

struct Output {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs the CLI from the source directory (so paths in the output match the
// committed out/graph.ttl) and captures stdout and stderr.
inline Output cli(const std::string& args) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("diplograph-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string out_file = (dir / "stdout").string(), err_file = (dir / "stderr").string();
  std::string command = "cd '" DIPLOGRAPH_SOURCE_DIR "' && '" DIPLOGRAPH_CLI "' " + args + " >'" +
                        out_file + "' 2>'" + err_file + "'";
  int raw = std::system(command.c_str());
  Output o;
  o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  o.out = read_text(out_file);
  o.err = read_text(err_file);
  return o;
}

inline std::string temp_path(const std::string& name) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("diplograph-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

}  // namespace test_support
