// `diplograph site` end to end: the example site's every internal link
// resolves (a walk over all pages and drawings), every page passes
// `tidy -errors`, output is byte-identical run to run, and bad input gives
// one clear line and leaves no half-written site. (The browser checks are
// test/site/browser_check.py, CTest `site_browser`.)
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "cli_support.hpp"

using test_support::cli;
using test_support::Output;
using test_support::read_text;
using test_support::temp_path;
namespace fs = std::filesystem;

namespace {

std::string fresh(const std::string& name) {
  std::string path = temp_path(name);
  fs::remove_all(path);
  return path;
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

std::string unescape(const std::string& s) {
  // Built anew rather than with replace(): GCC 12 warns falsely (-Wrestrict) on that.
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, 5, "&amp;") == 0) {
      out.push_back('&');
      i += 5;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

// Every href, src, data and xlink:href of every page and drawing: the file
// must exist inside the site, and a #fragment must be an id in it.
struct LinkWalk {
  std::size_t links = 0, external = 0;
  std::set<std::string> broken;
  std::set<std::string> reached;
};

LinkWalk walk_links(const fs::path& site) {
  static const std::regex attribute(R"re((?:href|src|data)="([^"]*)")re");
  LinkWalk walk;
  std::map<std::string, std::string> texts;
  auto text_of = [&](const fs::path& p) -> const std::string& {
    auto [it, fresh_entry] = texts.try_emplace(p.string());
    if (fresh_entry) it->second = read_text(p.string());
    return it->second;
  };
  for (const auto& entry : fs::recursive_directory_iterator(site)) {
    std::string ext = entry.path().extension().string();
    if (ext != ".html" && ext != ".svg") continue;
    const std::string& text = text_of(entry.path());
    for (std::sregex_iterator m(text.begin(), text.end(), attribute), end; m != end; ++m) {
      std::string target = unescape((*m)[1].str());
      ++walk.links;
      if (target.rfind("http://", 0) == 0 || target.rfind("https://", 0) == 0) {
        ++walk.external;
        continue;
      }
      std::string fragment;
      if (auto hash = target.find('#'); hash != std::string::npos) {
        fragment = target.substr(hash + 1);
        target.resize(hash);
      }
      fs::path resolved = target.empty() ? entry.path() : (entry.path().parent_path() / target).lexically_normal();
      bool inside = resolved.string().rfind(site.string(), 0) == 0;
      if (!inside || !fs::is_regular_file(resolved)) {
        walk.broken.insert(entry.path().string() + " -> " + (*m)[1].str());
        continue;
      }
      walk.reached.insert(resolved.string());
      if (!fragment.empty() && text_of(resolved).find("id=\"" + fragment + "\"") == std::string::npos)
        walk.broken.insert(entry.path().string() + " -> " + (*m)[1].str() + " (no such id)");
    }
  }
  return walk;
}

}  // namespace

TEST_CASE("site cli: every internal link of the example site resolves and every page passes tidy") {
  std::string dir = fresh("site-links");
  Output run = cli("site out/graph.ttl -o '" + dir + "'");
  REQUIRE_MESSAGE(run.status == 0, run.err);
  CHECK(run.err.find("105 entities, 7 documents, 323 statements, 5 conflicts") != std::string::npos);
  fs::path site = fs::path(dir).lexically_normal();
  LinkWalk walk = walk_links(site);
  CHECK(walk.links > 3000);
  for (const auto& b : walk.broken) CHECK_MESSAGE(false, "broken link: " << b);
  // Every page and drawing is reachable from some other page.
  std::size_t pages = 0, unreached = 0;
  for (const auto& entry : fs::recursive_directory_iterator(site)) {
    std::string ext = entry.path().extension().string();
    if (ext != ".html" && ext != ".svg") continue;
    ++pages;
    if (entry.path().filename() != "index.html" && !walk.reached.count(entry.path().lexically_normal().string())) ++unreached;
  }
  CHECK(pages > 200);
  CHECK(unreached == 0);

  // tidy (HTML5 mode) with -errors prints errors and warnings; exit 0 means neither.
  std::size_t checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(site)) {
    if (entry.path().extension() != ".html") continue;
    std::string report = temp_path("tidy.txt");
    int raw = std::system(("tidy -errors -quiet '" + entry.path().string() + "' >'" + report + "' 2>&1").c_str());
    int status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    CHECK_MESSAGE(status == 0, entry.path().string() << ": " << read_text(report));
    ++checked;
  }
  CHECK(checked > 100);
}

TEST_CASE("site cli: the committed out/site/ is what the command writes for out/graph.ttl") {
  std::string fresh_site = fresh("site-committed");
  REQUIRE(cli("site out/graph.ttl -q -o '" + fresh_site + "'").status == 0);
  const fs::path committed = fs::path(DIPLOGRAPH_SOURCE_DIR) / "out" / "site";
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fresh_site)) {
    if (!entry.is_regular_file()) continue;
    fs::path other = committed / fs::relative(entry.path(), fresh_site);
    CHECK_MESSAGE(read_text(entry.path().string()) == read_text(other.string()),
                  other.string() << " differs (regenerate with sh scripts/examples.sh)");
    ++files;
  }
  std::size_t committed_files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(committed)) committed_files += entry.is_regular_file();
  CHECK(committed_files == files);
}

