#include <algorithm>
#include <cctype>
#include <map>

#include "sentence_view.hpp"

namespace diplograph {
namespace {

using detail::SentenceView;

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::size_t line_of(const std::string& text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

std::string place(const Document& doc, std::size_t offset) {
  // Plain and wiki-dump text keep the original bytes, so lines are real.
  if (doc.format == "plain" || doc.format == "wikitext")
    return doc.source + ":" + std::to_string(line_of(doc.text, offset));
  return doc.source + ": byte " + std::to_string(offset);
}

struct Columns {
  int country = -1, date = -1, notes = -1;
};

Columns classify(const Table& table) {
  Columns c;
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    std::string h = ascii_lower(table.header[i]);
    int index = static_cast<int>(i);
    if (c.country < 0 && (contains(h, "country") || contains(h, "state") || contains(h, "nation") ||
                          contains(h, "partner")))
      c.country = index;
    else if (c.date < 0 && (contains(h, "date") || contains(h, "established") ||
                            contains(h, "began") || contains(h, "since") || contains(h, "year") ||
                            contains(h, "relations")))
      c.date = index;
    else if (c.notes < 0 && (contains(h, "note") || contains(h, "remark") || contains(h, "comment")))
      c.notes = index;
  }
  return c;
}

bool relations_section(const std::vector<std::string>& path) {
  for (const auto& s : path)
    if (contains(ascii_lower(s), "relations")) return true;
  return false;
}

void table_relations(const ExtractionContext& ctx, std::vector<Fact>& facts) {
  const Document& doc = ctx.document;
  DateNormalizer dates;
  struct TableStats {
    std::size_t rows = 0, unnamed = 0, first_unnamed = 0;
  };
  std::map<int, TableStats> stats;
  const auto& sentences = ctx.recognized.sentences;
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    const SentenceAnalysis& s = sentences[k];
    // A row is read once, with the mentions of all its sentences (one or more per cell).
    if (k > 0 && sentences[k - 1].block == s.block) continue;
    std::vector<Mention> row_mentions;
    for (std::size_t j = k; j < sentences.size() && sentences[j].block == s.block; ++j)
      row_mentions.insert(row_mentions.end(), sentences[j].mentions.begin(), sentences[j].mentions.end());
    const Block& block = doc.blocks[s.block];
    if (block.kind != BlockKind::table_row || block.table < 0 ||
        static_cast<std::size_t>(block.table) >= doc.tables.size())
      continue;
    const Table& table = doc.tables[static_cast<std::size_t>(block.table)];
    Columns col = classify(table);
    // A diplomatic-relations table: a date column, and a country column or
    // a section about relations.
    if (col.date < 0 || (col.country < 0 && !relations_section(table.section_path) &&
                         !relations_section(block.section_path)))
      continue;
    if (!ctx.recognized.subject) continue;
    const std::string& subject = *ctx.recognized.subject;
    TableStats& st = stats[block.table];
    ++st.rows;
    auto cell = [&](int i) -> Span {
      if (i < 0 || static_cast<std::size_t>(i) >= block.cells.size()) return Span{};
      return block.cells[static_cast<std::size_t>(i)];
    };
    auto states_in = [&](Span span) {
      std::vector<std::string> out;
      if (span.empty()) return out;
      for (const Mention& m : row_mentions) {
        if (m.begin < span.begin || m.end > span.end || m.source == MentionSource::anaphor) continue;
        if ((m.type == EntityType::state || m.type == EntityType::territory) && m.iri != subject &&
            std::find(out.begin(), out.end(), m.iri) == out.end())
          out.push_back(m.iri);
      }
      return out;
    };
    std::vector<std::string> country = states_in(cell(col.country));
    const char* rule = "relations.table-country";
    double confidence = 0.95;
    if (country.empty()) {
      // Lost country cell: "See Gambia–Lithuania relations" in the notes.
      country = states_in(cell(col.notes));
      rule = "relations.table-notes";
      confidence = 0.85;
    }
    if (country.size() != 1) {
      if (st.unnamed++ == 0) st.first_unnamed = block.span.begin;
      continue;
    }
    Span date_cell = cell(col.date);
    std::vector<DateMention> found;
    if (!date_cell.empty()) found = dates.find(doc.slice(date_cell));
    if (found.empty()) {
      detail::add_facts(facts, {subject}, predicate::diplomatic_relations_with, country[0],
                        std::nullopt, block.span, rule, confidence);
    }
    for (const DateMention& d : found)  // "22 September 1921/6 November 1991": both
      detail::add_facts(facts, {subject}, predicate::diplomatic_relations_with, country[0], d.value,
                        block.span, rule, confidence);
  }
  for (const auto& [table, st] : stats) {
    if (st.unnamed == 0) continue;
    const Table& t = doc.tables[static_cast<std::size_t>(table)];
    std::string section = t.section_path.empty() ? std::string("(top)") : t.section_path.back();
    ctx.warnings.push_back(place(doc, st.first_unnamed) + ": " + std::to_string(st.unnamed) +
                           " of " + std::to_string(st.rows) + " table rows under '" + section +
                           "' name no country; skipped");
  }
}

// Where a verb of beginning governs "relations" right after it: (position,
// length) of "established diplomatic relations", "restored relations",
// "re-established full diplomatic ties".
std::vector<std::pair<std::size_t, std::size_t>> mutual_cues(const SentenceView& v) {
  static const std::vector<std::string_view> verbs{"established", "restored", "re-established",
                                                   "reestablished", "resumed", "renewed", "normalized",
                                                   "normalised", "opened"};
  static const std::vector<std::string_view> between{"diplomatic", "full", "formal", "official", "bilateral"};
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t c = 0; c < v.size(); ++c) {
    if (v.mention_covering(c) >= 0 || std::find(verbs.begin(), verbs.end(), v.lower(c)) == verbs.end()) continue;
    std::size_t j = c + 1;
    while (j < v.size() && j <= c + 3 && std::find(between.begin(), between.end(), v.lower(j)) != between.end()) ++j;
    if (j < v.size() && (v.lower(j) == "relations" || v.lower(j) == "ties")) out.emplace_back(c, j - c + 1);
  }
  return out;
}

