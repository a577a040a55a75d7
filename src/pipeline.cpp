#include "diplograph/pipeline.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

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

Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& inputs) {
  static const std::set<std::string> known{".txt", ".text", ".wiki", ".wikitext", ".mediawiki",
                                           ".xml", ".html", ".htm", ".bz2", ".gz"};
  std::vector<std::string> files;
  for (const auto& input : inputs) {
    if (input == "-") {
      files.push_back(input);
      continue;
    }
    std::error_code ec;
    fs::file_status status = fs::status(input, ec);
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
      if (p.filename().string().starts_with(".")) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && known.count(p.extension().string())) found.push_back(p.string());
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
    for (const auto& f : facts)
      if (f.evidence.begin == s.span.begin && f.evidence.end == s.span.end)
        out += "  => " + short_iri(f.subject) + " " + f.predicate + " " + short_iri(f.object) + f.value +
               (f.date ? " @" + f.date->timex() + f.date->modifier_name() : std::string()) + "  [" + f.rule + "]\n";
  }
  for (const auto& w : warnings) out += "warning: " + w + "\n";
  return out;
}

Result<BuildSummary> run_build(const BuildOptions& options) {
  BuildSummary summary;
  std::string ontology =
      options.ontology_directory.empty() ? default_ontology_directory() : options.ontology_directory;
  auto gazetteer = load_gazetteer(ontology, options.gazetteers);
  if (!gazetteer) return gazetteer.error();
  auto files = expand_inputs(options.inputs);
  if (!files) return files.error();
  if (files->empty()) return make_error(Status::empty_input, "no input documents found");
  summary.inputs = files->size();
  // Workers: one DocumentProcessor each (ICU iterators are per thread). The
  // reader hands documents over a bounded queue, so memory holds at most a
  // few documents; the fuser sorts everything, so the output does not depend
  // on which worker finished first.
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::vector<DocumentProcessor> processors;
  for (unsigned j = 0; j < jobs; ++j) {
    auto processor = DocumentProcessor::create(*gazetteer);
    if (!processor) return processor.error();
    processors.push_back(std::move(processor).value());
  }
  FactFuser fuser(*gazetteer);
  std::set<std::string> seen_documents;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::pair<std::string, Document>> queue;
  bool done = false;
  std::optional<Error> failure;
  auto accept = [&](const std::string& file, DocumentFacts facts) {
    // called with the mutex held
    if (!seen_documents.insert(facts.document.iri).second) {
      Error e = make_error(Status::bad_input, "two documents have the same id '" +
                                                  facts.document.id + "'; rename one");
      e.file = file;
      if (!failure) failure = e;
      return;
    }
    for (auto& w : facts.warnings) summary.warnings.push_back(w);
    std::erase_if(facts.statements,
                  [&](const Statement& st) { return st.confidence < options.min_confidence; });
    fuser.add(std::move(facts));
    ++summary.documents;
  };
  auto work = [&](const DocumentProcessor& processor) {
    while (true) {
      std::pair<std::string, Document> item;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return !queue.empty() || done; });
        if (queue.empty()) return;
        item = std::move(queue.front());
        queue.pop_front();
      }
      changed.notify_all();
      DocumentFacts facts = processor.process(item.second);
      std::lock_guard lock(mutex);
      accept(item.first, std::move(facts));
    }
  };
  std::vector<std::thread> workers;
  if (jobs > 1)
    for (unsigned j = 0; j < jobs; ++j) workers.emplace_back(work, std::cref(processors[j]));
  std::optional<Error> read_failure;
  for (const std::string& file : *files) {
    Outcome read = read_file(file, options.read, [&](Document&& document) -> Outcome {
      if (jobs == 1) {
        DocumentFacts facts = processors[0].process(document);
        std::lock_guard lock(mutex);
        accept(file, std::move(facts));
        if (failure) return *failure;
        return {};
      }
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return queue.size() < 2 * jobs || failure; });
      if (failure) return *failure;
      queue.emplace_back(file, std::move(document));
      lock.unlock();
      changed.notify_all();
      return {};
    });
    if (!read) {
      read_failure = read.error().in_file(file);
      break;
    }
  }
  {
    std::lock_guard lock(mutex);
    done = true;
  }
  changed.notify_all();
  for (auto& w : workers) w.join();
  if (read_failure) return *read_failure;
  if (failure) return *failure;
  std::sort(summary.warnings.begin(), summary.warnings.end());
  FusedGraph graph = fuser.finish();
  for (const EntityRecord& e : graph.entities) ++summary.entities_by_type[entity_type_name(e.entity.type)];
  std::set<std::tuple<std::string, std::string, std::string>> truthy;
  for (const Statement& s : graph.statements)
    if ((!s.object.empty() || !s.value.empty()) &&
        truthy.insert({s.subject, s.predicate, s.object + s.value}).second)
      ++summary.facts_by_property[s.predicate];
  for (const auto& [subject, dates] : graph.entity_dates) summary.facts_by_property["date"] += dates.size();
  summary.statements = graph.statements.size();
  auto label_of = [&](const std::string& iri_value) {
    for (const EntityRecord& e : graph.entities)
      if (e.entity.iri == iri_value) return e.entity.label;
    return iri_value;
  };
  for (const Conflict& c : graph.conflicts)
    summary.conflicts.push_back(label_of(c.subject) + " " + c.predicate + " " +
                                (c.object.empty() ? std::string() : label_of(c.object)) + ": " +
                                c.reason);
  RdfModel model = build_model(graph);
  summary.triples = model.size();
  DG_TRY(write_atomically(options.output,
                          [&](std::FILE* out) { return model.write(out, options.syntax); }));
  return summary;
}

}  // namespace diplograph
