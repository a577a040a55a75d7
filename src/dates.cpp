#include "diplograph/dates.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <initializer_list>

// Date scanner. The text is cut into small tokens (ASCII letter runs, digit
// runs, single punctuation characters; one multi-byte UTF-8 character or one
// stray byte is one punctuation token) and the date grammar is matched over
// the tokens with a bounded look-ahead. Tokens are produced a chunk at a
// time, so memory stays bounded and the work is linear on any input.
//
// Decisions worth knowing:
//  * "27/11/1995" (slashes) is read day/month/year when the first number is
//    above 12, month/day/year when the second is; when both are 12 or less
//    the order is ambiguous and only the (certain) year is kept, with the
//    mention covering the whole expression.
//  * A calendar-invalid date with a day of 1..31 ("31 February 2001",
//    "2001-13-01", "29.02.2001") is consumed and dropped: it yields no
//    mention at all, not even a month or year.
//  * A four-digit number is a year only when it is 1000..2100 and stands
//    alone: not inside a longer number ("1,991", "19910", "1991.5"), not an
//    amount ("$1999") and not followed by a unit ("2000 km", "1500 troops").
//  * "May" alone (or "may 2004" in lower case) is not a month; "May 2004" is.
//  * "In 2010" is a plain year whose span is "2010"; "Since 2014" is
//    ON_OR_AFTER and its span starts at "Since".
//  * A leading "the" is part of the span of a phrase ("the end of 2002",
//    "the second half of 2013"), a decade ("the 1920's") or a century ("the
//    20th century"); in "the 2004 enlargement" the span is "2004".

