#include "diplograph/segment.hpp"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <array>
#include <cstdint>
#include <string>

// Sentence splitting in three layers:
//
//  1. Line breaks inside a block. A newline ends a sentence when the line
//     before ends with final punctuation (. ! ? : …, possibly followed by a
//     closing quote or bracket), when the next line starts a list item or a
//     heading ("* ", "- ", "• ", "1. ", "= ", "# ", "| "), or when the line
//     before is short (< 60 bytes) and has no final punctuation (a headline).
//     Other newlines (hard-wrapped prose) are just white space.
//  2. ICU's sentence break rules inside each resulting piece. ICU works on
//     UTF-16; we decode the UTF-8 ourselves with U8_NEXT (one U+FFFD per bad
//     byte, exactly like UnicodeString::fromUTF8) and keep a UTF-16 index ->
//     byte offset map, so every span is a byte range of the input, also for
//     invalid UTF-8.
//  3. Our abbreviation check on every break ICU proposes (see suppress()).
//
// The ICU iterator uses the plain "en_US" rules. We tried "en_US@ss=standard"
// (ICU's built-in suppression list), but with ICU 72 it also swallows real
// sentence ends after upper-case words: "Lithuania joined NATO. It also
// joined the EU." and "Joined AB. It also." come out as one sentence, and a
// suppression cannot be undone from outside. Our own list below covers the
// abbreviations that matter in this domain and decides with the next word.
//
// Huge input: ICU sees at most `window` bytes at a time (the text is
// re-fed from the last accepted break), so memory stays bounded; a stretch
// of more than `max_sentence_bytes` without a break is cut at white space
// near that length (or at a character boundary if there is none).

