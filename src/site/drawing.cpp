// Neighbourhood drawings with Graphviz (see drawing.hpp).
#include "drawing.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "html.hpp"

extern char** environ;

namespace diplograph::site {
namespace {

// A DOT string: quotes and backslashes escaped, control characters dropped.
std::string dot_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// Long labels are cut (whole UTF-8 characters) so nodes stay small; the tooltip has all of it.
std::string short_label(const std::string& label) {
  constexpr std::size_t limit = 28;
  if (label.size() <= limit) return label;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
  return label.substr(0, cut) + "…";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace


std::vector<EntityIndex> drawn_neighbours(const SiteModel& model, EntityIndex e, std::size_t max_neighbours) {
  std::vector<EntityIndex> shown = model.neighbours(e);
  if (shown.size() <= max_neighbours) return shown;
  std::partial_sort(shown.begin(), shown.begin() + static_cast<std::ptrdiff_t>(max_neighbours), shown.end(),
                    [&](EntityIndex a, EntityIndex b) {
                      std::size_t da = model.neighbours(a).size(), db = model.neighbours(b).size();
                      return da != db ? da > db : a < b;
                    });
  shown.resize(max_neighbours);
  std::sort(shown.begin(), shown.end());
  return shown;
}

std::string neighbourhood_dot(const SiteModel& model, EntityIndex e, const std::vector<EntityIndex>& shown) {
  const TermId center = model.entities()[e];
  const std::string root = root_from(page_path(model.iri(center)));
  // The graph's name is the SVG's <title>; Graphviz copies it raw into a
  // comment too, so markup characters are left out of it.
  std::string name = "Neighbourhood of " + model.label(center);
  std::erase_if(name, [](char c) { return c == '<' || c == '>' || c == '&'; });
  std::string out = "graph " + dot_quoted(name) +
                    " {\n graph [overlap=false, outputorder=edgesfirst, bgcolor=\"white\"];\n"
                    " node [shape=box, style=\"rounded,filled\", fontname=\"DejaVu Sans\", fontsize=10, "
                    "color=\"#1b1f24\", target=\"_top\"];\n edge [color=\"#8c959f\"];\n";
  auto node = [&](EntityIndex n, bool is_center) {
    TermId id = model.entities()[n];
    std::string label = model.label(id);
    out += " n" + std::to_string(n) + " [label=" + dot_quoted(short_label(label)) + ", fillcolor=\"" +
           type_colour(model.type_of(n)) + "\", tooltip=" + dot_quoted(label + " (" + model.type_of(n) + ")") +
           ", URL=" + dot_quoted(root + page_path(model.iri(id)));
    out += is_center ? ", penwidth=3, fontsize=12];\n" : "];\n";
  };
  node(e, true);
  for (EntityIndex n : shown) node(n, false);
  std::vector<EntityIndex> all = shown;
  all.push_back(e);
  std::sort(all.begin(), all.end());
  for (EntityIndex a : all)
    for (EntityIndex b : model.neighbours(a))
      if (a < b && std::binary_search(all.begin(), all.end(), b))
        out += " n" + std::to_string(a) + " -- n" + std::to_string(b) + ";\n";
  out += "}\n";
  return out;
}

std::vector<std::string> split_svg_documents(std::string_view output) {
  std::vector<std::string> out;
  std::size_t at = output.find("<svg");
  while (at != std::string_view::npos) {
    std::size_t end = output.find("</svg>", at);
    if (end == std::string_view::npos) break;
    end += 6;
    out.emplace_back(output.substr(at, end - at));
    out.back() += '\n';
    at = output.find("<svg", end);
  }
  return out;
}

Result<std::vector<std::string>> render_svgs(const std::string& dot_text, std::size_t graphs,
                                             const std::string& work_dir) {
  const std::string input = work_dir + "/drawings.dot", output = work_dir + "/drawings.svg",
                    errors = work_dir + "/drawings.err";
  {
    std::ofstream f(input, std::ios::binary);
    f << dot_text;
    if (!f.flush()) return make_error(Status::io_error, "cannot write " + input);
  }
  // To stdout: with -o, dot keeps only the last graph of a multi-graph input.
  std::vector<std::string> args{"dot", "-Kneato", "-Tsvg", input};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, "dot", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0)
    return make_error(Status::unsupported,
                      "Graphviz 'dot' is not installed (apt-get install graphviz), or leave out the drawings with "
                      "--no-drawings");
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::string complaint = read_file(errors);
  std::filesystem::remove(input);
  std::filesystem::remove(errors);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::filesystem::remove(output);
    complaint = complaint.substr(0, complaint.find('\n'));
    return make_error(Status::internal, "Graphviz 'dot' failed" + (complaint.empty() ? std::string() : ": " + complaint));
  }
  std::vector<std::string> svgs = split_svg_documents(read_file(output));
  std::filesystem::remove(output);
  if (svgs.size() != graphs)
    return make_error(Status::internal, "Graphviz 'dot' drew " + std::to_string(svgs.size()) + " of " +
                                            std::to_string(graphs) + " graphs");
  for (auto& svg : svgs) svg.insert(0, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
  return svgs;
}

}  // namespace diplograph::site