TEST_CASE("site cli: the site is byte-identical from run to run, and --no-drawings leaves Graphviz out") {
  std::string a = fresh("site-a"), b = fresh("site-b"), plain = fresh("site-plain");
  REQUIRE(cli("site out/graph.ttl -q -o '" + a + "'").status == 0);
  REQUIRE(cli("site out/graph.ttl -q -o '" + b + "'").status == 0);
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(a)) {
    if (!entry.is_regular_file()) continue;
    fs::path other = fs::path(b) / fs::relative(entry.path(), a);
    CHECK_MESSAGE(read_text(entry.path().string()) == read_text(other.string()), entry.path().string());
    ++files;
  }
  CHECK(files > 200);
  Output run = cli("site out/graph.ttl -q --no-drawings -o '" + plain + "'");
  REQUIRE(run.status == 0);
  std::size_t svgs = 0, objects = 0;
  for (const auto& entry : fs::recursive_directory_iterator(plain)) {
    if (entry.path().extension() == ".svg") ++svgs;
    if (entry.path().extension() == ".html" && read_text(entry.path().string()).find("<object") != std::string::npos) ++objects;
  }
  CHECK(svgs == 0);
  CHECK(objects == 0);
}

TEST_CASE("site cli: bad input gives one clear line and leaves no half-written site") {
  std::string dir = fresh("site-bad");
  fs::create_directories(dir);
  std::string out = dir + "/site";
  auto one_line_error = [&](const Output& o, const std::string& needle, int status = 1) {
    CHECK(o.status == status);
    CHECK(lines(o.err) == 1);
    CHECK_MESSAGE(o.err.find(needle) != std::string::npos, o.err);
    CHECK(o.err.rfind("diplograph: error: ", 0) == 0);
  };
  one_line_error(cli("site '" + dir + "/none.ttl' -o '" + out + "'"), "none.ttl: no such file or directory");
  write_text(dir + "/empty.ttl", "");
  one_line_error(cli("site '" + dir + "/empty.ttl' -o '" + out + "'"), "empty.ttl: empty graph (no triples)");
  write_text(dir + "/bad.ttl", "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n<a> dg:x \"open .\n");
  one_line_error(cli("site '" + dir + "/bad.ttl' -o '" + out + "'"), "bad.ttl:2:");
  CHECK(!fs::exists(out));

  // An occupied folder without --force; a folder under a file.
  fs::create_directories(out);
  write_text(out + "/mine.txt", "keep");
  one_line_error(cli("site out/graph.ttl -o '" + out + "'"), "folder is not empty (use --force to replace it)", 2);
  CHECK(read_text(out + "/mine.txt") == "keep");
  one_line_error(cli("site out/graph.ttl -o '" + out + "/mine.txt/site'"), "cannot create");

  // Graphviz missing (an empty PATH): a clear line, the old folder untouched.
  std::string err_file = temp_path("site-nodot.err");
  int raw = std::system(("cd '" DIPLOGRAPH_SOURCE_DIR "' && env PATH=/nonexistent '" DIPLOGRAPH_CLI
                         "' site out/graph.ttl --force -o '" + out + "' 2>'" + err_file + "'").c_str());
  CHECK((WIFEXITED(raw) ? WEXITSTATUS(raw) : -1) == 1);
  CHECK(read_text(err_file).find("Graphviz 'dot' is not installed") != std::string::npos);
  CHECK(read_text(out + "/mine.txt") == "keep");

  // A temporary folder left by a killed run (its process is gone) is cleared by the next run.
  fs::create_directories(dir + "/.site.site-tmp-999999999");
  Output forced = cli("site out/graph.ttl -q --force -o '" + out + "'");
  CHECK(forced.status == 0);
  CHECK(!fs::exists(out + "/mine.txt"));
  CHECK(fs::exists(out + "/index.html"));
  for (const auto& entry : fs::directory_iterator(dir))
    CHECK_MESSAGE(entry.path().filename().string().rfind(".site.", 0) != 0, entry.path().string());
  CHECK(cli("site --help").out.find("--force") != std::string::npos);
}
