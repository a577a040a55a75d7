#include "diplograph/recognize.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <map>
#include <set>
#include <tuple>

#include "discovery.hpp"
#include "names.hpp"
#include "coordination.hpp"
#include "structure.hpp"
#include "diplograph/rdf.hpp"
#include "diplograph/reader.hpp"

namespace diplograph {

using detail::add_described_treaties;
using detail::add_shared_heads;
using detail::bilateral_lead;
using detail::add_treaty_titles;
using detail::Candidate;
using detail::discover_belligerents;
using detail::discover_link_targets;
using detail::discover_phrases;
using detail::entity_iri;
using detail::fold_tokens;
using detail::inside;
using detail::link_name;
using detail::Overlay;
using detail::piece;
using detail::SectionCounterparts;
using detail::TokenMemo;

namespace {


bool is_acronym(std::string_view w, const Token& t) {
  return t.kind == TokenKind::word && t.has_upper && !t.has_lower && w.size() >= 2 &&
         w.size() <= 10;
}




// Glued reference text ("…Europe,Lithuania's Leadership of the OSCE: Hearing
// …, February 16, 2011 NATO") and URLs are where reference markup was
// stripped; nothing in them is a statement of the document.
std::vector<Span> find_excluded(std::string_view text, std::size_t offset,
                                const std::vector<DateMention>& dates) {
  std::vector<Span> spans;
  const std::size_t n = text.size();
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  for (std::size_t i = 0; i < n; ++i) {
    if (text[i] != 'h' && text[i] != 'w') continue;  // cheap test before the compares
    auto starts = [&](std::string_view prefix) {
      return n - i >= prefix.size() && std::memcmp(text.data() + i, prefix.data(), prefix.size()) == 0;
    };
    if (starts("http://") || starts("https://") || (starts("www.") && (i == 0 || is_space(text[i - 1])))) {
      std::size_t j = i;
      while (j < n && !is_space(text[j])) ++j;
      spans.push_back({offset + i, offset + j});
      i = j;
    }
  }
  for (std::size_t p = 2; p + 1 < n; ++p) {
    unsigned char c = static_cast<unsigned char>(text[p]);
    if (c < 'A' || c > 'Z') continue;  // both glue tests need an uppercase letter (C locale)
    unsigned char before = static_cast<unsigned char>(text[p - 1]);
    unsigned char before2 = static_cast<unsigned char>(text[p - 2]);
    bool glue = false;
    if (std::isupper(c) && (before == ',' || before == '.' || before == ';' || before == ':') &&
        ((std::isalpha(before2) && std::isalpha(static_cast<unsigned char>(text[p - 3 < n ? p - 3 : 0])) && p >= 3) ||
         before2 == ')' || before2 == '"'))
      glue = true;
    if (std::isupper(c) && std::isdigit(before) &&
        std::islower(static_cast<unsigned char>(text[p + 1])))
      glue = true;  // "November 2002President's Visit"
    if (!glue) continue;
    std::size_t end = n;
    for (const DateMention& d : dates) {
      std::size_t b = d.begin - offset, e = d.end - offset;
      if (b <= p || b > p + 400) continue;
      if (e >= n || (is_space(text[e]) && e + 1 < n &&
                     std::isupper(static_cast<unsigned char>(text[e + 1])))) {
        end = e;
        break;
      }
    }
    spans.push_back({offset + p, offset + end});
    p = end;
  }
  return spans;
}

}  // namespace

std::vector<Token> tokenize_at(std::string_view text, std::size_t offset) {
  std::vector<Token> tokens = tokenize(text);
  for (Token& t : tokens) {
    t.begin += offset;
    t.end += offset;
  }
  return tokens;
}

namespace {

struct Analyzer {
  const Overlay& names;
  const DateNormalizer& dates;
  const std::vector<Link>* links = nullptr;  ///< the document's, sorted by position
  /// The last date named so far (sentences are analysed in document order), and its block.
  mutable std::optional<DateValue> last_date;
  mutable std::size_t last_date_block = 0;
  /// run() resolves "the alliance" within the sentence; a whole document
  /// does it once, in its second pass, with the previous sentence too.
  bool definite_in_run = true;

