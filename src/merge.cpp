#include "diplograph/merge.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <cerrno>
#include <cstring>
#include <unistd.h>

#include "diplograph/fuse.hpp"
#include "diplograph/model.hpp"
#include "diplograph/rdf.hpp"

namespace diplograph {
namespace {

/// What a statement node says, as read; turned into a Statement once every
/// shard is read (a node's triples may come in any order).
struct NodeFields {
  std::string subject, predicate, object, object_literal;
  std::string date_lexical, date_type, timex, modifier;
  std::string document, rule, begin, end;
};

struct Vocabulary {
  std::string rdf_subject = iri(ns::rdf, "subject"), rdf_predicate = iri(ns::rdf, "predicate"),
              rdf_object = iri(ns::rdf, "object"), date = iri(ns::dg, "date"),
              timex = iri(ns::dg, "timexValue"), modifier = iri(ns::dg, "timexModifier"),
              derived = iri(ns::prov, "wasDerivedFrom"), rule = iri(ns::dg, "rule"),
              begin = iri(ns::nif, "beginIndex"), end = iri(ns::nif, "endIndex"),
              statement_prefix = iri(ns::dgr, "statement/"), conflict_prefix = iri(ns::dgr, "conflict/");
};

bool parse_int(std::string_view text, int& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

bool parse_size(std::string_view text, std::size_t& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && !text.empty();
}

/// The DateValue that model.cpp wrote as dg:date (+ dg:timexValue,
/// dg:timexModifier for vague ones); nullopt when it cannot be one.
std::optional<DateValue> read_date(const NodeFields& n) {
  DateValue d;
  const std::string& lex = n.date_lexical;
  const std::string type = n.date_type.substr(std::min(n.date_type.size(), ns::xsd.size()));
  if (!n.date_type.starts_with(ns::xsd)) return std::nullopt;
  if (type == "date") {
    if (lex.size() != 10 || !parse_int(std::string_view(lex).substr(0, 4), d.year) ||
        !parse_int(std::string_view(lex).substr(5, 2), d.month) || !parse_int(std::string_view(lex).substr(8, 2), d.day))
      return std::nullopt;
    d.precision = DatePrecision::day;
  } else if (type == "gYearMonth") {
    if (lex.size() != 7 || !parse_int(std::string_view(lex).substr(0, 4), d.year) ||
        !parse_int(std::string_view(lex).substr(5, 2), d.month))
      return std::nullopt;
    d.precision = DatePrecision::month;
  } else if (type == "gYear") {
    if (!parse_int(lex, d.year)) return std::nullopt;
    d.precision = DatePrecision::year;
  } else {
    return std::nullopt;
  }
  // The TIMEX3 value says what xsd cannot: halves, quarters, decades, centuries.
  const std::string& t = n.timex;
  if (t.size() == 7 && (t[5] == 'H' || t[5] == 'Q')) {
    d.precision = t[5] == 'H' ? DatePrecision::half : DatePrecision::quarter;
    if (!parse_int(std::string_view(t).substr(6), d.part)) return std::nullopt;
  } else if (t.size() == 3) {
    d.precision = DatePrecision::decade;
  } else if (t.size() == 2) {
    d.precision = DatePrecision::century;
  }
  if (!n.modifier.empty()) {
    bool known = false;
    for (DateModifier m : {DateModifier::start, DateModifier::mid, DateModifier::end, DateModifier::before,
                           DateModifier::after, DateModifier::on_or_after, DateModifier::approx}) {
      DateValue probe;
      probe.modifier = m;
      if (n.modifier == probe.modifier_name()) {
        d.modifier = m;
        known = true;
      }
    }
    if (!known) return std::nullopt;
  }
  if (d.xsd_lexical() != lex || (!t.empty() && d.timex() != t)) return std::nullopt;
  return d;
}

Error node_error(const std::string& node, const std::string& why) {
  return make_error(Status::bad_input, "statement node <" + node + ">: " + why);
}

/// The Statement a node stands for; the node's IRI must be its hash, so what
/// the fuser computes from it is what the build computed.
Result<Statement> read_statement(const std::string& node, const NodeFields& n) {
  Statement s;
  s.subject = n.subject;
  if (!n.predicate.starts_with(ns::dg)) return node_error(node, "rdf:predicate is not in the dg: namespace");
  s.predicate = n.predicate.substr(ns::dg.size());
  s.object = n.object;
  if (s.predicate != predicate::date) s.value = n.object_literal;
  if (!n.date_lexical.empty() || !n.date_type.empty()) {
    s.date = read_date(n);
    if (!s.date) return node_error(node, "dg:date \"" + n.date_lexical + "\" is not a date build writes");
  }
  s.document = n.document;
  s.rule = n.rule;
  if (!parse_size(n.begin, s.begin) || !parse_size(n.end, s.end))
    return node_error(node, "nif:beginIndex/nif:endIndex missing or not a number");
  if (s.iri() != node)
    return node_error(node, "its rdf:subject, rdf:predicate, rdf:object, dg:date, prov:wasDerivedFrom, "
                            "offsets and dg:rule do not hash to its IRI (edited, or written by another version?)");
  return s;
}

std::string describe(const Term& t) {
  return t.kind == TermKind::blank ? "_:" + t.value : t.value;
}

}  // namespace

namespace {

/// Sorted, unique lines in bounded memory: lines gather in one buffer; a
/// full buffer is sorted and spilled to an anonymous temporary file (a
/// run); finish() merges the runs. So merging shards of any size needs
/// about `budget` bytes of memory and the output's size of temporary disk.
class LineSorter {
 public:
  /// The buffer is reserved at once, so it never doubles past the budget
  /// (untouched pages of it cost no memory).
  explicit LineSorter(std::size_t budget) : budget_(budget) { text_.reserve(budget_ + (std::size_t{1} << 16)); }
  LineSorter(const LineSorter&) = delete;
  LineSorter& operator=(const LineSorter&) = delete;
  ~LineSorter() {
    for (std::FILE* run : runs_) std::fclose(run);
  }

