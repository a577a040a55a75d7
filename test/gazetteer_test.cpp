#include <doctest/doctest.h>

#include "diplograph/gazetteer.hpp"
#include "support.hpp"

using namespace diplograph;

namespace {
const char* small = R"(
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/diplograph/id/state/USA> a dg:State ; rdfs:label "United States"@en ;
  skos:altLabel "US"@en, "U.S."@en, "United States of America"@en ; dg:iso3166Alpha2 "US" .
<https://w3id.org/diplograph/id/state/GMB> a dg:State ; rdfs:label "Gambia"@en ; skos:altLabel "The Gambia"@en .
<https://w3id.org/diplograph/id/organization/osce> a dg:Organization ;
  rdfs:label "Organization for Security and Co-operation in Europe"@en ; skos:altLabel "OSCE"@en .
<https://w3id.org/diplograph/id/event/fall> a dg:Event ; rdfs:label "Dissolution of the Soviet Union"@en ;
  skos:altLabel "fall of the U.S.S.R."@en .
<https://w3id.org/diplograph/id/state/NOWHERE> skos:altLabel "Nowhere"@en .
)";

std::optional<std::string> first_match(const Gazetteer& g, std::string_view text, std::size_t* count = nullptr) {
  auto tokens = tokenize(text);
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (auto m = g.match(text, tokens, i)) {
      if (count) *count = m->token_count;
      return g.entities()[m->entity].iri;
    }
  return std::nullopt;
}
}  // namespace

TEST_CASE("gazetteer: loads entities, labels, codes, and ignores untyped subjects") {
  Gazetteer g;
  REQUIRE(g.load_string("small.ttl", small).ok());
  REQUIRE(g.finalize().ok());
  CHECK(g.entities().size() == 4);
  auto us = g.find_iri(test_support::state("USA"));
  REQUIRE(us);
  CHECK(g.entities()[*us].label == "United States");
  CHECK(g.entities()[*us].iso_alpha2 == "US");
  CHECK_FALSE(g.find_iri(test_support::state("NOWHERE")));
  CHECK(g.count(EntityType::state) == 2);
}

TEST_CASE("gazetteer: matching is longest-first, acronyms case-sensitive, spellings folded") {
  Gazetteer g;
  REQUIRE(g.load_string("small.ttl", small).ok());
  REQUIRE(g.finalize().ok());
  std::size_t n = 0;
  CHECK(first_match(g, "The United States of America signed.", &n) == test_support::state("USA"));
  CHECK(n == 4);
  CHECK(first_match(g, "a U.S. embassy") == test_support::state("USA"));
  CHECK(first_match(g, "tell us about it") == std::nullopt);  // pronoun, not the acronym
  CHECK(first_match(g, "the Organisation for Security and Cooperation in Europe").has_value());
  CHECK(first_match(g, "member of the OSCE.").has_value());
  CHECK(first_match(g, "relations with the Gambia") == test_support::state("GMB"));
  CHECK(first_match(g, "since the fall of the U.S.S.R. in 1991").has_value());
  CHECK(first_match(g, "the gambia") == std::nullopt);  // lowercase is not a name
}

TEST_CASE("gazetteer: malformed Turtle gives file, line and column") {
  Gazetteer g;
  auto r = g.load_string("broken.ttl", "@prefix dg: <x#> .\n<a> a dg:State ;\n dg:label \"x .\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().file == "broken.ttl");
  CHECK(r.error().line == 3);
  auto missing = g.load_file("/nonexistent/file.ttl");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().status == Status::not_found);
}

TEST_CASE("gazetteer: the repository's gazetteer covers the ISO 3166 states and key organizations") {
  const Gazetteer& g = test_support::repo_gazetteer();
  CHECK(g.count(EntityType::state) >= 190);
  CHECK(g.count(EntityType::organization) >= 60);
  for (const char* name : {"NATO", "United Nations", "EU", "OSCE", "WTO", "OECD", "Council of Europe",
                           "CBSS", "Nordic Investment Bank", "Interpol", "IOM", "Soviet Union",
                           "USSR", "Russia", "America", "Lithuania", "Baltic Way",
                           "Charter of Partnership"})
    CHECK_MESSAGE(g.lookup(name).has_value(), name);
  auto ussr = g.lookup("Soviet Union");
  REQUIRE(ussr);
  CHECK(g.entities()[*ussr].former);
}

TEST_CASE("gazetteer: a user file adds an alias without touching the repository") {
  auto g = load_gazetteer(DIPLOGRAPH_SOURCE_DIR "/ontology",
                          {DIPLOGRAPH_TEST_DIR "/data/user_gazetteer.ttl"});
  REQUIRE(g.ok());
  auto id = g->lookup("Lietuva");
  REQUIRE(id);
  CHECK(g->entities()[*id].iri == test_support::state("LTU"));
  CHECK(g->lookup("Three Seas Test Forum").has_value());
}
