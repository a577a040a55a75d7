// What a real parser would cost (issue 14): Link Grammar on the sentences
// where a parse could change a fact, beside diplograph's own recognition and
// extraction of the same documents, in the same run.
//
// Candidates are what the issue names: a sentence with a relation cue (any
// line of ontology/relation_cues.tsv) and at least two entity mentions
// (named, or an anaphor). Each is parsed with the English dictionary, one
// linkage, a per-sentence time limit; the program prints the time of both,
// the parser's rate, how many candidates got a complete linkage (no null
// words), and the throughput diplograph would have with the parser added.
//
//   cmake -S . -B build-lg -DCMAKE_BUILD_TYPE=Release -DDIPLOGRAPH_LINK_GRAMMAR_BENCH=ON
//   cmake --build build-lg --target link_grammar_bench
//   build-lg/link_grammar_bench test/corpus/dev build-bench/corpora/enwiki-sample.xml
#include <link-grammar/link-includes.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "diplograph/extract.hpp"
#include "diplograph/pipeline.hpp"
#include "diplograph/reader.hpp"
#include "diplograph/recognize.hpp"
#include "diplograph/segment.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Does the sentence hold the words of any cue, in order, side by side?
bool has_cue(const diplograph::RelationCues& cues, const std::vector<std::string>& lower) {
  for (const char* frame : {"membership", "participation", "treaty", "relations"})
    for (const diplograph::RelationCue& cue : cues.frame(frame))
      for (std::size_t i = 0; i + cue.words.size() <= lower.size(); ++i) {
        std::size_t k = 0;
        while (k < cue.words.size() && lower[i + k] == cue.words[k]) ++k;
        if (k == cue.words.size()) return true;
      }
  return false;
}

struct Totals {
  std::size_t documents = 0, bytes = 0, sentences = 0, candidates = 0, complete = 0, timed_out = 0;
  double diplograph_seconds = 0, parser_seconds = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: link_grammar_bench FILE_OR_FOLDER...\n");
    return 2;
  }
  auto gazetteer = diplograph::load_gazetteer(diplograph::default_ontology_directory(), {});
  auto segmenter = diplograph::SentenceSegmenter::create();
  if (!gazetteer || !segmenter) {
    std::fprintf(stderr, "link_grammar_bench: cannot load the ontology or ICU\n");
    return 1;
  }
  std::vector<std::string> inputs(argv + 1, argv + argc);
  auto files = diplograph::expand_inputs(inputs, nullptr);
  if (!files) {
    std::fprintf(stderr, "link_grammar_bench: %s\n", files.error().to_string().c_str());
    return 1;
  }
  Dictionary dictionary = dictionary_create_lang("en");
  if (!dictionary) {
    std::fprintf(stderr, "link_grammar_bench: no English dictionary (install link-grammar-dictionaries-all)\n");
    return 1;
  }
  Parse_Options options = parse_options_create();
  parse_options_set_verbosity(options, 0);
  parse_options_set_linkage_limit(options, 1);
  parse_options_set_max_parse_time(options, 2);  // seconds per sentence
  parse_options_set_islands_ok(options, false);

  const diplograph::EntityRecognizer recognizer(*gazetteer);
  const auto extractors = diplograph::default_extractors();
  Totals totals;
  diplograph::ReadOptions read_options;
  for (const std::string& file : *files) {
    auto read = diplograph::read_file(file, read_options, [&](diplograph::Document&& doc) -> diplograph::Outcome {
      ++totals.documents;
      totals.bytes += doc.text.size();
      Clock::time_point start = Clock::now();
      std::vector<diplograph::Sentence> sentences = segmenter->segment(doc);
      diplograph::RecognizedDocument recognized = recognizer.recognize(doc, sentences);
      std::vector<std::string> warnings;
      diplograph::ExtractionContext context{doc, recognized, *gazetteer, warnings};
      std::vector<diplograph::Fact> facts = diplograph::extract_facts(context, extractors);
      totals.diplograph_seconds += seconds_since(start);
      for (const diplograph::SentenceAnalysis& s : recognized.sentences) {
        ++totals.sentences;
        if (s.mentions.size() < 2) continue;
        std::string_view text = doc.slice(s.span);
        std::vector<std::string> lower;
        for (const diplograph::Token& t : s.tokens) lower.push_back(diplograph::ascii_lower(doc.slice({t.begin, t.end})));
        if (!has_cue(gazetteer->cues(), lower)) continue;
        ++totals.candidates;
        std::string line = diplograph::collapse_spaces(text);
        Clock::time_point parse_start = Clock::now();
        Sentence sentence = sentence_create(line.c_str(), dictionary);
        if (sentence_split(sentence, options) == 0) {
          int linkages = sentence_parse(sentence, options);
          if (linkages > 0 && sentence_null_count(sentence) == 0) ++totals.complete;
          if (parse_options_timer_expired(options)) ++totals.timed_out;
        }
        sentence_delete(sentence);
        totals.parser_seconds += seconds_since(parse_start);
      }
      return {};
    });
    if (!read) {
      std::fprintf(stderr, "link_grammar_bench: %s\n", read.error().to_string().c_str());
      return 1;
    }
  }
  parse_options_delete(options);
  dictionary_delete(dictionary);

  const double mb = static_cast<double>(totals.bytes) / 1e6;
  std::printf("documents %zu, text %.2f MB, sentences %zu, candidates %zu (%.1f%%)\n", totals.documents, mb,
              totals.sentences, totals.candidates,
              totals.sentences ? 100.0 * static_cast<double>(totals.candidates) / static_cast<double>(totals.sentences) : 0.0);
  std::printf("diplograph (segment, recognize, extract): %.2f s, %.1f MB/s\n", totals.diplograph_seconds,
              totals.diplograph_seconds > 0 ? mb / totals.diplograph_seconds : 0.0);
  std::printf("link grammar on the candidates: %.2f s, %.1f sentences/s, %zu complete linkages (%.0f%%), %zu over the time limit\n",
              totals.parser_seconds,
              totals.parser_seconds > 0 ? static_cast<double>(totals.candidates) / totals.parser_seconds : 0.0,
              totals.complete,
              totals.candidates ? 100.0 * static_cast<double>(totals.complete) / static_cast<double>(totals.candidates) : 0.0,
              totals.timed_out);
  const double both = totals.diplograph_seconds + totals.parser_seconds;
  std::printf("with the parser added: %.2f s, %.2f MB/s (x%.1f the time)\n", both, both > 0 ? mb / both : 0.0,
              totals.diplograph_seconds > 0 ? both / totals.diplograph_seconds : 0.0);
  return 0;
}
