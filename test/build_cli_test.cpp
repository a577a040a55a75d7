// End-to-end tests of `build` on large-input features: streamed N-Triples,
// N-Quads and TriG, shards, page filters, --keep-going, progress and
// surviving SIGKILL.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>
#include <thread>

#include "cli_support.hpp"
#include "diplograph/rdf.hpp"
#include "support.hpp"

using namespace diplograph;
using test_support::cli;
using test_support::Output;
using test_support::temp_path;
namespace fs = std::filesystem;

namespace {

const std::string inputs = "examples/documents test/data/pipeline/dump.xml";

std::string term_text(const Term& t) {
  if (t.kind == TermKind::literal) return "\"" + t.value + "\"^^" + t.datatype + "@" + t.language;
  return "<" + t.value + ">";
}

/// The triples of a Turtle or N-Triples file, as comparable strings.
std::set<std::string> triples_of(const std::string& path, RdfSyntax syntax) {
  std::set<std::string> out;
  auto r = parse_rdf_file(path, syntax, [&](const Triple& t) -> Outcome {
    out.insert(term_text(t.subject) + " " + term_text(t.predicate) + " " + term_text(t.object));
    return {};
  });
  REQUIRE_MESSAGE(r.ok(), r.error().to_string());
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// Triples that need every document: conflict nodes and the truthy dates of
/// treaties and events (statement nodes have dates of their own).
bool cross_document(const std::string& triple) {
  if (triple.starts_with("<https://w3id.org/diplograph/id/conflict/")) return true;
  return triple.find("> <https://w3id.org/diplograph/ontology#date> ") != std::string::npos &&
         !triple.starts_with("<https://w3id.org/diplograph/id/statement/");
}

}  // namespace

TEST_CASE("build: streamed N-Triples hold exactly the triples of the Turtle output") {
  std::string ttl = temp_path("stream.ttl"), nt = temp_path("stream.nt");
  Output t = cli("build " + inputs + " -q -o '" + ttl + "'");
  REQUIRE_MESSAGE(t.status == 0, t.err);
  Output n = cli("build " + inputs + " -f ntriples -o '" + nt + "'");
  REQUIRE_MESSAGE(n.status == 0, n.err);
  std::set<std::string> a = triples_of(ttl, RdfSyntax::turtle), b = triples_of(nt, RdfSyntax::ntriples);
  CHECK(a.size() > 4000);
  CHECK(a == b);
  // Written once each: no duplicate lines, so the summary's count is the graph's.
  auto lines = lines_of(test_support::read_text(nt));
  CHECK(lines.size() == b.size());
  CHECK(n.err.find("triples: " + std::to_string(b.size())) != std::string::npos);
  CHECK(n.err.find("conflicts: 8") != std::string::npos);  // across documents, found at the end
}

TEST_CASE("build: a folder's Markdown files are read; the files it cannot read are counted by extension") {
  fs::path dir = temp_path("folder-formats");
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto write = [&](const char* name, const char* text) {
    std::FILE* f = std::fopen((dir / name).c_str(), "w");
    REQUIRE(f);
    std::fputs(text, f);
    std::fclose(f);
  };
  write("a.txt", "Lithuania joined NATO in 2004.\n");
  write("b.md", "# Latvia\n\nLatvia joined **NATO** in 2004.\n");
  write("c.pdf", "x");
  write("d.pdf", "y");
  write("e.json", "{}");
  std::string out = temp_path("folder-formats.ttl");
  Output o = cli("build '" + dir.string() + "' -o '" + out + "'");
  REQUIRE_MESSAGE(o.status == 0, o.err);
  CHECK_MESSAGE(o.err.find("2 documents from 2 inputs") != std::string::npos, o.err);
  CHECK_MESSAGE(o.err.find("not read: 3 files of the folders given, not a format diplograph reads: .json (1), .pdf (2)") !=
                    std::string::npos,
                o.err);
  std::string graph = test_support::read_text(out);
  CHECK(graph.find("\"markdown\"") != std::string::npos);  // the Markdown file is a document of its own
  // A folder of known formats only: no such line.
  fs::remove(dir / "c.pdf");
  fs::remove(dir / "d.pdf");
  fs::remove(dir / "e.json");
  Output clean = cli("build '" + dir.string() + "' -o '" + out + "'");
  CHECK(clean.err.find("not read") == std::string::npos);
}


TEST_CASE("build: a relation cue added to the ontology folder's TSV is read; a bad line names file and line") {
  fs::path dir = temp_path("cue-ontology");
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(DIPLOGRAPH_SOURCE_DIR "/ontology"))
    fs::copy_file(entry.path(), dir / entry.path().filename());
  std::string doc = temp_path("cue-doc.txt");
  {
    std::FILE* f = std::fopen(doc.c_str(), "w");
    REQUIRE(f);
    std::fputs("Tuvalu signed up to the Commonwealth of Nations in 1978.\n", f);
    std::fclose(f);
  }
  std::string out = temp_path("cue-doc.ttl");
  auto member_of_commonwealth = [&]() {
    std::string graph = test_support::read_text(out);
    return graph.find("dg:memberOf") != std::string::npos || graph.find("#memberOf>") != std::string::npos;
  };
  Output before = cli("build --ontology '" + dir.string() + "' '" + doc + "' -q -o '" + out + "'");
  REQUIRE_MESSAGE(before.status == 0, before.err);
  CHECK_FALSE(member_of_commonwealth());  // "signed up to" is no cue of the repository's
  {
    std::FILE* f = std::fopen((dir / "relation_cues.tsv").c_str(), "a");
    REQUIRE(f);
    std::fputs("membership\tsigned up to\tmembership.joined\t0.8\tclause\n", f);
    std::fclose(f);
  }
  Output after = cli("build --ontology '" + dir.string() + "' '" + doc + "' -q -o '" + out + "'");
  REQUIRE_MESSAGE(after.status == 0, after.err);
  CHECK(member_of_commonwealth());
  {
    std::FILE* f = std::fopen((dir / "relation_cues.tsv").c_str(), "a");
    REQUIRE(f);
    std::fputs("membership\tjoined\tmembership.joined\tsure\n", f);
    std::fclose(f);
  }
  Output bad = cli("build --ontology '" + dir.string() + "' '" + doc + "' -q -o '" + out + "'");
  CHECK(bad.status != 0);
  CHECK_MESSAGE(bad.err.find("relation_cues.tsv:") != std::string::npos, bad.err);
  CHECK_MESSAGE(bad.err.find("confidence") != std::string::npos, bad.err);
}
TEST_CASE("build: --list-limit caps the conflicts listed in the summary, not those in the graph") {
  auto conflict_lines = [](const std::string& err) {
    std::size_t n = 0;
    for (const auto& line : lines_of(err))
      if (line.find(": dated ") != std::string::npos || line.find("documents state different numbers") != std::string::npos)
        ++n;
    return n;
  };
  std::string a = temp_path("limit-a.nt"), b = temp_path("limit-b.nt");
  Output all = cli("build " + inputs + " -f ntriples --list-limit 0 -o '" + a + "'");
  REQUIRE_MESSAGE(all.status == 0, all.err);
  CHECK(conflict_lines(all.err) == 8);
  CHECK(all.err.find("more (--list-limit 0 lists all)") == std::string::npos);
  Output few = cli("build " + inputs + " -f ntriples --list-limit 3 -o '" + b + "'");
  REQUIRE_MESSAGE(few.status == 0, few.err);
  CHECK(few.err.find("conflicts: 8") != std::string::npos);
  CHECK(conflict_lines(few.err) == 3);
  CHECK(few.err.find("... and 5 more (--list-limit 0 lists all)") != std::string::npos);
  CHECK(test_support::read_text(a) == test_support::read_text(b));
}

