#pragma once
// Shared helpers for the unit tests.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "diplograph/document.hpp"
#include "diplograph/gazetteer.hpp"
#include "diplograph/pipeline.hpp"
#include "diplograph/rdf.hpp"

namespace test_support {

/// The repository's gazetteer (ontology/*.ttl), loaded once.
inline const diplograph::Gazetteer& repo_gazetteer() {
  static const diplograph::Gazetteer gazetteer = [] {
    auto g = diplograph::load_gazetteer(DIPLOGRAPH_SOURCE_DIR "/ontology", {});
    if (!g) throw std::runtime_error(g.error().to_string());
    return std::move(g).value();
  }();
  return gazetteer;
}

/// A document whose paragraphs are the blank-line separated parts of `text`.
inline diplograph::Document paragraphs(const std::string& text, const std::string& title = "") {
  diplograph::Document d;
  d.id = "test";
  d.source = "test.txt";
  d.format = "plain";
  d.title = title;
  d.text = text;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find("\n\n", pos);
    if (end == std::string::npos) end = text.size();
    if (end > pos) {
      diplograph::Block b;
      b.kind = diplograph::BlockKind::paragraph;
      b.span = {pos, end};
      d.blocks.push_back(b);
    }
    pos = end + 2;
  }
  return d;
}

inline std::string state(const char* code) {
  return diplograph::iri(diplograph::ns::dgr, std::string("state/") + code);
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace test_support
