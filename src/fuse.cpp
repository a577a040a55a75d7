#include "diplograph/fuse.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "diplograph/rdf.hpp"
#include "diplograph/reader.hpp"

namespace diplograph {
namespace {

std::uint64_t fnv1a(std::string_view data) { return stable_hash(data); }

std::string hex(std::uint64_t v) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(v));
  return buffer;
}

std::size_t code_points(std::string_view text, std::size_t byte_end) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < byte_end && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  return n;
}

std::string date_key(const std::optional<DateValue>& d) {
  if (!d) return {};
  return d->timex() + "/" + d->modifier_name();
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

}  // namespace

// FNV-1a, 64 bit: stable across platforms and runs, enough for node names.
std::uint64_t stable_hash(std::string_view data) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::string Statement::iri() const {
  std::string key = subject + '\x1f' + predicate + '\x1f' + object + value + '\x1f' + date_key(date) +
                    '\x1f' + document + '\x1f' + std::to_string(begin) + '\x1f' +
                    std::to_string(end) + '\x1f' + rule;
  return diplograph::iri(ns::dgr, "statement/" + hex(fnv1a(key)));
}

std::string Conflict::iri() const {
  return diplograph::iri(ns::dgr, "conflict/" + hex(fnv1a(subject + '\x1f' + predicate + '\x1f' +
                                                         object + '\x1f' + join(statements, ","))));
}

bool dates_compatible(const DateValue& a, const DateValue& b) {
  if (a.year != b.year) {
    // Decades and centuries are prefixes of years.
    std::string ta = a.timex(), tb = b.timex();
    return ta.rfind(tb, 0) == 0 || tb.rfind(ta, 0) == 0;
  }
  if (a.month && b.month && a.month != b.month) return false;
  if (a.day && b.day && a.day != b.day) return false;
  return true;
}

DocumentFacts make_document_facts(const Document& document, const RecognizedDocument& recognized,
                                  const std::vector<Fact>& facts,
                                  std::vector<std::string> warnings) {
  DocumentFacts out;
  out.document.id = document.id;
  out.document.iri = iri(ns::dgr, "document/" + slugify(document.id));
  out.document.title = document.title;
  out.document.source = document.source;
  out.document.format = document.format;
  out.document.revision_id = document.revision_id;
  out.document.page_id = document.page_id;
  out.discovered = recognized.discovered;
  out.mentioned = recognized.mentioned;
  out.warnings = std::move(warnings);
  // Code point offsets: every byte offset the facts need, counted in one
  // pass over the text.
  std::vector<std::size_t> offsets;
  for (const Fact& f : facts) {
    offsets.push_back(f.evidence.begin);
    offsets.push_back(f.evidence.end);
  }
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  std::map<std::size_t, std::size_t> chars_at;
  std::size_t from = 0, count = 0;
  for (std::size_t byte : offsets) {
    count += code_points(std::string_view(document.text).substr(from), byte - from);
    from = byte;
    chars_at[byte] = count;
  }
  auto to_chars = [&](std::size_t byte) { return chars_at.at(byte); };
  for (const Fact& f : facts) {
    Statement s;
    s.subject = f.subject;
    s.predicate = f.predicate;
    s.object = f.object;
    s.value = f.value;
    s.date = f.date;
    s.document = out.document.iri;
    s.evidence = std::string(document.slice(f.evidence));
    s.begin = to_chars(f.evidence.begin);
    s.end = to_chars(f.evidence.end);
    s.rule = f.rule;
    s.confidence = f.confidence;
    for (const Block& b : document.blocks) {
      if (b.span.begin <= f.evidence.begin && f.evidence.end <= b.span.end) {
        s.section = join(b.section_path, " > ");
        break;
      }
    }
    out.statements.push_back(std::move(s));
  }
  return out;
}

void FactFuser::add(DocumentFacts facts) { parts_.push_back(std::move(facts)); }

