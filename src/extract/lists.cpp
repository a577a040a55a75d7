// Lists of organizations and treaties as profiles write them: a block that
// opens with a field name and a colon, then entries separated by commas
// ("International organization participation: AfDB (nonregional member),
// BIS, LAS (observer), ...", "party to: Antarctic Treaty, Biodiversity, ...").
// Each entry is resolved through the gazetteer (abbreviations that are too
// ambiguous for prose are read here only); its qualifier decides the
// predicate. The subject is the document's state.
#include <algorithm>
#include <cctype>

#include "sentence_view.hpp"

namespace diplograph {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.front())) || s.front() == '*' ||
                        s.front() == '_'))
    s.remove_prefix(1);
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.back())) || s.back() == '.' ||
                        s.back() == '*' || s.back() == '_'))
    s.remove_suffix(1);
  return s;
}

// Lowercase, runs of white space as one space.
std::string normalized(std::string_view s) { return ascii_lower(collapse_spaces(s)); }

enum class ListKind { none, memberships, treaties };

// What a field name says its entries are.
ListKind kind_of_field(const std::string& key) {
  auto has = [&](std::string_view w) { return key.find(w) != std::string::npos; };
  if (has("law organization") || has("law organisation") || has("jurisdiction") || has("dispute") ||
      has("candidate") || has("applied") || has("observer") || has("former"))
    return ListKind::none;
  if (has("organization participation") || has("organisation participation") ||
      has("organization membership") || has("organisation membership") || key == "member of" ||
      key == "membership" || key == "memberships" || has("international memberships") ||
      key == "international organizations" || key == "international organisations")
    return ListKind::memberships;
  if (key == "party to" || key == "signed, but not ratified" || key == "signed but not ratified" ||
      key == "signatory to" || key == "signed")
    return ListKind::treaties;
  return ListKind::none;
}

// The field a block opens with, and where its value starts: the innermost
// of nested "Key: Key: value" prefixes, each short and without a comma.
struct Field {
  std::string key;
  std::size_t value = 0;  ///< offset of the value in the block text
};

std::optional<Field> field_of(std::string_view text) {
  std::optional<Field> found;
  std::size_t at = 0;
  while (true) {
    std::size_t colon = text.find(':', at);
    if (colon == std::string_view::npos || colon - at > 70) break;
    std::string_view key = trim(text.substr(at, colon - at));
    if (key.empty() || (key.find(',') != std::string_view::npos && normalized(key) != "signed, but not ratified"))
      break;
    found = Field{normalized(key), colon + 1};
    at = colon + 1;
  }
  return found;
}

// A block that is only a list of names ("AfDB, AU, COMESA (observer), UN"),
// not prose: every comma-separated piece, parentheses aside, is a few words
// starting with a capital or a digit.
bool bare_list(std::string_view text) {
  std::string outside;  // the text without its parenthesized parts
  int depth = 0;
  for (char c : text) {
    if (c == '(') ++depth;
    else if (c == ')') depth = depth > 0 ? depth - 1 : 0;
    else if (depth == 0) outside += c;
  }
  std::size_t pieces = 0, start = 0;
  for (std::size_t i = 0; i <= outside.size(); ++i) {
    if (i < outside.size() && outside[i] != ',' && outside[i] != ';') continue;
    std::string_view piece = trim(std::string_view(outside).substr(start, i - start));
    start = i + 1;
    if (piece.empty()) continue;
    ++pieces;
    const unsigned char first = static_cast<unsigned char>(piece.front());
    if (!std::isupper(first) && !std::isdigit(first)) return false;
    if (std::count(piece.begin(), piece.end(), ' ') > 5) return false;
  }
  return pieces >= 3;
}

struct Entry {
  std::string_view name;
  std::string qualifier;  ///< lowercase, without parentheses; "(" unclosed: "?"
};

