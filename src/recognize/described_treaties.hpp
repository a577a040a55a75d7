#pragma once
// Internal to recognize: treaties named by a description ("a friendship
// accord"), found after a verb of signing once names and dates are known.
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/cues.hpp"
#include "diplograph/recognize.hpp"

namespace diplograph::detail {

struct DescribedTreaty {
  std::size_t first_token = 0, token_count = 0;  ///< in the sentence's tokens
  std::string label;                             ///< the description as written
  std::string iri;                               ///< from description, states and year
};

/// The described treaties of one analysed sentence (`text` is the document text).
/// `cues`, when given, adds the treaty frame's cues of two or more words
/// ("party to", "bound by") to the verbs of signing that open a description.
std::vector<DescribedTreaty> find_described_treaties(std::string_view text, const SentenceAnalysis& sentence,
                                                     const RelationCues* cues = nullptr);

}  // namespace diplograph::detail
