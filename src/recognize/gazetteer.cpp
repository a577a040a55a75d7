#include "diplograph/gazetteer.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "diplograph/rdf.hpp"

namespace diplograph {
namespace {

constexpr std::size_t max_name_tokens = 48;  // treaty titles run long

int type_priority(EntityType type) {
  switch (type) {
    case EntityType::state: return 0;
    case EntityType::organization: return 1;
    case EntityType::group: return 2;
    case EntityType::treaty: return 3;
    case EntityType::event: return 4;
    case EntityType::territory: return 5;
    case EntityType::region: return 6;
    case EntityType::historical_state: return 7;
    case EntityType::non_state_actor: return 8;
  }
  return 9;
}

std::optional<EntityType> type_for_class(std::string_view iri, bool& former) {
  const std::string dg(ns::dg);
  if (iri == dg + "State") return EntityType::state;
  if (iri == dg + "FormerState") {
    former = true;
    return EntityType::state;
  }
  if (iri == dg + "Territory") return EntityType::territory;
  if (iri == dg + "Organization") return EntityType::organization;
  if (iri == dg + "Treaty") return EntityType::treaty;
  if (iri == dg + "Event") return EntityType::event;
  if (iri == dg + "StateGroup") return EntityType::group;
  if (iri == dg + "Region") return EntityType::region;
  if (iri == dg + "HistoricalState") return EntityType::historical_state;
  if (iri == dg + "NonStateActor") return EntityType::non_state_actor;
  return std::nullopt;
}

bool token_allowed_inside(std::string_view text) {
  // Commas only continue a name the index knows ("…, Scientific and Cultural …").
  return is_name_joiner(text) || text == "'s" || text == "\xE2\x80\x99s" || text == "&" || text == ",";
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

const char* entity_type_name(EntityType type) {
  switch (type) {
    case EntityType::state: return "State";
    case EntityType::territory: return "Territory";
    case EntityType::organization: return "Organization";
    case EntityType::treaty: return "Treaty";
    case EntityType::event: return "Event";
    case EntityType::group: return "StateGroup";
    case EntityType::region: return "Region";
    case EntityType::historical_state: return "HistoricalState";
    case EntityType::non_state_actor: return "NonStateActor";
  }
  return "Thing";
}

std::string name_key(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                     std::size_t count) {
  std::string key;
  for (std::size_t i = first; i < first + count && i < tokens.size(); ++i) {
    std::string_view word = text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    if (is_name_joiner(word)) continue;  // "Co-operation" == "Cooperation"
    key += fold_word(word);
  }
  return key;
}

namespace {
// Index of the first token of a name once a leading article is dropped.
std::size_t after_article(std::string_view name, const std::vector<Token>& tokens) {
  if (tokens.size() < 2) return 0;
  std::string_view w = name.substr(tokens[0].begin, tokens[0].end - tokens[0].begin);
  return w == "The" || w == "the" ? 1 : 0;
}
}  // namespace

std::string name_key(std::string_view name) {
  std::vector<Token> tokens = tokenize(name);
  std::size_t first = after_article(name, tokens);
  return name_key(name, tokens, first, tokens.size() - first);
}

Outcome Gazetteer::add_triple_file(std::string_view name, std::string_view text, bool from_file) {
  TripleSink sink = [this](const Triple& t) -> Outcome {
    if (t.subject.kind != TermKind::iri) return {};
    if (t.object.kind == TermKind::literal && !t.object.language.empty() &&
        t.object.language != "en" && t.object.language.rfind("en-", 0) != 0)
      return {};  // only English names
    auto [it, inserted] = pending_.try_emplace(t.subject.value);
    if (inserted) pending_order_.push_back(t.subject.value);
    it->second.emplace_back(t.predicate.value, t.object.value);
    return {};
  };
  std::string path(name);
  if (from_file) return parse_rdf_file(path, syntax_for_path(path), sink);
  return parse_rdf_string(name, text, RdfSyntax::turtle, sink);
}

Outcome Gazetteer::load_file(const std::string& path) { return add_triple_file(path, {}, true); }

Outcome Gazetteer::load_string(std::string_view name, std::string_view turtle) {
  return add_triple_file(name, turtle, false);
}

Outcome Gazetteer::load_directory(const std::string& directory) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    Error e = make_error(Status::not_found, "ontology directory not found");
    e.file = directory;
    return e;
  }
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".ttl") files.push_back(entry.path().string());
  }
  if (ec) {
    Error e = make_error(Status::io_error, ec.message());
    e.file = directory;
    return e;
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) DG_TRY(load_file(file));
  const std::filesystem::path cue_file = std::filesystem::path(directory) / "relation_cues.tsv";
  if (std::filesystem::exists(cue_file, ec)) DG_TRY(cues_.load_file(cue_file.string()));
  return {};
}