  // A link whose label names nothing known names what its target names:
  // "[[Kenya Defence Forces|Kenyan troops]]", "[[AMISOM|the mission]]".
  void add_link_targets(SentenceAnalysis& s) const {
    if (!links || links->empty() || s.tokens.empty()) return;
    auto first = std::lower_bound(links->begin(), links->end(), s.span.begin,
                                  [](const Link& l, std::size_t at) { return l.span.begin < at; });
    bool added = false;
    for (auto l = first; l != links->end() && l->span.begin < s.span.end; ++l) {
      if (l->span.end > s.span.end) break;
      auto covering = std::find_if(s.mentions.begin(), s.mentions.end(), [&](const Mention& m) {
        return m.begin < l->span.end && m.end > l->span.begin;
      });
      if (inside(s.excluded, l->span.begin, l->span.end)) continue;
      // A name found in the label by its pattern ("[[Central America–United
      // Kingdom Association Agreement|Central America–UK Association
      // Agreement]]") is a variant: the target's name is the one to keep.
      // So is a modern name for a state of the past ("[[Dutch Republic|the
      // Netherlands]]"): the link says which one is meant.
      const bool inside_link = covering != s.mentions.end() && covering->begin >= l->span.begin &&
                               covering->end <= l->span.end;
      const bool variant = inside_link && covering->source == MentionSource::pattern;
      const bool modern = inside_link && covering->type == EntityType::state;
      if (covering != s.mentions.end() && !variant && !modern) continue;
      std::string_view target = link_name(l->target);
      std::vector<Token> target_tokens = tokenize(target);
      auto hit = target_tokens.empty() ? std::nullopt : names.match(target, target_tokens, 0);
      if (!hit || hit->second != target_tokens.size() || hit->first->type == EntityType::region) continue;
      if (variant || modern) {
        if (variant && hit->first->type == covering->type) covering->iri = hit->first->iri;
        if (modern && hit->first->type == EntityType::historical_state) {
          covering->iri = hit->first->iri;
          covering->type = hit->first->type;
        }
        continue;
      }
      std::size_t a = 0;
      while (a < s.tokens.size() && s.tokens[a].begin < l->span.begin) ++a;
      std::size_t b = a;
      while (b < s.tokens.size() && s.tokens[b].end <= l->span.end) ++b;
      if (b == a) continue;
      Mention m;
      m.first_token = a;
      m.token_count = b - a;
      m.begin = s.tokens[a].begin;
      m.end = s.tokens[b - 1].end;
      m.iri = hit->first->iri;
      m.type = hit->first->type;
      m.members = hit->first->members;
      m.source = hit->local ? MentionSource::pattern : MentionSource::gazetteer;
      s.mentions.push_back(std::move(m));
      added = true;
    }
    if (added)
      std::sort(s.mentions.begin(), s.mentions.end(),
                [](const Mention& x, const Mention& y) { return x.begin < y.begin; });
  }

  // "…on 1 January 1995, the same day it became …": the phrase takes the
  // value of the date before it in the sentence, at the phrase's precision.
  static void resolve_same_date(std::string_view doc_text, SentenceAnalysis& s) {
    std::vector<DateMention> added;
    for (std::size_t i = 0; i + 2 < s.tokens.size(); ++i) {
      std::string_view the = piece(doc_text, s.tokens[i]);
      if ((the != "the" && the != "The") || piece(doc_text, s.tokens[i + 1]) != "same") continue;
      std::string_view unit = piece(doc_text, s.tokens[i + 2]);
      if (unit != "day" && unit != "year" && unit != "month" && unit != "date") continue;
      const DateMention* before = nullptr;
      for (const DateMention& d : s.dates)
        if (d.end <= s.tokens[i].begin) before = &d;
      if (!before) continue;
      DateMention m{s.tokens[i].begin, s.tokens[i + 2].end, before->value};
      m.value.modifier = DateModifier::none;
      if (unit == "year") m.value = DateValue{before->value.year, 0, 0, 0, DatePrecision::year, DateModifier::none};
      if (unit == "month" && before->value.precision >= DatePrecision::month)
        m.value = DateValue{before->value.year, before->value.month, 0, 0, DatePrecision::month, DateModifier::none};
      if ((unit == "day" || unit == "date") && before->value.precision != DatePrecision::day) continue;
      added.push_back(m);
    }
    if (added.empty()) return;
    s.dates.insert(s.dates.end(), added.begin(), added.end());
    std::sort(s.dates.begin(), s.dates.end(),
              [](const DateMention& a, const DateMention& b) { return a.begin < b.begin; });
  }

