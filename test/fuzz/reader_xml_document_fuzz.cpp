// libFuzzer target: the reader of XML documents other than MediaWiki exports.
#include "reader_fuzz_main.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return run_reader(data, size, diplograph::InputFormat::xml_document);
}
