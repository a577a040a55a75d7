#include "diplograph/cues.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

#include "diplograph/tokens.hpp"

namespace diplograph {
namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields;
}

Error cue_error(std::string_view name, std::size_t line, const std::string& message) {
  Error e = make_error(Status::bad_input, message);
  e.file = std::string(name);
  e.line = line;
  return e;
}

}  // namespace

Outcome RelationCues::parse(std::string_view name, std::string_view text) {
  std::size_t line_number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields = split_tabs(line);
    if (fields.size() < 2 || fields[0].empty() || fields[1].empty())
      return cue_error(name, line_number, "a cue line needs a frame and a cue, separated by a tab");
    RelationCue cue;
    // The cue's words as the recognizer sees them: tokenized and lowercased.
    for (const Token& t : tokenize(fields[1]))
      cue.words.push_back(ascii_lower(fields[1].substr(t.begin, t.end - t.begin)));
    if (cue.words.empty()) return cue_error(name, line_number, "the cue has no words");
    if (fields.size() > 2) cue.rule = std::string(fields[2]);
    if (fields.size() > 3 && !fields[3].empty()) {
      double value = 0;
      auto [ptr, ec] = std::from_chars(fields[3].data(), fields[3].data() + fields[3].size(), value);
      if (ec != std::errc() || ptr != fields[3].data() + fields[3].size() || value <= 0 || value > 1)
        return cue_error(name, line_number, "confidence must be a number in (0, 1]");
      cue.confidence = value;
    }
    if (fields.size() > 4 && !fields[4].empty()) {
      cue.subject = std::string(fields[4]);
      if (cue.subject != "clause" && cue.subject != "states" && cue.subject != "possessor" &&
          cue.subject != "document")
        return cue_error(name, line_number, "subject must be clause, states, possessor or document");
    }
    if (fields.size() > 5) return cue_error(name, line_number, "too many fields (at most 5)");
    frames_[std::string(fields[0])].push_back(std::move(cue));
  }
  return {};
}

Outcome RelationCues::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error e = make_error(Status::io_error, "cannot read the relation cues");
    e.file = path;
    return e;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse(path, buffer.str());
}

const std::vector<RelationCue>& RelationCues::frame(std::string_view name) const {
  static const std::vector<RelationCue> none;
  auto it = frames_.find(name);
  return it == frames_.end() ? none : it->second;
}

std::size_t RelationCues::size() const {
  std::size_t n = 0;
  for (const auto& [name, cues] : frames_) n += cues.size();
  return n;
}

}  // namespace diplograph