  // "the alliance", "the union": the nearest organization before it (this
  // sentence, then the previous ones) that has the noun in one of its names.
  void add_definite_descriptions(std::string_view doc_text, SentenceAnalysis& s,
                                 const SentenceAnalysis* previous) const {
    for (std::size_t i = 0; i + 1 < s.tokens.size(); ++i) {
      std::string_view the = piece(doc_text, s.tokens[i]);
      if (the != "the" && the != "The") continue;
      std::string_view noun_view = piece(doc_text, s.tokens[i + 1]);
      if (noun_view.size() < 3 || noun_view.size() > 12) continue;
      std::string noun(noun_view);
      static const std::vector<std::string_view> heads{
          "alliance", "union", "bloc", "organisation", "organization", "council", "community", "group",
          "grouping", "association", "commonwealth", "forum", "league", "pact", "movement", "federation",
          "agency", "bank", "court", "partnership", "treaty", "convention", "agreement"};
      std::string lower_head = ascii_lower(noun);
      if (std::find(heads.begin(), heads.end(), lower_head) == heads.end()) continue;
      // Words for any such body: the last one named stands for them.
      const bool any_body = lower_head == "alliance" || lower_head == "bloc" || lower_head == "organisation" ||
                            lower_head == "organization" || lower_head == "grouping";
      const bool treaty_word = lower_head == "treaty" || lower_head == "convention" || lower_head == "agreement";
      if (i + 2 < s.tokens.size() && s.tokens[i + 2].capitalized) continue;  // "the Union of …"
      bool covered = std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& m) {
        return m.begin <= s.tokens[i + 1].begin && s.tokens[i + 1].end <= m.end;
      });
      if (covered) continue;
      std::string lower_noun = fold_word(noun);
      auto names_contain = [&](const std::string& iri_value) {
        const Entity* e = nullptr;
        if (auto g = names.global.find_iri(iri_value)) e = &names.global.entities()[*g];
        else if (auto l = names.local.find_iri(iri_value)) e = &names.local.entities()[*l];
        if (!e) return false;
        auto has = [&](const std::string& name) {
          for (const Token& t : tokenize(name))
            if (fold_word(std::string_view(name).substr(t.begin, t.end - t.begin)) == lower_noun) return true;
          return false;
        };
        if (has(e->label)) return true;
        return std::any_of(e->alt_labels.begin(), e->alt_labels.end(), has);
      };
      const EntityType wanted = treaty_word ? EntityType::treaty : EntityType::organization;
      auto fits = [&](const Mention& m) {
        return m.type == wanted && m.source != MentionSource::anaphor && (any_body || names_contain(m.iri));
      };
      const Mention* found = nullptr;
      for (const Mention& m : s.mentions)
        if (m.end <= s.tokens[i].begin && fits(m)) found = &m;
      if (!found && previous && previous->block == s.block)
        for (const Mention& m : previous->mentions)
          if (fits(m)) found = &m;
      if (!found) continue;
      Mention m = *found;
      m.first_token = i + 1;
      m.token_count = 1;
      m.begin = s.tokens[i + 1].begin;
      m.end = s.tokens[i + 1].end;
      m.source = MentionSource::anaphor;
      s.mentions.push_back(m);
      std::sort(s.mentions.begin(), s.mentions.end(),
                [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
    }
  }

