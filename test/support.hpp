#pragma once
// Shared helpers for the unit tests.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "diplograph/document.hpp"
#include "diplograph/extract.hpp"
#include "diplograph/gazetteer.hpp"
#include "diplograph/pipeline.hpp"
#include "diplograph/rdf.hpp"
#include "diplograph/recognize.hpp"

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

/// One document through recognition and every extractor, with the repository's gazetteer.
struct Extraction {
  diplograph::RecognizedDocument recognized;
  std::vector<diplograph::Fact> facts;
  std::vector<std::string> warnings;
};

inline Extraction extract_document(const diplograph::Document& doc) {
  const diplograph::Gazetteer& g = repo_gazetteer();
  auto segmenter = diplograph::SentenceSegmenter::create();
  if (!segmenter) throw std::runtime_error(segmenter.error().to_string());
  Extraction e;
  e.recognized = diplograph::EntityRecognizer(g).recognize(doc, segmenter->segment(doc));
  diplograph::ExtractionContext context{doc, e.recognized, g, e.warnings};
  e.facts = diplograph::extract_facts(context, diplograph::default_extractors());
  return e;
}

/// The IRI of a name the repository's gazetteer knows ("NATO").
inline std::string named(const char* name) {
  auto id = repo_gazetteer().lookup(name);
  if (!id) throw std::runtime_error(std::string("not in the gazetteer: ") + name);
  return repo_gazetteer().entities()[*id].iri;
}

/// The first fact with this subject, predicate and object, or null.
inline const diplograph::Fact* find_fact(const std::vector<diplograph::Fact>& facts, const std::string& s,
                                         const char* p, const std::string& o) {
  for (const diplograph::Fact& f : facts)
    if (f.subject == s && f.predicate == p && f.object == o) return &f;
  return nullptr;
}

/// How many facts have this predicate.
inline std::size_t count_facts(const std::vector<diplograph::Fact>& facts, const char* p) {
  std::size_t n = 0;
  for (const diplograph::Fact& f : facts) n += f.predicate == p ? 1 : 0;
  return n;
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