TEST_CASE("build: streamed output is the same for any --jobs, in input order") {
  for (const char* format : {"ntriples", "trig"}) {
    std::string one = temp_path("j1.out"), two = temp_path("j2.out");
    REQUIRE(cli("build " + inputs + " -q -f " + format + " --jobs 1 -o '" + one + "'").status == 0);
    REQUIRE(cli("build " + inputs + " -q -f " + format + " --jobs 3 -o '" + two + "'").status == 0);
    std::string a = test_support::read_text(one), b = test_support::read_text(two);
    CHECK(a.size() > 1000);
    CHECK(a == b);
  }
  // Documents come out in input order: the first file's node before the last's.
  Output o = cli("build " + inputs + " -q -f ntriples -o -");
  std::size_t first = o.out.find("document/finland-foreign-policy> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>");
  std::size_t last = o.out.find("document/latvia-and-nato-r9007> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>");
  REQUIRE(first != std::string::npos);
  REQUIRE(last != std::string::npos);
  CHECK(first < last);
}

TEST_CASE("build: --shard K/N splits the documents, and the shards' triples add up to the whole") {
  std::string whole = temp_path("whole.nt");
  REQUIRE(cli("build " + inputs + " -q -f ntriples -o '" + whole + "'").status == 0);
  std::set<std::string> all = triples_of(whole, RdfSyntax::ntriples);
  std::set<std::string> joined;
  std::size_t documents = 0;
  std::string parts;  // the shard files, quoted, for merge
  for (int k = 1; k <= 3; ++k) {
    std::string part = temp_path("shard" + std::to_string(k) + ".nt");
    parts += " '" + part + "'";
    Output o = cli("build " + inputs + " -f ntriples --shard " + std::to_string(k) + "/3 -o '" + part + "'");
    REQUIRE_MESSAGE(o.status == 0, o.err);
    CHECK(o.err.find("left to other shards") != std::string::npos);
    for (const std::string& t : triples_of(part, RdfSyntax::ntriples)) {
      if (t.ends_with("<https://w3id.org/diplograph/ontology#Document>")) ++documents;
      joined.insert(t);
    }
  }
  CHECK(documents == 11);  // 7 example files + 4 article pages, each in exactly one shard
  // Everything that depends on one document matches exactly; conflicts and
  // the truthy dates of treaties and events need all documents (a conflict
  // between documents in two shards is seen by neither), so they are
  // compared apart.
  std::set<std::string> a, b;
  std::size_t cross = 0;
  for (const auto& t : all) {
    if (cross_document(t)) ++cross;
    else a.insert(t);
  }
  for (const auto& t : joined)
    if (!cross_document(t)) b.insert(t);
  CHECK(a.size() > 4000);
  CHECK(cross > 10);
  CHECK(a == b);

  // Without merge the cross-document parts really differ: none of the
  // unsharded build's conflict nodes is in any shard (each shard sees only
  // some of the statements of a conflict, or none of a pair), two conflicts
  // are missing altogether, and a shard keeps a year that another shard's
  // full date makes redundant.
  std::string whole_text = test_support::read_text(whole);
  std::set<std::string> whole_conflicts, shard_conflicts;
  auto conflict_of = [](const std::string& t) {
    return t.starts_with("<https://w3id.org/diplograph/id/conflict/") ? t.substr(0, t.find('>') + 1) : std::string();
  };
  for (const auto& t : all)
    if (auto c = conflict_of(t); !c.empty()) whole_conflicts.insert(c);
  for (const auto& t : joined)
    if (auto c = conflict_of(t); !c.empty()) shard_conflicts.insert(c);
  CHECK(whole_conflicts.size() == 8);
  CHECK(shard_conflicts.size() == 4);
  for (const auto& c : whole_conflicts) CHECK_MESSAGE(!shard_conflicts.count(c), c);
  const std::string cross_shard = "\"dated 1921-02-12 in one document and 1991 in another\"@en";
  CHECK(whole_text.find(cross_shard) != std::string::npos);
  std::set<std::string> all_cross, joined_cross;
  for (const auto& t : all)
    if (cross_document(t)) all_cross.insert(t);
  for (const auto& t : joined) {
    CHECK(t.find(cross_shard) == std::string::npos);
    if (cross_document(t)) joined_cross.insert(t);
  }
  CHECK(all_cross != joined_cross);
  CHECK(joined_cross.count("<https://w3id.org/diplograph/id/treaty/united-states-baltic-charter-of-partnership> "
                           "<https://w3id.org/diplograph/ontology#date> "
                           "\"1998\"^^http://www.w3.org/2001/XMLSchema#gYear@") == 1);
  CHECK(all_cross.count("<https://w3id.org/diplograph/id/treaty/united-states-baltic-charter-of-partnership> "
                        "<https://w3id.org/diplograph/ontology#date> "
                        "\"1998\"^^http://www.w3.org/2001/XMLSchema#gYear@") == 0);

  // Through merge the property holds exactly: the merged shards are the
  // unsharded N-Triples sorted and unique, byte for byte.
  auto sorted_unique = [](const std::string& text) {
    auto lines = lines_of(text);
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
  };
  std::string merged = temp_path("merged.nt");
  Output m = cli("merge" + parts + " -o '" + merged + "'");
  REQUIRE_MESSAGE(m.status == 0, m.err);
  CHECK(m.err.find("8 conflicts") != std::string::npos);
  std::string merged_text = test_support::read_text(merged);
  CHECK(merged_text.size() > 100000);
  CHECK(merged_text == sorted_unique(whole_text));

  CHECK(cli("build " + inputs + " --shard 4/3 -o -").status != 0);
  CHECK(cli("build " + inputs + " --shard 0/3 -o -").status != 0);
  CHECK(cli("build " + inputs + " --shard x -o -").status != 0);
}