  SentenceAnalysis run(std::string_view doc_text, Span span, std::size_t block,
                       const std::optional<std::string>& subject,
                       const SentenceAnalysis* previous, std::vector<Token> tokens = {},
                       const std::vector<std::string>* folded_tokens = nullptr,
                       const std::vector<Span>* excluded_without_dates = nullptr,
                       const TokenMemo* memo = nullptr) const {
    SentenceAnalysis s;
    s.span = span;
    s.block = block;
    std::string_view text = doc_text.substr(span.begin, span.end - span.begin);
    s.tokens = tokens.empty() && !folded_tokens ? tokenize_at(text, span.begin) : std::move(tokens);
    for (DateMention d : dates.find(text)) {
      d.begin += span.begin;
      d.end += span.begin;
      s.dates.push_back(d);
    }
    // Dates only move the end of a glued span: none without dates, none with.
    if (excluded_without_dates && (excluded_without_dates->empty() || s.dates.empty()))
      s.excluded = *excluded_without_dates;
    else
      s.excluded = find_excluded(text, span.begin, s.dates);
    std::erase_if(s.dates, [&](const DateMention& d) { return inside(s.excluded, d.begin, d.end); });
    resolve_same_date(doc_text, s);
    // The discourse's date: the last full date of this block or the one before.
    std::optional<DateValue> earlier;
    if (last_date && block <= last_date_block + 1) earlier = last_date;
    detail::resolve_relative_dates(doc_text, s, earlier);
    for (const DateMention& d : s.dates)
      if (d.value.year > 0 && d.value.precision >= DatePrecision::year && !d.value.is_vague()) {
        last_date = d.value;
        last_date_block = block;
      }

    // Entities: longest match left to right. Names are matched against the
    // whole document text so token offsets can be used directly.
    std::vector<std::string> own_folded;
    if (!folded_tokens) own_folded = fold_tokens(doc_text, s.tokens);
    const std::vector<std::string>& folded = folded_tokens ? *folded_tokens : own_folded;
    for (std::size_t i = 0; i < s.tokens.size();) {
      auto m = names.match(doc_text, s.tokens, i, &folded, memo);
      if (!m) {
        ++i;
        continue;
      }
      const Entity& e = *m->first;
      if (e.type == EntityType::region) {  // "Latin America" is not America
        i += m->second;
        continue;
      }
      Mention mention;
      mention.first_token = i;
      mention.token_count = m->second;
      mention.begin = s.tokens[i].begin;
      mention.end = s.tokens[i + m->second - 1].end;
      mention.iri = e.iri;
      mention.type = e.type;
      mention.source = m->local ? MentionSource::pattern : MentionSource::gazetteer;
      if (e.type == EntityType::group) {
        mention.members = e.members;
        for (std::size_t k = i; k > 0 && k + 3 >= i + 1; --k) {
          std::string_view w = piece(doc_text, s.tokens[k - 1]);
          if (w == "other" || w == "Other") mention.other = true;
        }
      }
      if (!inside(s.excluded, mention.begin, mention.end)) s.mentions.push_back(std::move(mention));
      i += m->second;
    }
    add_shared_heads(names, doc_text, s);
    add_link_targets(s);
    if (definite_in_run) add_definite_descriptions(doc_text, s, nullptr);
    if (subject || previous) add_anaphors(doc_text, s, subject, previous);
    return s;
  }


