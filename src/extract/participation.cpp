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

// What one takes part in: an event, or a mission or force that the
// gazetteer lists as an organization ("United Nations Interim Force in
// Lebanon", "International Security Assistance Force").
bool takes_part_in(const ExtractionContext& ctx, const Mention& m) {
  if (m.type == EntityType::event) return true;
  if (m.type != EntityType::organization) return false;
  auto id = ctx.gazetteer.find_iri(m.iri);
  std::string label = id ? ctx.gazetteer.entities()[*id].label : std::string(ctx.document.slice({m.begin, m.end}));
  // Not a standing force one is a member of ("Joint Expeditionary Force").
  for (std::string_view head : {"Mission", "Operation", "Administration", "Observer", "Monitoring", "Peacekeeping",
                                "Stabilization", "Stabilisation", "Assistance Force", "Interim Force",
                                "Protection Force", "Emergency Force", "Security Force", "Multinational Force"})
    if (label.find(head) != std::string::npos) return true;
  return false;
}

// Words for a state's armed forces (or its government) acting abroad.
const std::vector<std::string_view> force_words{"forces", "troops", "army", "armies", "soldiers",
                                                "military", "navy", "contingent", "contingents",
                                                "peacekeepers", "units", "fleet", "government",
                                                "battalions", "battalion", "personnel", "officers"};

bool is_force_word(std::string_view w) {
  return std::find(force_words.begin(), force_words.end(), w) != force_words.end();
}

// "Cuban forces", "Kenyan troops", "German and Soviet armies": the states
// whose demonyms stand before a word for armed forces in [from, to).
std::vector<std::string> forces_of(const ExtractionContext& ctx, const SentenceView& v, std::size_t from,
                                   std::size_t to) {
  const auto& forces = force_words;
  std::vector<std::string> out;
  for (std::size_t k = from; k < to; ++k) {
    if (std::find(forces.begin(), forces.end(), v.lower(k)) == forces.end()) continue;
    // Walk back over demonyms joined by "and" / ",".
    for (std::size_t j = k; j > from;) {
      --j;
      if (v.lower(j) == "and" || v.lower(j) == ",") continue;
      auto id = ctx.gazetteer.state_of_demonym(v.word(j));
      if (!id) break;
      const std::string& iri = ctx.gazetteer.entities()[*id].iri;
      if (std::find(out.begin(), out.end(), iri) == out.end()) out.push_back(iri);
    }
  }
  return out;
}

// "The foreign minister of Cabo Verde attended …", "the President of Kenya
// hosted …": the states whose officials are named in [from, to).
std::vector<std::string> officials_of(const SentenceView& v, std::size_t from, std::size_t to) {
  static const std::vector<std::string_view> officials{
      "minister",  "president", "king",    "queen",    "delegation", "government", "leader",
      "ambassador", "envoy",    "premier", "chancellor", "emir",     "sultan",     "emperor",
      "head",      "representative", "representatives", "delegates", "delegation", "secretary"};
  std::vector<std::string> out;
  for (std::size_t k = from + 1; k + 1 < to; ++k) {
    if (v.lower(k) != "of" || std::find(officials.begin(), officials.end(), v.lower(k - 1)) == officials.end())
      continue;
    int m = v.mention_at(k + 1);
    if (m < 0 && v.lower(k + 1) == "the") m = v.mention_at(k + 2);
    if (m < 0 || v.mention(m).type != EntityType::state) continue;
    if (std::find(out.begin(), out.end(), v.mention(m).iri) == out.end()) out.push_back(v.mention(m).iri);
  }
  return out;
}

// What a wildcard in a cue stood for ("sent * * to"): people or units sent
// to an event (troops, a delegation, a named battalion), not aid or a
// message.
bool sends_people(const SentenceView& v, const std::vector<std::string>& cue, std::size_t at) {
  // Besides the force words: units and people sent.
  static const std::vector<std::string_view> more{
      "unit", "brigade", "brigades", "division", "regiment", "delegation", "delegations", "delegates", "ships",
      "warships", "aircraft", "observers", "advisers", "advisors", "volunteers", "team", "teams", "force",
      "corps", "squadron", "representatives", "minister", "president", "envoy", "expedition"};
  auto sent = [&](std::string_view w) {
    return is_force_word(w) || std::find(more.begin(), more.end(), w) != more.end();
  };
  bool wildcard = false, people = false;
  for (const std::string& w : cue)  // "sent * troops to": the cue names them itself
    if (sent(w)) return true;
  for (std::size_t i = 0; i < cue.size(); ++i) {
    if (cue[i] != "*") continue;
    wildcard = true;
    const std::size_t k = at + i;
    if (k >= v.size()) return false;
    if (sent(v.lower(k))) people = true;
    if (v.sentence().tokens[k].capitalized && i > 1) people = true;  // "the Kagnew Battalion"
  }
  return !wildcard || people;
}