FusedGraph FactFuser::finish() {
  FusedGraph graph;
  std::sort(parts_.begin(), parts_.end(), [](const DocumentFacts& a, const DocumentFacts& b) {
    return a.document.iri < b.document.iri;
  });
  std::map<std::string, EntityRecord> entities;
  auto note_entity = [&](const std::string& iri_value, const std::string& document,
                         const std::vector<Entity>& discovered) {
    auto it = entities.find(iri_value);
    if (it == entities.end()) {
      const Entity* e = nullptr;
      if (auto id = gazetteer_.find_iri(iri_value)) e = &gazetteer_.entities()[*id];
      for (const Entity& d : discovered)
        if (d.iri == iri_value) e = &d;
      if (!e) return;
      it = entities.emplace(iri_value, EntityRecord{*e, {}}).first;
    }
    if (!document.empty()) {
      auto& docs = it->second.mentioned_in;
      if (std::find(docs.begin(), docs.end(), document) == docs.end()) docs.push_back(document);
    }
  };
  // Keyed by statement IRI: unique and sorted, each hash computed once.
  std::map<std::string, Statement> statements;
  for (DocumentFacts& part : parts_) {
    graph.documents.push_back(part.document);
    for (const auto& m : part.mentioned) note_entity(m, part.document.iri, part.discovered);
    for (Statement& s : part.statements) {
      note_entity(s.subject, part.document.iri, part.discovered);
      if (!s.object.empty()) note_entity(s.object, part.document.iri, part.discovered);
      std::vector<Statement> both{s};
      if (s.predicate == predicate::diplomatic_relations_with) {  // symmetric: both directions
        Statement mirror = s;
        std::swap(mirror.subject, mirror.object);
        both.push_back(std::move(mirror));
      }
      for (Statement& x : both) {
        std::string key = x.iri();
        statements.try_emplace(std::move(key), std::move(x));
      }
    }
  }
  // Group members are entities too, so every IRI in the graph has a label.
  std::vector<std::string> members;
  for (const auto& [iri_value, record] : entities)
    for (const auto& m : record.entity.members) members.push_back(m);
  for (const auto& m : members) note_entity(m, "", {});
  for (auto& [iri_value, record] : entities) {
    std::sort(record.mentioned_in.begin(), record.mentioned_in.end());
    graph.entities.push_back(std::move(record));
  }
  graph.statements.reserve(statements.size());
  for (auto& [key, s] : statements) graph.statements.push_back(std::move(s));

  // Only dated and counted statements take part (evidence text not needed).
  std::vector<Statement> claims;
  for (const Statement& s : graph.statements)
    if (s.date || !s.value.empty()) claims.push_back(s);
  CrossDocumentParts parts = cross_document_parts(std::move(claims));
  graph.conflicts = std::move(parts.conflicts);
  graph.entity_dates = std::move(parts.entity_dates);
  return graph;
}

CrossDocumentParts cross_document_parts(std::vector<Statement> statements) {
  std::vector<std::pair<std::string, Statement>> keyed;  // each hash computed once
  keyed.reserve(statements.size());
  for (Statement& s : statements) {
    std::string key = s.iri();
    keyed.emplace_back(std::move(key), std::move(s));
  }
  std::vector<Statement>().swap(statements);
  std::sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  keyed.erase(std::unique(keyed.begin(), keyed.end(),
                          [](const auto& x, const auto& y) { return x.first == y.first; }),
              keyed.end());
  std::vector<Statement> sorted;
  sorted.reserve(keyed.size());
  for (auto& [key, s] : keyed) sorted.push_back(std::move(s));
  decltype(keyed)().swap(keyed);
  CrossDocumentParts parts;
  parts.conflicts = find_conflicts(sorted);
  parts.entity_dates = truthy_dates(sorted);
  return parts;
}

