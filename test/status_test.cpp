#include <doctest/doctest.h>

#include "diplograph/rdf.hpp"
#include "diplograph/result.hpp"

using namespace diplograph;

TEST_CASE("status: errors print with their place") {
  Error e = make_error(Status::bad_input, "bad thing");
  CHECK(e.to_string() == "bad thing");
  e.file = "a.txt";
  CHECK(e.to_string() == "a.txt: bad thing");
  e.byte_offset = 12;
  CHECK(e.to_string() == "a.txt: byte 12: bad thing");
  e.line = 3;
  e.column = 4;
  CHECK(e.to_string() == "a.txt:3:4: bad thing");
  CHECK(e.in_file("b.txt").file == "a.txt");
  CHECK(make_error(Status::io_error, "x").in_file("b.txt").file == "b.txt");
  CHECK(std::string(status_string(Status::not_found)) == "not found");
}

TEST_CASE("status: every form of Error::to_string") {
  Error e = make_error(Status::bad_encoding, "invalid UTF-8 at byte 7");
  e.byte_offset = 7;
  CHECK(e.to_string() == "byte 7: invalid UTF-8 at byte 7");  // no file yet
  CHECK(e.in_file("x.txt").to_string() == "x.txt: byte 7: invalid UTF-8 at byte 7");
  Error lined = make_error(Status::bad_input, "unexpected token");
  lined.file = "g.ttl";
  lined.line = 12;
  CHECK(lined.to_string() == "g.ttl:12: unexpected token");  // column unknown
  lined.column = 3;
  lined.byte_offset = 400;  // the line wins over the offset
  CHECK(lined.to_string() == "g.ttl:12:3: unexpected token");
  for (Status s : {Status::success, Status::failure, Status::bad_argument, Status::bad_input, Status::bad_encoding,
                   Status::empty_input, Status::io_error, Status::not_found, Status::unsupported, Status::internal,
                   Status::limit_exceeded, Status::cancelled})
    CHECK_FALSE(std::string(status_string(s)).empty());
  CHECK(std::string(status_string(Status::bad_encoding)) == "bad encoding");
}

TEST_CASE("status: Result holds a value or an error, and DG_TRY forwards errors") {
  Result<int> good = 5;
  CHECK(good.ok());
  CHECK(*good == 5);
  Result<int> bad = make_error(Status::bad_argument, "no");
  CHECK_FALSE(bad.ok());
  CHECK_THROWS_AS(bad.value(), std::logic_error);
  auto forward = [](Outcome inner) -> Outcome {
    DG_TRY(inner);
    return make_error(Status::internal, "reached");
  };
  CHECK(forward(make_error(Status::io_error, "first")).error().message == "first");
  CHECK(forward(Outcome{}).error().message == "reached");
}

TEST_CASE("rdf: Turtle is parsed to full IRIs, N-Triples by extension") {
  std::vector<Triple> triples;
  auto r = parse_rdf_string("t.ttl",
                            "@prefix ex: <http://example.org/> .\nex:a ex:b \"c\"@en , 5 .\n",
                            RdfSyntax::turtle, [&](const Triple& t) -> Outcome {
                              triples.push_back(t);
                              return {};
                            });
  REQUIRE(r.ok());
  REQUIRE(triples.size() == 2);
  CHECK(triples[0].subject.value == "http://example.org/a");
  CHECK(triples[0].object.language == "en");
  CHECK(triples[1].object.datatype == "http://www.w3.org/2001/XMLSchema#integer");
  CHECK(syntax_for_path("x.nt") == RdfSyntax::ntriples);
  CHECK(syntax_for_path("x.ttl") == RdfSyntax::turtle);
  auto stop = parse_rdf_string("t.ttl", "<a> <b> <c> . <d> <e> <f> .", RdfSyntax::turtle,
                               [](const Triple&) -> Outcome { return make_error(Status::failure, "stop"); });
  CHECK_FALSE(stop.ok());
}
