#pragma once
/// The build pipeline: inputs -> documents -> sentences -> mentions -> facts
/// -> fused graph -> model -> Turtle/N-Triples.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "diplograph/extract.hpp"
#include "diplograph/fuse.hpp"
#include "diplograph/gazetteer.hpp"
#include "diplograph/rdf.hpp"
#include "diplograph/reader.hpp"
#include "diplograph/result.hpp"
#include "diplograph/segment.hpp"

namespace diplograph {

struct BuildOptions {
  std::vector<std::string> inputs;  ///< files, folders, "-" (stdin)
  std::string output = "-";         ///< path or "-"
  RdfSyntax syntax = RdfSyntax::turtle;
  ReadOptions read;
  std::string ontology_directory;    ///< gazetteer data (default: DIPLOGRAPH_DEFAULT_ONTOLOGY_DIR)
  std::vector<std::string> gazetteers;  ///< extra Turtle files
  double min_confidence = 0.0;          ///< drop facts whose rule is less sure
  unsigned jobs = 0;                    ///< worker threads; 0 = the machine's cores
};

struct BuildSummary {
  std::size_t inputs = 0;
  std::size_t documents = 0;
  std::map<std::string, std::size_t> entities_by_type;
  std::map<std::string, std::size_t> facts_by_property;  ///< truthy triples
  std::size_t statements = 0;
  std::size_t triples = 0;
  std::vector<std::string> warnings;
  std::vector<std::string> conflicts;  ///< human-readable
};

/// The ontology directory to use when none is given: $DIPLOGRAPH_ONTOLOGY,
/// else the one next to the executable's source tree.
std::string default_ontology_directory();

/// Loads the ontology directory's gazetteers and the extra files.
Result<Gazetteer> load_gazetteer(const std::string& directory,
                                 const std::vector<std::string>& extra_files);

/// Expands folders (recursively, sorted; known extensions only) and checks
/// that every named file exists.
Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& inputs);

/// Everything that turns one Document into facts; one per thread.
class DocumentProcessor {
 public:
  DocumentProcessor(DocumentProcessor&&) noexcept = default;
  static Result<DocumentProcessor> create(const Gazetteer& gazetteer);
  DocumentFacts process(const Document& document) const;
  /// A human-readable trace of every stage for one document.
  std::string explain(const Document& document) const;

 private:
  DocumentProcessor(const Gazetteer& gazetteer, SentenceSegmenter segmenter);
  struct Analysis;
  Analysis analyze(const Document& document) const;
  const Gazetteer* gazetteer_;
  SentenceSegmenter segmenter_;
  std::vector<std::unique_ptr<RelationExtractor>> extractors_;
};

Result<BuildSummary> run_build(const BuildOptions& options);

}  // namespace diplograph
