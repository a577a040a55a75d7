// The fuzz targets as ordinary tests: every seed in test/fuzz/corpus/ and
// every input a fuzzer once crashed on (test/fuzz/regressions/<target>-*)
// goes through its target's harness, invariant checks included. Under the
// sanitizer build this replays them with ASan and UBSan too.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "diplograph/dates.hpp"
#include "diplograph/fuse.hpp"
#include "diplograph/graph.hpp"
#include "diplograph/model.hpp"
#include "diplograph/rdf.hpp"
#include "diplograph/reader.hpp"
#include "diplograph/segment.hpp"
#include "support.hpp"

#define DIPLOGRAPH_FUZZ_ONTOLOGY_DIR DIPLOGRAPH_SOURCE_DIR "/ontology"

// Each target defines LLVMFuzzerTestOneInput; here each gets its own name.
#define LLVMFuzzerTestOneInput fuzz_reader_plain
#include "fuzz/reader_plain_fuzz.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_reader_wikitext
#include "fuzz/reader_wikitext_fuzz.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_reader_mediawiki
#include "fuzz/reader_mediawiki_fuzz.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_reader_xml
#include "fuzz/reader_xml_fuzz.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_reader_xml_document
#include "fuzz/reader_xml_document_fuzz.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_reader_html
#include "fuzz/reader_html_fuzz.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_reader_markdown
#include "fuzz/reader_markdown_fuzz.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_segment
#include "fuzz/segment_fuzz.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_dates
#include "fuzz/dates_fuzz.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_extract
#include "fuzz/extract_fuzz.cpp"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_turtle
#include "fuzz/turtle_fuzz.cpp"
#undef LLVMFuzzerTestOneInput

namespace {

using Target = int (*)(const std::uint8_t*, std::size_t);

const std::map<std::string, Target>& targets() {
  static const std::map<std::string, Target> t{
      {"reader_plain_fuzz", fuzz_reader_plain}, {"reader_wikitext_fuzz", fuzz_reader_wikitext},
      {"reader_mediawiki_fuzz", fuzz_reader_mediawiki}, {"reader_xml_fuzz", fuzz_reader_xml},
      {"reader_xml_document_fuzz", fuzz_reader_xml_document},
      {"reader_html_fuzz", fuzz_reader_html}, {"reader_markdown_fuzz", fuzz_reader_markdown},
      {"segment_fuzz", fuzz_segment},
      {"dates_fuzz", fuzz_dates}, {"extract_fuzz", fuzz_extract},
      {"turtle_fuzz", fuzz_turtle}};
  return t;
}

void run(Target target, const std::filesystem::path& file) {
  std::string bytes = test_support::read_text(file.string());
  INFO(file.string());
  CHECK(target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()) == 0);
}

}  // namespace

TEST_CASE("fuzz: every target source is known here") {
  for (const auto& entry : std::filesystem::directory_iterator(DIPLOGRAPH_TEST_DIR "/fuzz")) {
    std::string name = entry.path().stem().string();
    if (entry.path().extension() == ".cpp") CHECK_MESSAGE(targets().count(name) == 1, name);
  }
}

TEST_CASE("fuzz: the seed corpus passes every target's checks") {
  std::size_t files = 0;
  for (const auto& [name, target] : targets()) {
    std::filesystem::path dir = std::filesystem::path(DIPLOGRAPH_TEST_DIR "/fuzz/corpus") / name;
    REQUIRE_MESSAGE(std::filesystem::is_directory(dir), dir.string());
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      run(target, entry.path());
      ++files;
    }
  }
  CHECK(files >= targets().size());
}

TEST_CASE("fuzz: inputs that once crashed a target now pass it") {
  std::filesystem::path dir = DIPLOGRAPH_TEST_DIR "/fuzz/regressions";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name == "README.md") continue;
    std::string target = name.substr(0, name.find('-'));
    REQUIRE_MESSAGE(targets().count(target) == 1, "no target for " << name);
    run(targets().at(target), entry.path());
  }
}
