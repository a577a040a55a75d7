#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "diplograph/dates.hpp"

using namespace diplograph;

namespace {
// TIMEX value of a whole expression, "/MODIFIER" appended, or "none".
std::string timex(std::string_view text) {
  auto v = DateNormalizer{}.parse(text);
  if (!v) return "none";
  std::string out = v->timex();
  if (v->modifier_name()[0]) out += std::string("/") + v->modifier_name();
  return out;
}
// TIMEX values of every mention in running text.
std::vector<std::string> all(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& m : DateNormalizer{}.find(text)) out.push_back(m.value.timex());
  return out;
}
// The covered text of every mention.
std::vector<std::string> spans(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& m : DateNormalizer{}.find(text)) out.emplace_back(text.substr(m.begin, m.end - m.begin));
  return out;
}
using strings = std::vector<std::string>;
}  // namespace

TEST_CASE("dates: day month year forms") {
  CHECK(timex("18 September 1991") == "1991-09-18");
  CHECK(timex("18 Sept. 1991") == "1991-09-18");
  CHECK(timex("18 Sep 1991") == "1991-09-18");
  CHECK(timex("18th of September 1991") == "1991-09-18");
  CHECK(timex("23rd day of November 1971") == "1971-11-23");  // treaty signatures
  CHECK(timex("5th day of May, 2003") == "2003-05-05");
  CHECK(timex("1st of May 2004") == "2004-05-01");
  CHECK(timex("18 september, 1991") == "1991-09-18");
  CHECK(timex("September 18, 1991") == "1991-09-18");
  CHECK(timex("Sept 18 1991") == "1991-09-18");
  CHECK(timex("Sept. 18 1991") == "1991-09-18");
  CHECK(timex("September 18th, 1991") == "1991-09-18");
  CHECK(timex("SEPTEMBER 18, 1991") == "1991-09-18");
  CHECK(timex("Jan. 5, 2000") == "2000-01-05");
  CHECK(timex("Feb 5 2000") == "2000-02-05");
  CHECK(timex("Dec. 31 1999") == "1999-12-31");
}

TEST_CASE("dates: numeric forms") {
  CHECK(timex("1995-11-27") == "1995-11-27");
  CHECK(timex("1991 09 06") == "1991-09-06");
  CHECK(timex("1991.09.06") == "1991-09-06");
  CHECK(timex("06.09.1991") == "1991-09-06");
  CHECK(timex("27/11/1995") == "1995-11-27");  // day above 12: day/month/year
  CHECK(timex("11/27/1995") == "1995-11-27");  // second above 12: month/day/year
  CHECK(timex("05/06/1995") == "1995");        // ambiguous order: the year only
  CHECK(timex("1991 13 06") == "none");        // not a month: "1991" alone is not the whole text
  CHECK(all("1991 13 06") == strings{"1991"});
  CHECK(all("in 1991 10 people") == strings{"1991"});
}

TEST_CASE("dates: months, years, decades and centuries") {
  CHECK(timex("September 1991") == "1991-09");
  CHECK(timex("Sept. 1991") == "1991-09");
  CHECK(timex("March 2004") == "2004-03");
  CHECK(timex("May 2004") == "2004-05");
  CHECK(timex("1991") == "1991");
  CHECK(timex("1000") == "1000");
  CHECK(timex("2100") == "2100");
  CHECK(timex("999") == "none");
  CHECK(timex("2101") == "none");
  CHECK(timex("1920's") == "192");
  CHECK(timex("1920s") == "192");
  CHECK(timex("1920\xE2\x80\x99s") == "192");
  CHECK(timex("1925s") == "none");
  CHECK(spans("in the 1920\xE2\x80\x99s.") == strings{"the 1920\xE2\x80\x99s"});
  CHECK(timex("the 1920\xE2\x80\x99s") == "192");
  CHECK(spans("after the 2004 enlargement") == strings{"2004"});
  CHECK(timex("the 20th century") == "19");
  CHECK(timex("the 19th century") == "18");
  CHECK(timex("the middle of the 20th century") == "19/MID");
  auto century = DateNormalizer{}.parse("the 20th century");
  REQUIRE(century);
  CHECK(century->precision == DatePrecision::century);
  CHECK(century->year == 1900);
}

TEST_CASE("dates: modifiers") {
  CHECK(timex("late 2002") == "2002/END");
  CHECK(timex("the end of 2002") == "2002/END");
  CHECK(timex("early 2002") == "2002/START");
  CHECK(timex("the beginning of 2002") == "2002/START");
  CHECK(timex("the start of 2002") == "2002/START");
  CHECK(timex("mid-2002") == "2002/MID");
  CHECK(timex("mid 2002") == "2002/MID");
  CHECK(timex("the middle of 2002") == "2002/MID");
  CHECK(timex("late September 1991") == "1991-09/END");
  CHECK(timex("before 1990") == "1990/BEFORE");
  CHECK(timex("after 1990") == "1990/AFTER");
  CHECK(timex("since 2014") == "2014/ON_OR_AFTER");
  CHECK(timex("Since 2014") == "2014/ON_OR_AFTER");
  CHECK(timex("since the 1990s") == "199/ON_OR_AFTER");
  CHECK(timex("around 1990") == "1990/APPROX");
  CHECK(timex("circa 1990") == "1990/APPROX");
  CHECK(timex("c. 1990") == "1990/APPROX");
  CHECK(timex("about 1990") == "1990/APPROX");
  CHECK(timex("Late 2002") == "2002/END");
  // "c" without its dot is no modifier.
  CHECK(spans("grade c 1990") == strings{"1990"});
}