  /// `line` ends in '\n'.
  Outcome add(std::string_view line) {
    if (!views_.empty() && text_.size() + line.size() > budget_) DG_TRY(spill());
    views_.push_back({text_.size(), line.size()});
    text_.append(line);
    return {};
  }

  Outcome finish(const std::function<Outcome(std::string_view line)>& write_line, std::size_t& written) {
    if (runs_.empty()) {  // all in memory: no temporary file
      std::vector<std::string_view> lines = sorted();
      for (std::string_view line : lines) DG_TRY(write_line(line));
      written = lines.size();
      return {};
    }
    if (!views_.empty()) DG_TRY(spill());
    // k-way merge: the smallest current line of each run, duplicates once.
    struct Head {
      std::string line;
      std::size_t run;
    };
    auto later = [](const Head& a, const Head& b) { return a.line > b.line; };
    std::priority_queue<Head, std::vector<Head>, decltype(later)> heads(later);
    auto next = [&](std::size_t run) -> Outcome {
      char* data = nullptr;
      std::size_t capacity = 0;
      ssize_t n = ::getline(&data, &capacity, runs_[run]);
      if (n > 0) heads.push(Head{std::string(data, static_cast<std::size_t>(n)), run});
      std::free(data);
      if (n < 0 && std::ferror(runs_[run])) return make_error(Status::io_error, "cannot read a temporary file");
      return {};
    };
    for (std::size_t run = 0; run < runs_.size(); ++run) {
      std::rewind(runs_[run]);
      DG_TRY(next(run));
    }
    std::string last;
    written = 0;
    while (!heads.empty()) {
      Head head = heads.top();
      heads.pop();
      if (head.line != last) {
        DG_TRY(write_line(head.line));
        ++written;
        last = head.line;
      }
      DG_TRY(next(head.run));
    }
    return {};
  }

 private:
  std::vector<std::string_view> sorted() {
    std::vector<std::string_view> lines;
    lines.reserve(views_.size());
    for (auto [at, size] : views_) lines.push_back(std::string_view(text_).substr(at, size));
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    return lines;
  }