TEST_CASE("build: N-Quads and TriG put each document's triples in a graph named by the document") {
  std::string nq = temp_path("g.nq"), trig = temp_path("g.trig"), nt = temp_path("g.nt");
  REQUIRE(cli("build " + inputs + " -q -f nquads -o '" + nq + "'").status == 0);
  REQUIRE(cli("build " + inputs + " -q -f trig -o '" + trig + "'").status == 0);
  REQUIRE(cli("build " + inputs + " -q -f ntriples -o '" + nt + "'").status == 0);
  CHECK(std::system(("serdi -i nquads -o nquads '" + nq + "' >/dev/null").c_str()) == 0);
  std::string from_trig = temp_path("from_trig.nq");
  REQUIRE(std::system(("serdi -i trig -o nquads '" + trig + "' >'" + from_trig + "'").c_str()) == 0);
  auto quads = lines_of(test_support::read_text(nq));
  auto triples = lines_of(test_support::read_text(nt));
  CHECK(quads.size() == triples.size());
  // TriG says the same quads as N-Quads.
  std::string canonical = temp_path("canonical.nq");
  REQUIRE(std::system(("serdi -i nquads -o nquads '" + nq + "' >'" + canonical + "'").c_str()) == 0);
  auto a = lines_of(test_support::read_text(canonical)), b = lines_of(test_support::read_text(from_trig));
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  CHECK(a == b);
  std::size_t derived = 0, named = 0, shared = 0;
  for (const std::string& q : quads) {
    const std::string p = "> <http://www.w3.org/ns/prov#wasDerivedFrom> <";
    if (auto at = q.find(p); at != std::string::npos) {
      std::string document = q.substr(at + p.size() - 1, q.find('>', at + p.size()) - (at + p.size() - 1) + 1);
      CHECK(q.ends_with(document + " " + document + " ."));  // graph = the document
      ++derived;
    }
    if (q.ends_with("> .") && std::count(q.begin(), q.end(), '<') >= 4) ++named;
    if (q.starts_with("<https://w3id.org/diplograph/id/conflict/")) {
      CHECK(q.find("/document/") == std::string::npos);  // shared parts: the default graph
      ++shared;
    }
  }
  CHECK(derived > 300);
  CHECK(named > derived);
  CHECK(shared > 0);
}