Outcome Gazetteer::finalize() {
  const std::string rdf_type = iri(ns::rdf, "type");
  const std::string label = iri(ns::rdfs, "label");
  const std::string alt = iri(ns::skos, "altLabel");
  const std::string same_as = iri(ns::owl, "sameAs");
  const std::string dg(ns::dg);
  for (const std::string& subject : pending_order_) {
    auto& triples = pending_[subject];
    auto existing = find_iri(subject);
    Entity fresh;
    Entity& entity = existing ? entities_[*existing] : fresh;
    entity.iri = subject;
    bool typed = existing.has_value();
    std::vector<std::string> labels;
    for (const auto& [p, o] : triples) {
      if (p == rdf_type) {
        bool former = false;
        if (auto type = type_for_class(o, former)) {
          // A FormerState is also a State; keep the more specific flag.
          if (!typed || type_priority(*type) < type_priority(entity.type)) entity.type = *type;
          entity.former = entity.former || former;
          typed = true;
        }
      } else if (p == label) {
        labels.push_back(o);
      } else if (p == alt) {
        add_unique(entity.alt_labels, o);
      } else if (p == same_as) {
        add_unique(entity.same_as, o);
      } else if (p == dg + "iso3166Alpha2") {
        entity.iso_alpha2 = o;
      } else if (p == dg + "iso3166Alpha3") {
        entity.iso_alpha3 = o;
      } else if (p == dg + "iso3166Numeric") {
        entity.iso_numeric = o;
      } else if (p == dg + "iso3166Alpha4") {
        entity.iso_alpha4 = o;
      } else if (p == dg + "hasMember") {
        add_unique(entity.members, o);
      } else if (p == dg + "demonym") {
        add_unique(entity.demonyms, o);
      } else if (p == dg + "abbreviation") {
        add_unique(entity.abbreviations, o);
      }
    }
    if (!labels.empty()) {
      std::sort(labels.begin(), labels.end());
      if (entity.label.empty()) entity.label = labels.front();
      for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] != entity.label) add_unique(entity.alt_labels, labels[i]);
    }
    if (!typed) continue;  // aliases for an IRI nobody typed: ignored
    if (entity.label.empty()) {
      Error e = make_error(Status::bad_input, "entity <" + subject + "> has no rdfs:label");
      return e;
    }
    if (!existing) {
      by_iri_[subject] = entities_.size();
      entities_.push_back(std::move(fresh));
    }
  }
  // Alias-only subjects loaded before their definition are merged now that
  // all files are in: a second pass picks up altLabels for typed entities.
  for (const std::string& subject : pending_order_) {
    auto id = find_iri(subject);
    if (!id) continue;
    for (const auto& [p, o] : pending_[subject]) {
      if (p == alt) add_unique(entities_[*id].alt_labels, o);
      if (p == dg + "demonym") add_unique(entities_[*id].demonyms, o);
      if (p == dg + "abbreviation") add_unique(entities_[*id].abbreviations, o);
    }
  }
  pending_.clear();
  pending_order_.clear();
  folded_.clear();
  exact_.clear();
  key_filter_.clear();
  demonyms_.clear();
  abbreviations_.clear();
  for (EntityId id = 0; id < entities_.size(); ++id) {
    for (const auto& d : entities_[id].demonyms) demonyms_.emplace(d, id);
    for (const auto& a : entities_[id].abbreviations) abbreviations_.emplace(a, id);
    index_name(id, entities_[id].label);
    for (const auto& a : entities_[id].alt_labels) index_name(id, a);
  }
  return {};
}