// "Relations between Peru and the Soviet Union were established on 1 February
// 1969", "Diplomatic relations were established in 1970" (in a section about
// one state), "Formal relations date from 1961": relations as the subject of
// a verb of beginning. The parties are the states the clause names, or the
// document's state and the passage's counterpart.
void relations_as_subject(const ExtractionContext& ctx, const SentenceView& v,
                          const std::optional<DateValue>& fronted, std::vector<Fact>& facts,
                          const SentenceAnalysis* previous = nullptr) {
  const std::optional<std::string>& subject = ctx.recognized.subject;
  const std::string& counterpart = v.sentence().counterpart;
  static const std::vector<std::string_view> beginnings{
      "established", "re-established", "reestablished", "restored", "renewed", "resumed", "began",
      "begun", "started", "date", "dates", "existed", "opened", "formalized", "formalised", "initiated"};
  auto in = [](const std::vector<std::string_view>& list, std::string_view w) {
    return std::find(list.begin(), list.end(), w) != list.end();
  };
  // "… broke off relations in 1961. They were restored on 20 July 2015":
  // "They" opening a sentence after one about relations stands for them.
  auto about_relations = [&](const SentenceAnalysis& s) {
    std::string_view text = ctx.document.slice(s.span);
    return text.find("elations") != std::string_view::npos || text.find(" ties") != std::string_view::npos;
  };
  const bool pronoun = previous && previous->block == v.sentence().block && v.size() > 0 &&
                       v.lower(0) == "they" && about_relations(*previous);
  for (std::size_t k = 0; k < v.size(); ++k) {
    if (v.lower(k) != "relations" && v.lower(k) != "ties" && !(pronoun && k == 0)) continue;
    if (v.mention_covering(k) >= 0 || v.excluded(k)) continue;
    // The first verb of beginning in the clause: "Relations, severed in 2009,
    // were restored in 2014", "… were established in 1961, broken off in 1973
    // and restored in 1986" (the first beginning is the one that counts).
    std::size_t verb = 0;
    const std::size_t clause_limit = v.clause_end(k);
    for (std::size_t j = k + 1; j < clause_limit && j <= k + 20; ++j) {
      if (v.mention_covering(j) >= 0) continue;
      if (in(beginnings, v.lower(j))) {
        // "date from", "date back to"; "existed since"
        if ((v.lower(j) == "date" || v.lower(j) == "dates") &&
            (j + 1 >= v.size() || (v.lower(j + 1) != "from" && v.lower(j + 1) != "back")))
          continue;
        verb = j;
        break;
      }
    }
    if (verb == 0) continue;
    std::size_t start = v.clause_start(k), end = v.clause_end(verb);
    // Negation and modality before the verb; an end ("severed") only when it
    // is the clause's own verb, not an aside before the beginning.
    bool blocked = false;
    for (std::size_t j = start; j < verb; ++j)
      if (v.lower(j) == "not" || v.lower(j) == "never" || v.lower(j) == "n't" || v.lower(j) == "no" ||
          v.lower(j) == "would" || v.lower(j) == "will" || v.lower(j) == "could" || v.lower(j) == "may" ||
          v.lower(j) == "might" || v.lower(j) == "should" || v.lower(j) == "hopes" || v.lower(j) == "plan" ||
          v.lower(j) == "plans" || v.lower(j) == "expected")
        blocked = true;
    if (blocked) continue;
    std::vector<std::string> states;
    for (std::size_t m = 0; m < v.sentence().mentions.size(); ++m) {
      const Mention& x = v.mention(static_cast<int>(m));
      if (x.first_token < start || x.first_token >= end) continue;
      if (x.type != EntityType::state && x.type != EntityType::group) continue;
      for (auto& iri : detail::expand_states(v, static_cast<int>(m), subject))
        if (std::find(states.begin(), states.end(), iri) == states.end()) states.push_back(iri);
    }
    // "Relations between the United States and Namibia were established in
    // 1990 upon Namibia's independence from South Africa": the pair named
    // after "between" is the pair, whatever else the clause names.
    if (k + 1 < v.size() && v.lower(k + 1) == "between") {
      std::vector<std::string> named;
      for (int m : v.list_after(k + 2, verb))
        if (v.mention(m).type == EntityType::state || v.mention(m).type == EntityType::group)
          for (auto& iri : detail::expand_states(v, m, subject))
            if (std::find(named.begin(), named.end(), iri) == named.end()) named.push_back(iri);
      if (named.size() == 2) states = named;
    }
    if (pronoun && k == 0 && states.empty()) {
      // The states are those of the sentence the pronoun points back to.
      for (const Mention& x : previous->mentions) {
        if (x.type != EntityType::state && x.type != EntityType::group) continue;
        std::vector<std::string> members = x.type == EntityType::group && !x.members.empty()
                                               ? x.members
                                               : std::vector<std::string>{x.iri};
        for (const std::string& iri : members)
          if (std::find(states.begin(), states.end(), iri) == states.end()) states.push_back(iri);
      }
    }
    std::vector<std::pair<std::string, std::string>> pairs;
    if (states.size() == 2) pairs.emplace_back(states[0], states[1]);
    else if (states.size() == 1 && subject && states[0] != *subject) pairs.emplace_back(*subject, states[0]);
    else if (states.size() <= 1 && subject && !counterpart.empty()) pairs.emplace_back(*subject, counterpart);
    if (pairs.empty()) continue;
    std::optional<DateValue> date;
    for (std::size_t j = verb + 1; j < end && !date; ++j)
      if (v.date_covering(j) >= 0) date = v.date(v.date_covering(j)).value;
    if (!date) date = fronted;
    for (const auto& [a, b] : pairs)
      detail::add_facts(facts, {a}, predicate::diplomatic_relations_with, b, date, v.sentence().span,
                        "relations.as-subject", 0.8);
    return;
  }
}

}  // namespace