TEST_CASE("build: --namespaces and --pages choose the pages of a dump (also .gz and .bz2)") {
  auto documents = [](const Output& o) {
    auto at = o.err.find("diplograph: ");
    return at == std::string::npos ? std::string() : o.err.substr(at + 12, o.err.find(' ', at + 12) - at - 12);
  };
  Output main = cli("build test/data/pipeline/dump.xml -o -");
  REQUIRE_MESSAGE(main.status == 0, main.err);
  CHECK(documents(main) == "4");  // articles only; the redirect is skipped
  CHECK(main.out.find("Category:Baltic states") == std::string::npos);
  Output cats = cli("build test/data/pipeline/dump.xml.gz --namespaces 0,14 -o -");
  CHECK(documents(cats) == "5");
  CHECK(cats.out.find("Category:Baltic states") != std::string::npos);
  Output all = cli("build test/data/pipeline/dump.xml.bz2 --all-namespaces -o -");
  CHECK(documents(all) == "6");
  Output latvia = cli("build test/data/pipeline/dump.xml.bz2 --pages '^Latvia' -f ntriples -o -");
  CHECK(documents(latvia) == "1");
  CHECK(latvia.out.find("document/latvia-and-nato-r9007>") != std::string::npos);
  CHECK(latvia.out.find("document/estonia-and-nato") == std::string::npos);
  Output none = cli("build test/data/pipeline/dump.xml --pages 'no such page' -o -");
  CHECK(documents(none) == "0");
  Output bad = cli("build test/data/pipeline/dump.xml --pages '(' -o -");
  CHECK(bad.status != 0);
  CHECK(bad.err.find("--pages") != std::string::npos);
}

