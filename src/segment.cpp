#include "diplograph/segment.hpp"

#include <unicode/brkiter.h>
#include <unicode/utf8.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace diplograph {
namespace {

// Longest stretch without a break before we force one, so a pathological
// block (megabytes without punctuation) stays linear.
constexpr std::size_t max_sentence_bytes = 64 * 1024;

bool space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

// The word that ends at `end` (exclusive), e.g. "U.S." or "Mr.".
std::string_view word_before(std::string_view text, std::size_t end) {
  std::size_t b = end;
  while (b > 0 && !space(text[b - 1])) --b;
  std::string_view w = text.substr(b, end - b);
  while (!w.empty() && (w.front() == '(' || w.front() == '"' || w.front() == '\'')) w.remove_prefix(1);
  return w;
}

std::string_view word_after(std::string_view text, std::size_t begin) {
  std::size_t b = begin;
  while (b < text.size() && space(text[b])) ++b;
  std::size_t e = b;
  while (e < text.size() && !space(text[e])) ++e;
  return text.substr(b, e - b);
}

// Abbreviations after which ICU's break is suppressed. Dotted initialisms
// (U.S., D.C., e.g.) are recognized by shape instead of listed.
bool abbreviation(std::string_view w) {
  static constexpr std::array<std::string_view, 40> list{
      "Mr.",   "Mrs.",  "Ms.",   "Dr.",  "St.",  "Jr.",   "Sr.",   "Gen.", "Col.", "Lt.",
      "Gov.",  "Sen.",  "Rep.",  "No.",  "Nos.", "vs.",   "approx.", "Art.", "p.",  "pp.",
      "Jan.",  "Feb.",  "Mar.",  "Apr.", "Jun.", "Jul.",  "Aug.",  "Sep.", "Sept.", "Oct.",
      "Nov.",  "Dec.",  "Prof.", "Amb.", "Capt.", "Cmdr.", "Sgt.", "Maj.", "Fig.", "cf."};
  if (std::find(list.begin(), list.end(), w) != list.end()) return true;
  // Dotted initialisms: letters each followed by '.', at least two ("U.S.").
  if (w.size() >= 4 && w.size() % 2 == 0) {
    bool dotted = true;
    for (std::size_t i = 0; i < w.size(); i += 2)
      if (!std::isalpha(static_cast<unsigned char>(w[i])) || w[i + 1] != '.') dotted = false;
    if (dotted) return true;
  }
  // A single capital initial ("George W. Bush").
  return w.size() == 2 && std::isupper(static_cast<unsigned char>(w[0])) && w[1] == '.';
}

// Words that typically open a sentence: after "U.S." or "D.C." they mean the
// abbreviation did end the sentence.
bool sentence_starter(std::string_view w) {
  static constexpr std::array<std::string_view, 26> list{
      "The", "It",  "In",     "On",      "This",  "These", "He",    "She",   "They",
      "We",  "A",   "An",     "Since",   "After", "Before", "However", "Its", "Their",
      "There", "That", "Those", "During", "Today", "Currently", "According", "When"};
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool suppress(std::string_view text, std::size_t boundary) {
  std::size_t end = boundary;
  while (end > 0 && space(text[end - 1])) --end;
  std::string_view before = word_before(text, end);
  if (!abbreviation(before)) return false;
  std::string_view next = word_after(text, boundary);
  if (next.empty()) return false;
  unsigned char c = static_cast<unsigned char>(next[0]);
  if (std::islower(c) || std::isdigit(c)) return true;
  if (before == "etc." || before == "e.g." || before == "i.e.") return false;
  // "U.S. Embassy" continues; "… D.C. The next …" starts a new sentence.
  std::string_view bare = next;
  while (!bare.empty() && !std::isalnum(static_cast<unsigned char>(bare.back()))) bare.remove_suffix(1);
  return !sentence_starter(bare);
}

void trim_push(std::string_view text, std::size_t b, std::size_t e, std::size_t offset,
               std::vector<Span>& out) {
  while (b < e && space(text[b])) ++b;
  while (e > b && space(text[e - 1])) --e;
  if (e > b) out.push_back({offset + b, offset + e});
}

// Line breaks inside a paragraph that end a sentence: after final
// punctuation, or after a short heading-like line without any.
std::vector<std::size_t> line_breaks(std::string_view text) {
  std::vector<std::size_t> cuts;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') continue;
    std::size_t e = i;
    while (e > line_start && space(text[e - 1])) --e;
    if (e > line_start) {
      char last = text[e - 1];
      bool final_punct = last == '.' || last == '!' || last == '?' || last == ':' || last == '"';
      bool short_line = e - line_start < 60 && last != ',' && last != '-';
      if (final_punct || short_line) cuts.push_back(i + 1);
    }
    line_start = i + 1;
  }
  return cuts;
}

}  // namespace

