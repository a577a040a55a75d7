// libFuzzer target: date recognition and normalization.
#include "diplograph/dates.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const diplograph::DateNormalizer dates;
  std::string_view text = fuzz_support::bytes(data, size);
  std::size_t last_end = 0;
  for (const auto& m : dates.find(text)) {
    // Left to right, non-overlapping, inside the text.
    fuzz_support::require(m.begin >= last_end && m.begin < m.end && m.end <= text.size());
    last_end = m.end;
    const diplograph::DateValue& v = m.value;
    fuzz_support::require(v.month >= 0 && v.month <= 12 && v.day >= 0 && v.day <= 31);
    fuzz_support::require(!v.timex().empty() && !v.xsd_lexical().empty());
  }
  if (auto v = dates.parse(text)) {
    fuzz_support::require(!v->timex().empty());
    (void)v->xsd_lexical();
  }
  return 0;
}