void Gazetteer::index_name(EntityId id, std::string_view name) {
  std::vector<Token> tokens = tokenize(name);
  // "The Gambia" is also found as "Gambia" after a lowercase "the".
  std::size_t first = after_article(name, tokens);
  if (tokens.size() <= first) return;
  std::size_t count = tokens.size() - first;
  if (count > max_name_tokens) return;
  max_tokens_ = std::max(max_tokens_, count);
  bool has_lower = false;
  for (std::size_t i = first; i < tokens.size(); ++i) has_lower = has_lower || tokens[i].has_lower;
  auto insert = [&](std::unordered_map<std::string, NameKey>& map,
                    const std::string& key) {
    auto& ids = key_entry(map, key).ids;
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) return;
    ids.push_back(id);
    std::stable_sort(ids.begin(), ids.end(), [&](EntityId a, EntityId b) {
      return type_priority(entities_[a].type) < type_priority(entities_[b].type);
    });
  };
  {
    // Prefixes after each word but the last, as match() builds them.
    std::string exact, folded;
    for (std::size_t i = first; i + 1 < tokens.size(); ++i) {
      std::string_view piece = name.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
      exact.append(piece);
      if (!is_name_joiner(piece)) folded += fold_word(piece);
      if (tokens[i].kind == TokenKind::punct) continue;
      if (has_lower) key_entry(folded_, folded).prefix = true;
      else key_entry(exact_, exact).prefix = true;
    }
  }
  if (!has_lower) {
    // Acronyms ("NATO", "US", "U.S.") match only as written: "us" is a pronoun.
    std::string exact;
    for (std::size_t i = first; i < tokens.size(); ++i)
      exact.append(name.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
    insert(exact_, exact);
    return;
  }
  std::string key = name_key(name, tokens, first, count);
  insert(folded_, key);
  // Names written in lowercase ("fall of the U.S.S.R.") or opening with a
  // number ("2004 enlargement of …") match without a capital letter.
  if (!tokens[first].capitalized) key_entry(folded_, key).lowercase_start = true;
}

namespace {
// A blocked Bloom filter: both probes of a key fall in one 64-bit word, so a
// test is one memory access; 2^17 bits hold the few thousand keys with well
// under 1% false positives.
constexpr std::size_t filter_words = (std::size_t{1} << 17) / 64;

// FNV-1a (names are short), built up piece by piece while a name grows.
constexpr std::uint64_t fnv_basis = 14695981039346656037ull;
std::uint64_t fnv_add(std::uint64_t h, std::string_view piece) {
  for (char c : piece) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}
std::uint64_t fnv_finish(std::uint64_t h) { return h ^ (h >> 29); }
std::uint64_t key_hash(std::string_view key) { return fnv_finish(fnv_add(fnv_basis, key)); }

std::uint64_t filter_mask(std::uint64_t h) {
  return (std::uint64_t{1} << (h & 63)) | (std::uint64_t{1} << ((h >> 6) & 63));
}
}  // namespace

Gazetteer::NameKey& Gazetteer::key_entry(std::unordered_map<std::string, NameKey>& map,
                                         const std::string& key) {
  if (key_filter_.empty()) key_filter_.assign(filter_words, 0);
  std::uint64_t h = key_hash(key);
  key_filter_[(h >> 12) % filter_words] |= filter_mask(h);
  return map[key];
}

bool Gazetteer::may_have_key(std::string_view key) const { return may_have_hash(key_hash(key)); }

Gazetteer::WordKeys Gazetteer::word_keys(std::string_view word, std::string_view folded) {
  WordKeys keys;
  keys.exact = key_hash(word);
  keys.folded = folded == word ? keys.exact : key_hash(folded);
  return keys;
}

bool Gazetteer::may_have_hash(std::uint64_t h) const {
  if (key_filter_.empty()) return false;
  std::uint64_t mask = filter_mask(h);
  return (key_filter_[(h >> 12) % filter_words] & mask) == mask;
}

std::optional<EntityId> Gazetteer::find_iri(std::string_view iri_value) const {
  auto it = by_iri_.find(std::string(iri_value));
  if (it == by_iri_.end()) return std::nullopt;
  return it->second;
}

