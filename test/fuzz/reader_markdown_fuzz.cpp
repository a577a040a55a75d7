// libFuzzer target: the markdown reader.
#include "reader_fuzz_main.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return run_reader(data, size, diplograph::InputFormat::markdown);
}
