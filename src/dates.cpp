#include "diplograph/dates.hpp"

#include <array>
#include <cctype>
#include <cstdio>

namespace diplograph {
namespace {

enum class Kind { alpha, digit, punct };

struct Tok {
  std::size_t begin, end;
  Kind kind;
};

// ASCII-level tokens: letter runs, digit runs, and single punctuation
// characters (a multi-byte UTF-8 character is one punctuation token).
std::vector<Tok> scan(std::string_view text) {
  std::vector<Tok> out;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    Kind kind = Kind::punct;
    if (std::isalpha(c)) {
      kind = Kind::alpha;
      while (j < n && std::isalpha(static_cast<unsigned char>(text[j]))) ++j;
    } else if (std::isdigit(c)) {
      kind = Kind::digit;
      while (j < n && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    } else if (c >= 0xC0) {
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

struct Scanner {
  std::string_view text;
  std::vector<Tok> t;

  std::string_view word(std::size_t i) const { return text.substr(t[i].begin, t[i].end - t[i].begin); }
  bool is(std::size_t i, std::string_view w) const {
    if (i >= t.size()) return false;
    std::string_view x = word(i);
    if (x.size() != w.size()) return false;
    for (std::size_t k = 0; k < x.size(); ++k)
      if (std::tolower(static_cast<unsigned char>(x[k])) != w[k]) return false;
    return true;
  }
  bool adjacent(std::size_t i) const { return i + 1 < t.size() && t[i].end == t[i + 1].begin; }
  bool digits(std::size_t i, std::size_t min, std::size_t max) const {
    return i < t.size() && t[i].kind == Kind::digit && t[i].end - t[i].begin >= min &&
           t[i].end - t[i].begin <= max;
  }
  int number(std::size_t i) const {
    int v = 0;
    for (char c : word(i)) v = v * 10 + (c - '0');
    return v;
  }

  // Month name at i (full or abbreviated, optional '.'); returns month and
  // sets `next` to the token after it.
  int month(std::size_t i, std::size_t& next) const {
    static constexpr std::array<std::string_view, 12> full{
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    static constexpr std::array<std::string_view, 13> shorts{
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "sept"};
    if (i >= t.size() || t[i].kind != Kind::alpha) return 0;
    for (std::size_t m = 0; m < 12; ++m)
      if (is(i, full[m])) {
        next = i + 1;
        return static_cast<int>(m) + 1;
      }
    for (std::size_t m = 0; m < shorts.size(); ++m)
      if (is(i, shorts[m])) {
        next = i + 1;
        if (adjacent(i) && word(i + 1) == ".") next = i + 2;
        else if (m == 4) return 0;  // "may" is only a month as "May"
        return m == 12 ? 9 : static_cast<int>(m) + 1;
      }
    return 0;
  }

  bool ordinal_suffix(std::size_t i) const {
    return i < t.size() && (is(i, "st") || is(i, "nd") || is(i, "rd") || is(i, "th"));
  }

  // A four-digit year at i that stands alone: not part of a longer number
  // ("1,991", "1991.5"), an amount ("$2000") or a measure ("2000 km").
  bool year_at(std::size_t i) const {
    if (!digits(i, 4, 4)) return false;
    int y = number(i);
    if (y < min_year || y > max_year) return false;
    if (i > 0 && t[i - 1].end == t[i].begin) {
      std::string_view before = word(i - 1);
      if (t[i - 1].kind != Kind::punct || before == "." || before == "," || before == "$" ||
          before == "\xE2\x82\xAC" || before == "\xC2\xA3")
        return false;
    }
    if (adjacent(i)) {
      std::string_view after = word(i + 1);
      if (t[i + 1].kind == Kind::alpha && !is(i + 1, "s")) return false;
      if ((after == "." || after == ",") && i + 2 < t.size() && adjacent(i + 1) &&
          t[i + 2].kind == Kind::digit)
        return false;
      if (after == "%") return false;
    }
    static constexpr std::array<std::string_view, 22> units{
        "km",     "kilometres", "kilometers", "miles",  "metres", "meters",  "people", "persons",
        "troops", "soldiers",   "members",    "votes",  "tonnes", "tons",    "dollars", "euros",
        "usd",    "eur",        "km2",        "hectares", "m",    "percent"};
    if (i + 1 < t.size())
      for (auto u : units)
        if (is(i + 1, u)) return false;
    return true;
  }

  struct Core {
    DateValue value;
    std::size_t next;  // token after the expression
  };

  // A date expression without modifiers starting at token i.
  std::optional<Core> core(std::size_t i) const {
    if (i >= t.size()) return std::nullopt;
    DateValue v;
    // ISO 1995-11-27 and 1991.09.06 (no spaces).
    if (digits(i, 4, 4) && adjacent(i) && i + 4 < t.size() && adjacent(i + 1) && adjacent(i + 2) &&
        adjacent(i + 3) && (word(i + 1) == "-" || word(i + 1) == ".") && word(i + 3) == word(i + 1) &&
        digits(i + 2, 1, 2) && digits(i + 4, 1, 2) && !adjacent(i + 4)) {
      int y = number(i), m = number(i + 2), d = number(i + 4);
      if (y >= min_year && y <= max_year && valid_day(y, m, d)) {
        v.year = y, v.month = m, v.day = d, v.precision = DatePrecision::day;
        return Core{v, i + 5};
      }
      return std::nullopt;
    }
    // 06.09.1991 (day.month.year).
    if (digits(i, 1, 2) && adjacent(i) && i + 4 < t.size() && word(i + 1) == "." && adjacent(i + 1) &&
        digits(i + 2, 1, 2) && adjacent(i + 2) && word(i + 3) == "." && adjacent(i + 3) &&
        digits(i + 4, 4, 4) && (i == 0 || t[i - 1].end != t[i].begin)) {
      int d = number(i), m = number(i + 2), y = number(i + 4);
      if (y >= min_year && y <= max_year && valid_day(y, m, d)) {
        v.year = y, v.month = m, v.day = d, v.precision = DatePrecision::day;
        return Core{v, i + 5};
      }
    }
    // 1991 09 06 (year month day, spaces, two-digit month and day).
    if (year_at(i) && digits(i + 1, 2, 2) && digits(i + 2, 2, 2) && !adjacent(i) && !adjacent(i + 1) &&
        !(adjacent(i + 2) && t[i + 3].kind != Kind::punct)) {
      int y = number(i), m = number(i + 1), d = number(i + 2);
      if (valid_day(y, m, d)) {
        v.year = y, v.month = m, v.day = d, v.precision = DatePrecision::day;
        return Core{v, i + 3};
      }
    }
    // 18 September 1991, 18th of September 1991.
    if (digits(i, 1, 2) && !(i > 0 && t[i - 1].end == t[i].begin && t[i - 1].kind != Kind::punct)) {
      std::size_t k = i + 1;
      if (adjacent(i) && ordinal_suffix(k)) ++k;
      if (is(k, "of")) ++k;
      std::size_t after_month = 0;
      int m = month(k, after_month);
      if (m) {
        std::size_t y = after_month;
        if (y < t.size() && word(y) == ",") ++y;
        if (year_at(y) && valid_day(number(y), m, number(i))) {
          v.year = number(y), v.month = m, v.day = number(i), v.precision = DatePrecision::day;
          return Core{v, y + 1};
        }
      }
    }
    std::size_t after_month = 0;
    if (int m = month(i, after_month)) {
      // September 18, 1991 / September 18th 1991.
      std::size_t k = after_month;
      if (digits(k, 1, 2)) {
        int d = number(k);
        std::size_t y = k + 1;
        if (adjacent(k) && ordinal_suffix(y)) ++y;
        if (y < t.size() && word(y) == ",") ++y;
        if (year_at(y) && valid_day(number(y), m, d)) {
          v.year = number(y), v.month = m, v.day = d, v.precision = DatePrecision::day;
          return Core{v, y + 1};
        }
      }
      // September 1991, September, 1991.
      std::size_t y = after_month;
      if (y < t.size() && word(y) == ",") ++y;
      if (year_at(y) && !(month_is_may_verb(i) && !std::isupper(static_cast<unsigned char>(word(i)[0])))) {
        v.year = number(y), v.month = m, v.precision = DatePrecision::month;
        return Core{v, y + 1};
      }
    }
    // Q1 2004.
    if (i + 2 < t.size() && (word(i) == "Q" || word(i) == "q") && adjacent(i) && digits(i + 1, 1, 1) &&
        year_at(i + 2)) {
      int q = number(i + 1);
      if (q >= 1 && q <= 4) {
        v.year = number(i + 2), v.part = q, v.precision = DatePrecision::quarter;
        return Core{v, i + 3};
      }
    }
    // 20th century.
    if (digits(i, 1, 2) && adjacent(i) && ordinal_suffix(i + 1) && is(i + 2, "century")) {
      int c = number(i);
      if (c >= 11 && c <= 21) {
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
      } else if (adjacent(i) && k + 1 < t.size() &&
                 (word(k) == "'" || word(k) == "\xE2\x80\x99") && adjacent(k) && is(k + 1, "s")) {
        decade = true;
        k += 2;
      }
      if (decade) {
        if (y % 10 != 0) return std::nullopt;
        v.year = y, v.precision = DatePrecision::decade;
        return Core{v, k};
      }
      v.year = y, v.precision = DatePrecision::year;
      return Core{v, i + 1};
    }
    return std::nullopt;
  }

  bool month_is_may_verb(std::size_t i) const { return is(i, "may"); }

  struct Found {
    std::size_t first, next;
    DateValue value;
  };

  // Modifier phrases before a core expression.
  std::optional<Found> at(std::size_t i) const {
    std::size_t k = i;
    bool the = false;
    if (is(k, "the")) {
      the = true;
      ++k;
    }
    DateModifier mod = DateModifier::none;
    int half = 0, quarter = 0;
    bool middle_of = false;
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
    else if (phrase({"middle", "of"})) mod = DateModifier::mid, middle_of = true;
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
        if (c < t.size() && word(c) == "-" && adjacent(c - 1)) ++c;
      } else if (phrase({"since"})) mod = DateModifier::on_or_after;
      else if (phrase({"before"})) mod = DateModifier::before;
      else if (phrase({"after"})) mod = DateModifier::after;
      else if (phrase({"around"}) || phrase({"circa"}) || phrase({"about"}) || phrase({"approximately"}))
        mod = DateModifier::approx;
      else if (phrase({"c"}) && c < t.size() && word(c) == "." && adjacent(c - 1)) {
        ++c;
        mod = DateModifier::approx;
      }
    }
    bool has_prefix = c != i;
    if (has_prefix) {
      std::size_t cc = c;
      if (is(cc, "the") && c != k) ++cc;  // "since the 1990s", "middle of the 20th century"
      if (auto core_value = core(cc)) {
        DateValue v = core_value->value;
        if (half) {
          if (v.precision != DatePrecision::year) return std::nullopt;
          v.precision = DatePrecision::half, v.part = half;
        } else if (quarter) {
          if (v.precision != DatePrecision::year) return std::nullopt;
          v.precision = DatePrecision::quarter, v.part = quarter;
        } else {
          v.modifier = mod;
        }
        (void)middle_of;
        return Found{i, core_value->next, v};
      }
      if (the) {
        // "the 1920's": the article is not part of the date.
        if (auto plain = core(k)) return Found{k, plain->next, plain->value};
      }
      return std::nullopt;
    }
    if (auto plain = core(i)) return Found{i, plain->next, plain->value};
    return std::nullopt;
  }
};

}  // namespace

std::string DateValue::timex() const {
  char buffer[32];
  switch (precision) {
    case DatePrecision::day: std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day); break;
    case DatePrecision::month: std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month); break;
    case DatePrecision::half: std::snprintf(buffer, sizeof buffer, "%04d-H%d", year, part); break;
    case DatePrecision::quarter: std::snprintf(buffer, sizeof buffer, "%04d-Q%d", year, part); break;
    case DatePrecision::decade: std::snprintf(buffer, sizeof buffer, "%03d", year / 10); break;
    case DatePrecision::century: std::snprintf(buffer, sizeof buffer, "%02d", year / 100); break;
    default: std::snprintf(buffer, sizeof buffer, "%04d", year); break;
  }
  return buffer;
}

std::string DateValue::xsd_lexical() const {
  char buffer[32];
  switch (precision) {
    case DatePrecision::day: std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day); break;
    case DatePrecision::month: std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month); break;
    // Halves, quarters, decades and centuries: the year they start in; the
    // TIMEX3 value (dg:timexValue) keeps what the text said.
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
  Scanner s{text, scan(text)};
  std::vector<DateMention> out;
  // Every date has digits within a few tokens of its start ("the second
  // half of 2013" is the longest lead-in): skip stretches without any.
  std::vector<std::size_t> next_digit(s.t.size() + 1, s.t.size());
  for (std::size_t k = s.t.size(); k-- > 0;)
    next_digit[k] = s.t[k].kind == Kind::digit ? k : next_digit[k + 1];
  std::size_t i = 0;
  while (i < s.t.size()) {
    if (next_digit[i] == s.t.size()) break;
    if (next_digit[i] > i + 6) {
      i = next_digit[i] - 6;
      continue;
    }
    if (auto f = s.at(i)) {
      out.push_back({s.t[f->first].begin, s.t[f->next - 1].end, f->value});
      i = f->next;
    } else {
      ++i;
    }
  }
  return out;
}

std::optional<DateValue> DateNormalizer::parse(std::string_view text) const {
  std::size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  std::string_view trimmed = text.substr(b, e - b);
  auto found = find(trimmed);
  if (found.size() == 1 && found[0].begin == 0 && found[0].end == trimmed.size()) return found[0].value;
  return std::nullopt;
}

}  // namespace diplograph
