// The clause view of a sentence, written out for `explain`.
#include "sentence_view.hpp"

namespace diplograph {

std::vector<std::string> describe_clauses(const ExtractionContext& context, std::size_t sentence) {
  std::vector<std::string> lines;
  const auto& sentences = context.recognized.sentences;
  if (sentence >= sentences.size() || sentences[sentence].mentions.empty()) return lines;
  const detail::SentenceView& v = detail::view_of(context, sentences[sentence]);
  // Every cue of every frame, by the token it starts at.
  std::vector<std::pair<std::size_t, std::string>> cues;
  for (const char* frame : {"membership", "participation", "treaty", "relations"})
    for (const RelationCue& cue : context.gazetteer.cues().frame(frame))
      for (std::size_t at : v.find_cue_words(cue.words)) {
        std::string words;
        for (const std::string& w : cue.words) words += (words.empty() ? "" : " ") + w;
        cues.emplace_back(at, std::string(frame) + " \"" + words + "\"");
      }
  if (cues.empty()) return lines;
  for (std::size_t start = 0; start < v.size();) {
    std::size_t end = v.clause_end(start);
    if (end <= start) end = start + 1;  // a clause break opens the next clause
    std::string found;
    for (const auto& [at, text] : cues)
      if (at >= start && at < end) found += (found.empty() ? "" : ", ") + text;
    if (!found.empty()) {
      std::string subjects;
      for (int m : v.subjects_in(start, end)) {
        const Mention& x = v.mention(m);
        subjects += (subjects.empty() ? "" : ", ") + std::string(context.document.slice({x.begin, x.end}));
      }
      const Span span{v.sentence().tokens[start].begin, v.sentence().tokens[end - 1].end};
      std::string line = "clause \"" + collapse_spaces(context.document.slice(span)) + "\": subjects " +
                         (subjects.empty() ? "none" : subjects) + "; cues " + found;
      if (v.negated(start, end)) line += "; negated or modal";
      lines.push_back(std::move(line));
    }
    start = end;
  }
  return lines;
}

}  // namespace diplograph