  // Descriptions of a state: "the Himalayan kingdom", "the city-state", "the
  // archipelago", "the republic" stand for the document's state; "the
  // Chadian government", "Kenyan authorities" for the state of the demonym.
  // Not when "of" follows ("the Kingdom of Spain").
  void add_state_descriptions(std::string_view doc_text, const SentenceAnalysis& s,
                              const std::optional<std::string>& subject, std::vector<Mention>& extra) const {
    static const std::vector<std::string_view> kinds{
        "kingdom", "country", "republic", "archipelago", "city-state", "sultanate", "emirate", "principality",
        "monarchy", "island", "islands", "nation", "state", "duchy", "federation", "commonwealth"};
    static const std::vector<std::string_view> bodies{
        "government", "authorities", "administration", "cabinet", "military", "forces", "troops", "army",
        "president", "minister", "king", "queen", "emir", "sultan", "chancellor", "premier", "delegation",
        "leader", "head"};
    auto lower = [&](std::size_t i) { return ascii_lower(piece(doc_text, s.tokens[i])); };
    auto covered = [&](std::size_t i) {
      return std::any_of(s.mentions.begin(), s.mentions.end(),
                         [&](const Mention& m) { return m.begin <= s.tokens[i].begin && s.tokens[i].end <= m.end; });
    };
    for (std::size_t i = 0; i + 1 < s.tokens.size(); ++i) {
      std::string_view the = piece(doc_text, s.tokens[i]);
      if ((the != "the" && the != "The") || covered(i + 1)) continue;
      // Up to two modifiers, then the noun.
      for (std::size_t n = i + 1; n < s.tokens.size() && n <= i + 3; ++n) {
        std::string_view word = piece(doc_text, s.tokens[n]);
        // A hyphenated noun is one word: "the city-state".
        std::size_t last = n;
        if (n + 2 < s.tokens.size() && piece(doc_text, s.tokens[n + 1]) == "-" &&
            s.tokens[n].end == s.tokens[n + 1].begin && s.tokens[n + 1].end == s.tokens[n + 2].begin) {
          word = doc_text.substr(s.tokens[n].begin, s.tokens[n + 2].end - s.tokens[n].begin);
          last = n + 2;
        }
        // The lists' words are 3 to 14 letters: most words need no lowercasing.
        auto listed = [&](std::string_view w, bool& kind, bool& body) {
          kind = body = false;
          if (w.size() < 3 || w.size() > 14) return;
          std::string noun = ascii_lower(w);
          kind = std::find(kinds.begin(), kinds.end(), noun) != kinds.end();
          body = std::find(bodies.begin(), bodies.end(), noun) != bodies.end();
        };
        bool is_kind = false, is_body = false;
        listed(word, is_kind, is_body);
        if (!is_kind && !is_body && last != n) {
          last = n;
          listed(piece(doc_text, s.tokens[n]), is_kind, is_body);
        }
        if (!is_kind && !is_body) {
          if (s.tokens[n].kind != TokenKind::word || covered(n)) break;
          continue;
        }
        if (last + 1 < s.tokens.size() && (lower(last + 1) == "of" || lower(last + 1) == "'s")) break;
        // "the Chadian government": the demonym's state.
        std::optional<EntityId> demonym;
        for (std::size_t k = i + 1; k < n && !demonym; ++k)
          demonym = names.global.state_of_demonym(piece(doc_text, s.tokens[k]));
        std::string iri_value;
        if (demonym) iri_value = names.global.entities()[*demonym].iri;
        else if (is_kind && subject && s.tokens[n].has_lower && !s.tokens[n].capitalized) iri_value = *subject;
        if (iri_value.empty()) break;
        Mention m;
        m.first_token = i;
        m.token_count = last - i + 1;
        m.begin = s.tokens[i].begin;
        m.end = s.tokens[last].end;
        m.iri = iri_value;
        m.type = EntityType::state;
        m.source = MentionSource::anaphor;
        extra.push_back(m);
        break;
      }
    }
    // Without "the", as headlines write it: "Russian President Dmitry
    // Medvedev", "Chinese Foreign Minister Wang Yi", "Kenyan troops".
    // Is the word one of the bodies? Lowercased in a buffer: this runs on
    // every capitalized word of the text.
    auto body_word = [&](std::size_t k) {
      std::string_view w = piece(doc_text, s.tokens[k]);
      if (w.size() < 3 || w.size() > 14 || s.tokens[k].kind != TokenKind::word) return false;
      char buffer[14];
      for (std::size_t c = 0; c < w.size(); ++c)
        buffer[c] = static_cast<char>(w[c] >= 'A' && w[c] <= 'Z' ? w[c] - 'A' + 'a' : w[c]);
      const std::string_view lowered(buffer, w.size());
      return std::find(bodies.begin(), bodies.end(), lowered) != bodies.end();
    };
    for (std::size_t i = 0; i + 1 < s.tokens.size(); ++i) {
      if (!s.tokens[i].capitalized || !s.tokens[i].has_lower) continue;
      if (i > 0 && (piece(doc_text, s.tokens[i - 1]) == "the" || piece(doc_text, s.tokens[i - 1]) == "The"))
        continue;  // read above
      if (covered(i)) continue;
      std::optional<EntityId> demonym = names.global.state_of_demonym(piece(doc_text, s.tokens[i]));
      if (!demonym) continue;
      for (std::size_t n = i + 1; n < s.tokens.size() && n <= i + 2; ++n) {
        if (covered(n) || s.tokens[n].kind != TokenKind::word) break;
        if (!body_word(n)) continue;
        std::string noun = lower(n);
        // Forces are read by the participation frame ("Kenyan troops took part in …").
        if (noun == "troops" || noun == "forces" || noun == "military" || noun == "army") break;
        if (n + 1 < s.tokens.size() && lower(n + 1) == "of") break;  // "Russian Minister of …" names no state
        Mention m;
        m.first_token = i;
        m.token_count = n - i + 1;
        m.begin = s.tokens[i].begin;
        m.end = s.tokens[n].end;
        m.iri = names.global.entities()[*demonym].iri;
        m.type = EntityType::state;
        m.source = MentionSource::anaphor;
        extra.push_back(m);
        break;
      }
    }
  }

  // "It …", "The country …" at the start of a sentence; "we"/"our" anywhere
  // (ministry pages speak for their state).
  // The named entity a sentence opens with as its subject: within its first
  // words, or right after a fronted phrase ("In addition to Vietnam and the
  // two world wars, New Zealand fought …"); a name inside that phrase, after
  // a preposition, is not the subject.
  static const Mention* opening_subject(std::string_view doc_text, const SentenceAnalysis& s) {
    static constexpr std::array<std::string_view, 14> prepositions{
        "to", "in", "of", "with", "from", "after", "by", "for", "on", "at", "and", "than", "against", "between"};
    for (const Mention& m : s.mentions) {
      std::string_view before = m.first_token > 0 ? piece(doc_text, s.tokens[m.first_token - 1]) : "";
      if (before == "the" && m.first_token > 1) before = piece(doc_text, s.tokens[m.first_token - 2]);
      if (std::find(prepositions.begin(), prepositions.end(), before) != prepositions.end()) continue;
      if (m.first_token <= 3 || before == ",") return &m;
      return nullptr;
    }
    return nullptr;
  }

