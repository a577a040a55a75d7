#pragma once
// Internal to recognize: the names a document is read with (the gazetteer,
// plus the names found in the document itself) and the IRIs of found names.
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
    default: folder = "entity/"; break;
  }
  return iri(ns::dgr, folder + slugify(label));
}

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
                           const std::vector<std::string>* folded = nullptr) const {
    if (first >= tokens.size() || tokens[first].kind == TokenKind::punct) return std::nullopt;
    // Most words start no name: one pair of hashes answers for both gazetteers.
    std::string_view word = piece(text, tokens[first]);
    Gazetteer::WordKeys keys =
        folded ? Gazetteer::word_keys(word, (*folded)[first]) : Gazetteer::word_keys(word, fold_word(word));
    const bool in_global = global.may_start(keys);
    const bool in_local = !local.entities().empty() && local.may_start(keys);
    if (!in_global && !in_local) return std::nullopt;
    std::optional<Gazetteer::Match> g;
    std::optional<Gazetteer::Match> l;
    if (in_global) g = global.match(text, tokens, first, folded);
    if (in_local) l = local.match(text, tokens, first, folded);
    if (l && (!g || l->token_count > g->token_count))
      return Hit{&local.entities()[l->entity], l->token_count, !global.find_iri(local.entities()[l->entity].iri)};
    if (g) return Hit{&global.entities()[g->entity], g->token_count, false};
    return std::nullopt;
  }
};

}  // namespace diplograph::detail