void DiplomaticRelationsExtractor::extract(const ExtractionContext& ctx,
                                           std::vector<Fact>& facts) const {
  table_relations(ctx, facts);
  const std::vector<RelationCue>& cues = ctx.gazetteer.cues().frame("relations");
  auto previous_of = [&](const SentenceAnalysis& s) -> const SentenceAnalysis* {
    const SentenceAnalysis* first = ctx.recognized.sentences.data();
    return &s > first ? &s - 1 : nullptr;
  };
  for (const SentenceAnalysis& sentence : ctx.recognized.sentences) {
    if (sentence.mentions.empty()) {
      // "Relations, severed in 2009, were restored in 2014." in a passage
      // about one counterpart names no state: the passage does.
      const std::string_view text = ctx.document.slice(sentence.span);
      if ((!sentence.counterpart.empty() && ctx.recognized.subject &&
           text.find("elations") != std::string_view::npos) ||
          text.starts_with("They ")) {
        const SentenceView& v = detail::view_of(ctx, sentence);
        relations_as_subject(ctx, v, v.fronted_date(), facts, previous_of(sentence));
      }
      continue;
    }
    const SentenceView& v = detail::view_of(ctx, sentence);
    std::optional<DateValue> fronted = v.fronted_date();
    auto is_state = [&](int m) {
      return v.mention(m).type == EntityType::state || v.mention(m).type == EntityType::group;
    };
    // "Lithuania maintains diplomatic relations with 186 states": a count.
    for (const RelationCue& entry : cues) {
      const std::vector<std::string>& cue = entry.words;
      for (std::size_t c : v.find_cue_words(cue)) {
        std::size_t n = c + cue.size();
        if (n + 1 >= v.size() || v.sentence().tokens[n].kind != TokenKind::number) continue;
        const std::string& unit = v.lower(n + 1);
        if (unit != "states" && unit != "countries" && unit != "nations") continue;
        std::size_t start = v.clause_start(c);
        if (v.negated(start, c)) continue;
        for (int s : v.subjects_in(start, c)) {
          if (v.mention(s).type != EntityType::state) continue;
          Fact f;
          f.subject = v.mention(s).iri;
          f.predicate = predicate::relations_count;
          f.value = std::string(v.word(n));
          f.evidence = sentence.span;
          f.rule = "relations.count";
          f.confidence = 0.9;
          facts.push_back(std::move(f));
        }
      }
    }
    bool handled = false;
    for (const RelationCue& entry : cues) {
      const std::vector<std::string>& cue = entry.words;
      for (std::size_t c : v.find_cue_words(cue)) {
        std::size_t start = v.clause_start(c);
        if (v.negated(start, c)) continue;
        std::size_t end = v.clause_end(c + cue.size());
        std::vector<int> objects = v.list_after(c + cue.size(), end);
        std::erase_if(objects, [&](int m) { return !is_state(m); });
        std::vector<int> subject_mentions = v.subjects_in(start, c);
        std::erase_if(subject_mentions, [&](int m) { return !is_state(m); });
        std::vector<std::string> subjects;
        for (int s : subject_mentions)
          for (auto& iri : detail::expand_states(v, s, ctx.recognized.subject)) subjects.push_back(iri);
        if (objects.empty() || subjects.empty()) continue;
        handled = true;
        std::vector<DateValue> respective = v.respective_dates(objects, v.size());
        for (std::size_t i = 0; i < objects.size(); ++i) {
          std::size_t limit = i + 1 < objects.size() ? v.mention(objects[i + 1]).first_token : end;
          std::optional<DateValue> date = v.date_after(objects[i], limit);
          if (!respective.empty()) date = respective[i];
          if (!date) date = fronted;
          for (const auto& object : detail::expand_states(v, objects[i], ctx.recognized.subject))
            detail::add_facts(facts, subjects, predicate::diplomatic_relations_with, object, date,
                              sentence.span, "relations.established-with", 0.9);
        }
      }
    }
    if (handled) continue;
    std::size_t before = facts.size();
    // "Lithuania and Japan established diplomatic relations on …".
    // "A and B established / restored / re-established (full) diplomatic relations".
    for (const auto& cue : mutual_cues(v)) {
      for (std::size_t c : {cue.first}) {
        std::size_t start = v.clause_start(c);
        if (v.negated(start, c)) continue;
        std::vector<std::string> parties;
        auto add_parties = [&](std::size_t from, std::size_t to) {
          for (int s : v.subjects_in(from, to))
            if (is_state(s))
              for (auto& iri : detail::expand_states(v, s, ctx.recognized.subject))
                if (std::find(parties.begin(), parties.end(), iri) == parties.end()) parties.push_back(iri);
        };
        add_parties(start, c);
        // "A and B signed a treaty in 1979, …, and established diplomatic
        // relations in 1980": a verb phrase joined by "and" shares the
        // sentence's subject.
        if (parties.empty() && start > 0 && start == c && v.lower(c - 1) == "and") add_parties(0, c);
        // "The United States recognized Mozambique's independence in 1975 and
        // established diplomatic relations the following year": one state
        // names the other side by the document's state or the passage's
        // counterpart.
        if (parties.size() == 1) {
          const std::optional<std::string>& subject = ctx.recognized.subject;
          const std::string& counterpart = sentence.counterpart;
          if (subject && *subject != parties[0]) parties.push_back(*subject);
          else if (!counterpart.empty() && counterpart != parties[0]) parties.push_back(counterpart);
        }
        if (parties.size() < 2) continue;
        std::optional<DateValue> date = fronted;
        std::size_t end = v.clause_end(c + cue.second);
        // The clause's first plain date after the cue: "on 1 May 1992", "at
        // ambassadorial level in 1965", "shortly after independence, on 25
        // June 1975" (not "before 1990" or "around 1960").
        for (std::size_t k = c + cue.second; k < end; ++k)
          if (v.date_covering(k) >= 0) {
            const DateValue& d = v.date(v.date_covering(k)).value;
            if (k < c + cue.second + 4 || d.modifier == DateModifier::none) date = d;
            break;
          }
        for (std::size_t a = 0; a < parties.size(); ++a)
          for (std::size_t b = a + 1; b < parties.size(); ++b)
            detail::add_facts(facts, {parties[a]}, predicate::diplomatic_relations_with, parties[b],
                              date, sentence.span, "relations.established-mutual", 0.85);
      }
    }
    if (facts.size() == before) relations_as_subject(ctx, v, fronted, facts, previous_of(sentence));
  }
}

}  // namespace diplograph
