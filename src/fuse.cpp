#include "diplograph/fuse.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "diplograph/rdf.hpp"
#include "diplograph/reader.hpp"
#include "diplograph/tokens.hpp"

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

std::uint64_t Statement::hash() const {
  std::string key = subject + '\x1f' + predicate + '\x1f' + object + value + '\x1f' + date_key(date) +
                    '\x1f' + document + '\x1f' + std::to_string(begin) + '\x1f' +
                    std::to_string(end) + '\x1f' + rule;
  return fnv1a(key);
}

namespace {
std::string statement_iri(std::uint64_t hash) { return iri(ns::dgr, "statement/" + hex(hash)); }
}  // namespace

std::string Statement::iri() const { return statement_iri(hash()); }

namespace {
/// FNV-1a 64 fed piece by piece: a conflict's IRI hashes the IRIs of all
/// its statements without joining them into one string.
struct Fnv1a {
  std::uint64_t h = 0xcbf29ce484222325ull;
  void add(std::string_view data) {
    for (unsigned char c : data) {
      h ^= c;
      h *= 0x100000001b3ull;
    }
  }
};

std::uint64_t conflict_hash(std::string_view subject, std::string_view predicate, std::string_view object,
                            std::size_t count, const std::function<std::string(std::size_t)>& statement) {
  Fnv1a f;
  for (std::string_view part : {subject, predicate, object}) {
    f.add(part);
    f.add("\x1f");
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (i) f.add(",");
    f.add(statement(i));
  }
  return f.h;
}
}  // namespace

