#include "discovery.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace diplograph::detail {
namespace {

template <std::size_t N>
bool in(std::string_view word, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Head words that make a capitalized phrase a name of a given kind.
constexpr std::array<std::string_view, 25> organization_heads{
    "Council", "Union",     "Bank",        "Forum",        "Organisation", "Organization",
    "Assembly", "Agency",   "Fund",        "Community",    "Association",  "Alliance",
    "Commission", "Committee", "Initiative", "Force",       "Court",        "Secretariat",
    "League",  "Movement",  "Bureau",      "Parliament",   "Partnership",  "Group",
    "Cooperation"};
constexpr std::array<std::string_view, 10> treaty_heads{
    "Treaty", "Agreement", "Charter", "Convention", "Pact", "Protocol", "Accord", "Accords",
    "Statute", "Memorandum"};
constexpr std::array<std::string_view, 28> event_heads{
    "Summit",   "Conference",  "War",        "Revolution", "Crisis",       "Uprising",  "Invasion",
    "Coup",     "Enlargement", "Referendum", "Occupation", "Annexation",   "Reunification",
    // military events: "Battle of Trenton", "Siege of Yorktown", "Saratoga Campaign"
    "Battle",   "Battles",     "Siege",      "Campaign",   "Expedition",   "Massacre",  "Capture",
    "Recapture", "Offensive",  "Blockade",   "Bombing",    "Intervention", "Insurgency", "Raid",
    // "Operation Linda Nchi", "Operation Enduring Freedom": the head opens the name
    "Operation"};
// Head words of the states of the past: "Kingdom of Great Britain", "Dutch
// Republic", "Thirteen Colonies", "Landgraviate of Hesse-Kassel".
constexpr std::array<std::string_view, 19> polity_heads{
    "Kingdom",  "Republic",  "Empire",  "Sultanate", "Colonies",  "Colony",     "Confederacy",
    "Khanate",  "Emirate",   "Duchy",   "Principality", "Landgraviate", "Electorate", "Caliphate",
    "Shogunate", "Raj",      "Dynasty", "Commonwealth", "Protectorate"};
constexpr std::array<std::string_view, 8> connectors{"of", "for", "and", "on", "the",
                                                     "in", "de", "to"};

bool is_ordinal(std::string_view w) {
  // "Second Battle of El Alamein": the head is the word after it.
  if (w.size() >= 5 && w.size() <= 7 && w[0] >= 'E' && w[0] <= 'T') {
    for (std::string_view word : {"First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth",
                                  "Ninth", "Tenth"})
      if (w == word) return true;
    return false;
  }
  if (w.size() < 3 || !std::isdigit(static_cast<unsigned char>(w[0]))) return false;
  std::string_view suffix = w.substr(w.size() - 2);
  return suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th";
}

}  // namespace

std::vector<std::string> fold_tokens(std::string_view text, const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (const Token& t : tokens) out.push_back(fold_word(piece(text, t)));
  return out;
}

// Capitalized phrases whose head word says what they name.
// Does a link begin or end between two tokens (at or after `from`, at or
// before `to`)? `edges` is sorted.
static bool edge_between(const std::vector<std::size_t>& edges, std::size_t from, std::size_t to) {
  auto it = std::lower_bound(edges.begin(), edges.end(), from);
  return it != edges.end() && *it <= to;
}

// The name a link points to: its target without a section ("#…"), a
// disambiguator ("Battle of Quebec (1775)") or a trailing year ("Invasion of
// Minorca, 1781").
std::string_view link_name(std::string_view target) {
  if (auto hash = target.find('#'); hash != std::string_view::npos) target = target.substr(0, hash);
  while (!target.empty() && target.back() == ' ') target.remove_suffix(1);
  if (!target.empty() && target.back() == ')') {
    if (auto open = target.rfind(" ("); open != std::string_view::npos && open > 0) target = target.substr(0, open);
  }
  std::size_t digits = 0;
  while (digits < target.size() && std::isdigit(static_cast<unsigned char>(target[target.size() - 1 - digits])))
    ++digits;
  if (digits == 4 && target.size() > 6 && target.substr(target.size() - 6, 2) == ", ")
    target = target.substr(0, target.size() - 6);
  return target;
}

// "New Zealand–China Free Trade Agreement", "US-Canada Free Trade
// Agreement", "EU–Japan Economic Partnership Agreement": two known names
// joined by a dash (touching both) right before a phrase's first word open
// its name. Returns the token the name starts at.
template <typename KnownRange>
static std::size_t paired_prefix(std::string_view text, const std::vector<Token>& tokens, const KnownRange& known,
                          std::size_t first) {
  if (known.size() < 2) return first;
  const auto& second = known[known.size() - 1];
  const auto& one = known[known.size() - 2];
  auto joinable = [](EntityType t) {
    return t == EntityType::state || t == EntityType::group || t == EntityType::region ||
           t == EntityType::organization;
  };
  if (second.end != first || one.end + 1 != second.first || !joinable(one.type) || !joinable(second.type))
    return first;
  const Token& dash = tokens[one.end];
  if (!is_name_joiner(piece(text, dash)) || tokens[one.end - 1].end != dash.begin ||
      dash.end != tokens[second.first].begin)
    return first;
  return one.first;
}

void discover_phrases(std::string_view text, const std::vector<Token>& tokens,
                      const std::vector<std::string>& folded, const std::vector<Span>& excluded,
                      const Overlay& names, const std::vector<std::size_t>& link_edges,
                      const TokenMemo& memo, std::vector<Candidate>& out) {
  // Known names passed over, as token ranges: a treaty's name may open with
  // two of them ("New Zealand–China Free Trade Agreement").
  struct Known {
    std::size_t first, end;
    EntityType type;
  };
  std::vector<Known> known;
  std::size_t i = 0;
  while (i < tokens.size()) {
    if (auto m = names.match(text, tokens, i, &folded, &memo)) {  // already known: skip it
      known.push_back({i, i + m->second, m->first->type});
      i += m->second;
      continue;
    }
    std::string_view w = piece(text, tokens[i]);
    bool start_ok = tokens[i].kind == TokenKind::word && (tokens[i].capitalized || is_ordinal(w));
    if (!start_ok || w == "The") {
      ++i;
      continue;
    }
    // Collect the phrase: capitalized words, joiners, and connectors that
    // are followed by a capitalized word.
    std::size_t j = i;
    std::vector<std::size_t> words;
    bool has_connector = false;
    bool only_and = true;  // every connector is a lone "and"
    while (j < tokens.size()) {
      // A phrase never runs across the edge of a link: "[[A]] and the [[B]]" are two names.
      if (j > i && edge_between(link_edges, tokens[j - 1].end, tokens[j].begin)) break;
      std::string_view x = piece(text, tokens[j]);
      if (tokens[j].kind == TokenKind::word && (tokens[j].capitalized || (j == i && is_ordinal(x)))) {
        words.push_back(j);
        ++j;
        continue;
      }
      if (tokens[j].kind == TokenKind::punct && is_name_joiner(x) && !words.empty() &&
          j + 1 < tokens.size() && tokens[j + 1].capitalized && tokens[j - 1].end == tokens[j].begin) {
        ++j;
        continue;
      }
      // A hyphenated word with a lowercase second part, inside a name that
      // goes on: "Atlantic Co-operation Pact", "Anti-corruption Agency".
      // Not a modifier made from a name: "British-led", "US-backed",
      // "French-speaking" (a demonym or a participle).
      if (x == "-" && !words.empty() && j + 2 < tokens.size() && tokens[j - 1].end == tokens[j].begin &&
          tokens[j + 1].kind == TokenKind::word && !tokens[j + 1].capitalized &&
          tokens[j + 1].begin == tokens[j].end && tokens[j + 2].capitalized &&
          tokens[j + 2].kind == TokenKind::word) {
        std::string_view second = piece(text, tokens[j + 1]);
        const bool participle = second.ends_with("ed") || second.ends_with("ing") || second == "run" ||
                                second == "born" || second == "based";
        if (!participle && !names.global.state_of_demonym(piece(text, tokens[j - 1]))) {
          j += 2;
          continue;
        }
      }
      if (tokens[j].kind == TokenKind::word && in(x, connectors) && !words.empty()) {
        std::size_t k = j + 1;
        // "… for the Establishment of a Mechanism of …": "a" after "of" only
        // ("A Agreement and a B Agreement" are two names).
        while (k < tokens.size() && (in(piece(text, tokens[k]), connectors) ||
                                     (piece(text, tokens[k]) == "a" && piece(text, tokens[k - 1]) == "of")))
          ++k;
        if (k < tokens.size() && tokens[k].capitalized && tokens[k].kind == TokenKind::word &&
            !edge_between(link_edges, tokens[j - 1].end, tokens[k].begin)) {
          only_and = only_and && k == j + 1 && x == "and";
          has_connector = true;
          j = k;
          continue;
        }
      }
      break;
    }
    if (words.size() >= 2) {
      std::string_view first = piece(text, tokens[words[0]]);
      std::size_t head_index = is_ordinal(first) ? 1 : 0;
      std::string_view first_head = piece(text, tokens[words[head_index]]);
      std::string_view last = piece(text, tokens[words.back()]);
      std::optional<EntityType> type;
      bool head_first = has_connector && head_index + 1 < words.size();
      if (!has_connector) {
        if (in(last, organization_heads)) type = EntityType::organization;
        else if (in(last, treaty_heads)) type = EntityType::treaty;
        else if (in(last, event_heads)) type = EntityType::event;
        else if (first == "Operation") type = EntityType::event;  // "Operation Desert Storm"
      } else if (head_first) {
        if (in(first_head, organization_heads)) type = EntityType::organization;
        else if (in(first_head, treaty_heads)) type = EntityType::treaty;
        else if (in(first_head, event_heads)) type = EntityType::event;
      }
      // "Trade and Investment Framework Agreement", "Truth and Reconciliation
      // Commission": connectors inside, the head last.
      if (!type && has_connector && only_and) {
        if (in(last, treaty_heads)) type = EntityType::treaty;
        else if (in(last, organization_heads)) type = EntityType::organization;
      }
      std::size_t b = tokens[words.front()].begin, e = tokens[words.back()].end;
      if (type == EntityType::treaty || type == EntityType::organization || type == EntityType::event)
        b = tokens[paired_prefix(text, tokens, known, words.front())].begin;
      if (type && !inside(excluded, b, e))
        out.push_back({std::string(text.substr(b, e - b)), *type});
    }
    i = std::max(j, i + 1);
  }
}

// A link whose target is a name by its head words ("[[Battle of Trenton|
// Trenton]]", "[[Treaty of Alliance (1778)|a treaty]]") makes that name
// known, whatever words the text shows for it.
void discover_link_targets(const Document& document, const Overlay& names, std::map<std::string, Candidate>& found) {
  std::set<std::string_view> seen;
  for (const Link& link : document.links) {
    std::string_view target = link_name(link.target);
    if (target.size() < 5 || target.size() > 120 || !seen.insert(target).second) continue;
    std::vector<Token> tokens = tokenize(target);
    if (tokens.size() < 2) continue;
    // Most targets are places and people: without a head word where a name
    // has one (last, or first after an ordinal), nothing to discover.
    auto head = [&](std::size_t k) {
      std::string_view w = piece(target, tokens[k]);
      return in(w, organization_heads) || in(w, treaty_heads) || in(w, event_heads);
    };
    if (!head(tokens.size() - 1) && !head(0) && !head(1)) continue;
    if (auto known = names.match(target, tokens, 0); known && known->second == tokens.size()) continue;
    std::vector<std::string> folded = fold_tokens(target, tokens);
    TokenMemo memo(target, tokens, folded);
    std::vector<Candidate> candidates;
    // The whole target is the name: known names inside it ("South Asia" in
    // "South Asia Subregional Economic Cooperation") do not cut it.
    static const Gazetteer no_names;
    const Overlay bare{no_names, Gazetteer{}};
    discover_phrases(target, tokens, folded, {}, bare, {}, memo, candidates);
    for (Candidate& c : candidates)
      if (c.label == target) found.try_emplace(c.label, std::move(c));
  }
}

namespace {

// Does a known name cover the whole of `name`?
bool known_whole(const Overlay& names, std::string_view name) {
  std::vector<Token> tokens = tokenize(name);
  if (tokens.empty()) return true;
  auto hit = names.match(name, tokens, 0);
  return hit && hit->second == tokens.size();
}

// A belligerent's kind by its words: a polity head makes a state of the
// past; peoples, movements and armed groups are the rest.
EntityType belligerent_type(std::string_view name) {
  std::vector<Token> tokens = tokenize(name);
  for (const Token& t : tokens)
    if (in(piece(name, t), polity_heads)) return EntityType::historical_state;
  return EntityType::non_state_actor;
}

// The name an unlinked cell shows: its text before any "(" or "{"
// ("Vermont Republic (from 1777)"); nothing for labels ("Co-belligerents:").
std::string_view shown_name(std::string_view cell) {
  std::size_t cut = std::min(cell.find('('), cell.find('{'));
  std::string_view name = cell.substr(0, std::min(cut, cell.size()));
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
  if (name.empty() || name.back() == ':' || !std::isupper(static_cast<unsigned char>(name.front()))) return {};
  if (tokenize(name).size() > 8) return {};
  return name;
}

void add_belligerent(const Overlay& names, std::string_view shown, std::string_view target,
                     std::map<std::string, Candidate>& found) {
  if (shown.empty() || known_whole(names, shown) || (!target.empty() && known_whole(names, target))) return;
  Candidate c{std::string(shown), belligerent_type(target.empty() ? shown : target)};
  if (c.type == EntityType::non_state_actor && belligerent_type(shown) == EntityType::historical_state)
    c.type = EntityType::historical_state;
  if (!target.empty() && target != shown) c.alt_labels.emplace_back(target);
  found.try_emplace(c.label, std::move(c));
}

}  // namespace

// A linked belligerent is named by the words the page shows, its target
// another name ("[[Loyalist (American Revolution)|Loyalists]]"); an unlinked
// one by its text ("Kingdom of Great Britain" from a flag template).
void discover_belligerents(const Document& document, const Overlay& names, std::map<std::string, Candidate>& found) {
  for (const Block& block : document.blocks) {
    if (block.kind != BlockKind::table_row || block.table < 0 ||
        static_cast<std::size_t>(block.table) >= document.tables.size() || block.cells.size() < 2 ||
        !is_belligerent_table(document.tables[static_cast<std::size_t>(block.table)]))
      continue;
    const Span cell = block.cells[1];
    // The name the cell opens with, unless a link shows it ("Dutch Republic
    // (1780–83)" from a flag template, its note linking the war).
    std::string_view lead = shown_name(document.slice(cell));
    const std::size_t lead_end = lead.empty() ? cell.begin : static_cast<std::size_t>(lead.data() - document.text.data()) + lead.size();
    bool lead_linked = false;
    auto first = std::lower_bound(document.links.begin(), document.links.end(), cell.begin,
                                  [](const Link& l, std::size_t at) { return l.span.begin < at; });
    for (auto l = first; l != document.links.end() && l->span.begin < cell.end; ++l) {
      if (l->span.end > cell.end) break;
      lead_linked = lead_linked || l->span.begin < lead_end;
      add_belligerent(names, shown_name(document.slice(l->span)), link_name(l->target), found);
    }
    if (!lead_linked) add_belligerent(names, lead, {}, found);
  }
}

}  // namespace diplograph::detail
