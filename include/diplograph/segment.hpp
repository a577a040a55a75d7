#pragma once
/// Sentence segmentation with ICU, with abbreviation suppression so that
/// "U.S." and "D.C." do not end sentences.
#include <memory>
#include <vector>

#include "diplograph/document.hpp"
#include "diplograph/result.hpp"

namespace diplograph {

/// A block (paragraph, list item, heading, table row) longer than this is
/// not prose: segment() gives no sentence for it, so a 200 MB line costs no
/// recognition time or memory; the pipeline warns that it was skipped.
inline constexpr std::size_t max_block_bytes = std::size_t{1} << 20;

struct Sentence {
  Span span;                ///< byte offsets into Document::text, trimmed of white space
  std::size_t block = 0;    ///< index into Document::blocks
};

/// Not thread-safe: make one per thread (create() is cheap after the first).
class SentenceSegmenter {
 public:
  static Result<SentenceSegmenter> create();
  SentenceSegmenter(SentenceSegmenter&&) noexcept;
  SentenceSegmenter& operator=(SentenceSegmenter&&) noexcept;
  ~SentenceSegmenter();

  /// Paragraphs and list items are split into sentences; a heading or a
  /// table row is one sentence. Empty blocks give none.
  std::vector<Sentence> segment(const Document& document) const;
  /// Splits one piece of text; offsets relative to `text`.
  std::vector<Span> split(std::string_view text) const;

 private:
  struct Impl;
  explicit SentenceSegmenter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace diplograph