  Outcome spill() {
    // In $TMPDIR (else /tmp), unlinked at once: nothing is left behind,
    // even by a killed run.
    const char* dir = std::getenv("TMPDIR");
    std::string name = std::string(dir && *dir ? dir : "/tmp") + "/diplograph-merge.XXXXXX";
    int fd = ::mkstemp(name.data());
    if (fd < 0)
      return make_error(Status::io_error, "cannot create a temporary file in " + name.substr(0, name.rfind('/')) +
                                              " (set TMPDIR): " + std::strerror(errno));
    ::unlink(name.c_str());
    std::FILE* run = ::fdopen(fd, "w+b");
    if (!run) {
      ::close(fd);
      return make_error(Status::io_error, "cannot open a temporary file");
    }
    runs_.push_back(run);
    for (std::string_view line : sorted())
      if (std::fwrite(line.data(), 1, line.size(), run) != line.size())
        return make_error(Status::io_error, "cannot write a temporary file (disk full?)");
    if (std::fflush(run) != 0) return make_error(Status::io_error, "cannot write a temporary file (disk full?)");
    text_.clear();
    views_.clear();
    return {};
  }

  std::size_t budget_;
  std::string text_;
  std::vector<std::pair<std::size_t, std::size_t>> views_;
  std::vector<std::FILE*> runs_;
};

/// Adds a statement node's claim (if dated or counted); fails when its
/// fields do not make a statement that hashes to its IRI.
Outcome collect_statement(const std::string& node, NodeFields& fields, ClaimSet& claims) {
  auto s = read_statement(node, fields);
  if (!s) return s.error();
  claims.add(*s);
  return {};
}

}  // namespace

Outcome merge_shards(const std::vector<std::string>& inputs, MergeSummary& summary,
                     const std::function<Outcome(std::string_view line)>& write_line,
                     std::size_t memory_budget) {
  if (inputs.empty()) return make_error(Status::bad_argument, "no input files");
  const Vocabulary v;
  LineSorter lines(memory_budget);
  // Statement nodes being read. A node is settled (its claim taken, its
  // fields dropped) once its subject's run of triples ends and its fields
  // hash to its IRI, so only the current node is held for build's output.
  std::map<std::string, NodeFields> pending;
  std::size_t settled = 0;
  ClaimSet claims;
  std::map<std::string, std::vector<DateValue>> dates;
  auto add_rendered = [&](const TripleBuffer& buffer) -> Outcome {
    std::size_t n = 0;
    auto text = buffer.render_lines(OutputFormat::ntriples, {}, n);
    if (!text) return text.error();
    for (std::size_t from = 0; from < text->size();) {
      std::size_t nl = text->find('\n', from);
      DG_TRY(lines.add(std::string_view(*text).substr(from, nl + 1 - from)));
      from = nl + 1;
    }
    return {};
  };
  TripleBuffer batch;
  auto flush = [&]() -> Outcome {
    DG_TRY(add_rendered(batch));
    batch.clear();
    return {};
  };
  std::string current;  // the statement node whose triples are being read
  auto settle = [&](const std::string& node) -> Outcome {
    auto it = pending.find(node);
    if (it == pending.end()) return {};
    if (auto statement = read_statement(node, it->second)) {  // complete: its fields hash to its IRI
      claims.add(*statement);
      pending.erase(it);
      ++settled;
    }
    return {};
  };
  summary.inputs = inputs.size();
  for (const std::string& path : inputs) {
    std::size_t count = 0;
    Outcome r = parse_rdf_file(path, RdfSyntax::ntriples, [&](const Triple& t) -> Outcome {
      ++count;
      if (t.subject.kind != TermKind::iri || t.object.kind == TermKind::blank)
        return make_error(Status::unsupported, "triple " + std::to_string(count) + ": blank node " +
                                                   describe(t.subject.kind == TermKind::blank ? t.subject : t.object) +
                                                   " (build writes none; merge reads build's output)")
            .in_file(path);
      const std::string& s = t.subject.value;
      const std::string& p = t.predicate.value;
      const bool statement = s.starts_with(v.statement_prefix);
      // Cross-document parts: computed again below from all shards at once.
      if (s.starts_with(v.conflict_prefix) || (p == v.date && !statement)) {
        ++summary.dropped;
        return {};
      }
      // Re-serialized by the same Serd writer as build's, a batch at a time.
      if (t.object.kind == TermKind::literal)
        batch.add_literal(s, p, t.object.value, t.object.datatype, t.object.language);
      else
        batch.add_iri(s, p, t.object.value);
      if (batch.size() >= 4096) DG_TRY(flush());
      if (s != current) {  // the previous node's triples have ended (in build's order)
        if (!current.empty()) DG_TRY(settle(current));
        current = statement ? s : std::string();
      }
      if (!statement) return {};
      // Only the hashed fields open a pending entry (evidence, section and
      // confidence are not hashed): a node stays pending, however scattered
      // its triples, until they are all there.
      std::string NodeFields::*field = nullptr;
      if (p == v.rdf_subject) field = &NodeFields::subject;
      else if (p == v.rdf_predicate) field = &NodeFields::predicate;
      else if (p == v.rdf_object) field = t.object.kind == TermKind::literal ? &NodeFields::object_literal : &NodeFields::object;
      else if (p == v.date) field = &NodeFields::date_lexical;
      else if (p == v.timex) field = &NodeFields::timex;
      else if (p == v.modifier) field = &NodeFields::modifier;
      else if (p == v.derived) field = &NodeFields::document;
      else if (p == v.rule) field = &NodeFields::rule;
      else if (p == v.begin) field = &NodeFields::begin;
      else if (p == v.end) field = &NodeFields::end;
      if (!field) return {};
      NodeFields& fields = pending[s];
      fields.*field = t.object.value;
      if (p == v.date) fields.date_type = t.object.datatype;
      return {};
    });
    if (!r) return r.error().in_file(path);
    DG_TRY(flush());
    if (!current.empty()) DG_TRY(settle(current));
    current.clear();
    if (count == 0) summary.warnings.push_back(path + ": no triples");
    summary.input_triples += count;
  }
  if (summary.input_triples == 0)
    return make_error(Status::empty_input, inputs.size() == 1 ? "the input has no triples" : "no input has any triple")
        .in_file(inputs.size() == 1 ? inputs.front() : std::string());
  // What is still pending is incomplete for good: its error says why.
  for (auto& [node, fields] : pending) {
    Outcome r = collect_statement(node, fields, claims);
    if (!r) {
      Error e = r.error();
      e.message += " (or one of its triples is repeated after the node was complete)";
      return e;
    }
  }
  summary.statements = settled + pending.size();  // as read: a node in two inputs counts twice
  decltype(pending)().swap(pending);

  DG_TRY(claims.finish(dates, [&](const Conflict& c) -> Outcome {
    TripleBuffer triples;
    add_conflict_triples(triples, c);
    ++summary.conflicts;
    return add_rendered(triples);
  }));
  TripleBuffer tail;
  for (const auto& [subject, values] : dates)
    for (const DateValue& d : values) {
      add_entity_date(tail, subject, d);
      ++summary.entity_dates;
    }
  DG_TRY(add_rendered(tail));
  // Sorted bytewise (LC_ALL=C sort -u) so the output does not depend on the
  // order of the shards or of their lines.
  return lines.finish(write_line, summary.triples);
}

Result<MergeSummary> run_merge(const std::vector<std::string>& inputs, const std::string& output,
                               std::size_t memory_budget) {
  MergeSummary summary;
  // Inputs are read inside the atomic write: on any error the previous
  // output stays and the temporary file goes.
  // (An input's error is returned as it is, not labelled with the output's name.)
  std::optional<Error> input_error;
  Outcome written = write_atomically(output, [&](std::FILE* out) -> Outcome {
    bool write_failed = false;
    Outcome r = merge_shards(inputs, summary, [&](std::string_view line) -> Outcome {
      if (std::fwrite(line.data(), 1, line.size(), out) != line.size()) {
        write_failed = true;
        return make_error(Status::io_error, "writing N-Triples failed");
      }
      return {};
    }, memory_budget);
    if (!r && !write_failed) input_error = r.error();
    return r;
  });
  if (input_error) return *input_error;
  if (!written) return written.error();
  return summary;
}

}  // namespace diplograph