namespace diplograph {
namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
char lower(unsigned char c) { return static_cast<char>(is_upper(c) ? c - 'A' + 'a' : c); }

enum class Kind { alpha, digit, punct };

struct Tok {
  std::size_t begin, end;
  Kind kind;
};

// Up to `max_tokens` tokens from byte `from`; `at_end` tells whether the
// text was exhausted.
std::vector<Tok> scan(std::string_view text, std::size_t from, std::size_t max_tokens, bool& at_end) {
  std::vector<Tok> out;
  std::size_t i = from;
  const std::size_t n = text.size();
  at_end = false;
  for (;;) {
    while (i < n && is_space(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= n) {
      at_end = true;
      break;
    }
    if (out.size() == max_tokens) break;
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t j = i + 1;
    Kind kind = Kind::punct;
    if (is_alpha(c)) {
      kind = Kind::alpha;
      while (j < n && is_alpha(static_cast<unsigned char>(text[j]))) ++j;
    } else if (is_digit(c)) {
      kind = Kind::digit;
      while (j < n && is_digit(static_cast<unsigned char>(text[j]))) ++j;
    } else if (c >= 0xC0) {
      // A lead byte takes its continuation bytes (at most three).
      while (j < n && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80 && j < i + 4) ++j;
    }
    out.push_back({i, j, kind});
    i = j;
  }
  return out;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in(int y, int m) {
  static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

bool valid_day(int y, int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m); }

constexpr int min_year = 1000, max_year = 2100;
constexpr const char* right_quote = "\xE2\x80\x99";  // ’

DateValue make_day(int y, int m, int d) {
  DateValue v;
  v.year = y, v.month = m, v.day = d, v.precision = DatePrecision::day;
  return v;
}

struct Scanner {
  std::string_view text;
  std::vector<Tok> t;

  std::string_view word(std::size_t i) const { return text.substr(t[i].begin, t[i].end - t[i].begin); }
  // Case-insensitive comparison with a lower-case word.
  bool is(std::size_t i, std::string_view w) const {
    if (i >= t.size()) return false;
    std::string_view x = word(i);
    if (x.size() != w.size()) return false;
    for (std::size_t k = 0; k < x.size(); ++k)
      if (lower(static_cast<unsigned char>(x[k])) != w[k]) return false;
    return true;
  }
  bool punct(std::size_t i, std::string_view p) const { return i < t.size() && word(i) == p; }
  // Token i touches token i + 1 (no white space between).
  bool adjacent(std::size_t i) const { return i + 1 < t.size() && t[i].end == t[i + 1].begin; }
  // Token i touches token i - 1.
  bool glued_before(std::size_t i) const { return i > 0 && i < t.size() && t[i - 1].end == t[i].begin; }
  bool digits(std::size_t i, std::size_t min, std::size_t max) const {
    return i < t.size() && t[i].kind == Kind::digit && t[i].end - t[i].begin >= min &&
           t[i].end - t[i].begin <= max;
  }
  int number(std::size_t i) const {
    int v = 0;
    for (char c : word(i)) v = v * 10 + (c - '0');
    return v;
  }

  // Month name at i (full, or abbreviated with an optional '.'); returns
  // 1..12 and sets `next` to the token after it, or 0.
  int month(std::size_t i, std::size_t& next) const {
    static constexpr std::array<std::string_view, 12> full{
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    static constexpr std::array<std::string_view, 12> shorts{
        "jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    if (i >= t.size() || t[i].kind != Kind::alpha) return 0;
    for (std::size_t m = 0; m < 12; ++m)
      if (is(i, full[m])) {
        next = i + 1;
        return static_cast<int>(m) + 1;
      }
    int found = 0;
    for (std::size_t m = 0; m < 12; ++m)
      if (!shorts[m].empty() && is(i, shorts[m])) found = static_cast<int>(m) + 1;
    if (!found && is(i, "sept")) found = 9;
    if (!found) return 0;
    next = i + 1;
    if (adjacent(i) && punct(i + 1, ".")) next = i + 2;
    return found;
  }

  bool ordinal_suffix(std::size_t i) const {
    return is(i, "st") || is(i, "nd") || is(i, "rd") || is(i, "th");
  }

  // A four-digit year at i that stands alone: not part of a longer number
  // ("1,991", "1991.5"), an amount ("$2000") or a measure ("2000 km").
  bool year_at(std::size_t i) const {
    if (!digits(i, 4, 4)) return false;
    int y = number(i);
    if (y < min_year || y > max_year) return false;
    if (glued_before(i)) {
      std::string_view before = word(i - 1);
      if (t[i - 1].kind != Kind::punct || before == "." || before == "," || before == "$" ||
          before == "\xE2\x82\xAC" || before == "\xC2\xA3")
        return false;
    }
    if (adjacent(i)) {
      std::string_view after = word(i + 1);
      if (t[i + 1].kind == Kind::alpha && !is(i + 1, "s")) return false;
      if ((after == "." || after == ",") && adjacent(i + 1) && i + 2 < t.size() &&
          t[i + 2].kind == Kind::digit)
        return false;
      if (after == "%") return false;
    }
    static constexpr std::array<std::string_view, 24> units{
        "km",      "kilometres", "kilometers", "miles",   "metres",   "meters", "people",  "persons",
        "troops",  "soldiers",   "members",    "votes",   "tonnes",   "tons",   "dollars", "euros",
        "usd",     "eur",        "km2",        "hectares", "percent", "litas",  "m",       "kg"};
    if (i + 1 < t.size() && t[i + 1].kind == Kind::alpha)
      for (auto u : units)
        if (is(i + 1, u)) return false;
    return true;
  }

  struct Core {
    DateValue value;
    std::size_t next;   // token after the expression
    bool valid = true;  // false: a date shape with an impossible calendar date
  };

  static Core invalid(std::size_t next) { return Core{DateValue{}, next, false}; }

  // Numeric forms: 1995-11-27, 1991.09.06, 06.09.1991, 27/11/1995, 1991 09 06.
  std::optional<Core> numeric(std::size_t i) const {
    // The number must not continue a longer number or word ("A1", "3.1995").
    if (glued_before(i) && (t[i - 1].kind != Kind::punct || punct(i - 1, ".") || punct(i - 1, "/") ||
                            punct(i - 1, "-") || punct(i - 1, ",")))
      return std::nullopt;
    auto chain = [&](std::string_view sep) {
      return i + 4 < t.size() && adjacent(i) && adjacent(i + 1) && adjacent(i + 2) && adjacent(i + 3) &&
             punct(i + 1, sep) && punct(i + 3, sep) && t[i + 2].kind == Kind::digit &&
             t[i + 4].kind == Kind::digit;
    };
    // ...and must not go on after it ("1991.09.06.12", "1/2/2003/4").
    auto ends_clean = [&](std::size_t last) {
      if (!adjacent(last)) return true;
      if (t[last + 1].kind != Kind::punct) return false;
      return !(adjacent(last + 1) && last + 2 < t.size() && t[last + 2].kind == Kind::digit);
    };
    for (std::string_view sep : {std::string_view("-"), std::string_view(".")}) {
      if (digits(i, 4, 4) && chain(sep) && digits(i + 2, 1, 2) && digits(i + 4, 1, 2) && ends_clean(i + 4)) {
        int y = number(i), m = number(i + 2), d = number(i + 4);
        if (y < min_year || y > max_year) return std::nullopt;
        if (!valid_day(y, m, d)) return invalid(i + 5);
        return Core{make_day(y, m, d), i + 5};
      }
    }
    if (digits(i, 1, 2) && digits(i + 2, 1, 2) && digits(i + 4, 4, 4) && ends_clean(i + 4)) {
      int a = number(i), b = number(i + 2), y = number(i + 4);
      if (y < min_year || y > max_year) return std::nullopt;
      if (chain(".")) {  // day.month.year
        if (!valid_day(y, b, a)) return a >= 1 && a <= 31 ? std::optional<Core>(invalid(i + 5)) : std::nullopt;
        return Core{make_day(y, b, a), i + 5};
      }
      if (chain("/")) {
        if (a > 12 && b <= 12) {
          if (!valid_day(y, b, a)) return invalid(i + 5);
          return Core{make_day(y, b, a), i + 5};
        }
        if (b > 12 && a <= 12) {
          if (!valid_day(y, a, b)) return invalid(i + 5);
          return Core{make_day(y, a, b), i + 5};
        }
        if (a > 12 || a == 0 || b == 0) return invalid(i + 5);
        DateValue v;  // ambiguous order: keep the year only
        v.year = y;
        return Core{v, i + 5};
      }
    }
    // 1991 09 06: year, two-digit month and two-digit day with spaces.
    if (year_at(i) && digits(i + 1, 2, 2) && digits(i + 2, 2, 2) && !adjacent(i) && !adjacent(i + 1) &&
        !(adjacent(i + 2) && t[i + 3].kind != Kind::punct)) {
      int y = number(i), m = number(i + 1), d = number(i + 2);
      if (valid_day(y, m, d)) return Core{make_day(y, m, d), i + 3};
    }
    return std::nullopt;
  }

  // A date expression without modifier words, starting at token i.
  std::optional<Core> core(std::size_t i) const {
    if (i >= t.size()) return std::nullopt;
    if (t[i].kind == Kind::digit)
      if (auto n = numeric(i)) return n;
    // 18 September 1991, 18th of September 1991, 18 Sept. 1991.
    if (digits(i, 1, 2) && !(glued_before(i) && t[i - 1].kind != Kind::punct)) {
      std::size_t k = i + 1;
      if (adjacent(i) && ordinal_suffix(k)) ++k;
      if (is(k, "day") && is(k + 1, "of")) ++k;  // "this 23rd day of November 1971" (treaty signatures)
      if (is(k, "of")) ++k;
      std::size_t after_month = 0;
      if (int m = month(k, after_month)) {
        std::size_t y = after_month;
        if (punct(y, ",")) ++y;
        if (year_at(y)) {
          int d = number(i), year = number(y);
          if (valid_day(year, m, d)) return Core{make_day(year, m, d), y + 1};
          if (d >= 1 && d <= 31) return invalid(y + 1);
        }
      }
    }
    std::size_t after_month = 0;
    if (int m = month(i, after_month)) {
      // "may" in lower case is the verb ("it may 2004 ..." is still a year).
      bool verb = is(i, "may") && !is_upper(static_cast<unsigned char>(word(i)[0]));
      // September 18, 1991 / Sept 18 1991 / September 18th, 1991.
      std::size_t k = after_month;
      if (digits(k, 1, 2)) {
        int d = number(k);
        std::size_t y = k + 1;
        if (adjacent(k) && ordinal_suffix(y)) ++y;
        if (punct(y, ",")) ++y;
        if (year_at(y) && !verb) {
          if (valid_day(number(y), m, d)) return Core{make_day(number(y), m, d), y + 1};
          if (d >= 1 && d <= 31) return invalid(y + 1);
        }
      }
      // September 1991, September, 1991.
      std::size_t y = after_month;
      if (punct(y, ",")) ++y;
      if (year_at(y) && !verb) {
        DateValue v;
        v.year = number(y), v.month = m, v.precision = DatePrecision::month;
        return Core{v, y + 1};
      }
    }
    // Q1 2004.
    if ((punct(i, "Q") || punct(i, "q")) && adjacent(i) && digits(i + 1, 1, 1) && !adjacent(i + 1) &&
        year_at(i + 2)) {
      int q = number(i + 1);
      if (q >= 1 && q <= 4) {
        DateValue v;
        v.year = number(i + 2), v.part = q, v.precision = DatePrecision::quarter;
        return Core{v, i + 3};
      }
    }
    // 20th century.
    if (digits(i, 1, 2) && adjacent(i) && ordinal_suffix(i + 1) && is(i + 2, "century")) {
      int c = number(i);
      if (c >= 11 && c <= 21) {
        DateValue v;
        v.year = (c - 1) * 100, v.precision = DatePrecision::century;
        return Core{v, i + 3};
      }
    }
    // 1991, 1920s, 1920's, 1920’s.
    if (year_at(i)) {
      int y = number(i);
      std::size_t k = i + 1;
      bool decade = false;
      if (adjacent(i) && is(k, "s")) {
        decade = true;
        ++k;
      } else if (adjacent(i) && (punct(k, "'") || punct(k, right_quote)) && adjacent(k) && is(k + 1, "s")) {
        decade = true;
        k += 2;
      }
      if (decade && adjacent(k - 1) && t[k].kind == Kind::alpha) return std::nullopt;  // "1990sth"
      DateValue v;
      v.year = y;
      if (decade) {
        if (y % 10 != 0) return std::nullopt;
        v.precision = DatePrecision::decade;
        return Core{v, k};
      }
      return Core{v, i + 1};
    }
    return std::nullopt;
  }

  struct Found {
    std::size_t first, next;
    DateValue value;
    bool valid = true;
  };

  // A date expression at token i, with its modifier words.
  std::optional<Found> at(std::size_t i) const {
    std::size_t k = i;
    bool the = false;
    if (is(k, "the")) {
      the = true;
      ++k;
    }
    DateModifier mod = DateModifier::none;
    int half = 0, quarter = 0;
    std::size_t c = k;
    auto phrase = [&](std::initializer_list<std::string_view> words) {
      std::size_t p = k;
      for (auto w : words) {
        if (!is(p, w)) return false;
        ++p;
      }
      c = p;
      return true;
    };
    if (phrase({"end", "of"})) mod = DateModifier::end;
    else if (phrase({"beginning", "of"}) || phrase({"start", "of"})) mod = DateModifier::start;
    else if (phrase({"middle", "of"})) mod = DateModifier::mid;
    else if (phrase({"first", "half", "of"})) half = 1;
    else if (phrase({"second", "half", "of"})) half = 2;
    else if (phrase({"first", "quarter", "of"})) quarter = 1;
    else if (phrase({"second", "quarter", "of"})) quarter = 2;
    else if (phrase({"third", "quarter", "of"})) quarter = 3;
    else if (phrase({"fourth", "quarter", "of"}) || phrase({"last", "quarter", "of"})) quarter = 4;
    else if (!the) {
      if (phrase({"late"})) mod = DateModifier::end;
      else if (phrase({"early"})) mod = DateModifier::start;
      else if (phrase({"mid"})) {
        mod = DateModifier::mid;
        if (adjacent(c - 1) && (punct(c, "-") || punct(c, "\xE2\x80\x90"))) ++c;
      } else if (phrase({"since"})) mod = DateModifier::on_or_after;
      else if (phrase({"before"})) mod = DateModifier::before;
      else if (phrase({"after"})) mod = DateModifier::after;
      else if (phrase({"around"}) || phrase({"circa"}) || phrase({"about"}) || phrase({"approximately"}))
        mod = DateModifier::approx;
      else if (phrase({"c"}) || phrase({"ca"})) {
        // "c. 1990", "ca. 1990": only with the dot.
        if (adjacent(c - 1) && punct(c, ".")) {
          ++c;
          mod = DateModifier::approx;
        } else {
          c = k;
        }
      }
    }
    if (c != k) {
      std::size_t cc = c;
      bool article = is(cc, "the");  // "since the 1990s", "the middle of the 20th century"
      if (article) ++cc;
      auto found = core(cc);
      // ...but "after the 2004 enlargement" is about the enlargement.
      if (found && article && found->valid && found->value.precision >= DatePrecision::year) found.reset();
      if (found) {
        if (!found->valid) return Found{i, found->next, {}, false};
        DateValue v = found->value;
        if (half || quarter) {
          if (v.precision != DatePrecision::year || v.modifier != DateModifier::none) return std::nullopt;
          v.precision = half ? DatePrecision::half : DatePrecision::quarter;
          v.part = half ? half : quarter;
        } else {
          v.modifier = mod;
        }
        return Found{i, found->next, v};
      }
      return std::nullopt;
    }
    // No modifier words. A leading article belongs to a decade or a century
    // ("the 1920's", "the 20th century"), not to "the 2004 enlargement".
    if (auto plain = core(k)) {
      bool with_article = plain->value.precision < DatePrecision::year;
      return Found{with_article ? i : k, plain->next, plain->value, plain->valid};
    }
    return std::nullopt;
  }
};

}  // namespace

std::string DateValue::timex() const {
  char buffer[48];
  switch (precision) {
    case DatePrecision::day: std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day); break;
    case DatePrecision::month: std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month); break;
    case DatePrecision::half: std::snprintf(buffer, sizeof buffer, "%04d-H%d", year, part); break;
    case DatePrecision::quarter: std::snprintf(buffer, sizeof buffer, "%04d-Q%d", year, part); break;
    case DatePrecision::decade: std::snprintf(buffer, sizeof buffer, "%03d", year / 10); break;
    case DatePrecision::century: std::snprintf(buffer, sizeof buffer, "%02d", year / 100); break;
    case DatePrecision::year: std::snprintf(buffer, sizeof buffer, "%04d", year); break;
  }
  return buffer;
}

std::string DateValue::xsd_lexical() const {
  char buffer[48];
  switch (precision) {
    case DatePrecision::day: std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day); break;
    case DatePrecision::month: std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month); break;
    // Halves and quarters: their year. Decades and centuries: the year they
    // start in ("1920", "1900"), an approximation; timex() and the modifier
    // keep what the text said.
    default: std::snprintf(buffer, sizeof buffer, "%04d", year); break;
  }
  return buffer;
}

