#pragma once
/// The build pipeline: inputs -> documents -> sentences -> mentions -> facts
/// -> fused graph -> model -> Turtle/N-Triples.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "diplograph/extract.hpp"
#include "diplograph/fuse.hpp"
#include "diplograph/gazetteer.hpp"
#include "diplograph/model.hpp"
#include "diplograph/rdf.hpp"
#include "diplograph/reader.hpp"
#include "diplograph/result.hpp"
#include "diplograph/segment.hpp"

namespace diplograph {

/// Where a build is, for a progress display. Sent from the reading thread only.
struct BuildProgress {
  std::size_t documents = 0;      ///< documents fused (and, when streaming, written)
  std::size_t statements = 0;     ///< statements (facts with evidence) so far
  std::uint64_t bytes_done = 0;   ///< input bytes read (compressed bytes of .bz2/.gz)
  std::uint64_t bytes_total = 0;  ///< sum of the input files' sizes; 0 when unknown (stdin)
  std::size_t inputs_done = 0, inputs_total = 0;
  bool finished = false;          ///< the last call: reading and fusing are over
};

struct BuildOptions {
  std::vector<std::string> inputs;  ///< files, folders, "-" (stdin)
  std::string output = "-";         ///< path or "-"
  /// Turtle: one sorted model, written at the end. N-Triples, N-Quads and
  /// TriG: each document's triples are written as soon as it is fused, in
  /// input order, so memory stays flat; see run_build.
  OutputFormat format = OutputFormat::turtle;
  ReadOptions read;
  std::string ontology_directory;    ///< gazetteer data (default: DIPLOGRAPH_DEFAULT_ONTOLOGY_DIR)
  std::vector<std::string> gazetteers;  ///< extra Turtle files
  double min_confidence = 0.0;          ///< drop facts whose rule is less sure
  unsigned jobs = 0;                    ///< worker threads; 0 = the machine's cores
  /// Skip inputs that cannot be read (listed in BuildSummary::skipped)
  /// instead of failing the build.
  bool keep_going = false;
  /// Process only documents whose id hashes (FNV-1a 64, mod shard_count)
  /// to shard_index (0-based). shard_count 1: everything.
  unsigned shard_index = 0;
  unsigned shard_count = 1;
  /// Called often (per document and per chunk read); the caller throttles.
  std::function<void(const BuildProgress&)> progress;
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
  /// Inputs (or documents) left out under keep_going: "FILE: why".
  std::vector<std::string> skipped;
  std::size_t other_shards = 0;  ///< documents left to other shards
  /// Files inside the given folders that were not read, by extension: not a known format.
  std::map<std::string, std::size_t> not_read;
};

/// The shard (0-based) a document id belongs to among `count`.
unsigned shard_of(std::string_view document_id, unsigned count);

/// The ontology directory to use when none is given: $DIPLOGRAPH_ONTOLOGY,
/// else the one next to the executable's source tree.
std::string default_ontology_directory();

/// Loads the ontology directory's gazetteers and the extra files.
Result<Gazetteer> load_gazetteer(const std::string& directory,
                                 const std::vector<std::string>& extra_files);

/// Expands folders (recursively, sorted; known extensions only) and checks
/// that every named file exists. Files of a folder whose extension is not
/// known are counted in `not_read` by extension ("" for none), when given.
Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& inputs,
                                               std::map<std::string, std::size_t>* not_read = nullptr);

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

/// Reads, extracts, fuses and writes. Documents are processed by `jobs`
/// threads and fused in input order (a reorder buffer holds the few that
/// finish early), so the output is byte-identical for any `jobs`.
///
/// Streaming formats write per document: the document's node, its
/// statement nodes and its dg:mentionedIn links (in N-Quads/TriG in a graph
/// named by the document's IRI), plus, in the default graph, the truthy
/// triples and entity descriptions not written before (remembered as 64-bit
/// hashes). What needs every document (truthy dates of treaties and events,
/// conflicts) is computed at the end from the dated and counted statements,
/// kept as a compact ClaimSet. Sorted, the triples equal Turtle mode's.
Result<BuildSummary> run_build(const BuildOptions& options);

}  // namespace diplograph
