#pragma once
/// The in-memory RDF model (Sord) and its serialization (Serd). Sord keeps
/// triples sorted by content, so writing it gives byte-identical output for
/// the same graph.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/fuse.hpp"
#include "diplograph/rdf.hpp"
#include "diplograph/result.hpp"

namespace diplograph {

/// Output syntaxes of `build`. Turtle is written from one sorted model; the
/// others can be streamed document by document (RdfStreamWriter).
enum class OutputFormat { turtle, ntriples, nquads, trig };
/// "turtle", "ntriples", "nquads", "trig".
const char* output_format_name(OutputFormat format);

class RdfStreamWriter;

/// Where the add_*_triples functions below put triples: a Sord model, or a
/// plain buffer for a worker thread to render.
class GraphSink {
 public:
  virtual ~GraphSink() = default;
  virtual void add_iri(std::string_view s, std::string_view p, std::string_view o) = 0;
  /// Literal with a datatype IRI (empty: xsd:string) or a language tag.
  virtual void add_literal(std::string_view s, std::string_view p, std::string_view value,
                           std::string_view datatype = {}, std::string_view language = {}) = 0;
};

class RdfModel : public GraphSink {
 public:
  RdfModel();
  RdfModel(RdfModel&&) noexcept;
  RdfModel& operator=(RdfModel&&) noexcept;
  ~RdfModel() override;

  void add_iri(std::string_view s, std::string_view p, std::string_view o) override;
  void add_literal(std::string_view s, std::string_view p, std::string_view value,
                   std::string_view datatype = {}, std::string_view language = {}) override;
  std::size_t size() const;

  /// Writes the model; Turtle uses the prefixes below and abbreviations.
  Outcome write(std::FILE* out, RdfSyntax syntax) const;

 private:
  friend class RdfStreamWriter;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Writes models one after another to one output, each in its own graph:
/// N-Triples and N-Quads line by line, TriG with prefixes and abbreviations
/// (a `GRAPH { … }` block per model with a graph name). Each model's triples
/// come out in Sord's sorted order, so the output depends only on the order
/// of write() calls.
class RdfStreamWriter {
 public:
  RdfStreamWriter(std::FILE* out, OutputFormat format);
  RdfStreamWriter(const RdfStreamWriter&) = delete;
  RdfStreamWriter& operator=(const RdfStreamWriter&) = delete;
  ~RdfStreamWriter();
  /// `graph` empty: the default graph (and the only one for N-Triples).
  Outcome write(const RdfModel& model, std::string_view graph = {});
  /// Writes lines from render_lines (N-Triples, N-Quads) as they are.
  Outcome write_lines(std::string_view text, std::size_t triples);
  /// Ends the output (closes TriG's last block); true when every write went through.
  Outcome finish();
  std::size_t triples() const { return triples_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::size_t triples_ = 0;
};

/// Triples in one flat buffer, for the streaming build's workers: cheaper
/// than a Sord model (no interning, no index), and rendered without a
/// writer, so documents are rendered in parallel and written in order with
/// RdfStreamWriter::write_lines.
class TripleBuffer : public GraphSink {
 public:
  void add_iri(std::string_view s, std::string_view p, std::string_view o) override;
  void add_literal(std::string_view s, std::string_view p, std::string_view value,
                   std::string_view datatype = {}, std::string_view language = {}) override;
  /// The distinct triples as N-Triples or N-Quads lines (N-Quads in `graph`
  /// unless it is empty), sorted by subject, predicate, object, written by
  /// Serd; adds their number to `triples`.
  Result<std::string> render_lines(OutputFormat format, std::string_view graph, std::size_t& triples) const;
  std::size_t size() const { return entries_.size(); }  ///< as added, duplicates included
  void clear() {
    text_.clear();
    entries_.clear();
  }

 private:
  struct Span {
    std::uint32_t at, size;  ///< in text_, followed by a NUL (Serd reads C strings)
  };
  struct Entry {
    Span s, p, o, datatype, language;
    bool literal;
  };
  Span put(std::string_view text);
  std::string text_;
  std::vector<Entry> entries_;
};

/// The prefixes written at the top of Turtle output, sorted by name.
const std::vector<std::pair<std::string, std::string>>& output_prefixes();

/// Builds the model of a fused graph: entities, documents, truthy triples,
/// statement nodes and conflicts.
RdfModel build_model(const FusedGraph& graph);

// The parts build_model is made of, for writers that emit a graph piece by
// piece. Each adds exactly the triples build_model adds for that item.
/// A document's description.
void add_document_triples(GraphSink& m, const DocumentRecord& d);
/// An entity's description, without its dg:mentionedIn links.
void add_entity_triples(GraphSink& m, const Entity& e);
/// `entity dg:mentionedIn document`.
void add_mention_triple(GraphSink& m, std::string_view entity, std::string_view document);
/// The statement node (rdf:subject … dg:confidence), without the truthy triple.
void add_statement_triples(GraphSink& m, const Statement& s);
/// The truthy triple a statement stands for (none for dates: see add_entity_date).
void add_truthy_triple(GraphSink& m, const Statement& s);
/// A treaty's or event's truthy date.
void add_entity_date(GraphSink& m, std::string_view subject, const DateValue& d);
void add_conflict_triples(GraphSink& m, const Conflict& c);

/// Writes to `path` through a temporary file in the same directory that is
/// renamed over `path` only when `write` succeeded; "-" writes to stdout.
/// The temporary file is ".NAME.tmp.PID"; one left by a killed run (its
/// process gone) is removed by the next write to the same path.
Outcome write_atomically(const std::string& path, const std::function<Outcome(std::FILE*)>& write);

}  // namespace diplograph
