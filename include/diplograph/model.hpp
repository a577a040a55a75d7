#pragma once
/// The in-memory RDF model (Sord) and its serialization (Serd). Sord keeps
/// triples sorted by content, so writing it gives byte-identical output for
/// the same graph.
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "diplograph/fuse.hpp"
#include "diplograph/rdf.hpp"
#include "diplograph/result.hpp"

namespace diplograph {

class RdfModel {
 public:
  RdfModel();
  RdfModel(RdfModel&&) noexcept;
  RdfModel& operator=(RdfModel&&) noexcept;
  ~RdfModel();

  void add_iri(std::string_view s, std::string_view p, std::string_view o);
  /// Literal with a datatype IRI (empty: xsd:string) or a language tag.
  void add_literal(std::string_view s, std::string_view p, std::string_view value,
                   std::string_view datatype = {}, std::string_view language = {});
  std::size_t size() const;

  /// Writes the model; Turtle uses the prefixes below and abbreviations.
  Outcome write(std::FILE* out, RdfSyntax syntax) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The prefixes written at the top of Turtle output, sorted by name.
const std::vector<std::pair<std::string, std::string>>& output_prefixes();

/// Builds the model of a fused graph: entities, documents, truthy triples,
/// statement nodes and conflicts.
RdfModel build_model(const FusedGraph& graph);

/// Writes to `path` through a temporary file in the same directory that is
/// renamed over `path` only when `write` succeeded; "-" writes to stdout.
Outcome write_atomically(const std::string& path, const std::function<Outcome(std::FILE*)>& write);

}  // namespace diplograph
