#include <doctest/doctest.h>

#include "diplograph/dates.hpp"

using namespace diplograph;

namespace {
std::string timex(std::string_view text) {
  DateNormalizer n;
  auto v = n.parse(text);
  return v ? v->timex() + (v->modifier_name()[0] ? std::string("/") + v->modifier_name() : "") : "none";
}
std::vector<std::string> all(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& m : DateNormalizer{}.find(text)) out.push_back(m.value.timex());
  return out;
}
}  // namespace

TEST_CASE("dates: every format of the examples") {
  CHECK(timex("18 September 1991") == "1991-09-18");
  CHECK(timex("September 18, 1991") == "1991-09-18");
  CHECK(timex("18th of September 1991") == "1991-09-18");
  CHECK(timex("Sept. 18 1991") == "1991-09-18");
  CHECK(timex("1995-11-27") == "1995-11-27");
  CHECK(timex("1991 09 06") == "1991-09-06");
  CHECK(timex("06.09.1991") == "1991-09-06");
  CHECK(timex("1991") == "1991");
  CHECK(timex("March 2004") == "2004-03");
  CHECK(timex("late 2002") == "2002/END");
  CHECK(timex("early 2002") == "2002/START");
  CHECK(timex("mid-2002") == "2002/MID");
  CHECK(timex("the end of 2002") == "2002/END");
  CHECK(timex("Since 2014") == "2014/ON_OR_AFTER");
  CHECK(timex("before 1990") == "1990/BEFORE");
  CHECK(timex("around 1990") == "1990/APPROX");
  CHECK(timex("the second half of 2013") == "2013-H2");
  CHECK(timex("the first quarter of 2004") == "2004-Q1");
  CHECK(timex("Q3 2004") == "2004-Q3");
  CHECK(timex("1920’s") == "192");
  CHECK(timex("1920s") == "192");
  CHECK(timex("the 20th century") == "19");
}

TEST_CASE("dates: two dates, ranges, and dates inside sentences") {
  CHECK(all("22 September 1921/6 November 1991") == std::vector<std::string>{"1921-09-22", "1991-11-06"});
  CHECK(all("1921/1991") == std::vector<std::string>{"1921", "1991"});
  CHECK(all("from 1991–1992") == std::vector<std::string>{"1991", "1992"});
  auto found = DateNormalizer{}.find("It joined on 1 May 2004, and left.");
  REQUIRE(found.size() == 1);
  CHECK(found[0].begin == 13);
  CHECK(found[0].end == 23);
  auto in = DateNormalizer{}.find("In 2010, it grew.");
  REQUIRE(in.size() == 1);
  CHECK(in[0].value.timex() == "2010");
  auto since = DateNormalizer{}.find("Since 2014, Lithuania participates.");
  REQUIRE(since.size() == 1);
  CHECK(since[0].begin == 0);
  CHECK(since[0].value.modifier == DateModifier::on_or_after);
}

TEST_CASE("dates: things that are not dates") {
  CHECK(timex("31 February 2001") == "none");
  CHECK(timex("29 February 2001") == "none");
  CHECK(timex("29 February 2004") == "2004-02-29");
  CHECK(timex("2001-13-01") == "none");
  CHECK(all("It may 2004 happen").empty() == false);  // the year still counts
  CHECK(all("We may go.").empty());
  CHECK(all("1,991 people and 19910 and 1991.5").empty());
  CHECK(all("a 2000 km border, $1999, 1500 troops").empty());
  CHECK(all("\xff\xfe\x80 2004").size() == 1);  // invalid bytes are skipped, not a crash
}

TEST_CASE("dates: xsd and TIMEX forms") {
  DateNormalizer n;
  auto day = n.parse("1 May 2004");
  REQUIRE(day);
  CHECK(day->xsd_lexical() == "2004-05-01");
  CHECK(std::string(day->xsd_type()) == "date");
  CHECK_FALSE(day->is_vague());
  auto month = n.parse("March 2004");
  CHECK(std::string(month->xsd_type()) == "gYearMonth");
  auto half = n.parse("the second half of 2013");
  CHECK(half->xsd_lexical() == "2013");
  CHECK(std::string(half->xsd_type()) == "gYear");
  CHECK(half->is_vague());
  auto late = n.parse("late 2002");
  CHECK(std::string(late->modifier_name()) == "END");
  CHECK(late->is_vague());
}
