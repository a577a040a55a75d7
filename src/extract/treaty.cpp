#include <algorithm>

#include "sentence_view.hpp"

namespace diplograph {
namespace {

using detail::SentenceView;

bool is_party(const Mention& m) { return detail::acts(m.type); }

// A date for the signing: right after "signed" ("signed on January 16,
// 1998"), or opening the sentence ("In 1998, the United States signed …").
std::optional<DateValue> signing_date(const SentenceView& v, std::size_t cue, std::size_t end) {
  for (std::size_t k = cue + 1; k < end && k <= cue + 3; ++k)
    if (v.date_covering(k) >= 0) return v.date(v.date_covering(k)).value;
  // "signed the Treaty of Tartu with Soviet Russia on 2 February 1920": the
  // one date in the rest of the clause.
  int found = -1;
  for (std::size_t k = cue + 1; k < end; ++k) {
    int d = v.date_covering(k);
    if (d < 0 || d == found) continue;
    if (found >= 0) {
      found = -2;
      break;
    }
    found = d;
  }
  if (found >= 0 && v.date(found).value.modifier == DateModifier::none) return v.date(found).value;
  if (auto d = v.fronted_date(); d && d->modifier == DateModifier::none) return d;
  return std::nullopt;
}

// The parties a treaty's own name joins with a dash: "Indo-Bhutan Friendship
// Treaty", "U.S.–Afghanistan Strategic Partnership Agreement", "EU–Mexico
// Free Trade Agreement", and the state of "Central America–United Kingdom
// Association Agreement" (a region is no party).
std::vector<std::string> dash_joined_parties(const ExtractionContext& ctx, const Mention& treaty) {
  std::string_view name = std::string_view(ctx.document.text).substr(treaty.begin, treaty.end - treaty.begin);
  return detail::joined_by_dash(ctx.gazetteer, name, true);
}

// "a 1998 bilateral agreement between Ukraine and Uzbekistan": a treaty
// "between" named states names its parties, whatever the verb.
void between_parties(const ExtractionContext& ctx, const SentenceView& v, const std::vector<int>& treaties,
                     std::vector<Fact>& facts) {
  const Span evidence = v.sentence().span;
  for (int t : treaties) {
    std::size_t k = v.after(t);
    if (k >= v.size() || v.lower(k) != "between") continue;
    std::size_t end = v.clause_end(k + 1);
    if (v.negated(v.clause_start(v.mention(t).first_token), v.mention(t).first_token)) continue;
    std::vector<std::string> parties;
    for (int m : v.list_after(k + 1, end))
      if (v.mention(m).type == EntityType::state || v.mention(m).type == EntityType::group)
        for (auto& iri : detail::expand_states(v, m, ctx.recognized.subject))
          if (std::find(parties.begin(), parties.end(), iri) == parties.end()) parties.push_back(iri);
    if (parties.size() < 2) continue;
    std::optional<DateValue> date;
    std::size_t first = v.mention(t).first_token;
    for (std::size_t j = first >= 3 ? first - 3 : 0; j < first && !date; ++j)
      if (v.date_covering(j) >= 0) date = v.date(v.date_covering(j)).value;  // "a 1998 … agreement"
    if (!date) date = v.date_after(t, end);
    for (const auto& party : parties)
      detail::add_facts(facts, {party}, predicate::party_to, v.mention(t).iri, date, evidence,
                        "treaty.between-parties", 0.8);
  }
}

// "<parties> <cue> <treaty>", "<treaty> was <cue> by <parties>": the treaty
// frames of ontology/relation_cues.tsv.
void verb_frames(const ExtractionContext& ctx, const SentenceView& v, const std::vector<int>& treaties,
                 std::vector<Fact>& facts) {
  const Span evidence = v.sentence().span;
  for (const RelationCue& entry : ctx.gazetteer.cues().frame("treaty")) {
    const std::vector<std::string>& verb = entry.words;
    for (std::size_t c : v.find_cue_words(verb)) {
      std::size_t start = v.clause_start(c);
      std::size_t end = v.clause_end(c + verb.size());
      if (v.negated(start, c)) continue;
      // The treaty: the first one after the verb in the clause, or
      // (passive: "<Treaty> … signed on …") the last one before it.
      int treaty = -1;
      for (int t : treaties)
        if (v.mention(t).first_token > c && v.mention(t).first_token < end) {
          treaty = t;
          break;
        }
      bool passive = false;
      if (treaty < 0) {
        for (int t : treaties)
          if (v.after(t) <= c && v.after(t) + 24 >= c) treaty = t, passive = true;
      }
      if (treaty < 0) continue;
      // "has no extradition treaty with", "have yet to ratify the …".
      if (!passive && v.negated(c + verb.size(), v.mention(treaty).first_token)) continue;
      std::optional<DateValue> date = signing_date(v, c + verb.size() - 1, end);
      // "signed a treaty of friendship in 1979, …, and … in 1980": the
      // date right after the treaty when the clause names several.
      if (!date) date = v.date_after(treaty, end);
      std::vector<std::string> parties;
      auto add_from = [&](const std::vector<int>& mentions) {
        for (int m : mentions) {
          if (!is_party(v.mention(m))) continue;
          for (auto& iri : detail::expand_states(v, m, ctx.recognized.subject))
            if (std::find(parties.begin(), parties.end(), iri) == parties.end())
              parties.push_back(iri);
        }
      };
      if (!passive) add_from(v.subjects_in(start, c));
      // "… with Lithuania and the other Baltic countries", "between A and B", "by A and B".
      std::size_t from = passive ? c + verb.size() : v.after(treaty);
      for (std::size_t k = passive ? v.after(treaty) : from; k < end; ++k) {
        if (v.lower(k) == "with" || v.lower(k) == "between" || v.lower(k) == "by" ||
            v.lower(k) == "among") {
          add_from(v.list_after(k + 1, end));
          break;
        }
        if (v.mention_at(k) >= 0 && k > from + 1) break;
      }
      if (passive) {  // "<Treaty> Between A and B signed …"
        for (std::size_t k = v.after(treaty); k < c; ++k)
          if (v.lower(k) == "between" || v.lower(k) == "among") {
            add_from(v.list_after(k + 1, c));
            break;
          }
      }
      // "created the U.S.–Afghanistan Strategic Partnership Agreement",
      // "the Indo-Bhutan Friendship Treaty was revised": the states its
      // name joins with a dash are parties too.
      for (std::string& iri : dash_joined_parties(ctx, v.mention(treaty)))
        if (std::find(parties.begin(), parties.end(), iri) == parties.end()) parties.push_back(std::move(iri));
      // "The Latvian–Russian Border Treaty was signed …": the name's demonyms.
      if (parties.empty()) {
        const Mention& t = v.mention(treaty);
        for (const Token& tok : tokenize(ctx.document.text.substr(t.begin, t.end - t.begin))) {
          std::string_view w = std::string_view(ctx.document.text).substr(t.begin + tok.begin, tok.end - tok.begin);
          if (auto id = ctx.gazetteer.state_of_demonym(w)) {
            const std::string& state = ctx.gazetteer.entities()[*id].iri;
            if (std::find(parties.begin(), parties.end(), state) == parties.end()) parties.push_back(state);
          }
        }
        if (parties.size() < 2) parties.clear();  // one demonym names a kind, not the parties
      }
      // "ratified the Kyoto Protocol in 1998 and the Paris Agreement in April
      // 2016": every treaty listed after the verb, each with its own date.
      std::vector<int> listed;
      if (!passive) {
        listed = v.list_after(c + verb.size(), end);
        std::erase_if(listed, [&](int m) { return v.mention(m).type != EntityType::treaty; });
      }
      if (listed.size() > 1) {
        for (std::size_t i = 0; i < listed.size(); ++i) {
          std::size_t limit = i + 1 < listed.size() ? v.mention(listed[i + 1]).first_token : end;
          std::optional<DateValue> own = v.date_after(listed[i], limit);
          for (const auto& party : parties)
            detail::add_facts(facts, {party}, predicate::party_to, v.mention(listed[i]).iri, own ? own : date,
                              evidence, "treaty.signed-with", 0.85);
        }
        continue;
      }
      const std::string& treaty_iri = v.mention(treaty).iri;
      for (const auto& party : parties)
        detail::add_facts(facts, {party}, predicate::party_to, treaty_iri, date, evidence,
                          passive ? "treaty.signed-between" : "treaty.signed-with", 0.85);
      if (date && (verb[0] == "signed" || verb[0] == "concluded"))
        detail::add_date_fact(facts, treaty_iri, *date, evidence, "treaty.signing-date", 0.85);
    }
  }
}

// "The 1989 US-Canada Free Trade Agreement touched off …": a name that
// joins its parties with a dash states them, whatever the verb; not in a
// negated or modal clause ("negotiations on the EU–Mercosur …"); once per
// sentence, after the verb frames.
void named_parties(const ExtractionContext& ctx, const SentenceView& v, const std::vector<int>& treaties,
                   std::size_t sentence_facts, std::vector<Fact>& facts) {
  const Span evidence = v.sentence().span;
  for (int t : treaties) {
    const Mention& m = v.mention(t);
    if (m.source == MentionSource::anaphor) continue;
    std::vector<std::string> parties = dash_joined_parties(ctx, m);
    if (parties.size() < 2) continue;
    const std::size_t start = v.clause_start(m.first_token);
    if (v.negated(start, v.clause_end(m.first_token))) continue;
    std::optional<DateValue> date;
    for (std::size_t j = m.first_token >= 2 ? m.first_token - 2 : 0; j < m.first_token && !date; ++j)
      if (v.date_covering(j) >= 0) date = v.date(v.date_covering(j)).value;  // "the 1989 US-Canada …"
    for (const auto& party : parties) {
      // Once per sentence: a verb's frame may have stated it already.
      bool stated = std::any_of(facts.begin() + static_cast<std::ptrdiff_t>(sentence_facts), facts.end(),
                                [&](const Fact& f) { return f.subject == party && f.object == m.iri; });
      if (!stated)
        detail::add_facts(facts, {party}, predicate::party_to, m.iri, date, evidence, "treaty.named-parties", 0.7);
    }
  }
}

}  // namespace

void TreatyExtractor::extract(const ExtractionContext& ctx, std::vector<Fact>& facts) const {
  for (const SentenceAnalysis& sentence : ctx.recognized.sentences) {
    std::vector<int> treaties = detail::mentions_of_type(sentence, EntityType::treaty);
    if (treaties.empty()) continue;
    const SentenceView& v = detail::view_of(ctx, sentence);
    const std::size_t sentence_facts = facts.size();
    between_parties(ctx, v, treaties, facts);
    verb_frames(ctx, v, treaties, facts);
    named_parties(ctx, v, treaties, sentence_facts, facts);
  }
}

}  // namespace diplograph
