// A treaty text names its parties in its title: "Agreement between the
// Kingdom of the Netherlands and Bosnia and Herzegovina on international road
// transport", "Treaty between the Benelux countries and …". Each state (or
// each member of a group of states) between "between" and the subject-matter
// phrase is a party; the date is the signature's ("DONE at Sarajevo, on 20
// November 2002", "Signed at Seoul on …").
#include <algorithm>
#include <cctype>

#include "sentence_view.hpp"

namespace diplograph {
namespace {

// Where the parties end: the first subject-matter word after "between".
std::size_t parties_end(std::string_view lower, std::size_t from) {
  std::size_t end = lower.size();
  for (std::string_view w : {" on ", " concerning ", " regarding ", " relating to ", " for the ", " in respect of ",
                             " with respect to ", " with a view to ", " amending ", " to amend "}) {
    std::size_t at = lower.find(w, from);
    if (at != std::string_view::npos) end = std::min(end, at);
  }
  return end;
}

// States named in text[from, to), groups expanded to their members.
std::vector<std::string> states_in(const Gazetteer& gazetteer, std::string_view text, std::size_t from,
                                   std::size_t to) {
  std::string_view part = text.substr(from, to - from);
  std::vector<Token> tokens = tokenize(part);
  std::vector<std::string> out;
  auto add = [&](const std::string& iri) {
    if (std::find(out.begin(), out.end(), iri) == out.end()) out.push_back(iri);
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    auto m = gazetteer.match(part, tokens, i);
    if (!m) continue;
    const Entity& e = gazetteer.entities()[m->entity];
    if (e.type == EntityType::state) add(e.iri);
    if (e.type == EntityType::group)
      for (const auto& member : e.members) add(member);
    i += m->token_count - 1;
  }
  return out;
}

// The signature's date: a date soon after "done" or "signed" anywhere in the text.
std::optional<DateValue> signature_date(const ExtractionContext& ctx) {
  for (const SentenceAnalysis& s : ctx.recognized.sentences) {
    if (s.dates.empty()) continue;
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
      std::string w = ascii_lower(ctx.document.slice({s.tokens[i].begin, s.tokens[i].end}));
      if (w != "done" && w != "signed") continue;
      for (const DateMention& d : s.dates)
        if (d.begin > s.tokens[i].end && d.begin - s.tokens[i].end < 80 && d.value.precision == DatePrecision::day)
          return d.value;
    }
  }
  return std::nullopt;
}

}  // namespace

void TreatyTitleExtractor::extract(const ExtractionContext& ctx, std::vector<Fact>& facts) const {
  std::optional<std::optional<DateValue>> date;  // looked up once, when a title is found
  for (const SentenceAnalysis& s : ctx.recognized.sentences) {
    for (const Mention& m : s.mentions) {
      if (m.type != EntityType::treaty || m.source != MentionSource::pattern) continue;
      if (m.begin > s.span.begin + 8) continue;  // a title is the whole block
      std::string_view text = ctx.document.slice({m.begin, m.end});
      std::string lower = ascii_lower(text);
      std::size_t between = lower.find(" between ");
      if (between == std::string::npos) continue;
      std::size_t from = between + 9;
      std::vector<std::string> parties = states_in(ctx.gazetteer, text, from, parties_end(lower, from));
      if (parties.size() < 2) continue;
      if (!date) date = signature_date(ctx);
      for (const auto& party : parties)
        detail::add_facts(facts, {party}, predicate::party_to, m.iri, *date, {m.begin, m.end},
                          "treaty.title-parties", 0.9);
      if (*date) detail::add_date_fact(facts, m.iri, **date, {m.begin, m.end}, "treaty.title-signature", 0.85);
    }
  }
}

}  // namespace diplograph
