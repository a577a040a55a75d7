#pragma once
// One reader target per format: read_buffer with the format forced, so the
// input goes through the same checks (size, NUL, UTF-8) as a real file.
#include "diplograph/reader.hpp"
#include "fuzz_support.hpp"

inline int run_reader(const std::uint8_t* data, std::size_t size, diplograph::InputFormat format) {
  diplograph::ReadOptions options;
  options.format = format;
  options.all_namespaces = size % 2 == 0;  // both paths of the XML namespace filter
  (void)diplograph::read_buffer("fuzz-input", fuzz_support::bytes(data, size), options,
                                [](diplograph::Document&& d) -> diplograph::Outcome {
                                  fuzz_support::check_document(d);
                                  return {};
                                });
  return 0;
}
