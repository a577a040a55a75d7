#include <algorithm>

#include "sentence_view.hpp"

namespace diplograph {
namespace {

using detail::SentenceView;

// A date for an event: right after it ("the fall of the U.S.S.R. in 1991"),
// or opening the sentence when the event is the only one named.
std::optional<DateValue> event_date(const SentenceView& v, int event, bool only_event) {
  std::size_t k = v.after(event);
  if (k < v.size() && (v.lower(k) == "in" || v.lower(k) == "on" || v.lower(k) == "of") &&
      k + 1 < v.size() && v.date_covering(k + 1) >= 0)
    return v.date(v.date_covering(k + 1)).value;
  if (k < v.size() && v.lower(k) == "(" && k + 1 < v.size() && v.date_covering(k + 1) >= 0)
    return v.date(v.date_covering(k + 1)).value;
  if (only_event) {
    if (auto d = v.fronted_date(); d && d->modifier == DateModifier::none) return d;
  }
  return std::nullopt;
}

}  // namespace

void ParticipationExtractor::extract(const ExtractionContext& ctx, std::vector<Fact>& facts) const {
  static const std::vector<std::vector<std::string_view>> people{
      {"people", "from"},       {"citizens", "of"},      {"citizens", "from"},
      {"residents", "of"},      {"delegations", "from"}, {"representatives", "of"},
      {"representatives", "from"}, {"troops", "from"},    {"leaders", "of"},
      {"participants", "from"}};
  static const std::vector<std::vector<std::string_view>> verbs{
      {"took", "part", "in"}, {"participated", "in"}, {"take", "part", "in"},
      {"attended"},           {"joined", "the"}};
  for (const SentenceAnalysis& sentence : ctx.recognized.sentences) {
    std::vector<int> events = detail::mentions_of_type(sentence, EntityType::event);
    if (events.empty()) continue;
    SentenceView v(ctx.document.text, sentence);
    const Span evidence = sentence.span;
    const bool only_event = events.size() == 1;

    for (int e : events) {
      if (auto d = event_date(v, e, only_event))
        detail::add_date_fact(facts, v.mention(e).iri, *d, evidence, "event.date", 0.8);
    }
    if (!only_event) continue;  // whose event it was is unclear
    const int event = events.front();
    std::optional<DateValue> date = event_date(v, event, true);
    std::vector<std::string> participants;
    auto add = [&](int m) {
      const Mention& x = v.mention(m);
      if (x.type != EntityType::state && x.type != EntityType::group &&
          x.type != EntityType::organization)
        return;
      for (auto& iri : detail::expand_states(v, m, ctx.recognized.subject))
        if (std::find(participants.begin(), participants.end(), iri) == participants.end())
          participants.push_back(iri);
    };
    // "about two million people from Lithuania, Latvia and Estonia joined hands …"
    for (const auto& cue : people) {
      for (std::size_t c : v.find_cue(cue)) {
        if (v.negated(v.clause_start(c), c)) continue;
        for (int m : v.list_after(c + cue.size(), v.clause_end(c + cue.size()))) add(m);
      }
    }
    // "Lithuania took part in the Baltic Way".
    for (const auto& cue : verbs) {
      for (std::size_t c : v.find_cue(cue)) {
        std::size_t start = v.clause_start(c);
        if (v.negated(start, c)) continue;
        std::size_t k = c + cue.size();
        if (k < v.size() && v.lower(k) == "the") ++k;
        if (v.mention_at(k) != event) continue;
        for (int m : v.subjects_in(start, c)) add(m);
      }
    }
    for (const auto& p : participants)
      detail::add_facts(facts, {p}, predicate::participated_in, v.mention(event).iri, date,
                        evidence, "participation.event", 0.8);
  }
}

}  // namespace diplograph