std::vector<Conflict> find_conflicts(const std::vector<Statement>& statements) {
  std::vector<Conflict> conflicts;
  // Conflicts: the same triple dated differently by different documents.
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<const Statement*>> by_fact;
  for (const Statement& s : statements)
    if (s.date) by_fact[{s.subject, s.predicate, s.object}].push_back(&s);
  for (const auto& [key, list] : by_fact) {
    // A pair (i, j), i before j in IRI order, from different documents with
    // incompatible dates is a conflict unless i's document also has a date
    // compatible with j's ("1921/1991" in one text). Since a date is
    // compatible with itself, that reduces to: i's document has no date
    // compatible with j's. Computed per distinct date value, so the cost is
    // linear in the statements (a fact stated by thousands of pages).
    std::vector<DateValue> values;  // distinct dates of this fact
    std::vector<std::size_t> value_of(list.size());
    for (std::size_t k = 0; k < list.size(); ++k) {
      auto it = std::find(values.begin(), values.end(), *list[k]->date);
      value_of[k] = static_cast<std::size_t>(it - values.begin());
      if (it == values.end()) values.push_back(*list[k]->date);
    }
    std::map<std::string_view, std::vector<bool>> has_value;  // document -> which values it states
    for (std::size_t k = 0; k < list.size(); ++k) {
      auto& flags = has_value[list[k]->document];
      flags.resize(values.size());
      flags[value_of[k]] = true;
    }
    // blocked[doc][v]: the document states a date compatible with value v.
    std::map<std::string_view, std::vector<bool>> blocked;
    for (const auto& [document, flags] : has_value) {
      std::vector<bool> b(values.size());
      for (std::size_t v = 0; v < values.size(); ++v)
        for (std::size_t w = 0; w < values.size() && !b[v]; ++w)
          if (flags[w] && dates_compatible(values[w], values[v])) b[v] = true;
      blocked.emplace(document, std::move(b));
    }
    std::vector<const std::vector<bool>*> blocked_of(list.size());
    for (std::size_t k = 0; k < list.size(); ++k) blocked_of[k] = &blocked.at(list[k]->document);
    std::vector<bool> involved_at(list.size());
    // As the later statement: an earlier statement's document is not blocked for my value.
    std::vector<bool> earlier_free(values.size());
    for (std::size_t k = 0; k < list.size(); ++k) {
      if (earlier_free[value_of[k]]) involved_at[k] = true;
      for (std::size_t v = 0; v < values.size(); ++v)
        if (!(*blocked_of[k])[v]) earlier_free[v] = true;
    }
    // As the earlier statement: a later one has a value my document is not blocked for.
    std::vector<bool> later_value(values.size());
    std::size_t first_i = list.size();
    for (std::size_t k = list.size(); k-- > 0;) {
      for (std::size_t v = 0; v < values.size(); ++v)
        if (later_value[v] && !(*blocked_of[k])[v]) {
          involved_at[k] = true;
          first_i = k;
          break;
        }
      later_value[value_of[k]] = true;
    }
    if (first_i == list.size()) continue;
    std::size_t first_j = first_i + 1;
    while (first_j < list.size() && (*blocked_of[first_i])[value_of[first_j]]) ++first_j;
    std::set<std::string> involved;
    for (std::size_t k = 0; k < list.size(); ++k)
      if (involved_at[k]) involved.insert(list[k]->iri());
    Conflict c;
    std::tie(c.subject, c.predicate, c.object) = key;
    c.statements.assign(involved.begin(), involved.end());
    c.reason = "dated " + list[first_i]->date->timex() + " in one document and " +
               list[first_j]->date->timex() + " in another";
    conflicts.push_back(std::move(c));
  }
  // Stated numbers that differ between documents ("186 states" vs "176").
  std::map<std::pair<std::string, std::string>, std::vector<const Statement*>> by_count;
  for (const Statement& s : statements)
    if (!s.value.empty()) by_count[{s.subject, s.predicate}].push_back(&s);
  for (const auto& [key, list] : by_count) {
    std::set<std::string> values, involved;
    for (const Statement* s : list) values.insert(s->value);
    if (values.size() < 2) continue;
    for (const Statement* s : list) involved.insert(s->iri());
    Conflict c;
    c.subject = key.first;
    c.predicate = key.second;
    c.statements.assign(involved.begin(), involved.end());
    c.reason = "documents state different numbers:";
    for (const auto& v : values) c.reason += " " + v;
    conflicts.push_back(std::move(c));
  }
  std::sort(conflicts.begin(), conflicts.end(),
            [](const Conflict& a, const Conflict& b) { return a.iri() < b.iri(); });

  return conflicts;
}

std::map<std::string, std::vector<DateValue>> truthy_dates(const std::vector<Statement>& statements) {
  std::map<std::string, std::vector<DateValue>> out;
  // Truthy dates of treaties and events: the most precise compatible values.
  std::map<std::string, std::vector<DateValue>> dates;
  for (const Statement& s : statements)
    if (s.predicate == predicate::date && s.date) dates[s.subject].push_back(*s.date);
  for (auto& [subject, all_values] : dates) {
    // Distinct values first: a date stated by thousands of pages is one value.
    std::vector<DateValue> values;
    for (const DateValue& d : all_values)
      if (std::find(values.begin(), values.end(), d) == values.end()) values.push_back(d);
    std::vector<DateValue> kept;
    for (const DateValue& d : values) {
      bool dominated = false;
      for (const DateValue& other : values)
        if (!(other == d) && dates_compatible(d, other) && other.precision > d.precision)
          dominated = true;
      if (!dominated && std::find(kept.begin(), kept.end(), d) == kept.end()) kept.push_back(d);
    }
    std::sort(kept.begin(), kept.end(),
              [](const DateValue& a, const DateValue& b) { return a.timex() < b.timex(); });
    out[subject] = std::move(kept);
  }
  return out;
}

}  // namespace diplograph
