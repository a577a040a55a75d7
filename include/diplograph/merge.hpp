#pragma once
/// `merge`: joins the N-Triples of `build --shard K/N` runs into the graph
/// an unsharded build writes. Per-document triples are kept as they are; the
/// cross-document parts (dg:Conflict nodes, the truthy dg:date of treaties
/// and events) are dropped and computed again, by the same code a build
/// uses, from the statement nodes of all shards.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/result.hpp"

namespace diplograph {

struct MergeSummary {
  std::size_t inputs = 0;
  std::size_t input_triples = 0;  ///< as read, duplicates included
  std::size_t dropped = 0;        ///< cross-document triples read (and recomputed)
  std::size_t statements = 0;     ///< statement nodes read (one in two inputs counts twice)
  std::size_t conflicts = 0;
  std::size_t entity_dates = 0;   ///< truthy dg:date triples written
  std::size_t triples = 0;        ///< lines written
  std::vector<std::string> warnings;  ///< e.g. an input without triples
};

/// The merged graph as sorted, unique N-Triples lines (each ending in '\n'),
/// serialized exactly as `build -f ntriples` does, handed to `write_line` in
/// order. Fails on a missing file, malformed N-Triples (file:line:col), blank
/// nodes (build writes none), a statement node whose fields do not hash to
/// its IRI, or when no input has any triple.
/// Memory stays near `memory_budget` bytes for any input: lines beyond it
/// are sorted into anonymous temporary files in $TMPDIR (else /tmp) and
/// merged at the end, so that much temporary disk (about the output's size)
/// is needed instead.
Outcome merge_shards(const std::vector<std::string>& inputs, MergeSummary& summary,
                     const std::function<Outcome(std::string_view line)>& write_line,
                     std::size_t memory_budget = std::size_t{128} << 20);

/// merge_shards, written to `output` ("-": stdout) through write_atomically.
Result<MergeSummary> run_merge(const std::vector<std::string>& inputs, const std::string& output,
                               std::size_t memory_budget = std::size_t{128} << 20);

}  // namespace diplograph
