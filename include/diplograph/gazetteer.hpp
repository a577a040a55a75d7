#pragma once
/// The gazetteer: known states, organizations, treaties, events and groups of
/// states, loaded at run time from Turtle files (ontology/*.ttl and any
/// --gazetteer files), with a name index for the recognizer.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "diplograph/cues.hpp"
#include "diplograph/result.hpp"
#include "diplograph/tokens.hpp"

namespace diplograph {

/// `region` names (Latin America) are matched so that shorter names inside
/// them are not, but they are never entities of the graph. A
/// `historical_state` has no ISO code (the Kingdom of Great Britain, the
/// Ottoman Empire); a `non_state_actor` is a people, movement or armed group
/// (the Taliban, the Loyalists, the Mohawk).
enum class EntityType { state, territory, organization, treaty, event, group, region, historical_state, non_state_actor };

/// "State", "Territory", "Organization", "Treaty", "Event", "StateGroup",
/// "Region", "HistoricalState", "NonStateActor".
const char* entity_type_name(EntityType type);

struct Entity {
  std::string iri;
  EntityType type = EntityType::organization;
  bool former = false;  ///< dg:FormerState
  std::string label;    ///< rdfs:label@en (preferred name)
  std::vector<std::string> alt_labels;
  std::string iso_alpha2, iso_alpha3, iso_numeric, iso_alpha4;
  std::vector<std::string> same_as;
  std::vector<std::string> members;  ///< dg:hasMember, for groups
  std::vector<std::string> demonyms; ///< dg:demonym: not names, but they name parties in "Latvian–Russian Border Treaty"
  /// dg:abbreviation: acronyms too ambiguous for prose ("WHO", "CD"), read
  /// only as entries of a list of organizations.
  std::vector<std::string> abbreviations;
};

/// Index into Gazetteer::entities().
using EntityId = std::size_t;

class Gazetteer {
 public:
  /// Loads every *.ttl file of a directory, in name order, and the
  /// directory's relation_cues.tsv if it has one.
  Outcome load_directory(const std::string& directory);
  /// The relation cues of the ontology folder (empty if it has none).
  const RelationCues& cues() const { return cues_; }
  /// Loads one Turtle or N-Triples file; entities merge by IRI across files.
  Outcome load_file(const std::string& path);
  /// Loads Turtle from memory (tests).
  Outcome load_string(std::string_view name, std::string_view turtle);

  /// Builds the name index; call after loading. Entities without a known
  /// type are dropped (an alias file may mention IRIs defined elsewhere).
  Outcome finalize();

  const std::vector<Entity>& entities() const { return entities_; }
  std::optional<EntityId> find_iri(std::string_view iri) const;

  /// Longest name starting at tokens[first]; returns the entity and the
  /// number of tokens it spans. `text` is what `tokens` index into.
  struct Match {
    EntityId entity = 0;
    std::size_t token_count = 0;
  };
  /// `folded`, when given, holds fold_word() of every token (a cache the
  /// recognizer computes once per sentence).
  std::optional<Match> match(std::string_view text, const std::vector<Token>& tokens,
                             std::size_t first,
                             const std::vector<std::string>* folded = nullptr) const;

  /// The filter keys of one token, as written and folded: computed once and
  /// tested against several gazetteers with may_start().
  struct WordKeys {
    std::uint64_t exact = 0;
    std::uint64_t folded = 0;
  };
  static WordKeys word_keys(std::string_view word, std::string_view folded);
  /// False when no name starts with the word (a Bloom filter: true may be wrong).
  bool may_start(const WordKeys& keys) const { return may_have_hash(keys.exact) || may_have_hash(keys.folded); }

  /// Looks up a whole name ("NATO", "the United States").
  std::optional<EntityId> lookup(std::string_view name) const;

  /// Adds an entity discovered in text (e.g. "Baltic Development Forum
  /// (BDF)") so later mentions match; returns its id. Existing IRI: merged.
  EntityId add(Entity entity);

  std::size_t count(EntityType type) const;

  /// An entry of a list of organizations ("AfDB", "WHO", "Paris Club"): an
  /// abbreviation as written, else a name or alias as lookup() finds it.
  std::optional<EntityId> lookup_list_entry(std::string_view name) const;

  /// The state whose demonym this is ("Latvian" -> Latvia), if any.
  std::optional<EntityId> state_of_demonym(std::string_view word) const;

 private:
  void index_name(EntityId id, std::string_view name);
  Outcome add_triple_file(std::string_view name, std::string_view text, bool from_file);

  std::vector<Entity> entities_;
  std::unordered_map<std::string, EntityId> by_iri_;
  // One entry per key, so match() hashes each candidate key once per index:
  // the names it completes, whether it is a proper prefix of a name (after
  // whole words, so matching stops as soon as no name can continue), and
  // whether the name starts lowercase.
  struct NameKey {
    std::vector<EntityId> ids;
    bool prefix = false;
    bool lowercase_start = false;
  };
  std::unordered_map<std::string, NameKey> folded_;  ///< case-insensitive names
  std::unordered_map<std::string, NameKey> exact_;   ///< acronyms, case-sensitive
  // A Bloom filter over every key of folded_ and exact_: most tokens start
  // no name, and a "no" here is cheaper than two hash-table look-ups.
  std::vector<std::uint64_t> key_filter_;
  NameKey& key_entry(std::unordered_map<std::string, NameKey>& map, const std::string& key);
  bool may_have_key(std::string_view key) const;
  bool may_have_hash(std::uint64_t hash) const;
  RelationCues cues_;
  std::unordered_map<std::string, EntityId> demonyms_;
  std::unordered_map<std::string, EntityId> abbreviations_;
  std::size_t max_tokens_ = 1;
  // Raw triples by subject until finalize().
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> pending_;
  std::vector<std::string> pending_order_;
};

/// Key of a token sequence as the index stores it.
std::string name_key(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                     std::size_t count);
/// Key of a whole name, without a leading "The" ("The Gambia" == "Gambia").
std::string name_key(std::string_view name);

}  // namespace diplograph