namespace diplograph {
namespace {

constexpr std::size_t max_sentence_bytes = 64 * 1024;
constexpr std::size_t window = 256 * 1024;  // bytes handed to ICU at once
constexpr std::size_t window_margin = 4 * 1024;  // breaks this close to a window's end wait for the next
constexpr std::size_t max_word = 64;  // how far suppress() looks around a break

bool space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
bool ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool ascii_alpha(char c) { return ascii_lower(c) || ascii_upper(c); }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// The white-space delimited word ending at `end`, without opening quotes or
// brackets; at most max_word bytes are examined.
std::string_view word_before(std::string_view text, std::size_t end) {
  std::size_t b = end;
  while (b > 0 && end - b < max_word && !space(text[b - 1])) --b;
  std::string_view w = text.substr(b, end - b);
  while (!w.empty() && (w.front() == '(' || w.front() == '[' || w.front() == '"' || w.front() == '\'')) w.remove_prefix(1);
  for (std::string_view q : {"\xE2\x80\x9C", "\xE2\x80\x98"})  // “ ‘
    if (starts_with(w, q)) w.remove_prefix(q.size());
  return w;
}

// The word starting at or after `begin` (bounded look-ahead).
std::string_view word_after(std::string_view text, std::size_t begin) {
  std::size_t b = begin;
  while (b < text.size() && b - begin < max_word && space(text[b])) ++b;
  std::size_t e = b;
  while (e < text.size() && e - b < max_word && !space(text[e])) ++e;
  return text.substr(b, e - b);
}

// Words after which a period is usually not a sentence end.
bool abbreviation(std::string_view w) {
  static constexpr std::array<std::string_view, 58> list{
      "Mr.",   "Mrs.",  "Ms.",    "Dr.",    "Prof.", "St.",   "Jr.",   "Sr.",   "Gen.",   "Col.",
      "Lt.",   "Gov.",  "Sen.",   "Rep.",   "Amb.",  "Capt.", "Cmdr.", "Sgt.",  "Maj.",   "Adm.",
      "Pres.", "Hon.",  "Rev.",   "No.",    "Nos.",  "no.",   "vs.",   "v.",    "approx.", "Art.",
      "p.",    "pp.",   "Fig.",   "cf.",    "Vol.",  "Ch.",   "Sec.",  "Inc.",  "Ltd.",   "Co.",
      "Corp.", "Jan.",  "Feb.",   "Mar.",   "Apr.",  "Jun.",  "Jul.",  "Aug.",  "Sep.",   "Sept.",
      "Oct.",  "Nov.",  "Dec.",   "e.g.",   "i.e.",  "etc.",  "Mt.",   "est."};
  if (std::find(list.begin(), list.end(), w) != list.end()) return true;
  // Letters each followed by a dot, at least two: "U.S.", "D.C.", "U.N.", "a.m.".
  if (w.size() >= 4 && w.size() % 2 == 0) {
    bool dotted = true;
    for (std::size_t i = 0; i < w.size(); i += 2)
      if (!ascii_alpha(w[i]) || w[i + 1] != '.') dotted = false;
    if (dotted) return true;
  }
  // A single capital initial: "George W. Bush", "J. Smith".
  return w.size() == 2 && ascii_upper(w[0]) && w[1] == '.';
}

// Words that typically open a sentence. After an abbreviation they mean the
// abbreviation did end the sentence ("... in Washington, D.C. The next day").
bool sentence_starter(std::string_view w) {
  static constexpr std::array<std::string_view, 56> list{
      "The",       "It",       "In",        "On",       "This",      "These",    "He",      "She",
      "They",      "We",       "I",         "A",        "An",        "Since",    "After",   "Before",
      "However",   "Its",      "Their",     "There",    "That",      "Those",    "During",  "Today",
      "Currently", "According", "When",     "His",      "Her",       "Our",      "As",      "At",
      "For",       "From",     "Following", "Also",     "Then",      "Both",     "Some",    "Many",
      "Most",      "All",      "Each",      "By",       "With",      "While",    "Although", "Furthermore",
      "Moreover",  "Meanwhile", "To",       "Under",    "Later",     "Another",  "Such",    "If"};
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Whether a break proposed at `boundary` (the start of the next sentence,
// after any white space) should be dropped. The rule: when the text before
// ends with an abbreviation, suppress the break if the next word starts with
// a lower-case letter or a digit, or is any other word that is not a typical
// sentence starter ("U.S. Embassy", "Mr. Smith", "D.C. opened"). A typical
// starter ("D.C. The", "U.S. It") keeps the break: that case is genuinely
// ambiguous and a break is the better guess. "etc." keeps the break unless
// the next word is lower case or a number.
bool suppress(std::string_view text, std::size_t boundary) {
  std::size_t end = boundary;
  while (end > 0 && boundary - end < max_word && space(text[end - 1])) --end;
  std::string_view before = word_before(text, end);
  if (!abbreviation(before)) return false;
  std::string_view next = word_after(text, boundary);
  if (next.empty()) return false;
  if (ascii_lower(next[0]) || ascii_digit(next[0])) return true;
  if (before == "etc.") return false;
  if (!ascii_upper(next[0])) return false;  // a quote, a bracket, a non-ASCII letter: keep ICU's break
  std::string_view bare = next;
  while (!bare.empty() && !ascii_alpha(bare.back())) bare.remove_suffix(1);
  return !sentence_starter(bare);
}

void trim_push(std::string_view text, std::size_t b, std::size_t e, std::size_t offset, std::vector<Span>& out) {
  while (b < e && space(text[b])) ++b;
  while (e > b && space(text[e - 1])) --e;
  if (e > b) out.push_back({offset + b, offset + e});
}

// Where to cut a stretch starting at `begin` that is too long: the last
// white space in its second half, else a character boundary.
std::size_t forced_cut(std::string_view text, std::size_t begin) {
  std::size_t target = begin + max_sentence_bytes;
  if (target >= text.size()) return text.size();
  for (std::size_t ws = target; ws > begin + max_sentence_bytes / 2; --ws)
    if (space(text[ws])) return ws;
  while (target < text.size() && continuation(text[target])) ++target;
  return target;
}

// Adds [b, e) as sentences, cutting it if it is too long.
void emit(std::string_view text, std::size_t b, std::size_t e, std::size_t offset, std::vector<Span>& out) {
  while (e - b > max_sentence_bytes) {
    std::size_t cut = forced_cut(text.substr(0, e), b);
    if (cut <= b || cut >= e) break;
    trim_push(text, b, cut, offset, out);
    b = cut;
  }
  trim_push(text, b, e, offset, out);
}

// Whether [b, e) is only a list number ("1.", "12.", "iv."): ICU breaks
// after it, but it belongs to the item that follows.
bool enumerator(std::string_view text, std::size_t b, std::size_t e) {
  while (b < e && space(text[b])) ++b;
  while (e > b && space(text[e - 1])) --e;
  if (e - b < 2 || e - b > 5 || text[e - 1] != '.') return false;
  bool digits = true, roman = true;
  for (std::size_t i = b; i + 1 < e; ++i) {
    digits = digits && ascii_digit(text[i]);
    roman = roman && (text[i] == 'i' || text[i] == 'v' || text[i] == 'x');
  }
  return digits || roman;
}

// Line-level cut points (byte offsets just after a newline) inside a block.
bool final_punctuation(std::string_view line) {
  // Strip closing quotes and brackets: 'agreed."' ends with a period.
  for (bool again = true; again && !line.empty();) {
    again = false;
    char c = line.back();
    if (c == '"' || c == '\'' || c == ')' || c == ']') {
      line.remove_suffix(1);
      again = true;
    }
    for (std::string_view q : {"\xE2\x80\x9D", "\xE2\x80\x99"})  // ” ’
      if (ends_with(line, q)) {
        line.remove_suffix(q.size());
        again = true;
      }
  }
  if (line.empty()) return false;
  char c = line.back();
  return c == '.' || c == '!' || c == '?' || c == ':' || ends_with(line, "\xE2\x80\xA6");  // …
}

bool starts_list_or_heading(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  line.remove_prefix(i);
  if (line.empty()) return false;
  for (std::string_view marker : {"* ", "- ", "+ ", "# ", "= ", "| ", "==", "\xE2\x80\xA2", "\xE2\x80\x93 ",
                                  "\xE2\x80\x94 "})  // • – —
    if (starts_with(line, marker)) return true;
  // A wiki list item written without the space: "*In October 1998, …", "#Kenya".
  if ((line[0] == '*' || line[0] == '#') && line.size() > 1 &&
      (std::isupper(static_cast<unsigned char>(line[1])) || ascii_digit(line[1]) || line[1] == '['))
    return true;
  std::size_t d = 0;
  while (d < line.size() && d < 3 && ascii_digit(line[d])) ++d;
  return d > 0 && d + 1 < line.size() && (line[d] == '.' || line[d] == ')') && line[d + 1] == ' ';
}

std::vector<std::size_t> line_cuts(std::string_view text) {
  std::vector<std::size_t> cuts;
  std::size_t line_start = 0;
  for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
    std::size_t e = i;
    while (e > line_start && space(text[e - 1])) --e;
    std::string_view line = text.substr(line_start, e - line_start);
    std::size_t next_end = text.find('\n', i + 1);
    std::string_view next = text.substr(i + 1, next_end == std::string_view::npos ? std::string_view::npos
                                                                                    : next_end - i - 1);
    bool cut = false;
    if (line.empty()) {
      cut = true;  // a blank line
    } else if (final_punctuation(line)) {
      // "... Washington, D.C.\nopened ..." is one sentence; apply the same
      // abbreviation rule as to ICU's breaks.
      cut = !suppress(text, i + 1);
    } else if (starts_list_or_heading(next)) {
      cut = true;
    } else {
      char last = line.back();
      cut = line.size() < 60 && last != ',' && last != '-' && last != ';' && last != '(' && last != '&';
    }
    if (cut) cuts.push_back(i + 1);
    line_start = i + 1;
  }
  return cuts;
}

// The ICU prototype, made once per process; segmenters clone it.
struct Prototype {
  std::unique_ptr<icu::BreakIterator> iterator;
  UErrorCode status = U_ZERO_ERROR;
};

const Prototype& prototype() {
  static const Prototype p = [] {
    Prototype made;
    made.iterator.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("en_US"), made.status));
    if (U_SUCCESS(made.status) && !made.iterator) made.status = U_MEMORY_ALLOCATION_ERROR;
    return made;
  }();
  return p;
}

}  // namespace

