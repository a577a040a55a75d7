#pragma once
/// Relation cues as data: the words that signal a relation, grouped by the
/// frame that reads them (membership, participation, treaty, relations),
/// loaded from `relation_cues.tsv` in the ontology folder. A new cue is one
/// line there; the frames in src/extract/ decide what its arguments are.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/result.hpp"

namespace diplograph {

struct RelationCue {
  std::vector<std::string> words;  ///< lowercase tokens, as the tokenizer splits them
  std::string rule;                ///< the fact's rule name ("membership.joined")
  double confidence = 0.8;
  /// Where the subject comes from, frame-specific: "clause" (default),
  /// "states" (the clause's states only), "possessor", "document".
  std::string subject = "clause";
};

class RelationCues {
 public:
  /// Parses the TSV: frame, cue, and optionally rule, confidence, subject.
  /// Blank lines and lines starting with '#' are skipped. `name` is used in errors.
  Outcome parse(std::string_view name, std::string_view text);
  Outcome load_file(const std::string& path);

  /// The cues of one frame, in file order (longer cues should come first
  /// where a shorter one is inside them); empty if none.
  const std::vector<RelationCue>& frame(std::string_view name) const;
  std::size_t size() const;

 private:
  std::map<std::string, std::vector<RelationCue>, std::less<>> frames_;
};

}  // namespace diplograph
