#include "diplograph/tokens.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cctype>
#include <utility>

namespace diplograph {
namespace {

struct CodePoint {
  UChar32 c;
  std::size_t begin;
  std::size_t end;
};

// Inlined: called for every character of every sentence.
[[gnu::always_inline]] inline CodePoint decode_at(std::string_view text, std::size_t i) {
  unsigned char b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) return {static_cast<UChar32>(b), i, i + 1};
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  U8_NEXT(s, pos, length, c);
  return {c, i, static_cast<std::size_t>(pos)};
}

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }

// ICU character properties with an ASCII shortcut (the same answers): most
// of every text is ASCII, and the ICU calls dominate tokenizing otherwise.
bool ascii_upper(UChar32 c) { return c >= 'A' && c <= 'Z'; }
bool ascii_lower(UChar32 c) { return c >= 'a' && c <= 'z'; }
bool ascii_digit(UChar32 c) { return c >= '0' && c <= '9'; }
bool is_alnum(UChar32 c) {
  return c < 0x80 ? ascii_upper(c) || ascii_lower(c) || ascii_digit(c) : u_isalnum(c) != 0;
}
bool is_alpha(UChar32 c) { return c < 0x80 ? ascii_upper(c) || ascii_lower(c) : u_isalpha(c) != 0; }
bool is_upper(UChar32 c) { return c < 0x80 ? ascii_upper(c) : u_isupper(c) != 0; }
bool is_lower(UChar32 c) { return c < 0x80 ? ascii_lower(c) : u_islower(c) != 0; }
bool is_digit(UChar32 c) { return c < 0x80 ? ascii_digit(c) : u_isdigit(c) != 0; }
bool is_white_space(UChar32 c) {
  return c < 0x80 ? c == ' ' || (c >= 0x09 && c <= 0x0D) : u_isUWhiteSpace(c) != 0;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 5 + 4);  // about one token per five bytes of prose
  // Texts above 2 GiB cannot be indexed by ICU's int32 macros; callers
  // tokenize sentences, so this never happens in practice.
  if (text.size() > 0x7fffffffu) return tokens;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    CodePoint cp = decode_at(text, i);
    if (cp.c < 0) {
      tokens.push_back({cp.begin, cp.end, TokenKind::punct});
      i = cp.end;
      continue;
    }
    if (is_white_space(cp.c) || cp.c == 0xA0) {
      i = cp.end;
      continue;
    }
    if (!is_alnum(cp.c)) {
      // Possessive 's after a word: its own token.
      if (is_apostrophe(cp.c) && cp.end < n && (text[cp.end] == 's' || text[cp.end] == 'S') &&
          (cp.end + 1 >= n || !is_alnum(decode_at(text, cp.end + 1).c))) {
        tokens.push_back({cp.begin, cp.end + 1, TokenKind::punct});
        i = cp.end + 1;
        continue;
      }
      tokens.push_back({cp.begin, cp.end, TokenKind::punct});
      i = cp.end;
      continue;
    }
    // A word or number: letters/digits, with inner apostrophes followed by a
    // letter other than a final possessive s ("d'Ivoire"), and dotted acronyms.
    Token t;
    t.begin = i;
    bool digits_only = true;
    bool first = true;
    std::size_t j = i;
    UChar32 previous = 0;
    while (j < n) {
      const unsigned char b = static_cast<unsigned char>(text[j]);
      if (b < 0x80 && (ascii_upper(b) || ascii_lower(b) || ascii_digit(b))) {
        // An ASCII letter or digit: the same steps as below, without decoding.
        const bool upper = ascii_upper(b);
        if (!first && upper && is_lower(previous) && j - t.begin >= 2) break;
        if (!ascii_digit(b)) digits_only = false;
        if (upper) {
          t.has_upper = true;
          if (first) t.capitalized = true;
        } else if (ascii_lower(b)) {
          t.has_lower = true;
        }
        first = false;
        previous = b;
        ++j;
        continue;
      }
      CodePoint c = decode_at(text, j);
      if (c.c < 0) break;
      if (is_alnum(c.c)) {
        // Glued words: "TheUS", "theUS": split where a lowercase letter is
        // followed by an uppercase one, when the word already has 2+ letters.
        if (!first && is_lower(previous) && is_upper(c.c) && j - t.begin >= 2) break;
        if (!is_digit(c.c)) digits_only = false;
        if (is_upper(c.c)) {
          t.has_upper = true;
          if (first) t.capitalized = true;
        }
        if (is_lower(c.c)) t.has_lower = true;
        first = false;
        previous = c.c;
        j = c.end;
        continue;
      }
      if (is_apostrophe(c.c) && c.end < n) {
        CodePoint next = decode_at(text, c.end);
        bool possessive = (next.c == 's' || next.c == 'S') &&
                          (next.end >= n || !is_alnum(decode_at(text, next.end).c));
        if (next.c > 0 && is_alpha(next.c) && !possessive) {
          previous = c.c;
          j = c.end;
          continue;
        }
      }
      break;
    }
    t.end = j;
    t.kind = digits_only ? TokenKind::number : TokenKind::word;
    // Dotted acronym: single letters each followed by '.', e.g. U.S., U.S.S.R.
    if (!digits_only && t.end - t.begin == 1) {
      std::size_t k = t.begin;
      int letters = 0;
      while (k + 1 < n && std::isalpha(static_cast<unsigned char>(text[k])) && text[k + 1] == '.') {
        k += 2;
        ++letters;
      }
      if (letters >= 2) {
        t.end = k;
        t.has_upper = t.has_lower = false;
        for (std::size_t q = t.begin; q < t.end; ++q) {
          if (std::isupper(static_cast<unsigned char>(text[q]))) t.has_upper = true;
          if (std::islower(static_cast<unsigned char>(text[q]))) t.has_lower = true;
        }
      }
    }
    tokens.push_back(t);
    i = t.end;
  }
  return tokens;
}