TEST_CASE("dates: halves and quarters") {
  CHECK(timex("the second half of 2013") == "2013-H2");
  CHECK(timex("the first half of 2013") == "2013-H1");
  CHECK(timex("the first quarter of 2004") == "2004-Q1");
  CHECK(timex("the fourth quarter of 2004") == "2004-Q4");
  CHECK(timex("Q1 2004") == "2004-Q1");
  CHECK(timex("Q3 2004") == "2004-Q3");
  CHECK(timex("Q5 2004") == "none");
  auto half = DateNormalizer{}.parse("the second half of 2013");
  REQUIRE(half);
  CHECK(half->precision == DatePrecision::half);
  CHECK(half->part == 2);
  CHECK(half->year == 2013);
}

TEST_CASE("dates: two dates, slashes and ranges") {
  CHECK(all("22 September 1921/6 November 1991") == strings{"1921-09-22", "1991-11-06"});
  CHECK(spans("22 September 1921/6 November 1991") == strings{"22 September 1921", "6 November 1991"});
  CHECK(all("1921/1991") == strings{"1921", "1991"});
  CHECK(all("from 1991\xE2\x80\x93" "1992") == strings{"1991", "1992"});
  CHECK(all("1991-1992") == strings{"1991", "1992"});
  CHECK(all("between 1990 and 1995") == strings{"1990", "1995"});
}

TEST_CASE("dates: spans inside sentences") {
  std::string_view text = "It joined on 1 May 2004, and left.";
  auto found = DateNormalizer{}.find(text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].begin == 13);
  CHECK(found[0].end == 23);
  CHECK(text.substr(found[0].begin, found[0].end - found[0].begin) == "1 May 2004");
  CHECK(found[0].value.precision == DatePrecision::day);

  auto in = DateNormalizer{}.find("In 2010, it grew.");
  REQUIRE(in.size() == 1);
  CHECK(in[0].value.timex() == "2010");
  CHECK(in[0].value.modifier == DateModifier::none);
  CHECK(in[0].begin == 3);

  auto on = DateNormalizer{}.find("On 1 May 2004, it joined.");
  REQUIRE(on.size() == 1);
  CHECK(on[0].value.timex() == "2004-05-01");

  auto since = DateNormalizer{}.find("Since 2014, Lithuania participates.");
  REQUIRE(since.size() == 1);
  CHECK(since[0].begin == 0);
  CHECK(since[0].end == 10);
  CHECK(since[0].value.modifier == DateModifier::on_or_after);

  CHECK(spans("It happened in late 2002 and the end of 2003.") == strings{"late 2002", "the end of 2003"});
  CHECK(spans("In the second half of 2013 it grew.") == strings{"the second half of 2013"});
  CHECK(spans("Since 1992, the US committed $100 million") == strings{"Since 1992"});
  CHECK(spans("signed on January 16, 1998 in Washington") == strings{"January 16, 1998"});
  CHECK(spans("(1991)") == strings{"1991"});
  CHECK(spans("year 1991.") == strings{"1991"});
}

TEST_CASE("dates: invalid calendar dates are not dates") {
  CHECK(timex("31 February 2001") == "none");
  CHECK(all("on 31 February 2001 it") == strings{});
  CHECK(timex("29 February 2001") == "none");
  CHECK(timex("29 February 2004") == "2004-02-29");
  CHECK(timex("29 February 2000") == "2000-02-29");
  CHECK(timex("29 February 1900") == "none");
  CHECK(timex("31 April 2004") == "none");
  CHECK(timex("2001-13-01") == "none");
  CHECK(all("2001-13-01") == strings{});
  CHECK(timex("2001-02-30") == "none");
  CHECK(timex("30.02.2001") == "none");
  CHECK(timex("February 30, 2001") == "none");
  CHECK(all("February 30, 2001") == strings{});
  CHECK(timex("31/31/2001") == "none");
  // A number that cannot be a day is not part of the date.
  CHECK(spans("Article 45 May 2004") == strings{"May 2004"});
}

TEST_CASE("dates: May the verb and other words") {
  CHECK(all("We may go.").empty());
  CHECK(all("May I come?").empty());
  CHECK(all("It may 2004 happen") == strings{"2004"});  // the year still counts
  CHECK(all("it may 1, 2004") == strings{"2004"});
  CHECK(all("in May").empty());
  CHECK(all("March on, mar the day, September is nice").empty());
}

