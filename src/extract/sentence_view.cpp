#include "sentence_view.hpp"

#include <algorithm>
#include <cctype>

namespace diplograph::detail {
namespace {

bool any_of_words(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Words that end a clause: what follows has its own subject or verb.
bool clause_break(std::string_view lower) {
  return any_of_words(lower, {";", "but", "while", "whereas", "although", "though", "which",
                              "who", "whose", "where", "however", "because", "whereby", "when"});
}

// Words that may sit between the items of a list of names.
bool list_glue(std::string_view lower) {
  return any_of_words(lower, {",", "and", "the", "its", "their", "as", "well", "also", "both",
                              "plus", "including", "other", "two", "three", "four", "five",
                              "six", "seven", "eight", "nine", "ten", "(", ")", "\"", "\u201c",
                              "\u201d", "'", "a", "an", "of", "then", "later", "together",
                              "along", "with", "such", "like", "namely", "notably", "especially",
                              "particularly", "mainly", "neighboring", "neighbouring", "regional",
                              "countries", "states", "nations", "neighbors", "neighbours",
                              // a generic head before the names: "a number of the same
                              // international organizations, including …"
                              "number", "same", "several", "many", "various", "range",
                              "international", "multilateral", "organizations", "organisations",
                              "institutions", "bodies", "fora", "forums", "groupings", ":"});
}

// Finite verbs that open a predicate: what stands before them is the subject.
bool finite_verb(std::string_view lower) {
  return any_of_words(lower, {"is", "are", "was", "were", "has", "have", "had", "became",
                              "become", "becomes", "joined", "joins", "established", "signed",
                              "concluded", "ratified", "remains", "remained", "maintains",
                              "participates", "participated", "took", "gained", "entered",
                              "acceded", "cooperates", "unites", "seeks", "becoming", "introduced",
                              "adopted", "held", "taken", "belong", "belongs", "share", "shares"});
}

bool preposition(std::string_view lower) {
  return any_of_words(lower, {"of", "in", "with", "to", "from", "for", "by", "on", "into",
                              "over", "among", "against", "between", "at", "towards", "toward",
                              "after", "before", "about", "than", "like", "across", "through"});
}

}  // namespace

SentenceView::SentenceView(std::string_view text, const SentenceAnalysis& sentence)
    : text_(text), s_(sentence) {
  const std::size_t n = s_.tokens.size();
  lower_.resize(n);
  mention_start_.assign(n, -1);
  mention_cover_.assign(n, -1);
  date_cover_.assign(n, -1);
  excluded_.assign(n, false);
  in_parens_.assign(n, false);
  int depth = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::string w(word(i));
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (w == "\xE2\x80\x99s") w = "'s";
    if (w.size() == 1 && w[0] == ')' && depth > 0) --depth;
    in_parens_[i] = depth > 0;
    if (w.size() == 1 && w[0] == '(') ++depth;
    if (!w.empty()) word_keys_ |= word_key(w);
    lower_[i] = std::move(w);
  }
  for (std::size_t m = 0; m < s_.mentions.size(); ++m) {
    const Mention& x = s_.mentions[m];
    if (x.first_token < n) mention_start_[x.first_token] = static_cast<int>(m);
    for (std::size_t k = x.first_token; k < x.first_token + x.token_count && k < n; ++k)
      mention_cover_[k] = static_cast<int>(m);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Token& t = s_.tokens[i];
    for (std::size_t d = 0; d < s_.dates.size(); ++d)
      if (t.begin >= s_.dates[d].begin && t.end <= s_.dates[d].end) date_cover_[i] = static_cast<int>(d);
    for (const Span& e : s_.excluded)
      if (t.begin < e.end && t.end > e.begin) excluded_[i] = true;
  }
}

std::string_view SentenceView::word(std::size_t i) const {
  const Token& t = s_.tokens[i];
  return text_.substr(t.begin, t.end - t.begin);
}

template <typename Words>
bool SentenceView::cue_at_impl(std::size_t i, const Words& cue) const {
  if (i + cue.size() > size()) return false;
  for (std::size_t k = 0; k < cue.size(); ++k) {
    // "*" stands for any one word: "deployed a * contingent to".
    if (k > 0 && cue[k] == "*" && s_.tokens[i + k].kind == TokenKind::word && mention_cover_[i + k] < 0) continue;
    if (lower_[i + k] != cue[k]) return false;
  }
  return true;
}

template <typename Words>
std::vector<std::size_t> SentenceView::find_cue_impl(const Words& cue) const {
  std::vector<std::size_t> out;
  if (cue.empty() || cue.front().empty()) return out;
  const std::string_view head = cue.front();
  // Most cues' first word is not in the sentence: one bit says so.
  if (!(word_keys_ & word_key(head))) return out;
  for (std::size_t i = 0; i < size(); ++i) {
    const std::string& w = lower_[i];
    if (w.size() != head.size() || w[0] != head[0]) continue;  // most words: one compare
    // Inside parentheses: an aside, whose subject is not the clause's.
    if (!excluded_[i] && mention_cover_[i] < 0 && !in_parens_[i] && cue_at_impl(i, cue)) out.push_back(i);
  }
  return out;
}

bool SentenceView::cue_at(std::size_t i, const std::vector<std::string_view>& cue) const {
  return cue_at_impl(i, cue);
}
std::vector<std::size_t> SentenceView::find_cue(const std::vector<std::string_view>& cue) const {
  return find_cue_impl(cue);
}
std::vector<std::size_t> SentenceView::find_cue_words(const std::vector<std::string>& cue) const {
  return find_cue_impl(cue);
}

std::size_t SentenceView::clause_start(std::size_t i) const {
  std::size_t k = std::min(i, size());
  while (k > 0) {
    if (mention_cover_[k - 1] < 0 && clause_break(lower_[k - 1])) return k;
    // ", and" after a finished predicate starts a new clause: "Estonia became
    // a member of NATO on …, and Latvia joined …" (but not "A, B, and C joined").
    if (k >= 2 && lower_[k - 1] == "and" && lower_[k - 2] == "," && mention_cover_[k - 1] < 0) {
      for (std::size_t j = 0; j + 2 < k; ++j)
        if (mention_cover_[j] < 0 && finite_verb(lower_[j])) return k;
    }
    --k;
  }
  return 0;
}

std::size_t SentenceView::clause_end(std::size_t i) const {
  for (std::size_t k = i; k < size(); ++k) {
    if (mention_cover_[k] >= 0 || excluded_[k]) continue;
    if (clause_break(lower_[k])) return k;
    // ", and is …", "and cooperates …": a new verb phrase after "and".
    if (lower_[k] == "and" && k + 1 < size() && mention_cover_[k + 1] < 0 &&
        any_of_words(lower_[k + 1], {"is", "are", "was", "were", "has", "have", "had",
                                     "cooperates", "cooperate", "participates", "signed",
                                     "maintains", "became", "seeks", "remains", "works"}))
      return k;
  }
  return size();
}

std::vector<int> SentenceView::list_after(std::size_t from, std::size_t limit) const {
  std::vector<int> items;
  int unknown_groups = 0;
  std::size_t k = from;
  limit = std::min(limit, size());
  while (k < limit) {
    if (excluded_[k] || date_cover_[k] >= 0) {
      ++k;
      continue;
    }
    // A parenthesis is an aside or an acronym, never more items: "the EEA
    // (a single market joining EFTA states and the EU) since 1994".
    if (lower_[k] == "(" && !items.empty()) {
      std::size_t close = k + 1;
      for (int depth = 1; close < limit && depth > 0; ++close)
        depth += lower_[close] == "(" ? 1 : lower_[close] == ")" ? -1 : 0;
      if (close > k + 1 && lower_[close - 1] == ")") {
        k = close;
        continue;
      }
    }
    int m = mention_at(k);
    if (m >= 0) {
      // A name used as a modifier is not an item: "NATO's Partnership for
      // Peace", "the NATO Partnership for Peace", "ten former AFL teams".
      std::size_t next = after(m);
      bool modifier = false;
      if (next < limit && !excluded_[next] && date_cover_[next] < 0) {
        const std::string& w = lower_[next];
        if (w == "'s") modifier = true;
        else if (mention(m).type == EntityType::organization && !is_punct(next) &&
                 mention_at(next) < 0 && !list_glue(w) && !preposition(w) &&
                 s_.tokens[next].kind == TokenKind::word && !s_.tokens[next].has_upper &&
                 !w.ends_with("ing") && !w.ends_with("ed") &&
                 !any_of_words(w, {"or", "since", "until", "during", "is", "are", "was", "were",
                                   "has", "have", "had", "became", "joined", "signed", "took", "remained",
                                   "remains", "became", "joins",
                                   // adverbs after an object: "joined the OSCE earlier that year"
                                   "earlier", "later", "again", "also", "too", "then", "formally",
                                   "officially", "soon", "shortly", "finally", "eventually",
                                   "subsequently", "immediately"}))
          modifier = true;
        else if (mention_at(next) >= 0)
          modifier = true;  // "the NATO Partnership for Peace"
      }
      if (!modifier) items.push_back(m);
      k = next;
      unknown_groups = 0;
      continue;
    }
    if (mention_cover_[k] >= 0) {
      ++k;
      continue;
    }
    const std::string& w = lower_[k];
    if (finite_verb(w)) break;  // a new predicate: "… the UN, and in 1955 it joined …"
    // "… with the rebel MDJT in Burkina Faso": a place, not an item.
    if (w == "in" && k + 1 < limit && mention_at(k + 1) >= 0 &&
        (mention(mention_at(k + 1)).type == EntityType::state || mention(mention_at(k + 1)).type == EntityType::territory))
      break;
    // "bilateral agreements such as an A and a B", "organizations including
    // the UN": the words before name the kind, the items follow.
    if ((w == "such" && k + 1 < limit && lower_[k + 1] == "as") || w == "including") {
      unknown_groups = 0;
      k += w == "such" ? 2 : 1;
      continue;
    }
    if (list_glue(w) || (w == "on" || w == "in" || w == "since" || w == "from")) {
      ++k;
      continue;
    }
    // One unknown modifier before a name ("the interparliamentary Baltic
    // Assembly", "its adjunct NACC", "British-led JEF"); two end the list.
    if (!is_punct(k) || w == "-") {
      // "British-led": words joined by a hyphen are one modifier.
      bool joined = k >= 2 && lower_[k - 1] == "-" && s_.tokens[k - 1].begin == s_.tokens[k - 2].end &&
                    s_.tokens[k - 1].end == s_.tokens[k].begin;
      // "the militant group Boko Haram", "the rebel movement M23": the kind
      // of group right before its name is part of the same modifier.
      const bool kind = k + 1 < limit && mention_at(k + 1) >= 0 &&
                        any_of_words(w, {"group", "movement", "militia", "faction", "rebels", "insurgents"});
      // "bilateral agreements such as …": the kind's words before "such as".
      const bool kind_of_items = k + 1 < limit && ((lower_[k + 1] == "such" && k + 2 < limit && lower_[k + 2] == "as") ||
                                                   lower_[k + 1] == "including");
      if (w != "-" && !joined && !kind && !kind_of_items) ++unknown_groups;
      if (unknown_groups > 1) break;
      ++k;
      continue;
    }
    break;
  }
  return items;
}

std::vector<int> SentenceView::subjects_in(std::size_t from, std::size_t to) const {
  std::vector<int> out;
  to = std::min(to, size());
  // "the United States designated …": a past form right after a name.
  auto past_after_name = [&](std::size_t k, std::size_t start) {
    return k > start && mention_cover_[k - 1] >= 0 && lower_[k].size() > 4 && lower_[k].ends_with("ed") &&
           word(k) == lower_[k];
  };
  // ", and" after a verb opens a clause with a subject of its own
  // ("Indonesia hosted the conference, and Ghana and Egypt were represented
  // at it"); before any verb it only closes a list ("Peru, Chile, and Bolivia joined").
  bool verb_seen = false;
  for (std::size_t k = from; k < to; ++k) {
    if (mention_cover_[k] >= 0 || excluded_[k]) continue;
    if (finite_verb(lower_[k]) || past_after_name(k, from)) verb_seen = true;
    else if (verb_seen && lower_[k] == "and" && k > from && lower_[k - 1] == "," && k + 1 < to) {
      from = k + 1;
      verb_seen = false;
    }
  }
  // The subject stands before the clause's first verb ("Algeria is a member
  // of A, B and is the founding member of C": only Algeria).
  for (std::size_t k = from; k < to; ++k) {
    if (mention_cover_[k] >= 0 || excluded_[k]) continue;
    if (finite_verb(lower_[k]) || past_after_name(k, from)) {
      to = k;
      break;
    }
  }
  for (std::size_t k = from; k < to; ++k) {
    int m = mention_at(k);
    if (m < 0 || excluded_[k]) continue;
    const Mention& x = mention(m);
    if (!acts(x.type)) continue;
    std::size_t p = k;
    while (p > from && (lower_[p - 1] == "the" || lower_[p - 1] == "other" ||
                        lower_[p - 1] == "two" || lower_[p - 1] == "three"))
      --p;
    // "together with", "along with" keep the subject list going.
    bool with_companion = p >= 2 && lower_[p - 1] == "with" &&
                          (lower_[p - 2] == "together" || lower_[p - 2] == "along");
    if (p > 0 && preposition(lower_[p - 1]) && !with_companion) continue;
    out.push_back(m);
  }
  return out;
}

bool SentenceView::negated(std::size_t from, std::size_t to) const {
  for (std::size_t k = from; k < std::min(to, size()); ++k) {
    if (mention_cover_[k] >= 0 || excluded_[k] || date_cover_[k] >= 0) continue;  // "1 May 2004"
    // "as a non-member of", "a non-party to": not "a major non-NATO ally".
    if (lower_[k] == "non" && k + 2 < size() &&
        any_of_words(lower_[k + 2], {"member", "members", "party", "parties", "signatory", "signatories"}))
      return true;
    // "has yet to ratify": not done.
    if (lower_[k] == "yet" && k + 1 < size() && lower_[k + 1] == "to") return true;
    // The future as an arrangement: "is set to become", "is to join", "is due to".
    if (k + 1 < size() && lower_[k + 1] == "to" && any_of_words(lower_[k], {"set", "due", "about", "going"}))
      return true;
    if (k > 0 && lower_[k] == "to" && k + 1 < size() && any_of_words(lower_[k - 1], {"is", "are"}) &&
        any_of_words(lower_[k + 1], {"become", "join", "accede", "sign", "ratify", "establish", "be"}))
      return true;
    if (any_of_words(lower_[k],
                     {"seeks", "seek", "seeking", "sought", "applied", "applies", "apply",
                      "applying", "application", "invited", "invitation", "negotiations",
                      "negotiate", "negotiating", "candidate", "candidacy", "aspiring", "aspires",
                      "aspire", "aims", "aim", "aiming", "hopes", "hope", "wants", "want",
                      "would", "will", "could", "may", "might", "should", "shall", "not", "never",
                      "no", "nor", "plans", "plan", "planned", "intends", "intend", "bid",
                      "prospective", "future", "wishes", "wish", "considering", "consider",
                      "until", "left", "withdrew", "withdrawn", "suspended", "expelled",
                      "ceased", "if", "unless", "whether", "n't", "cannot", "refused", "rejected",
                      "blocked", "veto", "vetoed", "partner", "associate", "observer", "eventual",
                      "possible", "potential", "toward", "towards", "expected", "likely",
                      "prepare", "prepares", "preparing", "ready", "eligible", "talks",
                      "proposed", "proposal", "offer", "offered", "offers",
                      // an end, not a beginning: "severed diplomatic relations with"
                      "severed", "severs", "broke", "breaks", "cut", "cuts", "ended", "ends",
                      "terminated", "froze", "frozen", "downgraded", "recalled"}))
      return true;
  }
  return false;
}

std::size_t SentenceView::after(int m) const {
  const Mention& x = mention(m);
  return x.first_token + x.token_count;
}

std::optional<DateValue> SentenceView::date_after(int m, std::size_t limit) const {
  std::size_t k = after(m);
  int skipped = 0;
  limit = std::min(limit, size());
  while (k < limit && skipped <= 6) {
    if (date_cover_[k] >= 0) return date(date_cover_[k]).value;
    // A parenthesis right after the name is an aside: "the European Economic
    // Area (an organization … between EFTA and the EU) since May 1995".
    // A date opening it is the name's: "an Agreement of Cooperation in Health (2007)".
    if (lower_[k] == "(") {
      if (k + 1 < limit && date_cover_[k + 1] >= 0) return date(date_cover_[k + 1]).value;
      std::size_t close = k + 1;
      for (int depth = 1; close < limit && depth > 0; ++close)
        depth += lower_[close] == "(" ? 1 : lower_[close] == ")" ? -1 : 0;
      if (close <= limit && close > k + 1 && lower_[close - 1] == ")") {
        k = close;
        continue;
      }
    }
    if (mention_cover_[k] >= 0 && !excluded_[k]) return std::nullopt;
    if (!excluded_[k]) ++skipped;
    ++k;
  }
  return std::nullopt;
}

std::vector<DateValue> SentenceView::respective_dates(const std::vector<int>& items, std::size_t limit) const {
  if (items.size() < 2) return {};
  limit = std::min(limit, size());
  std::size_t from = after(items.back());
  std::vector<DateValue> dates;
  bool respectively = false;
  int last = -1;
  for (std::size_t k = from; k < limit; ++k) {
    if (lower_[k] == "respectively") respectively = true;
    int d = date_cover_[k];
    if (d >= 0 && d != last) dates.push_back(date(d).value);
    if (d >= 0) last = d;
  }
  if (!respectively || dates.size() != items.size()) return {};
  return dates;
}

std::optional<DateValue> SentenceView::fronted_date() const {
  // A press release's dateline: "NAIROBI, 28 December 2016 — Kenya today …".
  {
    std::size_t k = 0;
    while (k < size() && k < 8 && date_cover_[k] < 0 &&
           ((s_.tokens[k].kind == TokenKind::word && s_.tokens[k].has_upper && !s_.tokens[k].has_lower) ||
            lower_[k] == "," || lower_[k] == "(" || lower_[k] == ")" || mention_cover_[k] >= 0))
      ++k;
    if (k > 0 && k < size() && date_cover_[k] >= 0) {
      int d = date_cover_[k];
      std::size_t after = k;
      while (after < size() && date_cover_[after] == d) ++after;
      if (after < size() && (lower_[after] == "\u2014" || lower_[after] == "\u2013" || lower_[after] == "-" ||
                             lower_[after] == "--"))
        return date(d).value;
    }
  }
  std::size_t k = 0;
  // A list item's marker first: "*In October 1998, …", "• On 3 May …".
  while (k < size() && k < 2 && (lower_[k] == "*" || lower_[k] == "#" || lower_[k] == "\u2022" || lower_[k] == "-"))
    ++k;
  if (k < size() && (lower_[k] == "on" || lower_[k] == "in" || lower_[k] == "since" ||
                     lower_[k] == "by" || lower_[k] == "during") &&
      date_cover_[k] < 0)
    ++k;
  if (k < size() && date_cover_[k] >= 0) return date(date_cover_[k]).value;
  return std::nullopt;
}

std::vector<std::string> expand_states(const SentenceView& view, int m,
                                       const std::optional<std::string>& subject) {
  const Mention& x = view.mention(m);
  if (x.type != EntityType::group) return {x.iri};
  if (!x.other) return x.members;
  std::vector<std::string> named;
  for (int k = 0; k < m; ++k)
    if (view.mention(k).type == EntityType::state) named.push_back(view.mention(k).iri);
  if (named.empty() && subject) named.push_back(*subject);
  std::vector<std::string> out;
  for (const auto& member : x.members)
    if (std::find(named.begin(), named.end(), member) == named.end()) out.push_back(member);
  return out;
}

std::vector<int> mentions_of_type(const SentenceAnalysis& sentence, EntityType type) {
  std::vector<int> out;
  for (std::size_t m = 0; m < sentence.mentions.size(); ++m)
    if (sentence.mentions[m].type == type) out.push_back(static_cast<int>(m));
  return out;
}

void add_date_fact(std::vector<Fact>& facts, const std::string& entity, const DateValue& date,
                   Span evidence, const char* rule, double confidence) {
  Fact f;
  f.subject = entity;
  f.predicate = predicate::date;
  f.date = date;
  f.evidence = evidence;
  f.rule = rule;
  f.confidence = confidence;
  facts.push_back(std::move(f));
}

void add_facts(std::vector<Fact>& facts, const std::vector<std::string>& subjects,
               const char* predicate, const std::string& object,
               const std::optional<DateValue>& date, Span evidence, const char* rule,
               double confidence) {
  for (const auto& s : subjects) {
    if (s == object) continue;
    Fact f;
    f.subject = s;
    f.predicate = predicate;
    f.object = object;
    f.date = date;
    f.evidence = evidence;
    f.rule = rule;
    f.confidence = confidence;
    facts.push_back(std::move(f));
  }
}

SentenceViews::SentenceViews(std::string_view text, const std::vector<SentenceAnalysis>& sentences)
    : text_(text), sentences_(sentences), views_(sentences.size()) {}

const SentenceView& SentenceViews::of(const SentenceAnalysis& s) {
  const SentenceAnalysis* first = sentences_.data();
  if (!sentences_.empty() && &s >= first && &s < first + sentences_.size()) {
    auto& slot = views_[static_cast<std::size_t>(&s - first)];
    if (!slot) slot = std::make_unique<SentenceView>(text_, s);
    return *slot;
  }
  others_.push_back(std::make_unique<SentenceView>(text_, s));
  return *others_.back();
}

namespace {

bool is_dash(std::string_view w) { return w == "-" || w == "\xE2\x80\x93" || w == "\xE2\x80\x94"; }

// What one side of a dash names: the longest name that ends (left) or starts
// (right) at the dash, or a demonym or combining form next to it
// ("Latvian–Russian", "Indo-Bhutan": "Indo" is India's in the ontology).
std::optional<EntityId> name_beside_dash(const Gazetteer& gazetteer, std::string_view name,
                                         const std::vector<Token>& tokens, std::size_t dash, bool left) {
  constexpr std::size_t longest = 4;
  for (std::size_t length = longest; length >= 1; --length) {
    if (left ? dash < length : dash + 1 + length > tokens.size()) continue;
    std::size_t first = left ? dash - length : dash + 1;
    std::size_t last = first + length;  // one past
    std::string_view span = name.substr(tokens[first].begin, tokens[last - 1].end - tokens[first].begin);
    std::optional<EntityId> id = gazetteer.lookup(span);
    if (!id && length == 1) id = gazetteer.state_of_demonym(span);
    // A longer name that is no party is passed over ("Iraq War" in
    // "Iran–Iraq War"), except a region, which hides its parts ("Central
    // America" is not "America").
    if (id && gazetteer.entities()[*id].type != EntityType::treaty &&
        gazetteer.entities()[*id].type != EntityType::event)
      return id;
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> joined_by_dash(const Gazetteer& gazetteer, std::string_view name, bool organizations) {
  std::vector<Token> tokens = tokenize(name);
  std::vector<std::string> sides;
  for (std::size_t d = 1; d + 1 < tokens.size(); ++d) {
    if (!is_dash(name.substr(tokens[d].begin, tokens[d].end - tokens[d].begin))) continue;
    auto left = name_beside_dash(gazetteer, name, tokens, d, true);
    auto right = name_beside_dash(gazetteer, name, tokens, d, false);
    if (!left || !right || *left == *right) continue;
    for (EntityId id : {*left, *right}) {
      const Entity& e = gazetteer.entities()[id];
      if (e.type != EntityType::state && !(organizations && e.type == EntityType::organization)) continue;
      if (std::find(sides.begin(), sides.end(), e.iri) == sides.end()) sides.push_back(e.iri);
    }
  }
  return sides;
}

const SentenceView& view_of(const ExtractionContext& ctx, const SentenceAnalysis& s) {
  if (!ctx.views) ctx.views = std::make_shared<SentenceViews>(ctx.document.text, ctx.recognized.sentences);
  return ctx.views->of(s);
}

}  // namespace diplograph::detail
