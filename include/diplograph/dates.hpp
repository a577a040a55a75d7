#pragma once
/// Date recognition and normalization to ISO 8601 / TIMEX3 values.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diplograph {

enum class DatePrecision { century, decade, year, half, quarter, month, day };

/// TIMEX3 modifiers we produce.
enum class DateModifier { none, start, mid, end, before, after, on_or_after, approx };

struct DateValue {
  int year = 0;
  int month = 0;    ///< 1..12, 0 unknown
  int day = 0;      ///< 1..31, 0 unknown
  int part = 0;     ///< half (1..2) or quarter (1..4) when precision says so
  DatePrecision precision = DatePrecision::year;
  DateModifier modifier = DateModifier::none;

  /// TIMEX3 value: "1991-09-18", "1991-09", "2002", "2013-H2", "2004-Q1", "199" (decade), "19" (century).
  std::string timex() const;
  /// The xsd lexical form at the best precision xsd can say: date, gYearMonth
  /// or gYear ("2013-H2" -> "2013").
  std::string xsd_lexical() const;
  /// "date", "gYearMonth" or "gYear" (local name in the xsd namespace).
  const char* xsd_type() const;
  /// TIMEX3 modifier name ("END", "ON_OR_AFTER"), empty for none.
  const char* modifier_name() const;
  /// True when the value says less than a calendar date/month/year would
  /// (a modifier, a half, a quarter, a decade, a century).
  bool is_vague() const { return modifier != DateModifier::none || precision < DatePrecision::year || precision == DatePrecision::half || precision == DatePrecision::quarter; }

  friend bool operator==(const DateValue&, const DateValue&) = default;
};

struct DateMention {
  std::size_t begin = 0;  ///< byte offsets in the text given to find()
  std::size_t end = 0;
  DateValue value;
};

/// Finds and normalizes dates in English text: "18 September 1991",
/// "September 18, 1991", "1995-11-27", "1991 09 06", "1991", "March 2004",
/// "late 2002", "the second half of 2013", "22 September 1921/6 November 1991"
/// (two mentions), "Since 2014" (ON_OR_AFTER), "In 2010", "1920's" (decade).
/// Invalid calendar dates (31 February) are not dates.
class DateNormalizer {
 public:
  /// All date mentions, left to right, non-overlapping. Offsets are relative to `text`.
  std::vector<DateMention> find(std::string_view text) const;
  /// Normalizes a string that is exactly one date expression (trimmed), or nullopt.
  std::optional<DateValue> parse(std::string_view text) const;
};

}  // namespace diplograph
