// Memberships whose organization was named before the clause that states
// them: "The European Union enlarged again in 1995. Austria, Finland and
// Sweden were admitted on 1 January of that year.", "ASEAN grew …: Vietnam
// joined in 1995", "CARICOM admitted Suriname in 1995", "Timor-Leste became a
// member in 2002". The organization is the last one named earlier in the
// sentence, else in the sentence before it in the same paragraph (the
// discourse's current organization).
#include <algorithm>

#include "sentence_view.hpp"

namespace diplograph {
namespace {

using detail::SentenceView;

bool word_in(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// The last organization named before token `before`, in this sentence or the previous one of its block.
std::optional<std::string> current_organization(const ExtractionContext& ctx, std::size_t index,
                                                const SentenceView& v, std::size_t before) {
  std::optional<std::string> found;
  for (const Mention& m : v.sentence().mentions)
    if (m.type == EntityType::organization && m.first_token < before) found = m.iri;
  if (found || index == 0) return found;
  const SentenceAnalysis& previous = ctx.recognized.sentences[index - 1];
  if (previous.block != v.sentence().block) return found;
  for (const Mention& m : previous.mentions)
    if (m.type == EntityType::organization) found = m.iri;
  return found;
}

// Where a membership verb stands without its organization: returns the
// number of cue tokens at c, or 0. "became a member" / "became members" /
// "were admitted" / "joined" not followed by "of", "to", "in the" + name.
std::size_t bare_cue(const SentenceView& v, std::size_t c) {
  const std::string& w = v.lower(c);
  std::size_t n = 0;
  if (word_in(w, {"became", "become", "becomes"})) {
    std::size_t k = c + 1;
    if (k < v.size() && (v.lower(k) == "a" || v.lower(k) == "an")) ++k;
    while (k < v.size() && word_in(v.lower(k), {"full", "founding", "formal", "permanent", "new"})) ++k;
    if (k < v.size() && (v.lower(k) == "member" || v.lower(k) == "members")) n = k - c + 1;
  } else if (word_in(w, {"admitted", "readmitted", "joined", "rejoined", "join", "joins", "acceded"})) {
    n = 1;
  } else if (word_in(w, {"been"}) && c + 1 < v.size() && v.lower(c + 1) == "members") {
    n = 2;
  }
  if (n == 0) return 0;
  std::size_t after = c + n;
  // An object right after: handled by the membership rules that name it.
  if (after < v.size()) {
    const std::string& next = v.lower(after);
    if (word_in(next, {"of", "to", "into"}) && after + 1 < v.size() && v.date_covering(after + 1) < 0) return 0;
    if (v.mention_at(after) >= 0 || next == "the" || next == "its" || next == "it") return 0;
  }
  return n;
}

}  // namespace

void DiscourseMembershipExtractor::extract(const ExtractionContext& ctx, std::vector<Fact>& facts) const {
  const auto& sentences = ctx.recognized.sentences;
  for (std::size_t index = 0; index < sentences.size(); ++index) {
    const SentenceAnalysis& sentence = sentences[index];
    if (sentence.mentions.empty()) continue;
    const SentenceView& v = detail::view_of(ctx, sentence);
    const std::optional<DateValue> fronted = v.fronted_date();
    for (std::size_t c = 0; c < v.size(); ++c) {
      if (v.mention_covering(c) >= 0) continue;
      // "CARICOM admitted Suriname in 1995": the organization admits.
      if (v.lower(c) == "admitted" && c + 1 < v.size() && v.mention_at(c + 1) >= 0) {
        std::size_t start = v.clause_start(c);
        std::vector<int> subjects = v.subjects_in(start, c);
        std::erase_if(subjects, [&](int m) { return v.mention(m).type != EntityType::organization; });
        if (subjects.empty() || v.negated(start, c)) continue;
        std::size_t end = v.clause_end(c + 1);
        std::vector<int> states = v.list_after(c + 1, end);
        for (std::size_t i = 0; i < states.size(); ++i) {
          if (v.mention(states[i]).type != EntityType::state && v.mention(states[i]).type != EntityType::group) continue;
          std::size_t limit = i + 1 < states.size() ? v.mention(states[i + 1]).first_token : end;
          std::optional<DateValue> date = v.date_after(states[i], limit);
          if (!date) date = fronted;
          detail::add_facts(facts, detail::expand_states(v, states[i], ctx.recognized.subject),
                            predicate::member_of, v.mention(subjects.back()).iri, date, sentence.span,
                            "membership.admitted-by", 0.8);
        }
        continue;
      }
      std::size_t n = bare_cue(v, c);
      if (n == 0) continue;
      std::size_t start = v.clause_start(c);
      if (v.negated(start, c)) continue;
      std::vector<std::string> subjects;
      for (int m : v.subjects_in(start, c))
        if (v.mention(m).type == EntityType::state || v.mention(m).type == EntityType::group)
          for (auto& iri : detail::expand_states(v, m, ctx.recognized.subject)) subjects.push_back(iri);
      if (subjects.empty()) continue;
      std::optional<std::string> org = current_organization(ctx, index, v, c);
      if (!org) continue;
      // Another rule read this clause already ("… became a member of X"): nothing to add.
      bool known = std::any_of(facts.begin(), facts.end(), [&](const Fact& f) {
        return f.evidence.begin == sentence.span.begin && f.predicate == std::string(predicate::member_of) &&
               f.object == *org && std::find(subjects.begin(), subjects.end(), f.subject) != subjects.end();
      });
      if (known) continue;
      std::optional<DateValue> date;
      std::size_t end = v.clause_end(c + n);
      std::size_t k = c + n;
      for (; k < end && k < c + n + 6 && !date; ++k)
        if (v.date_covering(k) >= 0) date = v.date(v.date_covering(k)).value;
      if (!date) date = fronted;
      detail::add_facts(facts, subjects, predicate::member_of, *org, date, sentence.span,
                        "membership.organization-named-earlier", 0.75);
      // Gapping: "Vietnam joined in 1995, Myanmar in 1997, and Cambodia …",
      // "Timor-Leste became a member in 2002 and Equatorial Guinea in 2014".
      while (k < v.size()) {
        while (k < v.size() && v.date_covering(k) >= 0) ++k;
        std::size_t j = k;
        while (j < v.size() && (v.lower(j) == "," || v.lower(j) == "and")) ++j;
        int m = j < v.size() ? v.mention_at(j) : -1;
        if (j == k || m < 0 || v.mention(m).type != EntityType::state) break;
        std::size_t p = v.after(m);
        if (p + 1 >= v.size() || (v.lower(p) != "in" && v.lower(p) != "on") || v.date_covering(p + 1) < 0) break;
        detail::add_facts(facts, {v.mention(m).iri}, predicate::member_of, *org,
                          v.date(v.date_covering(p + 1)).value, sentence.span,
                          "membership.organization-named-earlier", 0.75);
        k = p + 1;
      }
    }
  }
}

}  // namespace diplograph