struct SentenceSegmenter::Impl {
  std::unique_ptr<icu::BreakIterator> iterator;
  // Reused buffers.
  icu::UnicodeString utf16;
  std::vector<std::uint32_t> byte_at;  // UTF-16 index -> byte offset in the window

  void split_piece(std::string_view text, std::size_t offset, std::vector<Span>& out);
};

// Sentences of one piece (no line-level cuts inside), appended to `out`
// with `offset` added.
void SentenceSegmenter::Impl::split_piece(std::string_view text, std::size_t offset, std::vector<Span>& out) {
  // ASCII without '.', '!' or '?' (a heading, a table cell, a list entry)
  // has no sentence break for ICU to find: one sentence, without the call.
  if (text.size() <= window && std::none_of(text.begin(), text.end(), [](char c) {
        return c == '.' || c == '!' || c == '?' || static_cast<unsigned char>(c) >= 0x80;
      })) {
    if (!text.empty()) emit(text, 0, text.size(), offset, out);
    return;
  }
  std::size_t begin = 0;  // start of the current sentence
  while (begin < text.size()) {
    std::size_t wend = text.size();
    if (wend - begin > window) {
      wend = begin + window;
      while (wend < text.size() && continuation(text[wend])) ++wend;
    }
    const bool last_window = wend == text.size();
    // Decode [begin, wend) as ICU would and remember where each UTF-16 unit starts.
    utf16.remove();
    byte_at.clear();
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data() + begin);
    const auto n = static_cast<std::int32_t>(wend - begin);
    // Written straight into the string's buffer (UnicodeString::append per
    // code point was a tenth of the run); a byte gives at most one unit.
    UChar* units = utf16.getBuffer(n);
    if (units == nullptr) {  // out of memory: the rest as one sentence
      emit(text, begin, text.size(), offset, out);
      return;
    }
    std::int32_t length = 0;
    byte_at.resize(static_cast<std::size_t>(n) + 1);  // a byte gives at most one unit
    std::uint32_t* unit_byte = byte_at.data();
    for (std::int32_t i = 0; i < n;) {
      const std::int32_t start = i;
      UChar32 c = s[i];
      if (c < 0x80) {
        // Newlines left inside a piece are soft (line_cuts() kept them):
        // ICU would break after every one of them.
        units[length] = static_cast<UChar>(c == '\n' || c == '\r' ? ' ' : c);
        unit_byte[length++] = static_cast<std::uint32_t>(start);
        ++i;
        continue;
      }
      U8_NEXT(s, i, n, c);
      if (c < 0) c = 0xFFFD;
      const std::int32_t first_unit = length;
      U16_APPEND_UNSAFE(units, length, c);
      for (std::int32_t u = first_unit; u < length; ++u) unit_byte[u] = static_cast<std::uint32_t>(start);
    }
    utf16.releaseBuffer(length);
    byte_at.resize(static_cast<std::size_t>(length));
    byte_at.push_back(static_cast<std::uint32_t>(n));
    iterator->setText(utf16);

    const std::size_t accept_limit = last_window ? text.size() : wend - window_margin;
    std::size_t sentence = begin;
    for (std::int32_t b = iterator->next(); b != icu::BreakIterator::DONE; b = iterator->next()) {
      if (b < 0 || static_cast<std::size_t>(b) >= byte_at.size()) break;
      const std::size_t boundary = begin + byte_at[static_cast<std::size_t>(b)];
      if (boundary > accept_limit) break;
      if (boundary < text.size() && (suppress(text, boundary) || enumerator(text, sentence, boundary))) continue;
      emit(text, sentence, boundary, offset, out);
      sentence = boundary;
    }
    if (last_window) {
      if (sentence < text.size()) emit(text, sentence, text.size(), offset, out);
      return;
    }
    // No break close enough to the window's end: cut overlong stretches so
    // the next window starts further on.
    while (accept_limit - sentence > max_sentence_bytes) {
      std::size_t cut = forced_cut(text, sentence);
      if (cut <= sentence) break;
      trim_push(text, sentence, cut, offset, out);
      sentence = cut;
    }
    begin = sentence;
  }
}