TEST_CASE("build: a bad input fails the build unless --keep-going, which names it in the summary") {
  std::string out = temp_path("keep.nt");
  fs::remove(out);
  const std::string args = "build examples/documents/lithuania_us_relations.txt test/data/bad/invalid_utf8.txt "
                           "test/data/bad/truncated.xml examples/documents/finland_foreign_policy.txt -f ntriples";
  Output strict = cli(args + " -o '" + out + "'");
  CHECK(strict.status != 0);
  CHECK(strict.err.find("invalid_utf8.txt") != std::string::npos);
  CHECK(!fs::exists(out));
  Output lenient = cli(args + " --keep-going -o '" + out + "'");
  REQUIRE_MESSAGE(lenient.status == 0, lenient.err);
  CHECK(lenient.err.find("skipped: 2") != std::string::npos);
  CHECK(lenient.err.find("skipped: test/data/bad/invalid_utf8.txt: byte ") != std::string::npos);
  CHECK(lenient.err.find("invalid UTF-8") != std::string::npos);
  CHECK(lenient.err.find("skipped: test/data/bad/truncated.xml: byte ") != std::string::npos);
  CHECK(lenient.err.find("2 documents from 4 inputs") != std::string::npos);
  std::string text = test_support::read_text(out);
  CHECK(text.find("document/lithuania-us-relations>") != std::string::npos);
  CHECK(text.find("document/finland-foreign-policy>") != std::string::npos);
  // Quiet still says what was skipped.
  Output quiet = cli(args + " --keep-going -q -o -");
  CHECK(quiet.status == 0);
  CHECK(quiet.err.find("warning: skipped test/data/bad/invalid_utf8.txt") != std::string::npos);
  // Nothing readable at all is still an error.
  CHECK(cli("build test/data/bad/invalid_utf8.txt --keep-going -o -").status != 0);
}