const char* DateValue::xsd_type() const {
  switch (precision) {
    case DatePrecision::day: return "date";
    case DatePrecision::month: return "gYearMonth";
    default: return "gYear";
  }
}

const char* DateValue::modifier_name() const {
  switch (modifier) {
    case DateModifier::none: return "";
    case DateModifier::start: return "START";
    case DateModifier::mid: return "MID";
    case DateModifier::end: return "END";
    case DateModifier::before: return "BEFORE";
    case DateModifier::after: return "AFTER";
    case DateModifier::on_or_after: return "ON_OR_AFTER";
    case DateModifier::approx: return "APPROX";
  }
  return "";
}

std::vector<DateMention> DateNormalizer::find(std::string_view text) const {
  // Tokens are made `chunk` at a time; the last `margin` tokens of a chunk
  // are only look-ahead (no expression needs more than a dozen), and the
  // next chunk starts one token early so look-behind still works.
  constexpr std::size_t chunk = 1 << 15, margin = 32;
  // Every date has a digit within `lead` tokens of its start ("the middle
  // of the 20th century" has the longest lead-in).
  constexpr std::size_t lead = 6;
  std::vector<DateMention> out;
  // No digit, no date (most sentences): skip the tokenizing.
  if (std::none_of(text.begin(), text.end(), [](char c) { return is_digit(static_cast<unsigned char>(c)); }))
    return out;
  std::size_t pos = 0;
  bool lookbehind = false;
  std::vector<std::size_t> next_digit;
  for (;;) {
    bool at_end = false;
    Scanner s{text, scan(text, pos, chunk, at_end)};
    const std::size_t n = s.t.size();
    const std::size_t limit = at_end ? n : n - margin;
    next_digit.assign(n + 1, n);
    for (std::size_t k = n; k-- > 0;) next_digit[k] = s.t[k].kind == Kind::digit ? k : next_digit[k + 1];
    std::size_t i = lookbehind ? 1 : 0;
    while (i < limit) {
      if (next_digit[i] == n) {
        i = limit;
        break;
      }
      if (next_digit[i] > i + lead) {
        i = next_digit[i] - lead;
        continue;
      }
      if (auto f = s.at(i)) {
        if (f->valid) out.push_back({s.t[f->first].begin, s.t[f->next - 1].end, f->value});
        i = f->next;
      } else {
        ++i;
      }
    }
    if (at_end) break;
    pos = s.t[i - 1].begin;
    lookbehind = true;
  }
  return out;
}

std::optional<DateValue> DateNormalizer::parse(std::string_view text) const {
  std::size_t b = 0, e = text.size();
  while (b < e && is_space(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && is_space(static_cast<unsigned char>(text[e - 1]))) --e;
  std::string_view trimmed = text.substr(b, e - b);
  auto found = find(trimmed);
  if (found.size() == 1 && found[0].begin == 0 && found[0].end == trimmed.size()) return found[0].value;
  return std::nullopt;
}

}  // namespace diplograph