// "New Zealand fought in the Second Boer War, World War I and the Korean
// War", "Kenya sent troops to …", "Chad hosted the summit", "Cuban forces
// intervened in …": a verb of taking part, the events listed after it, the
// clause's subjects (or the forces it names by demonym) before it.
void verb_participation(const ExtractionContext& ctx, const SentenceView& v, std::vector<Fact>& facts) {
  for (const RelationCue& entry : ctx.gazetteer.cues().frame("participation")) {
    const std::vector<std::string>& cue = entry.words;
    for (std::size_t c : v.find_cue_words(cue)) {
      std::size_t start = v.clause_start(c);
      if (v.negated(start, c) || !sends_people(v, cue, c)) continue;
      std::size_t end = v.clause_end(c + cue.size());
      std::vector<int> events = v.list_after(c + cue.size(), end);
      std::erase_if(events, [&](int m) { return !takes_part_in(ctx, v.mention(m)); });
      if (events.empty() && (cue.front() == "fought" || cue.front() == "fighting" || cue.front() == "fights")) {
        // "fought in both world wars, with notable campaigns in Gallipoli,
        // Crete and Cassino": the battles named later in the clause.
        for (int m = 0; m < static_cast<int>(v.sentence().mentions.size()); ++m)
          if (v.mention(m).first_token >= c + cue.size() && v.mention(m).first_token < end &&
              v.mention(m).type == EntityType::event)
            events.push_back(m);
      }
      // "… hosted the Bandung Conference in April 1955, and Ghana, Egypt and
      // Japan were represented at it": "it" is the one event named before.
      const std::size_t object = c + cue.size();
      if (events.empty() && object < v.size() && v.lower(object) == "it" && v.mention_covering(object) < 0) {
        int before = -1, count = 0;
        for (int m = 0; m < static_cast<int>(v.sentence().mentions.size()); ++m)
          if (v.mention(m).first_token < c && v.mention(m).type == EntityType::event) {
            if (before < 0 || v.mention(m).iri != v.mention(before).iri) ++count;
            before = m;
          }
        if (count == 1) events.push_back(before);
      }
      if (events.empty()) continue;
      // One event named twice ("the Paris climate conference (COP21)") is one event.
      for (std::size_t a = 0; a < events.size(); ++a)
        for (std::size_t b = events.size(); b-- > a + 1;)
          if (v.mention(events[b]).iri == v.mention(events[a]).iri) events.erase(events.begin() + static_cast<std::ptrdiff_t>(b));
      std::vector<std::string> participants;
      for (int m : v.subjects_in(start, c)) {
        const Mention& x = v.mention(m);
        if (!detail::acts(x.type)) continue;
        for (auto& iri : detail::expand_states(v, m, ctx.recognized.subject)) participants.push_back(iri);
      }
      // "America's entry into World War II": the possessor.
      if (participants.empty() && c > 0 && v.lower(c - 1) == "'s" && c >= 2 && v.mention_covering(c - 2) >= 0) {
        const Mention& x = v.mention(v.mention_covering(c - 2));
        if (x.type == EntityType::state) participants.push_back(x.iri);
      }
      if (participants.empty()) participants = forces_of(ctx, v, start, c);
      if (participants.empty()) participants = officials_of(v, start, c);
      if (participants.empty()) continue;
      // "Paraguay fought Bolivia in the Chaco War", "fought alongside British
      // forces in …": the other side named between the verb and the event.
      if (cue.front() == "fought") {
        std::size_t first_event = v.mention(events.front()).first_token;
        for (int m : v.list_after(c + cue.size(), first_event))
          if (v.mention(m).type == EntityType::state || v.mention(m).type == EntityType::group)
            for (auto& iri : detail::expand_states(v, m, ctx.recognized.subject)) participants.push_back(iri);
        for (auto& iri : forces_of(ctx, v, c + cue.size(), first_event)) participants.push_back(iri);
      }
      std::optional<DateValue> fronted = v.fronted_date();
      for (std::size_t i = 0; i < events.size(); ++i) {
        std::optional<DateValue> date = event_date(v, events[i], events.size() == 1);
        if (!date && events.size() == 1) {
          std::size_t limit = end;
          // "since 1978", "from 2004 to 2017", "(1999–2002)": the start.
          for (std::size_t k = v.after(events[i]); k < limit && !date; ++k)
            if (v.date_covering(k) >= 0 && v.date(v.date_covering(k)).value.modifier != DateModifier::before &&
                v.date(v.date_covering(k)).value.modifier != DateModifier::approx)
              date = v.date(v.date_covering(k)).value;
        }
        if (!date) date = fronted;
        detail::add_facts(facts, participants, predicate::participated_in, v.mention(events[i]).iri, date,
                          v.sentence().span, "participation.verb", 0.8);
      }
    }
  }
}