SentenceSegmenter::SentenceSegmenter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SentenceSegmenter::SentenceSegmenter(SentenceSegmenter&&) noexcept = default;
SentenceSegmenter& SentenceSegmenter::operator=(SentenceSegmenter&&) noexcept = default;
SentenceSegmenter::~SentenceSegmenter() = default;

Result<SentenceSegmenter> SentenceSegmenter::create() {
  const Prototype& p = prototype();
  if (U_FAILURE(p.status))
    return make_error(Status::internal, std::string("ICU sentence break iterator: ") + u_errorName(p.status));
  auto impl = std::make_unique<Impl>();
  impl->iterator.reset(p.iterator->clone());
  if (!impl->iterator)
    return make_error(Status::internal,
                      std::string("ICU sentence break iterator: ") + u_errorName(U_MEMORY_ALLOCATION_ERROR));
  return SentenceSegmenter(std::move(impl));
}

std::vector<Span> SentenceSegmenter::split(std::string_view text) const {
  std::vector<Span> out;
  if (text.empty() || !impl_) return out;
  std::vector<std::size_t> cuts = line_cuts(text);
  cuts.push_back(text.size());
  std::size_t piece_begin = 0;
  for (std::size_t cut : cuts) {
    if (cut > piece_begin)
      impl_->split_piece(text.substr(piece_begin, cut - piece_begin), piece_begin, out);
    piece_begin = cut;
  }
  return out;
}

std::vector<Sentence> SentenceSegmenter::segment(const Document& document) const {
  std::vector<Sentence> out;
  for (std::size_t b = 0; b < document.blocks.size(); ++b) {
    const Block& block = document.blocks[b];
    if (block.span.empty() || block.span.end > document.text.size()) continue;
    if (block.span.end - block.span.begin > max_block_bytes) continue;
    if (block.kind == BlockKind::heading || (block.kind == BlockKind::table_row && block.cells.empty())) {
      out.push_back({block.span, b});
      continue;
    }
    if (block.kind == BlockKind::table_row) {
      // Each cell on its own: a notes cell holds sentences, a date cell is one.
      for (const Span& cell : block.cells) {
        if (cell.empty() || cell.end > document.text.size()) continue;
        for (Span s : split(document.slice(cell))) out.push_back({{cell.begin + s.begin, cell.begin + s.end}, b});
      }
      continue;
    }
    for (Span s : split(document.slice(block.span)))
      out.push_back({{block.span.begin + s.begin, block.span.begin + s.end}, b});
  }
  return out;
}

}  // namespace diplograph
