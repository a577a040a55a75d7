// libFuzzer target: the Turtle/N-Triples loader the analytics commands use
// (parse_rdf_* and load_relation_graph), on untrusted graph files.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "diplograph/graph.hpp"
#include "diplograph/rdf.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz_support::bytes(data, size);
  auto count = [](const diplograph::Triple&) -> diplograph::Outcome { return {}; };
  for (auto syntax : {diplograph::RdfSyntax::turtle, diplograph::RdfSyntax::ntriples}) {
    auto parsed = diplograph::parse_rdf_string("fuzz.ttl", text, syntax, count);
    // An error always names the file and says what is wrong.
    if (!parsed) fuzz_support::require(!parsed.error().message.empty() && parsed.error().file == "fuzz.ttl");
  }
  // The analytics load from a path: one file per process, rewritten per input.
  static const std::string path = "/tmp/diplograph-turtle-fuzz-" + std::to_string(::getpid()) + ".ttl";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  auto graph = diplograph::load_relation_graph(path, {});
  if (graph) {
    int components = 0;
    (void)diplograph::connected_components(*graph, components);
    (void)diplograph::pagerank(*graph);
    (void)diplograph::degree_centrality(*graph);
    if (boost::num_vertices(*graph) <= 64) (void)diplograph::betweenness_centrality(*graph);
  }
  return 0;
}