// "Third Anglo-Afghan War", "Iran–Iraq War", "Afghanistan–Pakistan border
// skirmishes": a conflict whose name joins two states (by name or demonym)
// names its sides.
std::vector<std::string> sides_in_name(const ExtractionContext& ctx, std::string_view name) {
  std::vector<std::string> sides = detail::joined_by_dash(ctx.gazetteer, name, false);
  if (sides.size() != 2) sides.clear();
  return sides;
}

bool conflict_name(std::string_view name) {
  std::string lower = ascii_lower(name);
  for (std::string_view head : {"war", "wars", "conflict", "skirmishes", "clashes", "crisis", "invasion",
                                "intervention", "campaign", "battle", "battles", "dispute", "operation",
                                "insurgency", "offensive", "siege", "capture", "recapture", "raid", "expedition",
                                "massacre", "blockade"})
    if (lower.ends_with(head) || lower.find(std::string(head) + " ") != std::string::npos) return true;
  return false;
}

void named_sides(const ExtractionContext& ctx, const SentenceView& v, std::vector<Fact>& facts) {
  for (std::size_t m = 0; m < v.sentence().mentions.size(); ++m) {
    const Mention& x = v.mention(static_cast<int>(m));
    if (x.type != EntityType::event) continue;
    std::string name;
    if (auto id = ctx.gazetteer.find_iri(x.iri)) name = ctx.gazetteer.entities()[*id].label;
    else name = std::string(ctx.document.slice({x.begin, x.end}));
    // "the Reykjavík Summit between the United States and the Soviet Union".
    std::size_t after = v.after(static_cast<int>(m));
    if (after < v.size() && v.lower(after) == "between") {
      std::vector<std::string> sides;
      std::size_t end = v.clause_end(after + 1);
      for (int s : v.list_after(after + 1, end))
        if (v.mention(s).type == EntityType::state)
          for (auto& iri : detail::expand_states(v, s, ctx.recognized.subject)) sides.push_back(iri);
      // The date after the sides: "… between A and B in October 1986".
      std::optional<DateValue> date = event_date(v, static_cast<int>(m), false);
      for (std::size_t k = after + 1; !date && k < end; ++k)
        if (v.date_covering(k) >= 0 && v.date(v.date_covering(k)).value.modifier == DateModifier::none)
          date = v.date(v.date_covering(k)).value;
      if (!date) date = v.fronted_date();
      // "… between A and B began against the Al-Shabaab group": the other side.
      if (sides.size() >= 2 && conflict_name(name)) {
        for (std::size_t k = after + 1; k + 1 < end; ++k) {
          if (v.lower(k) != "against") continue;
          for (int s : v.list_after(k + 1, v.clause_end(k + 1)))
            if (detail::acts(v.mention(s).type) && v.mention(s).source != MentionSource::anaphor)
              sides.push_back(v.mention(s).iri);
          break;
        }
      }
      if (sides.size() >= 2)
        detail::add_facts(facts, sides, predicate::participated_in, x.iri, date, v.sentence().span,
                          "participation.named-sides", 0.75);
    }
    if (!conflict_name(name)) continue;
    std::vector<std::string> sides = sides_in_name(ctx, name);
    if (sides.empty()) continue;
    std::optional<DateValue> date = event_date(v, static_cast<int>(m), false);
    detail::add_facts(facts, sides, predicate::participated_in, x.iri, date, v.sentence().span,
                      "participation.named-sides", 0.75);
  }
}

