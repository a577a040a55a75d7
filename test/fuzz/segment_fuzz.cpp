// libFuzzer target: the sentence segmenter on arbitrary UTF-8 paragraphs.
#include "diplograph/reader.hpp"
#include "diplograph/segment.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const diplograph::SentenceSegmenter segmenter = [] {
    auto s = diplograph::SentenceSegmenter::create();
    if (!s) std::abort();
    return std::move(s).value();
  }();
  std::string_view text = fuzz_support::bytes(data, size);
  if (!diplograph::validate_utf8(text)) return 0;  // readers never pass invalid UTF-8 on
  for (diplograph::Span s : segmenter.split(text)) {
    fuzz_support::require(s.begin <= s.end && s.end <= text.size());
  }
  // The same text as a document of blank-line separated blocks of every kind.
  diplograph::Document d;
  d.text = std::string(text);
  std::size_t pos = 0, n = 0;
  while (pos < d.text.size()) {
    std::size_t end = d.text.find("\n\n", pos);
    if (end == std::string::npos) end = d.text.size();
    diplograph::Block b;
    b.kind = static_cast<diplograph::BlockKind>(n++ % 4);
    b.span = {pos, end};
    d.blocks.push_back(b);
    pos = end + 2;
  }
  for (const auto& s : segmenter.segment(d)) {
    fuzz_support::require(s.span.begin <= s.span.end && s.span.end <= d.text.size());
    fuzz_support::require(s.block < d.blocks.size());
  }
  return 0;
}
