#pragma once
/// A small word tokenizer shared by the gazetteer (to index names) and the
/// recognizer (to scan sentences), so both see names the same way.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace diplograph {

enum class TokenKind { word, number, punct };

struct Token {
  std::size_t begin = 0;  ///< byte offsets into the tokenized text
  std::size_t end = 0;
  TokenKind kind = TokenKind::word;
  bool capitalized = false;  ///< first letter is uppercase
  bool has_lower = false;    ///< any lowercase letter
  bool has_upper = false;    ///< any uppercase letter
};

/// Splits text into words, numbers and punctuation. Dotted acronyms ("U.S.",
/// "D.C.") stay one word; possessive "'s" is its own token; words glued by
/// missing spaces at a lower-to-upper case change ("TheUS") are split,
/// because scraped text loses spaces there. Invalid UTF-8 bytes become
/// punctuation tokens, so any input is safe.
std::vector<Token> tokenize(std::string_view text);

/// The lookup key of one token: lowercase, with British spellings folded to
/// one form ("organisation" -> "organization") so variants match.
std::string fold_word(std::string_view word);

/// ASCII lowercase (other bytes unchanged): for keywords, tags and headers.
std::string ascii_lower(std::string_view text);

/// Runs of white space as one space, none at either end: for labels made
/// from text ("Agreement   between\n the …" -> "Agreement between the …").
std::string collapse_spaces(std::string_view text);

/// True for tokens that may sit inside a name without ending it ('-').
bool is_name_joiner(std::string_view token_text);

}  // namespace diplograph