  // "Kenya" -> "K", "Sri Lanka" -> "SL": the capitals of the state's label.
  std::string subject_initials(const std::string& iri) const {
    std::string initials;
    if (auto id = names.global.find_iri(iri)) {
      const std::string& label = names.global.entities()[*id].label;
      for (std::size_t k = 0; k < label.size(); ++k)
        if ((k == 0 || label[k - 1] == ' ') && label[k] >= 'A' && label[k] <= 'Z') initials += label[k];
    }
    return initials;
  }

  void add_anaphors(std::string_view doc_text, SentenceAnalysis& s,
                    const std::optional<std::string>& subject,
                    const SentenceAnalysis* previous) const {
    if (s.tokens.empty()) return;
    std::vector<Mention> extra;
    auto make = [&](std::size_t first, std::size_t count, const std::string& iri_value,
                    EntityType type) {
      Mention m;
      m.first_token = first;
      m.token_count = count;
      m.begin = s.tokens[first].begin;
      m.end = s.tokens[first + count - 1].end;
      m.iri = iri_value;
      m.type = type;
      m.source = MentionSource::anaphor;
      extra.push_back(m);
    };
    std::string_view w0 = piece(doc_text, s.tokens[0]);
    std::string_view w1 = s.tokens.size() > 1 ? piece(doc_text, s.tokens[1]) : std::string_view{};
    std::size_t count = 0;
    std::size_t at = 0;
    // "On 1 January 2011 it adopted …": the pronoun right after a fronted date.
    if (!s.dates.empty() && s.dates.front().begin <= s.tokens[std::min<std::size_t>(1, s.tokens.size() - 1)].begin) {
      std::size_t k = 0;
      while (k < s.tokens.size() && s.tokens[k].end <= s.dates.front().end) ++k;
      if (k < s.tokens.size() && piece(doc_text, s.tokens[k]) == ",") ++k;
      if (k < s.tokens.size() && piece(doc_text, s.tokens[k]) == "it") at = k;
    }
    // "Both countries …", "The two nations …" in a bilateral passage: the
    // document's state and the section's counterpart.
    if (subject && !s.counterpart.empty()) {
      for (std::size_t i = 0; i + 1 < s.tokens.size(); ++i) {
        std::string_view a = piece(doc_text, s.tokens[i]);
        std::size_t noun = 0;
        if (a == "Both" || a == "both") noun = i + 1;
        else if ((a == "the" || a == "The") && i + 2 < s.tokens.size() && piece(doc_text, s.tokens[i + 1]) == "two")
          noun = i + 2;
        if (noun == 0) continue;
        std::string_view n = piece(doc_text, s.tokens[noun]);
        // "… and both are now members of SADC": "both" alone before its verb.
        const bool alone = (a == "Both" || a == "both") &&
                           (n == "are" || n == "were" || n == "have" || n == "has" || n == "had" || n == "joined" ||
                            n == "became" || n == "belong" || n == "signed" || n == "remain" || n == "share");
        if (alone) noun = i;
        else if (n != "countries" && n != "nations" && n != "states" && n != "governments" && n != "neighbours" &&
                 n != "neighbors" && n != "partners" && n != "sides")
          continue;
        Mention m;
        m.first_token = i;
        m.token_count = noun - i + 1;
        m.begin = s.tokens[i].begin;
        m.end = s.tokens[noun].end;
        m.iri = s.counterpart;
        m.type = EntityType::group;
        m.members = {*subject, s.counterpart};
        m.source = MentionSource::anaphor;
        extra.push_back(std::move(m));
      }
    }
    add_state_descriptions(doc_text, s, subject, extra);
    if (w0 == "It" || w0 == "Its" || at > 0) count = 1;
    if ((w0 == "The" || w0 == "This") && (w1 == "country" || w1 == "state")) count = 2;
    if (count > 0) {
      // The previous sentence's subject, when it opens with a named entity;
      // otherwise the document's subject.
      const Mention* antecedent = nullptr;
      if (previous && previous->block == s.block) antecedent = opening_subject(doc_text, *previous);
      if (count == 2 && antecedent && antecedent->type != EntityType::state) antecedent = nullptr;
      if (antecedent && antecedent->type != EntityType::group)
        make(at, count, antecedent->iri, antecedent->type);
      else if (subject)
        make(at, count, *subject, EntityType::state);
    }
    if (subject) {
      for (std::size_t i = 0; i < s.tokens.size(); ++i) {
        std::string_view w = piece(doc_text, s.tokens[i]);
        // A diplomatic cable's "GOK", "GOSL": the Government Of the
        // document's state, by its initials.
        if (w.size() >= 3 && w.size() <= 5 && w[0] == 'G' && w[1] == 'O' && !s.tokens[i].has_lower &&
            w.substr(2) == subject_initials(*subject)) {
          make(i, 1, *subject, EntityType::state);
          continue;
        }
        if (w.size() != 2 && w.size() != 3) continue;  // "we", "our", "it" only
        if (w == "we" || w == "We" || w == "our" || w == "Our") make(i, 1, *subject, EntityType::state);
        // "…in the same year it joined", "…25 March 2001, when it became":
        // "it" right after a date starts a clause about the document's subject.
        if (w == "it" && i > 0 && i != at) {
          std::size_t k = i;
          while (k > 0 && k + 3 > i) {
            std::string_view p = piece(doc_text, s.tokens[k - 1]);
            if (p != "," && p != "when" && p != "and") break;
            --k;
          }
          bool after_date = k > 0 && std::any_of(s.dates.begin(), s.dates.end(), [&](const DateMention& d) {
            return d.end == s.tokens[k - 1].end;
          });
          if (after_date) make(i, 1, *subject, EntityType::state);
        }
      }
    }
    if (extra.empty()) return;
    for (Mention& m : extra) {
      bool overlaps = std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& x) {
        return m.begin < x.end && m.end > x.begin;
      });
      if (!overlaps) s.mentions.push_back(std::move(m));
    }
    std::sort(s.mentions.begin(), s.mentions.end(),
              [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  }
};

}  // namespace

RecognizedDocument EntityRecognizer::recognize(const Document& document,
                                               const std::vector<Sentence>& sentences) const {
  RecognizedDocument result;
  Overlay names{gazetteer_, Gazetteer{}};
  std::string_view text = document.text;

  // Pass 1: names defined in the document ("Baltic Development Forum (BDF)")
  // and capitalized phrases with head words, so that every later (and
  // earlier) mention resolves the same way.
  // Tokens and their folded forms, once per sentence for every pass.
  std::vector<std::vector<Token>> sentence_tokens(sentences.size());
  std::vector<std::vector<std::string>> sentence_folded(sentences.size());
  std::vector<std::vector<Span>> sentence_excluded(sentences.size());  // URLs and glued text, before dates
  std::vector<TokenMemo> sentence_memo(sentences.size());
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    const Span span = sentences[k].span;
    sentence_tokens[k] = tokenize_at(text.substr(span.begin, span.end - span.begin), span.begin);
    sentence_folded[k] = fold_tokens(text, sentence_tokens[k]);
    sentence_memo[k] = TokenMemo(text, sentence_tokens[k], sentence_folded[k]);
  }
  std::vector<std::size_t> link_edges;
  for (const Link& link : document.links) {
    link_edges.push_back(link.span.begin);
    link_edges.push_back(link.span.end);
  }
  std::sort(link_edges.begin(), link_edges.end());
  add_treaty_titles(document, names);
  std::map<std::string, Candidate> found;
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    const Sentence& sentence = sentences[k];
    std::string_view s = text.substr(sentence.span.begin, sentence.span.end - sentence.span.begin);
    const std::vector<Token>& tokens = sentence_tokens[k];
    std::vector<DateMention> no_dates;
    sentence_excluded[k] = find_excluded(s, sentence.span.begin, no_dates);
    std::vector<Candidate> candidates;
    discover_phrases(text, tokens, sentence_folded[k], sentence_excluded[k], names, link_edges, sentence_memo[k],
                     candidates);
    for (Candidate& c : candidates) found.try_emplace(c.label, std::move(c));
  }
  discover_link_targets(document, names, found);
  discover_belligerents(document, names, found);
  for (auto& [label, c] : found) {
    Entity e;
    e.type = c.type;
    e.label = label;
    e.alt_labels = std::move(c.alt_labels);
    e.iri = entity_iri(c.type, label);
    names.local.add(e);
  }
  // Acronyms defined in the text: "Baltic Development Forum (BDF)".
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    const std::vector<Token>& tokens = sentence_tokens[k];
    for (std::size_t i = 0; i + 3 < tokens.size(); ++i) {
      if (piece(text, tokens[i + 1]) != "(" || piece(text, tokens[i + 3]) != ")") continue;
      std::string_view acr = piece(text, tokens[i + 2]);
      if (!is_acronym(acr, tokens[i + 2]) || names.global.lookup(acr)) continue;
      // The name is the longest known or discovered name ending at token i.
      for (std::size_t start = 0; start <= i; ++start) {
        auto hit = names.match(text, tokens, start);
        if (hit && start + hit->second == i + 1) {
          Entity alias = *hit->first;
          alias.alt_labels = {std::string(acr)};
          names.local.add(alias);
          break;
        }
      }
    }
  }

  // The document's subject: a state named in the title (the most mentioned
  // one if several), else the clearly most mentioned state.
  Analyzer analyzer{names, dates_, &document.links, std::nullopt, 0, false};
  std::map<std::string, int> state_counts;
  std::vector<SentenceAnalysis> first_pass;
  first_pass.reserve(sentences.size());
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    const Sentence& sentence = sentences[k];
    first_pass.push_back(analyzer.run(text, sentence.span, sentence.block, std::nullopt, nullptr,
                                      std::move(sentence_tokens[k]), &sentence_folded[k], &sentence_excluded[k],
                                      &sentence_memo[k]));
    for (const Mention& m : first_pass.back().mentions)
      if (m.type == EntityType::state) ++state_counts[m.iri];
  }
  std::string lead;  // "Mexico–Tanzania " when the first block opens with a pair's relations
  {
    std::vector<Token> title_tokens = tokenize(document.title);
    std::string best;
    for (std::size_t i = 0; i < title_tokens.size(); ++i) {
      if (auto m = names.match(document.title, title_tokens, i)) {
        if (m->first->type == EntityType::state &&
            (best.empty() || state_counts[m->first->iri] > state_counts[best]))
          best = m->first->iri;
        i += m->second - 1;
      }
    }
    // A page titled by its file ("wikipedia mexico tanzania relations"):
    // "Mexico–Tanzania relations" opening its first block names the pair.
    if (best.empty()) {
      lead = bilateral_lead(document);
      std::vector<Token> lead_tokens = tokenize(lead);
      for (std::size_t i = 0; i < lead_tokens.size() && best.empty(); ++i)
        if (auto m = names.match(lead, lead_tokens, i); m && m->first->type == EntityType::state) best = m->first->iri;
    }
    if (best.empty()) {
      int top = 0, second = 0;
      for (const auto& [state, n] : state_counts) {
        if (n > top) {
          second = top;
          top = n;
          best = state;
        } else if (n > second) {
          second = n;
        }
      }
      if (top < 3 || top < 2 * second) best.clear();
    }
    if (!best.empty()) result.subject = best;
  }

  // Pass 2: with the subject known, anaphors resolve.
  result.sentences = std::move(first_pass);
  SectionCounterparts counterparts{names, document, result.subject, lead};
  for (std::size_t k = 0; k < result.sentences.size(); ++k) {
    const SentenceAnalysis* previous = k > 0 ? &result.sentences[k - 1] : nullptr;
    if (result.sentences[k].block < document.blocks.size())
      result.sentences[k].counterpart = counterparts.of(document.blocks[result.sentences[k].block]);
    analyzer.add_definite_descriptions(text, result.sentences[k], previous);
    analyzer.add_anaphors(text, result.sentences[k], result.subject, previous);
    add_described_treaties(text, result.sentences[k], names);
  }
  std::set<std::string> mentioned;
  for (const SentenceAnalysis& s : result.sentences)
    for (const Mention& m : s.mentions) mentioned.insert(m.iri);
  if (result.subject) mentioned.insert(*result.subject);
  result.mentioned.assign(mentioned.begin(), mentioned.end());
  for (const Entity& e : names.local.entities())
    if (!gazetteer_.find_iri(e.iri) && mentioned.count(e.iri)) result.discovered.push_back(e);
  return result;
}

SentenceAnalysis EntityRecognizer::analyze_sentence(std::string_view text,
                                                    const std::optional<std::string>& subject) const {
  Overlay names{gazetteer_, Gazetteer{}};
  Analyzer analyzer{names, dates_, nullptr, std::nullopt, 0};
  return analyzer.run(text, Span{0, text.size()}, 0, subject, nullptr);
}

}  // namespace diplograph
