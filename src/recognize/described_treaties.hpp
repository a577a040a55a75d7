#pragma once
// Internal to recognize: treaties named by a description ("a friendship
// accord"), found after a verb of signing once names and dates are known.
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/recognize.hpp"

namespace diplograph::detail {

struct DescribedTreaty {
  std::size_t first_token = 0, token_count = 0;  ///< in the sentence's tokens
  std::string label;                             ///< the description as written
  std::string iri;                               ///< from description, states and year
};

/// The described treaties of one analysed sentence (`text` is the document text).
std::vector<DescribedTreaty> find_described_treaties(std::string_view text, const SentenceAnalysis& sentence);

}  // namespace diplograph::detail
