// libFuzzer target: recognition and every relation extractor on arbitrary
// sentences, through DocumentProcessor (segment, recognize, extract); then
// fused and written as Turtle and N-Triples, which must parse again (IRIs
// and literals stay valid whatever the text holds).
#include <cstdio>
#include <cstdlib>

#include "diplograph/fuse.hpp"
#include "diplograph/model.hpp"
#include "diplograph/rdf.hpp"
#include "diplograph/reader.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const diplograph::DocumentProcessor processor = [] {
    auto p = diplograph::DocumentProcessor::create(fuzz_support::gazetteer());
    if (!p) std::abort();
    return std::move(p).value();
  }();
  std::string_view text = fuzz_support::bytes(data, size);
  if (!diplograph::validate_utf8(text)) return 0;
  // The first line is the title (the document's subject comes from it).
  diplograph::Document d;
  d.id = "fuzz";
  d.source = "fuzz.txt";
  d.format = "plain";
  std::size_t nl = text.find('\n');
  d.title = std::string(text.substr(0, nl == std::string_view::npos ? 0 : nl));
  d.id = diplograph::slugify(d.title) + "-fuzz";
  d.text = std::string(text);
  std::size_t pos = nl == std::string_view::npos ? 0 : nl + 1;
  while (pos < d.text.size()) {
    std::size_t end = d.text.find('\n', pos);
    if (end == std::string::npos) end = d.text.size();
    diplograph::Block b;
    // Lines starting with '|' become table rows with '|' separated cells.
    if (d.text[pos] == '|') {
      b.kind = diplograph::BlockKind::table_row;
      if (d.tables.empty()) d.tables.push_back({{"Country", "Date", "Notes"}, {}});
      b.table = 0;
      std::size_t c = pos + 1;
      while (c <= end) {
        std::size_t bar = d.text.find('|', c);
        if (bar == std::string::npos || bar > end) bar = end;
        b.cells.push_back({c, bar});
        c = bar + 1;
      }
    } else {
      b.kind = d.text[pos] == '=' ? diplograph::BlockKind::heading : diplograph::BlockKind::paragraph;
    }
    b.span = {pos, end};
    d.blocks.push_back(b);
    pos = end + 1;
  }
  diplograph::FactFuser fuser(fuzz_support::gazetteer());
  fuser.add(processor.process(d));
  diplograph::RdfModel model = diplograph::build_model(fuser.finish());
  for (auto syntax : {diplograph::RdfSyntax::turtle, diplograph::RdfSyntax::ntriples}) {
    char* buffer = nullptr;
    std::size_t length = 0;
    std::FILE* out = open_memstream(&buffer, &length);
    fuzz_support::require(out != nullptr);
    fuzz_support::require(model.write(out, syntax).ok());
    std::fclose(out);
    std::size_t triples = 0;
    auto parsed = diplograph::parse_rdf_string("fuzz-output", std::string_view(buffer, length), syntax,
                                               [&](const diplograph::Triple&) -> diplograph::Outcome {
                                                 ++triples;
                                                 return {};
                                               });
    std::free(buffer);
    fuzz_support::require(parsed.ok() && triples == model.size());
  }
  return 0;
}
