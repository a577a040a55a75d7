#include "diplograph/merge.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>

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

Outcome merge_shards(const std::vector<std::string>& inputs, MergeSummary& summary,
                     const std::function<Outcome(std::string_view line)>& write_line) {
  if (inputs.empty()) return make_error(Status::bad_argument, "no input files");
  const Vocabulary v;
  RdfModel kept;
  std::map<std::string, NodeFields> nodes;  // statement IRI -> fields
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
      if (t.object.kind == TermKind::literal)
        kept.add_literal(s, p, t.object.value, t.object.datatype, t.object.language);
      else
        kept.add_iri(s, p, t.object.value);
      if (!statement) return {};
      NodeFields& n = nodes[s];
      const std::string& o = t.object.value;
      if (p == v.rdf_subject) n.subject = o;
      else if (p == v.rdf_predicate) n.predicate = o;
      else if (p == v.rdf_object) (t.object.kind == TermKind::literal ? n.object_literal : n.object) = o;
      else if (p == v.date) n.date_lexical = o, n.date_type = t.object.datatype;
      else if (p == v.timex) n.timex = o;
      else if (p == v.modifier) n.modifier = o;
      else if (p == v.derived) n.document = o;
      else if (p == v.rule) n.rule = o;
      else if (p == v.begin) n.begin = o;
      else if (p == v.end) n.end = o;
      return {};
    });
    if (!r) return r.error().in_file(path);
    if (count == 0) summary.warnings.push_back(path + ": no triples");
    summary.input_triples += count;
  }
  if (summary.input_triples == 0)
    return make_error(Status::empty_input, inputs.size() == 1 ? "the input has no triples" : "no input has any triple")
        .in_file(inputs.size() == 1 ? inputs.front() : std::string());

  summary.statements = nodes.size();
  ClaimSet claims;
  for (auto& [node, fields] : nodes) {
    auto s = read_statement(node, fields);
    if (!s) return s.error();
    claims.add(*s);
  }
  decltype(nodes)().swap(nodes);
  CrossDocumentParts parts = claims.finish();
  for (const auto& [subject, values] : parts.entity_dates)
    for (const DateValue& d : values) {
      add_entity_date(kept, subject, d);
      ++summary.entity_dates;
    }
  for (const Conflict& c : parts.conflicts) add_conflict_triples(kept, c);
  summary.conflicts = parts.conflicts.size();

  // Serialized by the same Serd N-Triples writer as build, then sorted
  // bytewise (LC_ALL=C sort) so the output does not depend on Sord's order.
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* memory = ::open_memstream(&buffer, &size);
  if (!memory) return make_error(Status::io_error, "cannot allocate the output buffer");
  Outcome w = kept.write(memory, RdfSyntax::ntriples);
  std::fclose(memory);
  kept = RdfModel();  // the text is all that is needed from here on
  std::string text(buffer ? buffer : "", size);
  std::free(buffer);
  if (!w) return w.error();
  // Views into the one buffer: no string per line (millions of them).
  std::vector<std::string_view> lines;
  for (std::size_t from = 0; from < text.size();) {
    std::size_t nl = text.find('\n', from);
    if (nl == std::string::npos) nl = text.size() - 1;
    lines.push_back(std::string_view(text).substr(from, nl + 1 - from));
    from = nl + 1;
  }
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  summary.triples = lines.size();
  for (std::string_view line : lines) DG_TRY(write_line(line));
  return {};
}

Result<MergeSummary> run_merge(const std::vector<std::string>& inputs, const std::string& output) {
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
    });
    if (!r && !write_failed) input_error = r.error();
    return r;
  });
  if (input_error) return *input_error;
  if (!written) return written.error();
  return summary;
}

}  // namespace diplograph