// Entries at commas and semicolons; a piece whose "(" is closed in a later
// piece ("CIS (participating member, has not signed …)") is joined to it.
std::vector<Entry> entries_of(std::string_view value) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= value.size(); ++i)
    if (i == value.size() || value[i] == ',' || value[i] == ';') {
      pieces.push_back(value.substr(start, i - start));
      start = i + 1;
    }
  std::vector<Entry> out;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    std::size_t begin = static_cast<std::size_t>(pieces[i].data() - value.data());
    std::size_t end = begin + pieces[i].size();
    auto open = pieces[i].find('(');
    if (open != std::string_view::npos && pieces[i].find(')', open) == std::string_view::npos) {
      // Join while a later piece closes it before opening another.
      for (std::size_t j = i + 1; j < pieces.size(); ++j) {
        auto close = pieces[j].find(')');
        auto reopen = pieces[j].find('(');
        if (close == std::string_view::npos || (reopen != std::string_view::npos && reopen < close)) continue;
        end = static_cast<std::size_t>(pieces[j].data() - value.data()) + pieces[j].size();
        i = j;
        break;
      }
    }
    std::string_view whole = value.substr(begin, end - begin);
    Entry e;
    auto paren = whole.find('(');
    e.name = trim(whole.substr(0, paren));
    if (paren != std::string_view::npos) {
      auto close = whole.rfind(')');
      e.qualifier = close == std::string_view::npos || close < paren
                        ? std::string("?")
                        : normalized(whole.substr(paren + 1, close - paren - 1));
    }
    if (!e.name.empty()) out.push_back(std::move(e));
  }
  return out;
}

// The predicate a qualifier gives a membership-list entry, or null.
const char* predicate_of_qualifier(const std::string& q) {
  if (q.empty()) return predicate::member_of;
  if (q == "observer" || q == "observer status") return predicate::observer_of;
  if (q == "signatory") return predicate::party_to;
  // "(nonregional member)", "(regional member)", "(member)": still members.
  static const std::vector<std::string_view> not_members{
      "associate", "candidate", "partner", "participating", "cooperating", "suspended", "ngo",
      "national committee", "guest", "applicant", "dialogue", "affiliate", "observer", "?", "not", "former"};
  bool says_member = q.find("member") != std::string::npos;
  for (auto w : not_members)
    if (q.find(w) != std::string::npos) return nullptr;
  return says_member ? predicate::member_of : nullptr;
}

}  // namespace

void OrganizationListExtractor::extract(const ExtractionContext& ctx, std::vector<Fact>& facts) const {
  if (!ctx.recognized.subject) return;
  const std::string& subject = *ctx.recognized.subject;
  const Document& doc = ctx.document;
  const Gazetteer& gazetteer = ctx.gazetteer;
  for (const Block& block : doc.blocks) {
    if (block.kind != BlockKind::paragraph && block.kind != BlockKind::list_item) continue;
    std::string_view text = doc.slice(block.span);
    std::optional<Field> field = field_of(text);
    // A profile whose field names are headings: "## International
    // organization participation" over a bare list.
    if (!field && !block.section_path.empty() && bare_list(text))
      field = Field{normalized(block.section_path.back()), 0};
    if (!field) continue;
    ListKind kind = kind_of_field(field->key);
    if (kind == ListKind::none) continue;
    std::string_view value = text.substr(field->value);
    if (normalized(value.substr(0, 24)).starts_with("none")) continue;
    for (const Entry& e : entries_of(value)) {
      const char* predicate = kind == ListKind::treaties ? predicate::party_to : predicate_of_qualifier(e.qualifier);
      if (!predicate) continue;
      auto id = gazetteer.lookup_list_entry(e.name);
      if (!id) continue;
      const Entity& entity = gazetteer.entities()[*id];
      bool fits = kind == ListKind::treaties
                      ? entity.type == EntityType::treaty
                      : entity.type == EntityType::organization || entity.type == EntityType::event ||
                            entity.type == EntityType::treaty;
      if (!fits || entity.iri == subject) continue;
      // "…, PCA, Schengen Convention, UN, …": a treaty among the
      // organizations is one the state is party to.
      if (kind != ListKind::treaties && entity.type == EntityType::treaty) {
        if (predicate != std::string_view(predicate::member_of)) continue;
        predicate = predicate::party_to;
      }
      detail::add_facts(facts, {subject}, predicate, entity.iri, std::nullopt, block.span,
                        kind == ListKind::treaties ? "lists.treaty-entry" : "lists.organization-entry", 0.9);
    }
  }
}

}  // namespace diplograph