struct SentenceSegmenter::Impl {
  std::unique_ptr<icu::BreakIterator> iterator;
};

SentenceSegmenter::SentenceSegmenter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SentenceSegmenter::SentenceSegmenter(SentenceSegmenter&&) noexcept = default;
SentenceSegmenter& SentenceSegmenter::operator=(SentenceSegmenter&&) noexcept = default;
SentenceSegmenter::~SentenceSegmenter() = default;

Result<SentenceSegmenter> SentenceSegmenter::create() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale("en_US"), status));
  if (U_FAILURE(status) || !it) {
    return make_error(Status::internal,
                      std::string("ICU sentence break iterator: ") + u_errorName(status));
  }
  auto impl = std::make_unique<Impl>();
  impl->iterator = std::move(it);
  return SentenceSegmenter(std::move(impl));
}

std::vector<Span> SentenceSegmenter::split(std::string_view text) const {
  std::vector<Span> out;
  if (text.empty()) return out;
  // Line-level cuts first, then ICU inside each piece.
  std::vector<std::size_t> cuts = line_breaks(text);
  cuts.push_back(text.size());
  std::size_t piece_begin = 0;
  for (std::size_t cut : cuts) {
    std::string_view piece = text.substr(piece_begin, cut - piece_begin);
    // Map UTF-16 indices back to UTF-8 byte offsets: decode as ICU does
    // (one U+FFFD per bad byte sequence).
    icu::UnicodeString u;
    std::vector<std::size_t> byte_at;  // UTF-16 index -> byte offset in piece
    byte_at.reserve(piece.size() + 1);
    {
      int32_t i = 0;
      const auto* s = reinterpret_cast<const uint8_t*>(piece.data());
      const int32_t n = static_cast<int32_t>(std::min<std::size_t>(piece.size(), 0x7fffffff));
      while (i < n) {
        int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(s, i, n, c);
        if (c < 0) c = 0xFFFD;
        u.append(c);
        byte_at.push_back(static_cast<std::size_t>(start));
        if (c > 0xFFFF) byte_at.push_back(static_cast<std::size_t>(start));
      }
      byte_at.push_back(piece.size());
    }
    impl_->iterator->setText(u);
    std::size_t begin = 0;
    for (int32_t b = impl_->iterator->next(); b != icu::BreakIterator::DONE;
         b = impl_->iterator->next()) {
      std::size_t boundary = byte_at[static_cast<std::size_t>(b)];
      if (boundary < piece.size() && suppress(piece, boundary)) continue;
      // Force a break in very long stretches, at white space if possible.
      while (boundary - begin > max_sentence_bytes) {
        std::size_t force = begin + max_sentence_bytes;
        std::size_t ws = force;
        while (ws > begin + max_sentence_bytes / 2 && !space(piece[ws])) --ws;
        if (ws > begin + max_sentence_bytes / 2) force = ws;
        while (force < piece.size() && (static_cast<unsigned char>(piece[force]) & 0xC0) == 0x80) ++force;
        trim_push(piece, begin, force, piece_begin, out);
        begin = force;
      }
      trim_push(piece, begin, boundary, piece_begin, out);
      begin = boundary;
    }
    if (begin < piece.size()) trim_push(piece, begin, piece.size(), piece_begin, out);
    piece_begin = cut;
  }
  return out;
}

std::vector<Sentence> SentenceSegmenter::segment(const Document& document) const {
  std::vector<Sentence> out;
  for (std::size_t b = 0; b < document.blocks.size(); ++b) {
    const Block& block = document.blocks[b];
    if (block.span.empty() || block.span.end > document.text.size()) continue;
    if (block.kind == BlockKind::heading || block.kind == BlockKind::table_row) {
      out.push_back({block.span, b});
      continue;
    }
    for (Span s : split(document.slice(block.span)))
      out.push_back({{block.span.begin + s.begin, block.span.begin + s.end}, b});
  }
  return out;
}

}  // namespace diplograph