// "French naval forces defeated the British fleet at the Battle of the
// Chesapeake", "the Taliban defeated Dostum's forces during the Battles of
// Mazar-i-Sharif": a battle, siege or campaign and a verb of combat in one
// clause; the states, historical states and armed groups the clause names
// as sides (not as places: "in Canada", "near Kabul") took part in it.
void combat_sides(const ExtractionContext& ctx, const SentenceView& v, std::vector<Fact>& facts) {
  static const std::vector<std::string_view> verbs{
      "defeated", "attacked", "captured", "recaptured", "besieged", "repulsed", "fought", "routed",
      "retook", "seized", "stormed", "bombarded", "invaded", "surrendered", "ambushed", "overwhelmed",
      "crushed", "clashed", "engaged", "destroyed", "defended", "counterattacked", "defeat", "victory"};
  for (std::size_t e = 0; e < v.sentence().mentions.size(); ++e) {
    const Mention& event = v.mention(static_cast<int>(e));
    if (event.type != EntityType::event) continue;
    std::string name;
    if (auto id = ctx.gazetteer.find_iri(event.iri)) name = ctx.gazetteer.entities()[*id].label;
    else name = std::string(ctx.document.slice({event.begin, event.end}));
    if (!conflict_name(name)) continue;
    const std::size_t start = v.clause_start(event.first_token), end = v.clause_end(event.first_token);
    std::size_t verb = end;
    for (std::size_t k = start; k < end && verb == end; ++k)
      if (v.mention_covering(k) < 0 && std::find(verbs.begin(), verbs.end(), v.lower(k)) != verbs.end()) verb = k;
    if (verb == end || v.negated(start, verb)) continue;
    std::vector<std::string> sides;
    auto add = [&](const std::string& iri) {
      if (std::find(sides.begin(), sides.end(), iri) == sides.end()) sides.push_back(iri);
    };
    // The sides: the verb's subjects and its object ("defeated the Taliban").
    auto side = [&](int m) {
      const Mention& x = v.mention(m);
      if (static_cast<std::size_t>(m) == e) return;
      if (x.type != EntityType::state && x.type != EntityType::historical_state &&
          x.type != EntityType::non_state_actor)
        return;
      if (v.after(m) < v.size() && v.lower(v.after(m)) == "'s") return;  // "Dostum's forces"
      add(x.iri);
    };
    for (int m : v.subjects_in(start, verb)) side(m);
    std::size_t object = verb + 1;
    if (object < end && v.lower(object) == "the") ++object;
    if (object < end && v.mention_at(object) >= 0) side(v.mention_at(object));
    for (std::string& iri : forces_of(ctx, v, start, end)) add(iri);
    if (sides.empty()) continue;
    std::optional<DateValue> date = event_date(v, static_cast<int>(e), false);
    for (std::size_t k = start; !date && k < end; ++k)
      if (v.date_covering(k) >= 0 && v.date(v.date_covering(k)).value.modifier == DateModifier::none)
        date = v.date(v.date_covering(k)).value;
    if (!date) date = v.fronted_date();
    detail::add_facts(facts, sides, predicate::participated_in, event.iri, date, v.sentence().span,
                      "participation.combat", 0.7);
  }
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
    if (events.empty()) {
      // Missions and forces the gazetteer lists as organizations.
      if (std::any_of(sentence.mentions.begin(), sentence.mentions.end(),
                      [&](const Mention& m) { return takes_part_in(ctx, m); }))
        verb_participation(ctx, detail::view_of(ctx, sentence), facts);
      continue;
    }
    const SentenceView& v = detail::view_of(ctx, sentence);
    const Span evidence = sentence.span;
    const bool only_event = events.size() == 1;
    std::size_t before = facts.size();
    verb_participation(ctx, v, facts);
    const bool by_verb = std::any_of(facts.begin() + static_cast<std::ptrdiff_t>(before), facts.end(),
                                     [](const Fact& f) { return f.predicate == std::string(predicate::participated_in); });
    named_sides(ctx, v, facts);
    combat_sides(ctx, v, facts);

    for (int e : events) {
      if (auto d = event_date(v, e, only_event))
        detail::add_date_fact(facts, v.mention(e).iri, *d, evidence, "event.date", 0.8);
    }
    if (!only_event || by_verb) continue;  // whose event it was is unclear, or already read
    const int event = events.front();
    std::optional<DateValue> date = event_date(v, event, true);
    std::vector<std::string> participants;
    auto add = [&](int m) {
      const Mention& x = v.mention(m);
      if (!detail::acts(x.type)) return;
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
