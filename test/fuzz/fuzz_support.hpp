#pragma once
// Shared by the libFuzzer targets: invariant checks that turn a silent bug
// (a span past the end of the text) into a finding.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "diplograph/document.hpp"
#include "diplograph/gazetteer.hpp"
#include "diplograph/pipeline.hpp"

namespace fuzz_support {

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline void require(bool condition) {
  if (!condition) __builtin_trap();
}

inline void check_span(const diplograph::Document& d, diplograph::Span s) {
  require(s.begin <= s.end || s.empty());
  require(s.empty() || s.end <= d.text.size());
}

// Every offset a reader hands on must index into the document text.
inline void check_document(const diplograph::Document& d) {
  for (const auto& b : d.blocks) {
    check_span(d, b.span);
    for (const auto& c : b.cells) check_span(d, c);
    require(b.table < 0 || static_cast<std::size_t>(b.table) < d.tables.size());
  }
  for (const auto& l : d.links) check_span(d, l.span);
}

// The repository's gazetteer, loaded once per process.
inline const diplograph::Gazetteer& gazetteer() {
  static const diplograph::Gazetteer g = [] {
    auto loaded = diplograph::load_gazetteer(DIPLOGRAPH_FUZZ_ONTOLOGY_DIR, {});
    if (!loaded) std::abort();
    return std::move(loaded).value();
  }();
  return g;
}

}  // namespace fuzz_support
