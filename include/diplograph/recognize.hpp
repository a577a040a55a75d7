#pragma once
/// Recognition: finds states, organizations, treaties, events, groups of
/// states and dates in a document's sentences, with gazetteer lookups and a
/// few general patterns ("Name (ACR)", capitalized phrases ending in head
/// words such as Council or Treaty), and resolves "It", "The country",
/// "we/our" to the document's subject.
#include <optional>
#include <string>
#include <vector>

#include "diplograph/dates.hpp"
#include "diplograph/document.hpp"
#include "diplograph/gazetteer.hpp"
#include "diplograph/segment.hpp"
#include "diplograph/tokens.hpp"

namespace diplograph {

enum class MentionSource { gazetteer, pattern, anaphor };

struct Mention {
  std::size_t begin = 0;  ///< byte offsets in Document::text
  std::size_t end = 0;
  std::size_t first_token = 0;  ///< index into SentenceAnalysis::tokens
  std::size_t token_count = 0;
  std::string iri;
  EntityType type = EntityType::state;
  MentionSource source = MentionSource::gazetteer;
  /// Groups: member state IRIs; `other` marks "the other Baltic states"
  /// (members minus those already named).
  std::vector<std::string> members;
  bool other = false;
};

struct SentenceAnalysis {
  Span span;
  std::size_t block = 0;
  std::vector<Token> tokens;          ///< offsets in Document::text
  std::vector<Mention> mentions;      ///< left to right, non-overlapping
  std::vector<DateMention> dates;     ///< offsets in Document::text
  std::vector<Span> excluded;         ///< glued reference text and URLs: never evidence
  /// The other state of a bilateral passage: the state the innermost section
  /// heading naming one names ("=== Peru ===" in "Foreign relations of
  /// Kenya"), or the second state of an "X–Y relations" title; empty if none.
  std::string counterpart;
};

struct RecognizedDocument {
  std::vector<SentenceAnalysis> sentences;
  std::vector<Entity> discovered;      ///< entities found by patterns, not in the gazetteer
  std::optional<std::string> subject;  ///< the state the document is about
  std::vector<std::string> mentioned;  ///< IRIs of every entity mentioned (sorted, unique)
};

/// Thread-safe: recognize() keeps its per-document state local.
class EntityRecognizer {
 public:
  explicit EntityRecognizer(const Gazetteer& gazetteer) : gazetteer_(gazetteer) {}

  RecognizedDocument recognize(const Document& document,
                               const std::vector<Sentence>& sentences) const;

  /// Recognizes one stand-alone sentence (tests, tools). `subject` stands for
  /// anaphors when given.
  SentenceAnalysis analyze_sentence(std::string_view text,
                                    const std::optional<std::string>& subject = {}) const;

  const Gazetteer& gazetteer() const { return gazetteer_; }

 private:
  const Gazetteer& gazetteer_;
  DateNormalizer dates_;
};

/// Tokens of `text` with offsets shifted by `offset`.
std::vector<Token> tokenize_at(std::string_view text, std::size_t offset);

}  // namespace diplograph
