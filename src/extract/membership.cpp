#include <algorithm>

#include "sentence_view.hpp"

namespace diplograph {
namespace {

using detail::SentenceView;

enum class SubjectFrom {
  clause,     ///< "Lithuania is a member of X": the clause's subject
  possessor,  ///< "Lithuania's membership in X": only an explicit possessor
  document,   ///< "(its) accession to X": the possessor, else the document's subject
  states,     ///< "Kenya, Uganda and Tanzania founded X": the clause's states only
};

struct Cue {
  std::vector<std::string_view> words;
  const char* rule;
  double confidence;
  SubjectFrom subject;
};

// The membership frame's cues, from the ontology folder's relation_cues.tsv.
std::vector<Cue> member_cues(const ExtractionContext& ctx) {
  std::vector<Cue> cues;
  for (const RelationCue& c : ctx.gazetteer.cues().frame("membership")) {
    Cue cue;
    cue.words.assign(c.words.begin(), c.words.end());
    cue.rule = c.rule.empty() ? "membership.cue" : c.rule.c_str();
    cue.confidence = c.confidence;
    cue.subject = c.subject == "possessor"  ? SubjectFrom::possessor
                  : c.subject == "document" ? SubjectFrom::document
                  : c.subject == "states"   ? SubjectFrom::states
                                            : SubjectFrom::clause;
    cues.push_back(std::move(cue));
  }
  return cues;
}

bool is_org(const SentenceView& v, int m) {
  return m >= 0 && v.mention(m).type == EntityType::organization;
}

// Paragraph focus: the organization a list like "The observer states are …"
// is about: the last organization whose members were listed earlier in the
// block, else the first organization named in the block.
std::optional<std::string> focus_organization(const ExtractionContext& ctx, std::size_t index) {
  const auto& sentences = ctx.recognized.sentences;
  std::optional<std::string> first;
  for (std::size_t k = index; k-- > 0;) {
    if (sentences[k].block != sentences[index].block) break;
    for (const Mention& m : sentences[k].mentions)
      if (m.type == EntityType::organization) first = m.iri;  // keeps the earliest
  }
  for (std::size_t k = index; k-- > 0;) {
    if (sentences[k].block != sentences[index].block) break;
    const SentenceView& v = detail::view_of(ctx, sentences[k]);
    for (std::size_t c : v.find_cue({"members", "of"})) {
      int m = v.mention_at(c + 2);
      if (is_org(v, m)) return v.mention(m).iri;
    }
  }
  return first;
}

void member_lists(const ExtractionContext& ctx, const SentenceView& v, std::size_t index,
                  std::vector<Fact>& facts, std::vector<bool>& consumed) {
  const Span evidence = v.sentence().span;
  // "The members of CBSS are Denmark, Estonia, …": "X's members are …".
  for (const auto& cue : std::vector<std::vector<std::string_view>>{
           {"members", "of"}, {"member", "states", "of"}, {"member", "countries", "of"}}) {
    for (std::size_t c : v.find_cue(cue)) {
      std::size_t k = c + cue.size();
      if (k < v.size() && v.lower(k) == "the") ++k;
      int org = v.mention_at(k);
      if (!is_org(v, org)) continue;
      std::size_t verb = v.after(org);
      if (verb >= v.size() ||
          (v.lower(verb) != "are" && v.lower(verb) != "include" && v.lower(verb) != "were" &&
           v.lower(verb) != "comprise" && v.lower(verb) != "included"))
        continue;
      if (v.negated(v.clause_start(c), c)) continue;
      consumed[c] = true;
      for (int m : v.list_after(verb + 1, v.clause_end(verb + 1))) {
        const Mention& x = v.mention(m);
        if (x.type == EntityType::state || x.type == EntityType::group ||
            x.type == EntityType::organization)
          detail::add_facts(facts, detail::expand_states(v, m, ctx.recognized.subject),
                            predicate::member_of, v.mention(org).iri, std::nullopt, evidence,
                            "membership.member-list", 0.9);
      }
    }
  }
  // "The observer states are …", "Observers of X are …", "X is an observer of Y".
  for (const auto& cue : std::vector<std::vector<std::string_view>>{
           {"observer", "states"}, {"observer", "countries"}, {"observers"}}) {
    for (std::size_t c : v.find_cue(cue)) {
      std::size_t k = c + cue.size();
      std::optional<std::string> org;
      if (k + 1 < v.size() && (v.lower(k) == "of" || v.lower(k) == "in" || v.lower(k) == "to")) {
        std::size_t j = k + 1;
        if (j < v.size() && v.lower(j) == "the") ++j;
        int m = v.mention_at(j);
        if (is_org(v, m)) {
          org = v.mention(m).iri;
          k = v.after(m);
        }
      }
      if (k >= v.size() || (v.lower(k) != "are" && v.lower(k) != "include" && v.lower(k) != "were"))
        continue;
      if (!org) org = focus_organization(ctx, index);
      if (!org || v.negated(v.clause_start(c), c)) continue;
      for (int m : v.list_after(k + 1, v.clause_end(k + 1))) {
        const Mention& x = v.mention(m);
        if (x.type == EntityType::state || x.type == EntityType::group)
          detail::add_facts(facts, detail::expand_states(v, m, ctx.recognized.subject),
                            predicate::observer_of, *org, std::nullopt, evidence,
                            "membership.observer-list", 0.85);
      }
    }
  }
  for (const auto& cue : std::vector<std::vector<std::string_view>>{
           {"observer", "of"}, {"observer", "in"}, {"observer", "to"},
           {"observer", "status", "in"}, {"observer", "status", "at"}}) {
    for (std::size_t c : v.find_cue(cue)) {
      std::size_t start = v.clause_start(c);
      std::vector<int> subjects = v.subjects_in(start, c);
      if (subjects.empty() || v.negated(start, c)) continue;
      std::vector<int> orgs = v.list_after(c + cue.size(), v.clause_end(c + cue.size()));
      for (int o : orgs) {
        if (!is_org(v, o)) continue;
        for (int s : subjects) {
          if (v.mention(s).type != EntityType::state && v.mention(s).type != EntityType::group) continue;
          detail::add_facts(facts, detail::expand_states(v, s, ctx.recognized.subject),
                            predicate::observer_of, v.mention(o).iri,
                            v.date_after(o, v.clause_end(c)) ? v.date_after(o, v.clause_end(c))
                                                             : v.fronted_date(),
                            evidence, "membership.observer-of", 0.85);
        }
      }
    }
  }
}

}  // namespace

// "… by the Kingdom of the Netherlands, as Member State of the European
// Union, …", "Germany, as a member of NATO, …": an apposition states the
// membership whatever the clause around it says ("shall be without
// prejudice to …" is modal; the apposition is not).
static void apposed_membership(const ExtractionContext& ctx, const SentenceView& v, std::vector<Fact>& facts) {
  for (std::size_t c : v.find_cue({",", "as"})) {
    if (c == 0) continue;
    int state = v.mention_covering(c - 1);
    if (state < 0 || (v.mention(state).type != EntityType::state && v.mention(state).type != EntityType::group))
      continue;
    std::size_t k = c + 2;
    if (k < v.size() && (v.lower(k) == "a" || v.lower(k) == "an" || v.lower(k) == "the")) ++k;
    if (k < v.size() && v.lower(k) == "founding") ++k;
    if (k >= v.size() || (v.lower(k) != "member" && v.lower(k) != "members")) continue;
    ++k;
    if (k < v.size() && (v.lower(k) == "state" || v.lower(k) == "states" || v.lower(k) == "country")) ++k;
    if (k >= v.size() || v.lower(k) != "of") continue;
    ++k;
    if (k < v.size() && v.lower(k) == "the") ++k;
    int org = v.mention_at(k);
    if (!is_org(v, org)) continue;
    detail::add_facts(facts, detail::expand_states(v, state, ctx.recognized.subject), predicate::member_of,
                      v.mention(org).iri, std::nullopt, v.sentence().span, "membership.apposition", 0.85);
  }
}

// "Senegal, Mali and Niger joined Nigeria and other West African states in
// founding ECOWAS", "New Zealand joined Australia and the United States in
// the ANZUS security treaty": the subjects and the states they joined are
// all members of the organization (parties to the treaty) named after "in".
static void joined_others_in(const ExtractionContext& ctx, const SentenceView& v, std::vector<Fact>& facts) {
  for (std::size_t c = 0; c + 2 < v.size(); ++c) {
    if (v.lower(c) != "joined" && v.lower(c) != "joins" && v.lower(c) != "join") continue;
    if (v.mention_covering(c) >= 0) continue;
    const std::size_t start = v.clause_start(c), end = v.clause_end(c + 1);
    if (v.negated(start, c)) continue;
    // The states joined, up to "in".
    std::size_t in = c + 1;
    while (in < end && v.lower(in) != "in") ++in;
    if (in + 1 >= end) continue;
    std::vector<int> others = v.list_after(c + 1, in);
    std::erase_if(others, [&](int m) { return v.mention(m).type != EntityType::state && v.mention(m).type != EntityType::group; });
    std::size_t k = in + 1;
    static const std::vector<std::string_view> gerunds{"founding", "forming", "creating", "establishing", "signing",
                                                       "launching"};
    // "Guatemala joined its Central American neighbors in signing a …":
    // with a verb of founding or signing, the subject counts even when the
    // others are not named.
    const bool gerund = k < end && std::find(gerunds.begin(), gerunds.end(), v.lower(k)) != gerunds.end();
    if (others.empty() && !gerund) continue;
    if (gerund) ++k;
    if (k < end && (v.lower(k) == "a" || v.lower(k) == "an")) ++k;
    if (k < end && v.lower(k) == "the") ++k;
    int target = v.mention_at(k);
    if (target < 0) continue;
    const EntityType type = v.mention(target).type;
    if (type != EntityType::organization && type != EntityType::treaty) continue;
    std::vector<std::string> members;
    auto add = [&](int m) {
      for (auto& iri : detail::expand_states(v, m, ctx.recognized.subject))
        if (std::find(members.begin(), members.end(), iri) == members.end()) members.push_back(iri);
    };
    for (int m : v.subjects_in(start, c))
      if (detail::may_be_member(v.mention(m).type)) add(m);
    if (members.empty()) continue;
    for (int m : others) add(m);
    std::optional<DateValue> date = v.date_after(target, end);
    if (!date) date = v.fronted_date();
    detail::add_facts(facts, members, type == EntityType::treaty ? predicate::party_to : predicate::member_of,
                      v.mention(target).iri, date, v.sentence().span, "membership.joined-others", 0.8);
  }
}

void MembershipExtractor::extract(const ExtractionContext& ctx, std::vector<Fact>& facts) const {
  const auto& sentences = ctx.recognized.sentences;
  const std::vector<Cue> cues = member_cues(ctx);
  for (std::size_t index = 0; index < sentences.size(); ++index) {
    const SentenceAnalysis& sentence = sentences[index];
    // No organization, no membership (a cheap test: most sentences have none).
    // Observer lists may name their organization in an earlier sentence.
    if (std::none_of(sentence.mentions.begin(), sentence.mentions.end(),
                     [](const Mention& m) { return m.type == EntityType::organization; }) &&
        ctx.document.slice(sentence.span).find("bserver") == std::string_view::npos &&
        ctx.document.slice(sentence.span).find("member of:") == std::string_view::npos)
      continue;
    const SentenceView& v = detail::view_of(ctx, sentence);
    std::vector<bool> consumed(v.size() + 1, false);
    member_lists(ctx, v, index, facts, consumed);
    const Span evidence = sentence.span;
    std::optional<DateValue> fronted = v.fronted_date();

    apposed_membership(ctx, v, facts);
    joined_others_in(ctx, v, facts);

    // "<Org> membership of <states> took effect/began in DATE".
    for (std::size_t c : v.find_cue({"membership", "of"})) {
      int org = c > 0 ? v.mention_covering(c - 1) : -1;
      if (!is_org(v, org)) continue;
      std::size_t end = v.clause_end(c + 2);
      bool effective = false;
      for (std::size_t k = c + 2; k + 1 < v.size() && k < end + 2; ++k)
        if ((v.lower(k) == "took" && v.lower(k + 1) == "effect") || v.lower(k) == "began" ||
            v.lower(k) == "started")
          effective = true;
      if (!effective || v.negated(v.clause_start(c), c)) continue;
      std::vector<int> states = v.list_after(c + 2, end);
      std::optional<DateValue> date = fronted;
      for (std::size_t k = c + 2; k < v.size(); ++k)
        if (v.date_covering(k) >= 0) {
          date = v.date(v.date_covering(k)).value;
          break;
        }
      for (int s : states)
        if (v.mention(s).type == EntityType::state || v.mention(s).type == EntityType::group)
          detail::add_facts(facts, detail::expand_states(v, s, ctx.recognized.subject),
                            predicate::member_of, v.mention(org).iri, date, evidence,
                            "membership.took-effect", 0.85);
      consumed[c] = true;
    }

    // "accession of Lithuania to NATO".
    for (const auto& noun : {"accession", "admission", "admittance"}) {
      for (std::size_t c : v.find_cue({noun, "of"})) {
        int state = v.mention_at(c + 2);
        if (state < 0 || v.mention(state).type != EntityType::state) continue;
        std::size_t to = v.after(state);
        if (to >= v.size() || v.lower(to) != "to") continue;
        std::size_t j = to + 1;
        if (j < v.size() && v.lower(j) == "the") ++j;
        int org = v.mention_at(j);
        if (!is_org(v, org) || v.negated(v.clause_start(c), c)) continue;
        detail::add_facts(facts, {v.mention(state).iri}, predicate::member_of, v.mention(org).iri,
                          v.date_after(org, v.clause_end(j)), evidence, "membership.accession",
                          0.8);
      }
    }

    for (const Cue& cue : cues) {
      for (std::size_t c : v.find_cue(cue.words)) {
        if (consumed[c]) continue;
        // A shorter cue inside a longer one already handled ("member of"
        // inside "member states of") is skipped by marking.
        for (std::size_t k = c; k < c + cue.words.size(); ++k) consumed[k] = true;
        std::size_t start = v.clause_start(c);
        if (v.negated(start, c)) continue;
        std::size_t end = v.clause_end(c + cue.words.size());
        std::vector<int> objects = v.list_after(c + cue.words.size(), end);
        // "share common membership of the ICC, the UN, … and the Central
        // America–UK Association Agreement": a treaty in the list is one its
        // members are parties to.
        std::erase_if(objects, [&](int m) { return !is_org(v, m) && v.mention(m).type != EntityType::treaty; });
        // "It is also a member of:" followed by a list: the items name the
        // organizations.
        const std::size_t after_cue = c + cue.words.size();
        const bool list_follows = objects.empty() && after_cue + 1 == v.size() && v.lower(after_cue) == ":";
        if (objects.empty() && !list_follows) continue;
        std::vector<std::string> subjects;
        if (cue.subject == SubjectFrom::clause || cue.subject == SubjectFrom::states) {
          for (int s : v.subjects_in(start, c)) {
            if (std::find(objects.begin(), objects.end(), s) != objects.end()) continue;
            if (!detail::may_be_member(v.mention(s).type)) continue;
            if (cue.subject == SubjectFrom::states && v.mention(s).type != EntityType::state &&
                v.mention(s).type != EntityType::group)
              continue;
            for (auto& iri : detail::expand_states(v, s, ctx.recognized.subject))
              subjects.push_back(iri);
          }
        } else {
          // A noun: whose membership/accession it is. "Lithuania's accession
          // to", "its/her accession to", "the accession to" (the document's).
          int owner = c >= 2 && v.lower(c - 1) == "'s" ? v.mention_covering(c - 2) : -1;
          bool pronoun = c >= 1 && (v.lower(c - 1) == "its" || v.lower(c - 1) == "her" ||
                                    v.lower(c - 1) == "our" || v.lower(c - 1) == "the");
          if (owner >= 0 && v.mention(owner).type != EntityType::organization) {
            for (auto& iri : detail::expand_states(v, owner, ctx.recognized.subject))
              subjects.push_back(iri);
          } else if (cue.subject == SubjectFrom::document && (pronoun || c == 0) &&
                     ctx.recognized.subject) {
            subjects.push_back(*ctx.recognized.subject);
          }
        }
        if (subjects.empty()) continue;
        if (list_follows) {
          std::size_t block = sentence.block;
          for (std::size_t k = index + 1; k < sentences.size(); ++k) {
            const SentenceAnalysis& item = sentences[k];
            if (ctx.document.blocks[item.block].kind != BlockKind::list_item) break;
            if (item.block != block && item.block != block + 1) break;
            block = item.block;
            const SentenceView& iv = detail::view_of(ctx, item);
            std::vector<int> orgs = iv.list_after(0, iv.size());
            for (std::size_t i = 0; i < orgs.size(); ++i) {
              if (!is_org(iv, orgs[i])) continue;
              std::size_t limit = i + 1 < orgs.size() ? iv.mention(orgs[i + 1]).first_token : iv.size();
              detail::add_facts(facts, subjects, predicate::member_of, iv.mention(orgs[i]).iri,
                                iv.date_after(orgs[i], limit), item.span, "membership.member-list-items",
                                0.85);
            }
          }
          continue;
        }
        // "X is/became a member of": the noun cues need a verb that makes X
        // the member; "NB6 unites Nordic and Baltic countries members of
        // EU" does not say which countries.
        if (cue.subject == SubjectFrom::clause && cue.words.front() == "membership") {
          // "Both countries share common membership of …", "X holds membership of …".
          bool has = false;
          for (std::size_t k = start; k < c; ++k)
            if (v.mention_covering(k) < 0 &&
                (v.lower(k) == "share" || v.lower(k) == "shares" || v.lower(k) == "shared" ||
                 v.lower(k) == "hold" || v.lower(k) == "holds" || v.lower(k) == "held" ||
                 v.lower(k) == "have" || v.lower(k) == "has" || v.lower(k) == "gained"))
              has = true;
          if (!has) continue;
        } else if (cue.subject == SubjectFrom::clause && cue.words.front().starts_with("member")) {
          bool copula = false;
          for (std::size_t k = start; k < c; ++k)
            if (v.mention_covering(k) < 0 &&
                (v.lower(k) == "is" || v.lower(k) == "are" || v.lower(k) == "was" ||
                 v.lower(k) == "were" || v.lower(k) == "became" || v.lower(k) == "become" ||
                 v.lower(k) == "becomes" || v.lower(k) == "been" || v.lower(k) == "remains" ||
                 v.lower(k) == "remained" || v.lower(k) == "as" || v.lower(k) == "being" ||
                 v.lower(k) == "becoming"))
              copula = true;
          if (!copula) continue;
        }
        // A date just before the clause's verb ("the same day it became a
        // founding member of …"), with nothing named in between but "it".
        std::optional<DateValue> before_cue;
        for (std::size_t k = c, steps = 0; k > 0 && steps < 6; --k, ++steps) {
          int m = v.mention_covering(k - 1);
          if (m >= 0 && v.mention(m).source != MentionSource::anaphor) break;
          if (v.date_covering(k - 1) >= 0) {
            before_cue = v.date(v.date_covering(k - 1)).value;
            break;
          }
        }
        std::vector<DateValue> respective = v.respective_dates(objects, v.size());
        // "joined the IMF and the World Bank in June 2009": one date after the
        // last of the listed names dates them all.
        std::optional<DateValue> shared;
        if (respective.empty() && objects.size() > 1) {
          bool inner_date = false;
          for (std::size_t k = v.mention(objects.front()).first_token; k < v.after(objects.back()); ++k)
            inner_date = inner_date || v.date_covering(k) >= 0;
          if (!inner_date) shared = v.date_after(objects.back(), end);
        }
        for (std::size_t i = 0; i < objects.size(); ++i) {
          std::size_t limit = i + 1 < objects.size() ? v.mention(objects[i + 1]).first_token : end;
          std::optional<DateValue> date = v.date_after(objects[i], limit);
          if (!respective.empty()) date = respective[i];
          if (!date && shared) date = shared;
          if (!date && before_cue) date = before_cue;
          if (!date && fronted) date = fronted;
          // "joined the Commonwealth and the United Nations in 1966, and the
          // Caribbean Community in 1973": the next date after the name dates it.
          for (std::size_t k = v.after(objects[i]); !date && k < end; ++k)
            if (v.date_covering(k) >= 0 && v.date(v.date_covering(k)).value.modifier == DateModifier::none)
              date = v.date(v.date_covering(k)).value;
          const bool treaty = v.mention(objects[i]).type == EntityType::treaty;
          detail::add_facts(facts, subjects, treaty ? predicate::party_to : predicate::member_of,
                            v.mention(objects[i]).iri, date, evidence, cue.rule, cue.confidence);
        }
      }
    }
  }
}

}  // namespace diplograph
