// Dates said relative to another: "that year", "the following year", "two
// years later", "on 1 January of that year", "the same month".
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>

#include "structure.hpp"

namespace diplograph::detail {

// Dates said relative to the last one named: "that year", "later that
// year", "the following year", "two years later", "on 1 January of that
// year", "in March that year". The anchor is the last date of this
// sentence before the phrase, else of an earlier sentence in the same or
// the previous block (`earlier`).
void resolve_relative_dates(std::string_view doc_text, SentenceAnalysis& s,
                                   const std::optional<DateValue>& earlier) {
  static const std::array<std::string_view, 12> months{"january", "february", "march",     "april",
                                                       "may",     "june",     "july",      "august",
                                                       "september", "october", "november", "december"};
  static const std::array<std::string_view, 10> numbers{"one", "two", "three", "four", "five",
                                                        "six", "seven", "eight", "nine", "ten"};
  // Most sentences have no such phrase: each one names a year, month, day or date.
  bool unit = false;
  for (const Token& t : s.tokens) {
    std::string_view w = piece(doc_text, t);
    if (w == "year" || w == "years" || w == "month" || w == "months" || w == "day" || w == "days" ||
        w == "date" || w == "week" || w == "weeks")
      unit = true;
  }
  if (!unit) return;
  auto word = [&](std::size_t i) { return i < s.tokens.size() ? ascii_lower(piece(doc_text, s.tokens[i])) : std::string(); };
  auto covered = [&](std::size_t i) {
    return std::any_of(s.dates.begin(), s.dates.end(), [&](const DateMention& d) {
      return d.begin <= s.tokens[i].begin && s.tokens[i].end <= d.end;
    });
  };
  std::vector<DateMention> added;
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    if (covered(i)) continue;
    std::optional<DateValue> anchor = earlier;
    for (const DateMention& d : s.dates)
      if (d.end <= s.tokens[i].begin) anchor = d.value;
    if (!anchor || anchor->year == 0) continue;
    std::size_t first = i, last = 0;
    int offset = 0;
    int month = 0, day = 0;
    // [day] Month (of) that year
    std::size_t k = i;
    if (s.tokens[k].kind == TokenKind::number) {
      int n = std::atoi(std::string(piece(doc_text, s.tokens[k])).c_str());
      if (n >= 1 && n <= 31 && std::find(months.begin(), months.end(), word(k + 1)) != months.end()) {
        day = n;
        ++k;
      }
    }
    if (auto m = std::find(months.begin(), months.end(), word(k)); m != months.end() && s.tokens[k].capitalized) {
      std::size_t j = k + 1;
      if (word(j) == "of") ++j;
      if ((word(j) == "that" && word(j + 1) == "year") ||
          (word(j) == "the" && word(j + 1) == "same" && word(j + 2) == "year")) {
        month = static_cast<int>(m - months.begin()) + 1;
        last = word(j) == "that" ? j + 1 : j + 2;
      } else {
        day = 0;
      }
    }
    if (!last) {
      std::string w = word(i);
      if (w == "that" && word(i + 1) == "year") last = i + 1;
      else if (w == "that" && word(i + 1) == "month" && anchor->precision >= DatePrecision::month)
        last = i + 1, month = anchor->month;
      else if (w == "that" && word(i + 1) == "day" && anchor->precision == DatePrecision::day)
        last = i + 1, month = anchor->month, day = anchor->day;
      else if (w == "the" && word(i + 1) == "same" && word(i + 2) == "year") last = i + 2;
      else if (w == "the" && word(i + 1) == "same" && word(i + 2) == "month" &&
               anchor->precision >= DatePrecision::month)
        last = i + 2, month = anchor->month;
      else if (w == "the" && word(i + 1) == "same" && (word(i + 2) == "day" || word(i + 2) == "date") &&
               anchor->precision == DatePrecision::day)
        last = i + 2, month = anchor->month, day = anchor->day;
      else if (w == "that" && word(i + 1) == "same" && word(i + 2) == "year") last = i + 2;
      else if ((w == "the" || w == "that") && word(i + 1) == "following" && word(i + 2) == "year")
        last = i + 2, offset = 1;
      else if (w == "the" && word(i + 1) == "next" && word(i + 2) == "year") last = i + 2, offset = 1;
      else if (w == "the" && word(i + 1) == "year" && word(i + 2) == "after") last = i + 2, offset = 1;
      else if ((w == "a" || w == "one") && word(i + 1) == "year" && word(i + 2) == "later") last = i + 2, offset = 1;
      else if (word(i + 1) == "years" && word(i + 2) == "later") {
        auto n = std::find(numbers.begin(), numbers.end(), w);
        int count = n != numbers.end() ? static_cast<int>(n - numbers.begin()) + 1
                                       : (s.tokens[i].kind == TokenKind::number ? std::atoi(w.c_str()) : 0);
        if (count > 0 && count < 100) last = i + 2, offset = count;
      } else if (word(i + 2) == "later" && (word(i + 1) == "months" || word(i + 1) == "month" ||
                                            word(i + 1) == "weeks" || word(i + 1) == "week" ||
                                            word(i + 1) == "days" || word(i + 1) == "day")) {
        // "four months later", "a week later", "ten days later": at the
        // anchor's precision only (a month needs a month, a day a day).
        auto n = std::find(numbers.begin(), numbers.end(), w);
        int count = w == "a" ? 1
                    : n != numbers.end() ? static_cast<int>(n - numbers.begin()) + 1
                                         : (s.tokens[i].kind == TokenKind::number ? std::atoi(w.c_str()) : 0);
        const std::string unit_word = word(i + 1);
        const bool months_unit = unit_word.starts_with("month");
        if (count > 0 && count < 400) {
          if (months_unit && anchor->precision >= DatePrecision::month) {
            int total = anchor->month - 1 + count;
            DateValue later{anchor->year + total / 12, total % 12 + 1, 0, 0, DatePrecision::month, DateModifier::none};
            added.push_back({s.tokens[first].begin, s.tokens[i + 2].end, later});
            i += 2;
            continue;
          }
          if (!months_unit && anchor->precision == DatePrecision::day) {
            const int days = unit_word.starts_with("week") ? 7 * count : count;
            std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::year_month_day{
                                                std::chrono::year{anchor->year},
                                                std::chrono::month{static_cast<unsigned>(anchor->month)},
                                                std::chrono::day{static_cast<unsigned>(anchor->day)}}} +
                                            std::chrono::days{days}};
            DateValue later{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                            static_cast<int>(static_cast<unsigned>(ymd.day())), 0, DatePrecision::day,
                            DateModifier::none};
            added.push_back({s.tokens[first].begin, s.tokens[i + 2].end, later});
            i += 2;
            continue;
          }
        }
      }
    }
    if (!last) continue;
    DateValue value{anchor->year + offset, 0, 0, 0, DatePrecision::year, DateModifier::none};
    if (month) {
      value.month = month;
      value.precision = DatePrecision::month;
      if (day) value.day = day, value.precision = DatePrecision::day;
    }
    added.push_back({s.tokens[first].begin, s.tokens[last].end, value});
    i = last;
  }
  if (added.empty()) return;
  s.dates.insert(s.dates.end(), added.begin(), added.end());
  std::sort(s.dates.begin(), s.dates.end(),
            [](const DateMention& a, const DateMention& b) { return a.begin < b.begin; });
}

}  // namespace diplograph::detail
