#pragma once
// Internal to recognize: names that coordination shares out.
#include <string_view>

#include "diplograph/recognize.hpp"
#include "names.hpp"

namespace diplograph::detail {

/// One head shared by coordinated modifiers: "the First and Second World
/// Wars", "the Korean and Vietnam Wars" name two known events; each modifier
/// becomes a mention of its own name (names inside the phrase give way).
void add_shared_heads(const Overlay& names, std::string_view doc_text, SentenceAnalysis& s);

}  // namespace diplograph::detail