std::string fold_word(std::string_view word) {
  std::string out(word.size(), '\0');
  // ASCII words (nearly all): lowercase in place, no decoding.
  std::size_t i = 0;
  for (; i < word.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(word[i]);
    if (b >= 0x80) break;
    out[i] = b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : static_cast<char>(b);
  }
  out.resize(i);
  while (i < word.size()) {
    // ASCII, most of every text, without the ICU call (same result).
    unsigned char b = static_cast<unsigned char>(word[i]);
    if (b < 0x80) {
      out.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : static_cast<char>(b));
      ++i;
      continue;
    }
    CodePoint cp = decode_at(word, i);
    if (cp.c < 0) {
      out.append(word.substr(cp.begin, cp.end - cp.begin));
    } else {
      UChar32 lower = u_tolower(cp.c);
      if (lower == 0x2019) lower = '\'';
      uint8_t buffer[4];
      int32_t length = 0;
      U8_APPEND_UNSAFE(buffer, length, lower);  // lower is a valid code point
      out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
    }
    i = cp.end;
  }
  // British and American spellings are the same name.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> spellings{{
      {"organisation", "organization"},
      {"organisations", "organizations"},
      {"defence", "defense"},
      {"programme", "program"},
      {"centre", "center"},
      {"neighbourhood", "neighborhood"},
      {"labour", "labor"},
  }};
  if (out.size() < 6 || out.size() > 13) return out;  // no spelling pair is shorter or longer
  for (const auto& [from, to] : spellings) {
    if (out == from) return std::string(to);
  }
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // std::tolower is a locale call
  return out;
}

bool is_name_joiner(std::string_view token_text) {
  return token_text == "-" || token_text == "\xE2\x80\x93";  // hyphen, en dash
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool gap = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += c;
  }
  return out;
}

}  // namespace diplograph