std::string Conflict::iri() const {
  std::uint64_t h = conflict_hash(subject, predicate, object, statements.size(),
                                  [&](std::size_t i) { return statements[i]; });
  return diplograph::iri(ns::dgr, "conflict/" + hex(h));
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
    // Markdown keeps the file's offsets by blanking markup: the evidence reads
    // without the runs of spaces that leaves.
    s.evidence = document.format == "markdown" ? collapse_spaces(document.slice(f.evidence))
                                                : std::string(document.slice(f.evidence));
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

FusedGraph FactFuser::finish(bool cross_document) {
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
  // Keyed by the hash in the statement IRI: unique, and sorted as the IRIs.
  std::map<std::uint64_t, Statement> statements;
  for (DocumentFacts& part : parts_) {
    graph.documents.push_back(part.document);
    for (const auto& m : part.mentioned) note_entity(m, part.document.iri, part.discovered);
    for (Statement& s : part.statements) {
      note_entity(s.subject, part.document.iri, part.discovered);
      if (!s.object.empty()) note_entity(s.object, part.document.iri, part.discovered);
      if (s.predicate == predicate::diplomatic_relations_with) {  // symmetric: both directions
        Statement mirror = s;
        std::swap(mirror.subject, mirror.object);
        std::uint64_t key = mirror.hash();
        statements.try_emplace(key, std::move(mirror));
      }
      std::uint64_t key = s.hash();
      statements.try_emplace(key, std::move(s));
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

  if (!cross_document) return graph;
  // Only dated and counted statements take part (evidence text not needed).
  ClaimSet claims;
  for (const Statement& s : graph.statements) claims.add(s);
  CrossDocumentParts parts = claims.finish();
  graph.conflicts = std::move(parts.conflicts);
  graph.entity_dates = std::move(parts.entity_dates);
  return graph;
}

std::uint32_t ClaimSet::intern(std::string_view text) {
  auto it = string_ids_.find(text);
  if (it == string_ids_.end()) {
    it = string_ids_.emplace(std::string(text), static_cast<std::uint32_t>(strings_.size())).first;
    strings_.push_back(it->first);
  }
  return it->second;
}

void ClaimSet::add(const Statement& s, std::uint64_t statement_hash) {
  if (!s.date && s.value.empty()) return;
  FactKey key{intern(s.subject), intern(s.predicate), intern(s.object)};
  auto fact = fact_ids_.try_emplace(key, static_cast<std::uint32_t>(facts_.size()));
  if (fact.second) facts_.push_back(key);
  auto document = document_ids_.try_emplace(stable_hash(s.document), static_cast<std::uint32_t>(document_ids_.size()));
  Claim c{statement_hash, fact.first->second, document.first->second, none, none};
  if (s.date) {
    const DateValue& d = *s.date;
    auto date = date_ids_.try_emplace(std::make_tuple(d.year, d.month, d.day, d.part, static_cast<int>(d.precision),
                                                      static_cast<int>(d.modifier)),
                                      static_cast<std::uint32_t>(dates_.size()));
    if (date.second) dates_.push_back(d);
    c.date = date.first->second;
  }
  if (!s.value.empty()) c.count = intern(s.value);
  claims_.push_back(c);
}

Outcome ClaimSet::finish(std::map<std::string, std::vector<DateValue>>& entity_dates,
                         const std::function<Outcome(const Conflict&)>& on_conflict) {
  // By fact, then in statement IRI order (the hex of the hash sorts as the
  // hash does); the same IRI twice is the same statement (and fact).
  std::sort(claims_.begin(), claims_.end(), [](const Claim& a, const Claim& b) {
    return a.fact != b.fact ? a.fact < b.fact : a.statement < b.statement;
  });
  claims_.erase(std::unique(claims_.begin(), claims_.end(),
                            [](const Claim& a, const Claim& b) { return a.statement == b.statement; }),
                claims_.end());
  std::vector<std::string> timex(dates_.size());
  for (std::size_t i = 0; i < dates_.size(); ++i) timex[i] = dates_[i].timex();
  // dates_compatible, with two different calendar years (the usual case)
  // decided without looking at the TIMEX3 strings.
  auto compatible = [&](std::uint32_t a, std::uint32_t b) {
    const DateValue &x = dates_[a], &y = dates_[b];
    if (x.year != y.year) {
      bool calendar = x.precision >= DatePrecision::year && y.precision >= DatePrecision::year &&
                      x.year >= 0 && x.year <= 9999 && y.year >= 0 && y.year <= 9999;
      if (calendar) return false;  // both TIMEX3 values start with a different 4-digit year
      return timex[a].rfind(timex[b], 0) == 0 || timex[b].rfind(timex[a], 0) == 0;
    }
    if (x.month && y.month && x.month != y.month) return false;
    if (x.day && y.day && x.day != y.day) return false;
    return true;
  };
  // Conflicts as compact records until they are handed out: a dump's
  // conflicts can list millions of statements.
  struct Record {
    std::uint64_t iri;  ///< the hash in the conflict's IRI
    std::string_view subject, predicate, object;
    std::vector<std::uint64_t> statements;  ///< hashes, in IRI order
    std::string reason;
  };
  std::vector<Record> records;
  auto keep = [&](Record r) {
    r.iri = conflict_hash(r.subject, r.predicate, r.object, r.statements.size(),
                          [&](std::size_t i) { return statement_iri(r.statements[i]); });
    records.push_back(std::move(r));
  };

  // Conflicts: the same triple dated differently by different documents.
  std::vector<const Claim*> list;  // the dated claims of one fact
  for (std::size_t from = 0; from < claims_.size();) {
    std::size_t to = from;
    list.clear();
    for (; to < claims_.size() && claims_[to].fact == claims_[from].fact; ++to)
      if (claims_[to].date != none) list.push_back(&claims_[to]);
    from = to;
    // A pair (i, j), i before j in IRI order, from different documents with
    // incompatible dates is a conflict unless i's document also has a date
    // compatible with j's ("1921/1991" in one text). Since a date is
    // compatible with itself, that reduces to: i's document has no date
    // compatible with j's. Computed per distinct date value and document,
    // so a fact stated by thousands of pages costs (statements x values).
    std::vector<std::uint32_t> values;  // distinct dates of this fact (ids in dates_)
    std::unordered_map<std::uint32_t, std::uint32_t> value_index, document_index;
    std::vector<std::vector<std::uint32_t>> document_values;  // per document: the values it states
    std::vector<std::uint32_t> value_of(list.size()), document_of(list.size());
    for (std::size_t k = 0; k < list.size(); ++k) {
      auto [v, new_value] = value_index.try_emplace(list[k]->date, static_cast<std::uint32_t>(values.size()));
      if (new_value) values.push_back(list[k]->date);
      value_of[k] = v->second;
      auto [d, new_document] =
          document_index.try_emplace(list[k]->document, static_cast<std::uint32_t>(document_values.size()));
      if (new_document) document_values.emplace_back();
      document_of[k] = d->second;
      auto& mine = document_values[d->second];
      if (std::find(mine.begin(), mine.end(), v->second) == mine.end()) mine.push_back(v->second);
    }
    if (values.size() < 2 || document_values.size() < 2) continue;  // nothing can disagree
    // blocked[document][v]: the document states a date compatible with value v.
    std::vector<std::vector<bool>> blocked(document_values.size(), std::vector<bool>(values.size()));
    for (std::size_t doc = 0; doc < document_values.size(); ++doc)
      for (std::size_t v = 0; v < values.size(); ++v)
        for (std::uint32_t w : document_values[doc])
          if (compatible(values[w], values[v])) {
            blocked[doc][v] = true;
            break;
          }
    std::vector<bool> involved(list.size());
    // As the later statement: an earlier statement's document is not blocked for my value.
    std::vector<bool> earlier_free(values.size());
    std::size_t free_count = 0;
    for (std::size_t k = 0; k < list.size(); ++k) {
      if (earlier_free[value_of[k]]) involved[k] = true;
      if (free_count == values.size()) continue;
      const auto& b = blocked[document_of[k]];
      for (std::size_t v = 0; v < values.size(); ++v)
        if (!b[v] && !earlier_free[v]) {
          earlier_free[v] = true;
          ++free_count;
        }
    }
    // As the earlier statement: a later one has a value my document is not blocked for.
    std::vector<bool> later_value(values.size());
    std::vector<std::uint32_t> later_values;
    std::size_t first_i = list.size();
    for (std::size_t k = list.size(); k-- > 0;) {
      const auto& b = blocked[document_of[k]];
      for (std::uint32_t v : later_values)
        if (!b[v]) {
          involved[k] = true;
          first_i = k;
          break;
        }
      if (!later_value[value_of[k]]) {
        later_value[value_of[k]] = true;
        later_values.push_back(value_of[k]);
      }
    }
    if (first_i == list.size()) continue;
    std::size_t first_j = first_i + 1;
    while (first_j < list.size() && blocked[document_of[first_i]][value_of[first_j]]) ++first_j;
    const auto& [subject, predicate, object] = facts_[list.front()->fact];
    Record c{0, strings_[subject], strings_[predicate], strings_[object], {}, {}};
    for (std::size_t k = 0; k < list.size(); ++k)  // already in IRI order, unique
      if (involved[k]) c.statements.push_back(list[k]->statement);
    c.reason = "dated " + timex[list[first_i]->date] + " in one document and " + timex[list[first_j]->date] +
               " in another";
    keep(std::move(c));
  }
  std::vector<const Claim*>().swap(list);

  // Stated numbers that differ between documents ("186 states" vs "176").
  std::map<std::pair<std::string_view, std::string_view>, std::vector<const Claim*>> by_count;
  for (const Claim& c : claims_)
    if (c.count != none)
      by_count[{strings_[std::get<0>(facts_[c.fact])], strings_[std::get<1>(facts_[c.fact])]}].push_back(&c);
  for (auto& [key, list] : by_count) {
    // One (subject, predicate) may span facts (objects): IRI order again.
    std::sort(list.begin(), list.end(), [](const Claim* a, const Claim* b) { return a->statement < b->statement; });
    std::set<std::string_view> values;
    for (const Claim* c : list) values.insert(strings_[c->count]);
    if (values.size() < 2) continue;
    Record c{0, key.first, key.second, {}, {}, {}};
    for (const Claim* claim : list) c.statements.push_back(claim->statement);
    c.reason = "documents state different numbers:";
    for (std::string_view v : values) c.reason += " " + std::string(v);
    keep(std::move(c));
  }
  std::sort(records.begin(), records.end(), [](const Record& a, const Record& b) { return a.iri < b.iri; });

  // Truthy dates of treaties and events: the most precise compatible values.
  std::map<std::string_view, std::vector<std::uint32_t>> by_subject;  // distinct values, first seen first
  for (const Claim& c : claims_) {
    const auto& [subject, predicate, object] = facts_[c.fact];
    if (c.date == none || strings_[predicate] != predicate::date) continue;
    auto& values = by_subject[strings_[subject]];
    if (std::find(values.begin(), values.end(), c.date) == values.end()) values.push_back(c.date);
  }
  for (const auto& [subject, values] : by_subject) {
    std::vector<std::uint32_t> kept;
    for (std::uint32_t d : values) {
      bool dominated = false;
      for (std::uint32_t other : values)
        if (other != d && dates_[other].precision > dates_[d].precision && compatible(d, other)) {
          dominated = true;
          break;
        }
      if (!dominated) kept.push_back(d);
    }
    // Ties (one TIMEX3 value, two modifiers) in modifier order, so the
    // result does not depend on the order the statements came in.
    std::sort(kept.begin(), kept.end(), [&](std::uint32_t a, std::uint32_t b) {
      return std::make_pair(std::string_view(timex[a]), std::string_view(dates_[a].modifier_name())) <
             std::make_pair(std::string_view(timex[b]), std::string_view(dates_[b].modifier_name()));
    });
    auto& out = entity_dates[std::string(subject)];
    for (std::uint32_t d : kept) out.push_back(dates_[d]);
  }
  for (Record& r : records) {
    Conflict c;
    c.subject = std::string(r.subject);
    c.predicate = std::string(r.predicate);
    c.object = std::string(r.object);
    for (std::uint64_t h : r.statements) c.statements.push_back(statement_iri(h));
    std::vector<std::uint64_t>().swap(r.statements);
    c.reason = std::move(r.reason);
    DG_TRY(on_conflict(c));
  }
  return {};
}

CrossDocumentParts ClaimSet::finish() {
  CrossDocumentParts parts;
  Outcome done = finish(parts.entity_dates, [&](const Conflict& c) -> Outcome {
    parts.conflicts.push_back(c);
    return {};
  });
  (void)done;  // the callback above never fails
  return parts;
}

}  // namespace diplograph