std::optional<Gazetteer::Match> Gazetteer::match(std::string_view text,
                                                 const std::vector<Token>& tokens,
                                                 std::size_t first,
                                                 const std::vector<std::string>* folded_tokens) const {
  if (first >= tokens.size() || tokens[first].kind == TokenKind::punct) return std::nullopt;
  {
    // The first word's keys are the word itself: most tokens start no name,
    // so answer those before building any key.
    std::string_view word = text.substr(tokens[first].begin, tokens[first].end - tokens[first].begin);
    if (!may_have_key(word)) {
      if (folded_tokens) {
        const std::string& folded_word = (*folded_tokens)[first];
        if (folded_word == word || !may_have_key(folded_word)) return std::nullopt;  // a lowercase word: one test
      } else if (!may_have_key(fold_word(word))) {
        return std::nullopt;
      }
    }
  }
  std::optional<Match> best;
  std::string exact;
  std::string folded;
  std::uint64_t exact_hash = fnv_basis, folded_hash = fnv_basis;  // of `exact` and `folded`
  std::size_t words = 0;
  for (std::size_t i = first; i < tokens.size() && words < max_tokens_; ++i) {
    std::string_view piece = text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    if (tokens[i].kind == TokenKind::punct) {
      if (!token_allowed_inside(piece) || i == first) break;
      // Joiners must touch both neighbours ("Guinea-Bissau", not "A - B").
      if (is_name_joiner(piece) && (tokens[i - 1].end != tokens[i].begin ||
                                    i + 1 >= tokens.size() || tokens[i + 1].begin != tokens[i].end))
        break;
      exact.append(piece);
      exact_hash = fnv_add(exact_hash, piece);
      if (!is_name_joiner(piece)) {
        std::size_t old = folded.size();
        folded += folded_tokens ? (*folded_tokens)[i] : fold_word(piece);
        folded_hash = fnv_add(folded_hash, std::string_view(folded).substr(old));
      }
      continue;
    }
    ++words;
    exact.append(piece);
    exact_hash = fnv_add(exact_hash, piece);
    std::size_t old = folded.size();
    folded += folded_tokens ? (*folded_tokens)[i] : fold_word(piece);
    folded_hash = fnv_add(folded_hash, std::string_view(folded).substr(old));
    std::size_t count = i - first + 1;
    auto e = may_have_hash(fnv_finish(exact_hash)) ? exact_.find(exact) : exact_.end();
    auto f = may_have_hash(fnv_finish(folded_hash)) ? folded_.find(folded) : folded_.end();
    if (e != exact_.end() && !e->second.ids.empty()) {
      best = Match{e->second.ids.front(), count};
    } else if (f != folded_.end() && !f->second.ids.empty()) {
      if (tokens[first].capitalized || f->second.lowercase_start)
        best = Match{f->second.ids.front(), count};
    }
    if (!(e != exact_.end() && e->second.prefix) && !(f != folded_.end() && f->second.prefix))
      break;
  }
  return best;
}

std::optional<EntityId> Gazetteer::lookup(std::string_view name) const {
  std::vector<Token> tokens = tokenize(name);
  std::size_t first = after_article(name, tokens);
  auto m = match(name, tokens, first);
  if (!m || first + m->token_count != tokens.size()) {
    // Whole-name lookups are case-insensitive for convenience.
    std::string key = diplograph::name_key(name);
    if (auto it = folded_.find(key); it != folded_.end() && !it->second.ids.empty())
      return it->second.ids.front();
    if (auto it = exact_.find(std::string(name.substr(tokens.empty() ? 0 : tokens[first].begin)));
        it != exact_.end() && !it->second.ids.empty())
      return it->second.ids.front();
    return std::nullopt;
  }
  return m->entity;
}

EntityId Gazetteer::add(Entity entity) {
  if (auto id = find_iri(entity.iri)) {
    for (const auto& a : entity.alt_labels) {
      add_unique(entities_[*id].alt_labels, a);
      index_name(*id, a);
    }
    return *id;
  }
  EntityId id = entities_.size();
  by_iri_[entity.iri] = id;
  entities_.push_back(std::move(entity));
  index_name(id, entities_[id].label);
  for (std::size_t i = 0; i < entities_[id].alt_labels.size(); ++i)
    index_name(id, entities_[id].alt_labels[i]);
  return id;
}

std::optional<EntityId> Gazetteer::lookup_list_entry(std::string_view name) const {
  if (auto it = abbreviations_.find(std::string(name)); it != abbreviations_.end()) return it->second;
  return lookup(name);
}

std::optional<EntityId> Gazetteer::state_of_demonym(std::string_view word) const {
  auto it = demonyms_.find(std::string(word));
  if (it == demonyms_.end()) return std::nullopt;
  return it->second;
}

std::size_t Gazetteer::count(EntityType type) const {
  return static_cast<std::size_t>(std::count_if(
      entities_.begin(), entities_.end(), [&](const Entity& e) { return e.type == type; }));
}

}  // namespace diplograph
