#pragma once
// Internal to recognize: the names a document is read with (the gazetteer,
// plus the names found in the document itself) and the IRIs of found names.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/gazetteer.hpp"
#include "diplograph/rdf.hpp"
#include "diplograph/reader.hpp"
#include "diplograph/tokens.hpp"

namespace diplograph::detail {

inline std::string_view piece(std::string_view text, const Token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

inline std::string entity_iri(EntityType type, std::string_view label) {
  std::string folder;
  switch (type) {
    case EntityType::organization: folder = "organization/"; break;
    case EntityType::treaty: folder = "treaty/"; break;
    case EntityType::event: folder = "event/"; break;
    case EntityType::historical_state: folder = "historical-state/"; break;
    case EntityType::non_state_actor: folder = "actor/"; break;
    default: folder = "entity/"; break;
  }
  return iri(ns::dgr, folder + slugify(label));
}

// Name matching at each token of one sentence, remembered: the tokens'
// filter keys, and the global gazetteer's answer at each token once asked
// (it never changes while a document is read; the local names do).
struct TokenMemo {
  std::vector<Gazetteer::WordKeys> keys;
  mutable std::vector<std::int8_t> asked;
  mutable std::vector<std::optional<Gazetteer::Match>> global;

  TokenMemo() = default;
  TokenMemo(std::string_view text, const std::vector<Token>& tokens, const std::vector<std::string>& folded)
      : asked(tokens.size(), 0), global(tokens.size()) {
    keys.reserve(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) keys.push_back(Gazetteer::word_keys(piece(text, tokens[i]), folded[i]));
  }
};

struct Overlay {
  const Gazetteer& global;
  Gazetteer local;

  // Longest of the global and document-local matches.
  struct Hit {
    const Entity* first;    ///< the entity
    std::size_t second;     ///< tokens it spans
    bool local;             ///< found by a pattern in this document
  };
  std::optional<Hit> match(std::string_view text, const std::vector<Token>& tokens,
                           std::size_t first,
                           const std::vector<std::string>* folded = nullptr,
                           const TokenMemo* memo = nullptr) const {
    if (first >= tokens.size() || tokens[first].kind == TokenKind::punct) return std::nullopt;
    // Most words start no name: one pair of hashes answers for both gazetteers.
    Gazetteer::WordKeys keys;
    if (memo) {
      keys = memo->keys[first];
    } else {
      std::string_view word = piece(text, tokens[first]);
      keys = folded ? Gazetteer::word_keys(word, (*folded)[first]) : Gazetteer::word_keys(word, fold_word(word));
    }
    std::optional<Gazetteer::Match> g;
    if (memo && memo->asked[first]) {
      g = memo->global[first];
    } else {
      if (global.may_start(keys)) g = global.match(text, tokens, first, folded);
      if (memo) {
        memo->asked[first] = 1;
        memo->global[first] = g;
      }
    }
    std::optional<Gazetteer::Match> l;
    if (!local.entities().empty() && local.may_start(keys)) l = local.match(text, tokens, first, folded);
    if (l && (!g || l->token_count > g->token_count))
      return Hit{&local.entities()[l->entity], l->token_count, !global.find_iri(local.entities()[l->entity].iri)};
    if (g) return Hit{&global.entities()[g->entity], g->token_count, false};
    return std::nullopt;
  }
};

}  // namespace diplograph::detail