TEST_CASE("dates: numbers that are not years") {
  CHECK(all("1,991 people").empty());
  CHECK(all("19910").empty());
  CHECK(all("1991.5").empty());
  CHECK(all("a 2000 km border").empty());
  CHECK(all("1500 troops and 2000 people").empty());
  CHECK(all("$1999 and \xE2\x82\xAC" "2000").empty());
  CHECK(all("1991%").empty());
  CHECK(all("A1991 B2004x").empty());
  CHECK(all("10,2000").empty());
  CHECK(all("1.2.3.2004.5").empty());
}

TEST_CASE("dates: xsd and TIMEX forms") {
  DateNormalizer n;
  auto day = n.parse("1 May 2004");
  REQUIRE(day);
  CHECK(day->timex() == "2004-05-01");
  CHECK(day->xsd_lexical() == "2004-05-01");
  CHECK(std::string(day->xsd_type()) == "date");
  CHECK(std::string(day->modifier_name()).empty());
  CHECK_FALSE(day->is_vague());

  auto month = n.parse("March 2004");
  REQUIRE(month);
  CHECK(month->xsd_lexical() == "2004-03");
  CHECK(std::string(month->xsd_type()) == "gYearMonth");

  auto year = n.parse("2004");
  REQUIRE(year);
  CHECK(year->xsd_lexical() == "2004");
  CHECK(std::string(year->xsd_type()) == "gYear");
  CHECK_FALSE(year->is_vague());

  auto half = n.parse("the second half of 2013");
  REQUIRE(half);
  CHECK(half->xsd_lexical() == "2013");
  CHECK(std::string(half->xsd_type()) == "gYear");
  CHECK(half->is_vague());

  auto quarter = n.parse("Q1 2004");
  REQUIRE(quarter);
  CHECK(quarter->xsd_lexical() == "2004");
  CHECK(quarter->is_vague());

  auto decade = n.parse("1920s");
  REQUIRE(decade);
  CHECK(decade->timex() == "192");
  CHECK(decade->xsd_lexical() == "1920");
  CHECK(std::string(decade->xsd_type()) == "gYear");
  CHECK(decade->is_vague());

  auto century = n.parse("the 20th century");
  REQUIRE(century);
  CHECK(century->xsd_lexical() == "1900");
  CHECK(std::string(century->xsd_type()) == "gYear");

  auto late = n.parse("late 2002");
  REQUIRE(late);
  CHECK(std::string(late->modifier_name()) == "END");
  CHECK(late->is_vague());

  DateValue v;
  v.year = 33;
  CHECK(v.timex() == "0033");
  CHECK(v.xsd_lexical() == "0033");
  const char* names[] = {"", "START", "MID", "END", "BEFORE", "AFTER", "ON_OR_AFTER", "APPROX"};
  for (int m = 0; m < 8; ++m) {
    v.modifier = static_cast<DateModifier>(m);
    CHECK(std::string(v.modifier_name()) == names[m]);
  }
}

TEST_CASE("dates: parse trims and wants exactly one whole expression") {
  DateNormalizer n;
  CHECK(n.parse("  1991 \n"));
  CHECK_FALSE(n.parse("in 1991"));
  CHECK_FALSE(n.parse("1991 and 1992"));
  CHECK_FALSE(n.parse(""));
  CHECK_FALSE(n.parse("   "));
}

TEST_CASE("dates: any bytes, huge inputs") {
  CHECK(all("\xff\xfe\x80 2004") == strings{"2004"});
  CHECK(all(std::string_view("\0 2004 \0", 8)) == strings{"2004"});
  CHECK(all("\xE2\x80") == strings{});  // truncated UTF-8
  CHECK(all("\xC3") == strings{});
  std::string bytes;
  for (int i = 0; i < 256 * 64; ++i) bytes += static_cast<char>((i * 7919) & 0xff);
  (void)DateNormalizer{}.find(bytes);  // no crash

  // Many chunks: dates on either side of every chunk boundary are found once.
  std::string big;
  std::size_t expected = 0;
  for (int i = 0; i < 40000; ++i) {
    big += "word, 1991 . the second half of 2013 x ";
    expected += 2;
  }
  auto found = DateNormalizer{}.find(big);
  CHECK(found.size() == expected);
  bool ordered = true;
  for (std::size_t i = 1; i < found.size(); ++i)
    if (found[i].begin < found[i - 1].end) ordered = false;
  CHECK(ordered);
  std::size_t halves = 0;
  for (const auto& m : found)
    if (m.value.precision == DatePrecision::half) ++halves;
  CHECK(halves == expected / 2);

  std::string digits(5'000'000, '7');  // one huge number, no year
  CHECK(DateNormalizer{}.find(digits).empty());
  std::string words;
  for (int i = 0; i < 200000; ++i) words += "the end of ";
  words += "2002";
  auto last = DateNormalizer{}.find(words);
  REQUIRE(last.size() == 1);
  CHECK(last[0].value.modifier == DateModifier::end);
  CHECK(last[0].end == words.size());
}