TEST_CASE("build: a run killed with SIGKILL leaves the previous output, and its temporary file goes next time") {
  fs::path dir = temp_path("killed");
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path out = dir / "graph.nt";
  {
    std::FILE* f = std::fopen(out.c_str(), "wb");
    REQUIRE(f);
    std::fputs("# previous output\n", f);
    std::fclose(f);
  }
  // The input comes through a pipe that the test fills with more than the
  // reader's first chunks and then holds open, so the build is mid-write
  // (triples in its temporary file) when it is killed.
  // The writer thread gets EPIPE, not a signal, once the build is killed.
  auto previous_sigpipe = std::signal(SIGPIPE, SIG_IGN);
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::dup2(fds[0], 0);
    ::close(fds[0]);
    ::close(fds[1]);
    if (::chdir(DIPLOGRAPH_SOURCE_DIR) != 0) ::_exit(127);
    ::execl(DIPLOGRAPH_CLI, DIPLOGRAPH_CLI, "build", "-", "-f", "ntriples", "-q", "--jobs", "1", "-o", out.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[0]);
  std::string page_text =
      "Lithuania joined NATO on 29 March 2004. Estonia joined the European Union on 1 May 2004. ";
  std::string feed = "<mediawiki>\n";
  for (int i = 0; feed.size() < (std::size_t{3} << 20); ++i)
    feed += "<page><title>Page " + std::to_string(i) + "</title><ns>0</ns><id>" + std::to_string(i) +
            "</id><revision><id>" + std::to_string(i) + "</id><text>" + page_text + "</text></revision></page>\n";
  std::thread writer([&] {
    std::size_t at = 0;
    while (at < feed.size()) {
      ssize_t n = ::write(fds[1], feed.data() + at, feed.size() - at);
      if (n <= 0) break;
      at += static_cast<std::size_t>(n);
    }
  });
  auto temp_files = [&] {
    std::vector<fs::path> found;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().filename().string().starts_with(".graph.nt.tmp.")) found.push_back(e.path());
    return found;
  };
  bool mid_write = false;
  for (int i = 0; i < 600 && !mid_write; ++i) {
    auto found = temp_files();
    std::error_code ec;
    if (!found.empty() && fs::file_size(found.front(), ec) > 0 && !ec) mid_write = true;
    else std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  writer.join();
  ::close(fds[1]);
  std::signal(SIGPIPE, previous_sigpipe);
  REQUIRE(mid_write);
  CHECK(WIFSIGNALED(status));
  CHECK(test_support::read_text(out.string()) == "# previous output\n");
  CHECK(temp_files().size() == 1);  // nothing can remove it at SIGKILL...
  Output again = cli("build examples/documents/lithuania_us_relations.txt -q -f ntriples -o '" + out.string() + "'");
  REQUIRE(again.status == 0);
  CHECK(temp_files().empty());  // ...so the next write to the same path does
  CHECK(test_support::read_text(out.string()).find("document/lithuania-us-relations>") != std::string::npos);
}

TEST_CASE("build: progress only on a terminal, never with --quiet, and devices are written in place") {
  Output plain = cli("build test/data/pipeline/dump.xml -o -");
  CHECK(plain.err.find('\r') == std::string::npos);
  if (std::system("command -v script >/dev/null 2>&1") == 0) {
    // `script` gives the command a terminal; its stdout is the terminal log.
    std::string log = temp_path("tty.log");
    std::string command = "cd '" DIPLOGRAPH_SOURCE_DIR "' && script -qec \"'" DIPLOGRAPH_CLI
                          "' build " + inputs + " --jobs 1 -o /dev/null\" /dev/null >'" + log + "' 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    std::string tty = test_support::read_text(log);
    CHECK(tty.find(" documents, ") != std::string::npos);
    CHECK(tty.find(" facts") != std::string::npos);
    CHECK(tty.find("\r\033[K") != std::string::npos);  // the line is redrawn and cleared
    std::string quiet_command = "cd '" DIPLOGRAPH_SOURCE_DIR "' && script -qec \"'" DIPLOGRAPH_CLI
                                "' build " + inputs + " -q -o /dev/null\" /dev/null >'" + log + "' 2>&1";
    REQUIRE(std::system(quiet_command.c_str()) == 0);
    CHECK(test_support::read_text(log).find(" documents, ") == std::string::npos);
  } else {
    MESSAGE("script(1) not installed; terminal progress not checked");
  }
  CHECK(fs::is_character_file("/dev/null"));  // not replaced by a renamed file
}
