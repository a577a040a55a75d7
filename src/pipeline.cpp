#include "diplograph/pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_set>

#include "diplograph/model.hpp"
#include "diplograph/recognize.hpp"

namespace diplograph {
namespace fs = std::filesystem;

std::string default_ontology_directory() {
  if (const char* env = std::getenv("DIPLOGRAPH_ONTOLOGY"); env && *env) return env;
  return DIPLOGRAPH_DEFAULT_ONTOLOGY_DIR;
}

Result<Gazetteer> load_gazetteer(const std::string& directory,
                                 const std::vector<std::string>& extra_files) {
  Gazetteer gazetteer;
  DG_TRY(gazetteer.load_directory(directory));
  for (const auto& file : extra_files) DG_TRY(gazetteer.load_file(file));
  DG_TRY(gazetteer.finalize());
  return gazetteer;
}

Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& inputs,
                                               std::map<std::string, std::size_t>* not_read) {
  static const std::set<std::string> known{".txt", ".text", ".wiki", ".wikitext", ".mediawiki",
                                           ".xml", ".html", ".htm", ".md", ".markdown",
                                           ".bz2", ".gz"};
  std::vector<std::string> files;
  for (const auto& input : inputs) {
    if (input == "-") {
      files.push_back(input);
      continue;
    }
    std::error_code ec;
    fs::file_status status = fs::status(input, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {  // e.g. a symlink loop
      Error e = make_error(Status::io_error, "cannot read: " + ec.message());
      e.file = input;
      return e;
    }
    if (ec || !fs::exists(status)) {
      Error e = make_error(Status::not_found, "no such file or directory");
      e.file = input;
      return e;
    }
    if (!fs::is_directory(status)) {
      files.push_back(input);
      continue;
    }
    std::vector<std::string> found;
    // Symlinked folders are not followed, so a link loop cannot recurse forever.
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::path& p = it->path();
      // With error codes: a symlink loop inside the folder must not throw.
      std::error_code entry_ec;
      if (p.filename().string().starts_with(".")) {
        if (it->is_directory(entry_ec)) it.disable_recursion_pending();
        continue;
      }
      bool regular = it->is_regular_file(entry_ec);
      if (entry_ec && entry_ec != std::errc::no_such_file_or_directory && known.count(p.extension().string())) {
        Error e = make_error(Status::io_error, "cannot read: " + entry_ec.message());
        e.file = p.string();
        return e;
      }
      if (regular && known.count(p.extension().string())) found.push_back(p.string());
      else if (regular && not_read) ++(*not_read)[p.extension().string()];
    }
    if (ec) {
      Error e = make_error(Status::io_error, "cannot list directory: " + ec.message());
      e.file = input;
      return e;
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

DocumentProcessor::DocumentProcessor(const Gazetteer& gazetteer, SentenceSegmenter segmenter)
    : gazetteer_(&gazetteer), segmenter_(std::move(segmenter)), extractors_(default_extractors()) {}

Result<DocumentProcessor> DocumentProcessor::create(const Gazetteer& gazetteer) {
  auto segmenter = SentenceSegmenter::create();
  if (!segmenter) return segmenter.error();
  return DocumentProcessor(gazetteer, std::move(segmenter).value());
}

struct DocumentProcessor::Analysis {
  RecognizedDocument recognized;
  std::vector<Fact> facts;
  std::vector<std::string> warnings;
};

DocumentProcessor::Analysis DocumentProcessor::analyze(const Document& document) const {
  Analysis a;
  EntityRecognizer recognizer(*gazetteer_);
  a.recognized = recognizer.recognize(document, segmenter_.segment(document));
  // The segmenter gives no sentences for blocks too long to be prose; say so.
  for (const Block& block : document.blocks)
    if (block.span.end - block.span.begin > max_block_bytes)
      a.warnings.push_back(document.source + ": byte " + std::to_string(block.span.begin) + ": a block of " +
                           std::to_string(block.span.end - block.span.begin) +
                           " bytes without a paragraph break is not prose; skipped");
  ExtractionContext context{document, a.recognized, *gazetteer_, a.warnings};
  a.facts = extract_facts(context, extractors_);
  return a;
}

DocumentFacts DocumentProcessor::process(const Document& document) const {
  Analysis a = analyze(document);
  return make_document_facts(document, a.recognized, a.facts, std::move(a.warnings));
}

std::string DocumentProcessor::explain(const Document& document) const {
  Analysis a = analyze(document);
  const RecognizedDocument& recognized = a.recognized;
  const std::vector<Fact>& facts = a.facts;
  const std::vector<std::string>& warnings = a.warnings;
  std::vector<std::string> scratch;
  ExtractionContext context{document, recognized, *gazetteer_, scratch};
  auto short_iri = [](const std::string& s) {
    auto slash = s.find_last_of("/#");
    return slash == std::string::npos ? s : s.substr(slash + 1);
  };
  std::string out = "# " + document.source + ": \"" + document.title + "\" (" + document.format +
                    "), subject " + (recognized.subject ? short_iri(*recognized.subject) : "none") + "\n";
  for (const auto& s : recognized.sentences) {
    out += "\n[" + std::to_string(s.span.begin) + "," + std::to_string(s.span.end) + ") " +
           std::string(document.slice(s.span)) + "\n";
    for (const auto& m : s.mentions)
      out += "  " + std::string(entity_type_name(m.type)) + " " + short_iri(m.iri) + " <- \"" +
             document.text.substr(m.begin, m.end - m.begin) + "\"" +
             (m.source == MentionSource::anaphor ? " (anaphor)" : m.source == MentionSource::pattern ? " (pattern)" : "") +
             (m.other ? " (other)" : "") + "\n";
    for (const auto& d : s.dates)
      out += "  date " + d.value.timex() + " " + d.value.modifier_name() + " <- \"" +
             document.text.substr(d.begin, d.end - d.begin) + "\"\n";
    for (const auto& x : s.excluded)
      out += "  excluded \"" + document.text.substr(x.begin, x.end - x.begin) + "\"\n";
    for (const std::string& clause : describe_clauses(context, static_cast<std::size_t>(&s - recognized.sentences.data())))
      out += "  " + clause + "\n";
    for (const auto& f : facts)
      if (f.evidence.begin == s.span.begin && f.evidence.end == s.span.end)
        out += "  => " + short_iri(f.subject) + " " + f.predicate + " " + short_iri(f.object) + f.value +
               (f.date ? " @" + f.date->timex() + f.date->modifier_name() : std::string()) + "  [" + f.rule + "]\n";
  }
  for (const auto& w : warnings) out += "warning: " + w + "\n";
  return out;
}

unsigned shard_of(std::string_view document_id, unsigned count) {
  return count <= 1 ? 0 : static_cast<unsigned>(stable_hash(document_id) % count);
}

namespace {

std::string truthy_key(const Statement& s) {
  return s.subject + '\x1f' + s.predicate + '\x1f' + s.object + s.value;
}

/// The streaming writer's state: what has been written once already, and
/// the statements the end-of-run parts (dates, conflicts) are computed from.
struct StreamState {
  RdfStreamWriter* writer = nullptr;
  std::unordered_set<std::uint64_t> truthy, entities;
  ClaimSet claims;  ///< the dated and counted statements, compactly
};

/// One document as its worker leaves it. Streaming: fused on its own, its
/// own triples (document node, statements, mentions) already rendered when
/// the format is line-based, and its hashes computed, so the ordered part
/// (what was written before, the claims) is all that runs one at a time.
struct PreparedDocument {
  std::string file;
  DocumentFacts facts;  ///< Turtle only: everything goes to the one FactFuser
  FusedGraph graph;     ///< streaming: this document alone
  std::vector<std::string> warnings;
  std::optional<std::string> own_lines;  ///< N-Triples/N-Quads of its own triples
  std::size_t own_triples = 0;
  std::vector<std::uint64_t> truthy;     ///< per statement: stable_hash(truthy_key), 0 if none
  std::vector<std::uint64_t> hashes;     ///< per statement: Statement::hash() of claims, else 0
  std::optional<Error> failure;
  const DocumentRecord& record() const { return graph.documents.empty() ? facts.document : graph.documents.front(); }
};

}  // namespace

Result<BuildSummary> run_build(const BuildOptions& options) {
  BuildSummary summary;
  std::string ontology =
      options.ontology_directory.empty() ? default_ontology_directory() : options.ontology_directory;
  auto gazetteer = load_gazetteer(ontology, options.gazetteers);
  if (!gazetteer) return gazetteer.error();
  auto files = expand_inputs(options.inputs, &summary.not_read);
  if (!files) return files.error();
  if (files->empty()) return make_error(Status::empty_input, "no input documents found");
  if (options.shard_count == 0 || options.shard_index >= options.shard_count)
    return make_error(Status::bad_argument, "shard index must be below the shard count");
  summary.inputs = files->size();
  const bool streaming = options.format != OutputFormat::turtle;
  // Workers: one DocumentProcessor each (ICU iterators are per thread). The
  // reader hands documents over a bounded queue; results wait in a reorder
  // buffer until every earlier document is fused, so at most `window`
  // documents are in memory and the output does not depend on which worker
  // finished first.
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t window = 4 * static_cast<std::size_t>(jobs);
  std::vector<DocumentProcessor> processors;
  for (unsigned j = 0; j < jobs; ++j) {
    auto processor = DocumentProcessor::create(*gazetteer);
    if (!processor) return processor.error();
    processors.push_back(std::move(processor).value());
  }
  FactFuser fuser(*gazetteer);
  StreamState stream;
  std::map<std::string, std::string> labels;  // entity IRI -> label, for conflict messages
  std::unordered_set<std::uint64_t> seen_documents;
  std::mutex mutex;         // the queue, the reorder buffer, the counters, `failure`
  std::mutex writer_mutex;  // fusing and writing (accept), in input order
  std::condition_variable changed;
  struct Item {
    std::size_t sequence = 0;
    std::string file;
    Document document;
  };
  std::deque<Item> queue;
  std::map<std::size_t, PreparedDocument> ready;  // reorder buffer
  std::size_t next_sequence = 0, next_fused = 0;
  bool done = false;
  std::optional<Error> failure;
  std::atomic<std::size_t> fused_documents{0}, fused_statements{0};

  const bool line_format = options.format == OutputFormat::ntriples || options.format == OutputFormat::nquads;
  auto own_triples = [](GraphSink& own, const FusedGraph& g) {
    add_document_triples(own, g.documents.front());
    for (const EntityRecord& r : g.entities)
      for (const auto& doc : r.mentioned_in) add_mention_triple(own, r.entity.iri, doc);
    for (const Statement& st : g.statements) add_statement_triples(own, st);
  };
  // In the worker, in parallel: everything that depends on this document only.
  auto prepare = [&](std::string file, DocumentFacts facts) {
    PreparedDocument p;
    p.file = std::move(file);
    std::erase_if(facts.statements,
                  [&](const Statement& st) { return st.confidence < options.min_confidence; });
    if (!streaming) {
      p.facts = std::move(facts);
      return p;
    }
    p.warnings = std::move(facts.warnings);
    FactFuser one(*gazetteer);
    one.add(std::move(facts));
    p.graph = one.finish(false);
    for (const Statement& st : p.graph.statements) {
      p.truthy.push_back(!st.object.empty() || !st.value.empty() ? stable_hash(truthy_key(st)) : 0);
      p.hashes.push_back(st.date || !st.value.empty() ? st.hash() : 0);  // only claims need it
    }
    if (line_format) {
      TripleBuffer own;
      own_triples(own, p.graph);
      auto lines = own.render_lines(options.format, p.graph.documents.front().iri, p.own_triples);
      if (lines) p.own_lines = std::move(lines).value();
      else p.failure = lines.error();
    }
    return p;
  };
  // In input order, one at a time: what depends on the documents before.
  auto emit = [&](PreparedDocument& p) -> Outcome {
    if (p.failure) return *p.failure;
    const FusedGraph& g = p.graph;
    const DocumentRecord& d = g.documents.front();
    RdfModel shared;
    for (const EntityRecord& r : g.entities) {
      if (stream.entities.insert(stable_hash(r.entity.iri)).second) {
        add_entity_triples(shared, r.entity);
        ++summary.entities_by_type[entity_type_name(r.entity.type)];
        labels.emplace(r.entity.iri, r.entity.label);
      }
    }
    for (std::size_t k = 0; k < g.statements.size(); ++k) {
      const Statement& st = g.statements[k];
      if (p.truthy[k] && stream.truthy.insert(p.truthy[k]).second) {
        add_truthy_triple(shared, st);
        ++summary.facts_by_property[st.predicate];
      }
      stream.claims.add(st, p.hashes[k]);
    }
    summary.statements += g.statements.size();
    fused_statements += g.statements.size();
    if (p.own_lines) {
      DG_TRY(stream.writer->write_lines(*p.own_lines, p.own_triples));
    } else {
      RdfModel own;
      own_triples(own, g);
      DG_TRY(stream.writer->write(own, d.iri));
    }
    return stream.writer->write(shared);
  };
  // Called with the mutex held, in input order.
  auto accept = [&](PreparedDocument& p) {
    const DocumentRecord& record = p.record();
    if (!seen_documents.insert(stable_hash(record.iri)).second) {
      std::string why = "two documents have the same id '" + record.id + "'";
      if (options.keep_going) {
        std::lock_guard lock(mutex);  // the reader adds skipped inputs too
        summary.skipped.push_back(p.file + ": " + why + " (the later one was skipped)");
        return;
      }
      Error e = make_error(Status::bad_input, why + "; rename one");
      e.file = p.file;
      std::lock_guard lock(mutex);
      if (!failure) failure = e;
      return;
    }
    for (auto& w : streaming ? p.warnings : p.facts.warnings) summary.warnings.push_back(w);
    ++summary.documents;
    ++fused_documents;
    if (!streaming) {
      fused_statements += p.facts.statements.size();
      fuser.add(std::move(p.facts));
      return;
    }
    if (Outcome written = emit(p); !written) {
      std::lock_guard lock(mutex);
      if (!failure) failure = written.error();
    }
  };
  // Fuses and writes the documents that are next in input order, one thread
  // at a time (writer_mutex, taken before `mutex`, never while waiting for
  // it), so the other workers go on extracting and the reader on reading.
  // A thread that finds the writer busy leaves its document to it: the
  // writer looks at the buffer again after letting go.
  auto drain = [&] {
    while (true) {
      std::unique_lock writing(writer_mutex, std::try_to_lock);
      if (!writing.owns_lock()) return;
      while (true) {
        std::optional<PreparedDocument> next;
        bool failed = false;
        {
          std::lock_guard lock(mutex);
          if (ready.empty() || ready.begin()->first != next_fused) break;
          next = std::move(ready.extract(ready.begin()).mapped());
          failed = failure.has_value();
        }
        if (!failed) accept(*next);
        {
          std::lock_guard lock(mutex);
          ++next_fused;
        }
        changed.notify_all();
      }
      writing.unlock();
      std::lock_guard lock(mutex);
      if (ready.empty() || ready.begin()->first != next_fused) return;
    }
  };
  auto work = [&](const DocumentProcessor& processor) {
    while (true) {
      Item item;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return !queue.empty() || done; });
        if (queue.empty()) return;
        item = std::move(queue.front());
        queue.pop_front();
      }
      PreparedDocument prepared = prepare(std::move(item.file), processor.process(item.document));
      {
        std::lock_guard lock(mutex);
        ready.emplace(item.sequence, std::move(prepared));
      }
      drain();
    }
  };

  // Progress: input sizes up front, then bytes as the reader consumes them.
  BuildProgress progress;
  progress.inputs_total = files->size();
  std::vector<std::uint64_t> sizes;
  for (const std::string& file : *files) {
    std::error_code ec;
    std::uint64_t size = file == "-" ? 0 : static_cast<std::uint64_t>(fs::file_size(file, ec));
    if (ec) size = 0;
    sizes.push_back(size);
    progress.bytes_total += size;
  }
  std::uint64_t bytes_before = 0;  // of the inputs already read
  auto report = [&](bool finished) {
    if (!options.progress) return;
    progress.documents = fused_documents;
    progress.statements = fused_statements;
    progress.finished = finished;
    options.progress(progress);
  };
  ReadOptions read_options = options.read;
  read_options.on_bytes = [&](std::uint64_t at) {
    progress.bytes_done = bytes_before + at;
    report(false);
  };

  auto process_inputs = [&]() -> Outcome {
    std::vector<std::thread> workers;
    if (jobs > 1)
      for (unsigned j = 0; j < jobs; ++j) workers.emplace_back(work, std::cref(processors[j]));
    std::optional<Error> read_failure;
    for (std::size_t index = 0; index < files->size(); ++index) {
      const std::string& file = (*files)[index];
      Outcome read = read_file(file, read_options, [&](Document&& document) -> Outcome {
        if (options.shard_count > 1 && shard_of(document.id, options.shard_count) != options.shard_index) {
          ++summary.other_shards;
          return {};
        }
        if (jobs == 1) {
          PreparedDocument prepared = prepare(file, processors[0].process(document));
          {
            std::lock_guard lock(mutex);
            ready.emplace(next_sequence++, std::move(prepared));
          }
          drain();
          {
            std::lock_guard lock(mutex);
            if (failure) return *failure;
          }
          report(false);
          return {};
        }
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return next_sequence - next_fused < window || failure; });
        if (failure) return *failure;
        queue.push_back(Item{next_sequence++, file, std::move(document)});
        lock.unlock();
        changed.notify_all();
        report(false);
        return {};
      });
      bytes_before += sizes[index];
      progress.bytes_done = bytes_before;
      ++progress.inputs_done;
      if (!read) {
        Error e = read.error().in_file(file);
        bool fatal = false;
        {
          std::lock_guard lock(mutex);
          fatal = failure.has_value();  // a write failure is not the input's fault
        }
        if (options.keep_going && !fatal) {
          std::lock_guard lock(mutex);
          summary.skipped.push_back(e.to_string());
          continue;
        }
        read_failure = e;
        break;
      }
    }
    {
      std::lock_guard lock(mutex);
      done = true;
    }
    changed.notify_all();
    for (auto& w : workers) w.join();
    drain();  // nothing is left by then; cheap to make sure
    report(true);
    if (read_failure) return *read_failure;
    if (failure) return *failure;
    if (summary.documents == 0 && !summary.skipped.empty())
      return make_error(Status::bad_input, "every input was skipped");
    return {};
  };
  auto label_of = [&](const std::string& iri_value) {
    auto it = labels.find(iri_value);
    return it == labels.end() ? iri_value : it->second;
  };
  auto note_conflict = [&](const Conflict& c) {
    summary.conflicts.push_back(label_of(c.subject) + " " + c.predicate + " " +
                                (c.object.empty() ? std::string() : label_of(c.object)) + ": " + c.reason);
  };
  auto finish_summary = [&](const std::map<std::string, std::vector<DateValue>>& dates) {
    std::sort(summary.warnings.begin(), summary.warnings.end());
    for (const auto& [subject, values] : dates) summary.facts_by_property["date"] += values.size();
  };

  if (streaming) {
    DG_TRY(write_atomically(options.output, [&](std::FILE* out) -> Outcome {
      RdfStreamWriter writer(out, options.format);
      stream.writer = &writer;
      DG_TRY(process_inputs());
      // The parts that need every document, from the kept statements (the
      // same step as FactFuser::finish and `merge`): each conflict written
      // as it comes, so none is held as triples, then the truthy dates.
      std::map<std::string, std::vector<DateValue>> dates;
      DG_TRY(stream.claims.finish(dates, [&](const Conflict& c) -> Outcome {
        RdfModel one;
        add_conflict_triples(one, c);
        note_conflict(c);
        return writer.write(one);
      }));
      RdfModel tail;
      for (const auto& [subject, values] : dates)
        for (const DateValue& d : values) add_entity_date(tail, subject, d);
      DG_TRY(writer.write(tail));
      DG_TRY(writer.finish());
      finish_summary(dates);
      summary.triples = writer.triples();
      return {};
    }));
    return summary;
  }

  DG_TRY(process_inputs());
  FusedGraph graph = fuser.finish();
  for (const EntityRecord& e : graph.entities) {
    ++summary.entities_by_type[entity_type_name(e.entity.type)];
    labels.emplace(e.entity.iri, e.entity.label);
  }
  std::set<std::string> truthy;
  for (const Statement& s : graph.statements)
    if ((!s.object.empty() || !s.value.empty()) && truthy.insert(truthy_key(s)).second)
      ++summary.facts_by_property[s.predicate];
  summary.statements = graph.statements.size();
  for (const Conflict& c : graph.conflicts) note_conflict(c);
  finish_summary(graph.entity_dates);
  RdfModel model = build_model(graph);
  summary.triples = model.size();
  DG_TRY(write_atomically(options.output, [&](std::FILE* out) { return model.write(out, RdfSyntax::turtle); }));
  return summary;
}

}  // namespace diplograph
