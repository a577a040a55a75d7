// build, explain and eval: documents in, a graph out, and its score.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <map>
#include <regex>
#include <tuple>

#include "cli.hpp"
#include "diplograph/evaluate.hpp"
#include "diplograph/pipeline.hpp"

namespace diplograph::cli {
namespace {

/// Lists at most `limit` lines (0: all), then says how many were left out.
void print_list(const std::vector<std::string>& lines, std::size_t limit, const char* prefix) {
  std::size_t shown = limit == 0 ? lines.size() : std::min(limit, lines.size());
  for (std::size_t i = 0; i < shown; ++i) std::fprintf(stderr, "    %s%s\n", prefix, lines[i].c_str());
  if (shown < lines.size())
    std::fprintf(stderr, "    ... and %zu more (--list-limit 0 lists all)\n", lines.size() - shown);
}

void print_summary(const BuildSummary& s, const std::string& output, std::size_t limit) {
  std::fprintf(stderr, "diplograph: %zu document%s from %zu input%s -> %s\n", s.documents,
               s.documents == 1 ? "" : "s", s.inputs, s.inputs == 1 ? "" : "s",
               output == "-" ? "stdout" : output.c_str());
  std::string entities;
  for (const auto& [type, n] : s.entities_by_type)
    entities += (entities.empty() ? "" : ", ") + type + " " + std::to_string(n);
  std::fprintf(stderr, "  entities: %s\n", entities.empty() ? "none" : entities.c_str());
  std::string facts;
  for (const auto& [property, n] : s.facts_by_property)
    facts += (facts.empty() ? "" : ", ") + property + " " + std::to_string(n);
  std::fprintf(stderr, "  facts: %s\n", facts.empty() ? "none" : facts.c_str());
  std::fprintf(stderr, "  statements: %zu, triples: %zu\n", s.statements, s.triples);
  if (!s.conflicts.empty()) {
    std::fprintf(stderr, "  conflicts: %zu\n", s.conflicts.size());
    print_list(s.conflicts, limit, "");
  }
  if (s.other_shards) std::fprintf(stderr, "  left to other shards: %zu documents\n", s.other_shards);
  if (!s.not_read.empty()) {
    std::size_t total = 0;
    std::string kinds;
    for (const auto& [extension, n] : s.not_read) {
      total += n;
      if (!kinds.empty()) kinds += ", ";
      kinds += (extension.empty() ? std::string("no extension") : extension) + " (" + std::to_string(n) + ")";
    }
    std::fprintf(stderr, "  not read: %zu files of the folders given, not a format diplograph reads: %s\n", total,
                 kinds.c_str());
  }
  if (!s.skipped.empty()) {
    std::fprintf(stderr, "  skipped: %zu\n", s.skipped.size());
    for (const auto& k : s.skipped) std::fprintf(stderr, "    skipped: %s\n", k.c_str());
  }
  if (!s.warnings.empty()) {
    std::fprintf(stderr, "  warnings: %zu\n", s.warnings.size());
    print_list(s.warnings, limit, "warning: ");
  }
}

void print_scores_row(const std::string& document, const std::string& predicate, const Scores& s) {
  std::printf("%-36s %-24s %5zu %5zu %5zu  %5.3f  %5.3f  %5.3f  %5.3f\n", document.c_str(),
              predicate.c_str(), s.gold, s.predicted, s.matched, s.precision(), s.recall(), s.f1(),
              s.date_accuracy());
}

// The split a gold file belongs to: the name of its folder ("gold/dev/x.tsv" -> "dev").
std::string split_of(const std::string& gold_file) {
  return std::filesystem::path(gold_file).parent_path().filename().string();
}

bool below(const Scores& s, double min_precision, double min_recall, double min_dates) {
  return s.precision() < min_precision || s.recall() < min_recall || s.date_accuracy() < min_dates;
}

int run_eval(const std::string& graph, const std::vector<std::string>& gold, bool diff,
             double min_precision, double min_recall, double min_dates, const std::string& check_split) {
  auto result = evaluate(graph, gold);
  if (!result) return fail(result.error());
  std::printf("%-36s %-24s %5s %5s %5s  %5s  %5s  %5s  %5s\n", "document", "predicate", "gold", "graph",
              "match", "P", "R", "F1", "dates");
  bool failed = false;
  std::map<std::string, std::map<std::string, Scores>> splits;  // split -> predicate -> scores
  for (const DocumentEvaluation& d : result->documents) {
    for (const auto& [p, s] : d.by_predicate) splits[split_of(d.gold_file)][p].add(s);
    splits[split_of(d.gold_file)]["(all)"].add(d.total);
    std::string name = std::filesystem::path(d.gold_file).stem().string();
    for (const auto& [p, s] : d.by_predicate) print_scores_row(name, p, s);
    print_scores_row(name, "(all)", d.total);
    if (d.document.empty())
      std::printf("%-36s no document in the graph has this name\n", name.c_str());
    if (check_split.empty() && below(d.total, min_precision, min_recall, min_dates)) failed = true;
  }
  // Documents in several folders (dev/, blind/): one total per folder.
  if (splits.size() > 1 || !check_split.empty())
    for (const auto& [split, by_predicate] : splits)
      for (const auto& [p, s] : by_predicate) print_scores_row("(split " + split + ")", p, s);
  if (!check_split.empty()) {
    auto it = splits.find(check_split);
    if (it == splits.end()) {
      std::fprintf(stderr, "diplograph: error: no gold file is in a folder named '%s'\n", check_split.c_str());
      return 1;
    }
    failed = below(it->second["(all)"], min_precision, min_recall, min_dates);
  }
  for (const auto& [p, s] : result->by_predicate) print_scores_row("(all documents)", p, s);
  print_scores_row("(all documents)", "(all)", result->total);
  if (diff) {
    for (const DocumentEvaluation& d : result->documents) {
      if (d.differences.empty()) continue;
      std::printf("\n# %s\n", d.gold_file.c_str());
      for (const Difference& x : d.differences)
        std::printf("%s %s %s %s%s%s\n    \"%s\"\n", x.missed ? "missed  " : "spurious", x.subject.c_str(),
                    x.predicate.c_str(), x.object.c_str(), x.date.empty() ? "" : " @", x.date.c_str(),
                    x.evidence.c_str());
    }
  }
  if (failed) {
    std::fprintf(stderr, check_split.empty()
                             ? "diplograph: a document is below the required precision, recall or date accuracy\n"
                             : "diplograph: the split is below the required precision, recall or date accuracy\n");
    return 1;
  }
  return 0;
}

struct BuildArgs {
  BuildOptions build;
  std::string syntax = "turtle", input_format = "auto", pages, shard;
  std::vector<int> namespaces;
  bool quiet = false;
  std::size_t list_limit = 20;
};

std::string clock_text(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buffer[32];
  if (s >= 3600)
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld", s / 60, s % 60);
  return buffer;
}

/// A one-line progress display on stderr, redrawn at most four times a
/// second and cleared at the end.
class ProgressLine {
 public:
  void operator()(const BuildProgress& p) {
    auto now = std::chrono::steady_clock::now();
    if (p.finished) {
      if (drawn_) std::fputs("\r\033[K", stderr);
      drawn_ = false;
      return;
    }
    if (drawn_ && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    double mb = static_cast<double>(p.bytes_done) / 1e6;
    char line[256];
    int n = std::snprintf(line, sizeof line, "%zu documents, %.1f", p.documents, mb);
    std::string text(line, static_cast<std::size_t>(n));
    if (p.bytes_total) {
      std::snprintf(line, sizeof line, "/%.1f MB (%.0f%%)", static_cast<double>(p.bytes_total) / 1e6,
                    100.0 * static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total));
      text += line;
    } else {
      text += " MB";
    }
    if (elapsed > 0.5) {
      std::snprintf(line, sizeof line, ", %.1f MB/s", mb / elapsed);
      text += line;
      if (p.bytes_total && p.bytes_done > 0 && p.bytes_done < p.bytes_total)
        text += ", ETA " + clock_text(elapsed * static_cast<double>(p.bytes_total - p.bytes_done) /
                                      static_cast<double>(p.bytes_done));
    }
    text += ", " + std::to_string(p.statements) + " facts";
    std::fprintf(stderr, "\r\033[K%s", text.c_str());
    std::fflush(stderr);
    drawn_ = true;
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_;
  bool drawn_ = false;
};

/// "K/N" (1-based K) -> 0-based index and count.
Result<std::pair<unsigned, unsigned>> parse_shard(const std::string& text) {
  auto bad = [&] {
    return make_error(Status::bad_argument, "--shard wants K/N with 1 <= K <= N, got '" + text + "'");
  };
  auto slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size()) return bad();
  std::string k = text.substr(0, slash), n = text.substr(slash + 1);
  if (k.find_first_not_of("0123456789") != std::string::npos ||
      n.find_first_not_of("0123456789") != std::string::npos || k.size() > 9 || n.size() > 9)
    return bad();
  unsigned ki = static_cast<unsigned>(std::stoul(k)), ni = static_cast<unsigned>(std::stoul(n));
  if (ki < 1 || ni < 1 || ki > ni) return bad();
  return std::make_pair(ki - 1, ni);
}

struct ExplainArgs {
  std::vector<std::string> inputs, gazetteers;
  std::string ontology, input_format = "auto";
};

struct EvalArgs {
  std::string graph;
  std::vector<std::string> gold;
  bool diff = false;
  double min_precision = 0, min_recall = 0, min_dates = 0;
  std::string check_split;
};

int run_build_command(BuildArgs& a) {
  auto format = parse_format_name(a.input_format);
  if (!format) return fail(format.error());
  a.build.read.format = *format;
  a.build.format = a.syntax == "ntriples" ? OutputFormat::ntriples
                   : a.syntax == "nquads" ? OutputFormat::nquads
                   : a.syntax == "trig"   ? OutputFormat::trig
                                          : OutputFormat::turtle;
  a.build.read.namespaces = a.namespaces;
  if (!a.pages.empty()) {
    try {
      a.build.read.pages = std::make_shared<const std::regex>(a.pages, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error& e) {
      return fail(make_error(Status::bad_argument, "--pages: not a regular expression: '" + a.pages + "' (" + e.what() + ")"));
    }
  }
  if (!a.shard.empty()) {
    auto shard = parse_shard(a.shard);
    if (!shard) return fail(shard.error());
    std::tie(a.build.shard_index, a.build.shard_count) = *shard;
  }
  ProgressLine line;
  if (!a.quiet && ::isatty(2)) a.build.progress = [&line](const BuildProgress& p) { line(p); };
  auto summary = run_build(a.build);
  if (!summary) return fail(summary.error());
  if (!a.quiet) print_summary(*summary, a.build.output, a.list_limit);
  else
    for (const auto& k : summary->skipped) std::fprintf(stderr, "diplograph: warning: skipped %s\n", k.c_str());
  return 0;
}

int run_explain(const ExplainArgs& a) {
  auto format = parse_format_name(a.input_format);
  if (!format) return fail(format.error());
  ReadOptions read;
  read.format = *format;
  auto gazetteer =
      load_gazetteer(a.ontology.empty() ? default_ontology_directory() : a.ontology, a.gazetteers);
  if (!gazetteer) return fail(gazetteer.error());
  auto files = expand_inputs(a.inputs);
  if (!files) return fail(files.error());
  auto processor = DocumentProcessor::create(*gazetteer);
  if (!processor) return fail(processor.error());
  for (const auto& file : *files) {
    Outcome r = read_file(file, read, [&](Document&& doc) -> Outcome {
      std::cout << processor->explain(doc);
      return {};
    });
    if (!r) return fail(r.error().in_file(file));
  }
  return 0;
}

}  // namespace

void add_build_commands(CLI::App& app, Commands& commands) {
  auto b = std::make_shared<BuildArgs>();
  CLI::App* build_cmd = app.add_subcommand(
      "build", "Read documents (files, folders, - for stdin) and write the graph as Turtle, N-Triples, N-Quads or TriG.");
  build_cmd->add_option("inputs", b->build.inputs, "Files or folders to read; - reads stdin")
      ->required();
  build_cmd->add_option("-o,--output", b->build.output, "Output file, or - for stdout")
      ->capture_default_str();
  build_cmd->add_option("-f,--format", b->syntax, "Output syntax")
      ->check(CLI::IsMember({"turtle", "ntriples", "nquads", "trig"}))
      ->capture_default_str()
      ->description("Output syntax: turtle (sorted, abbreviated, built in memory), or streamed "
                    "document by document: ntriples, nquads or trig (one named graph per document)");
  build_cmd->add_option("--input-format", b->input_format,
                        "Input format: auto, plain, wikitext, mediawiki, mediawiki-xml, html, markdown")
      ->capture_default_str();
  build_cmd->add_flag("--all-namespaces", b->build.read.all_namespaces,
                      "MediaWiki XML: read talk, user and other non-article pages too");
  build_cmd->add_option("--namespaces", b->namespaces,
                        "MediaWiki XML: namespace numbers to read, e.g. 0,14 (default 0: articles)")
      ->delimiter(',');
  build_cmd->add_option("--pages", b->pages,
                        "MediaWiki XML: keep only pages whose title matches this regular expression "
                        "(ECMAScript, found anywhere in the title; anchor with ^...$)");
  build_cmd->add_option("--shard", b->shard,
                        "K/N: process only the K-th (1..N) of N shards of the documents, chosen by a "
                        "stable hash of the document id");
  build_cmd->add_flag("--keep-going", b->build.keep_going,
                      "Skip inputs that cannot be read (named in the summary) instead of failing");
  build_cmd->add_option("--gazetteer", b->build.gazetteers,
                        "Extra gazetteer Turtle file (repeatable): your entities and aliases")
      ->check(CLI::ExistingFile);
  build_cmd->add_option("--ontology", b->build.ontology_directory,
                        "Folder with the ontology and gazetteers (default: the installed one, or "
                        "$DIPLOGRAPH_ONTOLOGY)");
  build_cmd->add_option("--min-confidence", b->build.min_confidence,
                        "Keep only facts whose rule's confidence is at least this (0..1)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  build_cmd->add_option("-j,--jobs", b->build.jobs,
                        "Documents processed in parallel (default 0: one per core); the output "
                        "is the same for any number")
      ->capture_default_str();
  build_cmd->add_flag("-q,--quiet", b->quiet, "Print nothing but errors");
  build_cmd->add_option("--list-limit", b->list_limit,
                        "List at most N conflicts and N warnings in the summary (0: all; every conflict "
                        "is in the graph either way)")
      ->capture_default_str();
  add_version_flag(build_cmd);
  commands.push_back({build_cmd, [b] { return run_build_command(*b); }});

  auto x = std::make_shared<ExplainArgs>();
  CLI::App* explain_cmd = app.add_subcommand(
      "explain", "Show how documents are read: sentences, recognized entities, dates and the facts "
                 "extracted from each sentence (for checking and tuning).");
  explain_cmd->add_option("inputs", x->inputs, "Files or folders; - reads stdin")->required();
  explain_cmd->add_option("--input-format", x->input_format, "Input format")->capture_default_str();
  explain_cmd->add_option("--gazetteer", x->gazetteers, "Extra gazetteer Turtle file (repeatable)");
  explain_cmd->add_option("--ontology", x->ontology, "Folder with the ontology and gazetteers");
  add_version_flag(explain_cmd);
  commands.push_back({explain_cmd, [x] { return run_explain(*x); }});

  auto e = std::make_shared<EvalArgs>();
  CLI::App* eval_cmd = app.add_subcommand(
      "eval", "Score a graph against gold-standard TSV files: precision, recall and F1 per "
              "predicate and document, and date accuracy on matched facts.");
  eval_cmd->add_option("graph", e->graph, "Turtle or N-Triples graph from build")->required()->check(CLI::ExistingFile);
  eval_cmd->add_option("gold", e->gold, "Gold TSV files (subject, predicate, object, date, evidence); "
                                        "gold/foo.tsv is matched with the document read from foo.*")
      ->required()->check(CLI::ExistingFile);
  eval_cmd->add_flag("--diff", e->diff, "List every missed and spurious fact with its evidence");
  eval_cmd->add_option("--min-precision", e->min_precision, "Exit 1 if a document's precision is lower");
  eval_cmd->add_option("--min-recall", e->min_recall, "Exit 1 if a document's recall is lower");
  eval_cmd->add_option("--min-date-accuracy", e->min_dates, "Exit 1 if a document's date accuracy is lower");
  eval_cmd->add_option("--check-split", e->check_split,
                       "Apply the --min-* thresholds to the total of one split (the gold files in the "
                       "folder of this name, e.g. dev) instead of to each document");
  add_version_flag(eval_cmd);
  commands.push_back({eval_cmd, [e] {
                        return run_eval(e->graph, e->gold, e->diff, e->min_precision, e->min_recall,
                                        e->min_dates, e->check_split);
                      }});
}

}  // namespace diplograph::cli
