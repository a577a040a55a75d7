// diplograph validate: the SHACL Core subset read from a shapes file, and the
// ontology's rdfs:domain / rdfs:range checks.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "diplograph/validate.hpp"

using namespace diplograph;

namespace {

const std::string shapes_file = DIPLOGRAPH_SOURCE_DIR "/ontology/shapes.ttl";
const std::string ontology_file = DIPLOGRAPH_SOURCE_DIR "/ontology/diplograph.ttl";

const char* prefixes = R"(
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix ex: <http://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
)";

// One line per result: "FOCUS PATH SHAPE COMPONENT", with namespaces shortened.
std::string line(const ValidationResult& r) {
  std::string text = ntriples_term(r.focus) + " " + (r.path.empty() ? "-" : r.path) + " " + r.shape + " " + r.component;
  text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == '<' || c == '>'; }), text.end());
  static const std::vector<std::pair<std::string, std::string>> names = {
      {"https://w3id.org/diplograph/id/statement/", "statement:"},
      {"https://w3id.org/diplograph/id/document/", "document:"},
      {"https://w3id.org/diplograph/id/conflict/", "conflict:"},
      {"https://w3id.org/diplograph/id/state/", "state:"},
      {"https://w3id.org/diplograph/ontology#", "dg:"},
      {"https://w3id.org/diplograph/shapes#", "dgsh:"},
      {"http://www.w3.org/2000/01/rdf-schema#", "rdfs:"},
      {"http://www.w3.org/ns/shacl#", "sh:"},
      {"http://www.w3.org/ns/prov#", "prov:"},
      {"http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#", "nif:"},
      {"http://example.org/", "ex:"},
      {"ConstraintComponent", ""},
  };
  for (const auto& [from, to] : names)
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  return text;
}

std::vector<std::string> lines(const ValidationReport& report) {
  std::vector<std::string> out;
  for (const auto& r : report.results) out.push_back(line(r));
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += item + "\n";
  return out;
}

// Validates inline Turtle data against inline shapes (and optional ontology).
Result<ValidationReport> check(const std::string& data, const std::string& shapes,
                               const std::string& ontology = "") {
  auto terms = std::make_shared<TermTable>();
  IndexedGraph s(terms, "shapes."), o(terms, "ontology."), d(terms);
  DG_TRY(s.add_string("shapes.ttl", prefixes + shapes));
  s.finish();
  if (!ontology.empty()) {
    DG_TRY(o.add_string("ontology.ttl", prefixes + ontology));
    o.finish();
  }
  DG_TRY(d.add_string("data.ttl", prefixes + data));
  d.finish();
  return validate_graphs(d, s, ontology.empty() ? nullptr : &o, !ontology.empty(), "shapes.ttl");
}

std::vector<std::string> results_of(const std::string& data, const std::string& shapes,
                                    const std::string& ontology = "") {
  auto r = check(data, shapes, ontology);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  return lines(*r);
}

}  // namespace

TEST_CASE("validate: the examples' graph has no violations") {
  ValidateOptions options;
  options.shapes_file = shapes_file;
  options.ontology_file = ontology_file;
  auto report = validate_file(DIPLOGRAPH_SOURCE_DIR "/out/graph.ttl", options);
  REQUIRE_MESSAGE(report.ok(), (report.ok() ? "" : report.error().to_string()));
  CHECK(joined(lines(*report)) == joined({}));
  CHECK(report->triples > 4000);
  CHECK(report->shapes >= 12);
  CHECK(report->focus_nodes > 600);  // every state, statement, document ... was looked at
  CHECK(report->ontology_properties > 20);
}

TEST_CASE("validate: every planted violation of the broken graph is found, and nothing else") {
  ValidateOptions options;
  options.shapes_file = shapes_file;
  options.ontology_file = ontology_file;
  auto report = validate_file(DIPLOGRAPH_TEST_DIR "/data/validate/broken_graph.ttl", options);
  REQUIRE_MESSAGE(report.ok(), (report.ok() ? "" : report.error().to_string()));
  std::vector<std::string> expected = {
      // 13. a conflict with one statement
      "conflict:lonely dg:conflictingStatement dgsh:ConflictShape/dg:conflictingStatement sh:MinCount",
      // 12. unknown document format
      "document:scan dg:format dgsh:DocumentShape/dg:format sh:In",
      // 10. relations in one direction only (both ends are reported)
      "state:AAA ^dg:diplomaticRelationsWith dgsh:DiplomaticRelationsShape/^dg:diplomaticRelationsWith sh:Equals",
      // 7. memberOf pointing at a state: shape and ontology range
      "state:AAA dg:memberOf dg:memberOf rdfs:range",
      "state:AAA dg:memberOf dgsh:MemberOfShape/dg:memberOf sh:Class",
      // 8. range only the ontology knows
      "state:BBB dg:demonym dg:demonym rdfs:range",
      "state:CCC ^dg:diplomaticRelationsWith dgsh:DiplomaticRelationsShape/^dg:diplomaticRelationsWith sh:Equals",
      // 9. domain only the ontology knows
      "state:CCC dg:iso3166Alpha4 dg:iso3166Alpha4 rdfs:domain",
      // 2. no English label
      "state:DEU rdfs:label dgsh:EnglishLabel sh:LanguageIn",
      // 14. a territory typed as a state
      "state:GRL - dgsh:StateShape sh:Not",
      // 3. no label
      "state:NON rdfs:label dgsh:EnglishLabel sh:MinCount",
      // 1. two ISO codes
      "state:TWO dg:iso3166Alpha3 dgsh:StateShape/dg:iso3166Alpha3 sh:MaxCount",
      // 6. a dateTime where a date belongs: shape and ontology range
      "statement:bad-date dg:date dg:date rdfs:range",
      "statement:bad-date dg:date dgsh:DateValue sh:Or",
      // 11. evidence ending before it begins; confidence above 1
      "statement:bad-offsets nif:beginIndex dgsh:StatementShape/nif:beginIndex sh:LessThan",
      "statement:bad-offsets dg:confidence dgsh:StatementShape/dg:confidence sh:MaxInclusive",
      // 7. the reified memberOf with a state as object
      "statement:member-of-state - dgsh:StatementShape sh:Xone",
      // 4. no evidence
      "statement:no-evidence dg:evidence dgsh:StatementShape/dg:evidence sh:MinCount",
      // 5. no source
      "statement:no-source prov:wasDerivedFrom dgsh:StatementShape/prov:wasDerivedFrom sh:MinCount",
  };
  std::vector<std::string> got = lines(*report);
  std::vector<std::string> want = expected;
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  CHECK(joined(got) == joined(want));
  // The value node is reported where SHACL defines one.
  for (const auto& r : report->results) {
    if (r.component.find("MinCount") != std::string::npos || r.component.find("MaxCount") != std::string::npos)
      CHECK_FALSE(r.value.has_value());
    else
      CHECK(r.value.has_value());
    CHECK_FALSE(r.message.empty());
  }
}

TEST_CASE("validate: counts, datatypes (with lexical forms), node kinds, patterns and languages") {
  const std::string shapes = R"(
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
  sh:property [ sh:path ex:one ; sh:minCount 1 ; sh:maxCount 1 ] ;
  sh:property [ sh:path ex:date ; sh:datatype xsd:date ] ;
  sh:property [ sh:path ex:int ; sh:datatype xsd:nonNegativeInteger ] ;
  sh:property [ sh:path ex:link ; sh:nodeKind sh:IRI ] ;
  sh:property [ sh:path ex:code ; sh:pattern "^[a-z]{2}$" ; sh:flags "i" ] ;
  sh:property [ sh:path ex:name ; sh:languageIn ( "en" ) ; sh:uniqueLang true ] ;
  sh:property [ sh:path ex:short ; sh:minLength 2 ; sh:maxLength 3 ] .
)";
  CHECK(joined(results_of(R"(ex:a a ex:C ; ex:one 1 ; ex:date "2020-02-29"^^xsd:date ; ex:int "0"^^xsd:nonNegativeInteger ;
      ex:link ex:b ; ex:code "Lt" ; ex:name "A"@en-GB ; ex:short "ąž" .)", shapes)) == "");
  CHECK(joined(results_of(R"(ex:a a ex:C ; ex:one 1, 2 ; ex:date "2021-02-29"^^xsd:date , "2021-02-01" ;
      ex:int 1 , "-1"^^xsd:nonNegativeInteger ; ex:link "x" ; ex:code "LTU" ; ex:name "A"@de , "B"@en , "C"@en ; ex:short "a" , "abcd" .)", shapes)) ==
        joined({
            "ex:a ex:code ex:S/ex:code sh:Pattern",
            "ex:a ex:date ex:S/ex:date sh:Datatype",  // a plain string
            "ex:a ex:date ex:S/ex:date sh:Datatype",  // 29 February 2021 does not exist
            "ex:a ex:int ex:S/ex:int sh:Datatype",    // "-1" is no nonNegativeInteger
            "ex:a ex:int ex:S/ex:int sh:Datatype",    // 1 is an xsd:integer
            "ex:a ex:link ex:S/ex:link sh:NodeKind",
            "ex:a ex:name ex:S/ex:name sh:LanguageIn",
            "ex:a ex:name ex:S/ex:name sh:UniqueLang",
            "ex:a ex:one ex:S/ex:one sh:MaxCount",
            "ex:a ex:short ex:S/ex:short sh:MaxLength",
            "ex:a ex:short ex:S/ex:short sh:MinLength",
        }));
  // Two bad dates give two results (one per value node), sorted by value.
  auto r = check(R"(ex:a a ex:C ; ex:one 1 ; ex:date "2021-02-29"^^xsd:date , "2021-02-01" .)", shapes);
  REQUIRE(r.ok());
  REQUIRE(r->results.size() == 2);
  CHECK(r->results[0].value->value == "2021-02-01");
  CHECK(r->results[1].value->value == "2021-02-29");
}

TEST_CASE("validate: sh:class follows rdfs:subClassOf from the ontology; sh:in, sh:hasValue, ranges") {
  const std::string shapes = R"(
ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:memberOf ;
  sh:property [ sh:path ex:memberOf ; sh:class ex:Org ] ;
  sh:property [ sh:path ex:kind ; sh:in ( "a" ex:b 3 ) ] ;
  sh:property [ sh:path ex:tag ; sh:hasValue "must" ] ;
  sh:property [ sh:path ex:score ; sh:minExclusive 0 ; sh:maxInclusive 1.0 ] .
)";
  const std::string ontology = "ex:Alliance rdfs:subClassOf ex:Org .\n";
  CHECK(joined(results_of(R"(ex:x ex:memberOf ex:nato ; ex:kind "a" , ex:b , 3 ; ex:tag "must" ; ex:score 0.5 .
      ex:nato a ex:Alliance .)", shapes, ontology)) == "");
  CHECK(joined(results_of(R"(ex:x ex:memberOf ex:nato ; ex:kind "b" , 4 ; ex:tag "may" ; ex:score 0 , 1.5 , "x" .
      ex:nato a ex:Alliance .)", shapes)) ==  // without the ontology, an Alliance is no Org
        joined({
            "ex:x ex:kind ex:S/ex:kind sh:In",  // "b"
            "ex:x ex:kind ex:S/ex:kind sh:In",  // 4
            "ex:x ex:memberOf ex:S/ex:memberOf sh:Class",
            "ex:x ex:score ex:S/ex:score sh:MaxInclusive",  // 1.5
            "ex:x ex:score ex:S/ex:score sh:MaxInclusive",  // "x" is not comparable
            "ex:x ex:score ex:S/ex:score sh:MinExclusive",  // 0
            "ex:x ex:score ex:S/ex:score sh:MinExclusive",  // "x"
            "ex:x ex:tag ex:S/ex:tag sh:HasValue",
        }));
}

TEST_CASE("validate: logical constraints, property pairs, paths and targets") {
  const std::string shapes = R"(
ex:IsA a sh:NodeShape ; sh:class ex:A .
ex:IsB a sh:NodeShape ; sh:class ex:B .
ex:S a sh:NodeShape ; sh:targetNode ex:n1 , ex:n2 ;
  sh:or ( ex:IsA ex:IsB ) ;
  sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] ;
  sh:property [ sh:path [ sh:alternativePath ( ex:p ex:r ) ] ; sh:maxCount 1 ] ;
  sh:property [ sh:path ex:start ; sh:lessThanOrEquals ex:end ; sh:disjoint ex:end2 ] .
ex:X a sh:NodeShape ; sh:targetObjectsOf ex:p ; sh:xone ( ex:IsA ex:IsB ) ; sh:not ex:IsA .
ex:Both a sh:NodeShape ; sh:targetClass ex:Both ; sh:and ( ex:IsA ex:IsB ) ; sh:node ex:IsA ;
  sh:severity sh:Warning .
ex:Off a sh:NodeShape ; sh:targetClass ex:A ; sh:deactivated true ; sh:class ex:Nothing .
ex:C a sh:NodeShape , rdfs:Class ; sh:closed true ; sh:ignoredProperties ( rdf:type ) ;
  sh:property [ sh:path ex:ok ] .
)";
  CHECK(joined(results_of(R"(ex:n1 a ex:A ; ex:p ex:m ; ex:start 1 ; ex:end 1 . ex:m a ex:B ; ex:q ex:z .
      ex:n2 a ex:B ; ex:r ex:m ; ex:p ex:m .
      ex:c a ex:C ; ex:ok 1 .)", shapes)) == "");
  auto r = check(R"(ex:n1 ex:p ex:m , ex:k ; ex:start 2 ; ex:end 1 ; ex:end2 2 . ex:m a ex:A , ex:B .
      ex:k a ex:A .
      ex:both a ex:Both , ex:A .
      ex:c a ex:C ; ex:ok 1 ; ex:extra 2 .)", shapes);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  CHECK(joined(lines(*r)) == joined({
      "ex:both - ex:Both sh:And",
      "ex:c ex:extra ex:C sh:Closed",
      "ex:k - ex:X sh:Not",
      "ex:m - ex:X sh:Not",
      "ex:m - ex:X sh:Xone",
      "ex:n1 - ex:S sh:Or",
      "ex:n1 (ex:p|ex:r) ex:S/(ex:p|ex:r) sh:MaxCount",
      "ex:n1 ex:p/ex:q ex:S/ex:p/ex:q sh:MinCount",
      "ex:n1 ex:start ex:S/ex:start sh:Disjoint",
      "ex:n1 ex:start ex:S/ex:start sh:LessThanOrEquals",
      "ex:n2 - ex:S sh:Or",
      "ex:n2 ex:p/ex:q ex:S/ex:p/ex:q sh:MinCount",
  }));
  for (const auto& v : r->results)
    CHECK(v.severity == (v.shape == "http://example.org/Both" ? Severity::warning : Severity::violation));
  CHECK(r->count(Severity::warning) == 1);
}

TEST_CASE("validate: rdfs:domain and rdfs:range, with unions of classes and of datatypes") {
  const std::string ontology = R"(
ex:memberOf rdfs:domain [ a owl:Class ; owl:unionOf ( ex:State ex:Org ) ] ; rdfs:range ex:Org .
ex:date rdfs:range [ a rdfs:Datatype ; owl:unionOf ( xsd:date xsd:gYear ) ] .
ex:label rdfs:range rdf:langString .
ex:count rdfs:range xsd:nonNegativeInteger .
ex:Former rdfs:subClassOf ex:State .
)";
  CHECK(joined(results_of(R"(ex:a a ex:Former ; ex:memberOf ex:o ; ex:date "1991"^^xsd:gYear ; ex:label "A"@en ; ex:count "3"^^xsd:nonNegativeInteger .
      ex:o a ex:Org ; ex:memberOf ex:o2 . ex:o2 a ex:Org .)", "", ontology)) == "");
  CHECK(joined(results_of(R"(ex:a ex:memberOf ex:s ; ex:date "1991-13-01"^^xsd:date , "1991" ; ex:label "A" ; ex:count "-3"^^xsd:nonNegativeInteger .
      ex:s a ex:State .)", "", ontology)) == joined({
      "ex:a ex:count ex:count rdfs:range",
      "ex:a ex:date ex:date rdfs:range",
      "ex:a ex:date ex:date rdfs:range",
      "ex:a ex:label ex:label rdfs:range",
      "ex:a ex:memberOf ex:memberOf rdfs:domain",
      "ex:a ex:memberOf ex:memberOf rdfs:range",
  }));
}

TEST_CASE("validate: unsupported SHACL features and bad shapes are errors, not ignored") {
  auto sparql = check("ex:a a ex:C .", R"(ex:S a sh:NodeShape ; sh:targetClass ex:C ;
      sh:sparql [ sh:select "SELECT $this WHERE {}" ] .)");
  REQUIRE_FALSE(sparql.ok());
  CHECK(sparql.error().status == Status::unsupported);
  CHECK(sparql.error().to_string().find("sh:s") != std::string::npos);  // sh:select or sh:sparql
  auto star = check("ex:a a ex:C .", R"(ex:S a sh:NodeShape ; sh:targetClass ex:C ;
      sh:property [ sh:path [ sh:zeroOrMorePath ex:p ] ; sh:minCount 1 ] .)");
  REQUIRE_FALSE(star.ok());
  CHECK(star.error().to_string().find("sh:zeroOrMorePath") != std::string::npos);
  auto qualified = check("ex:a a ex:C .", R"(ex:S a sh:NodeShape ; sh:targetClass ex:C ;
      sh:property [ sh:path ex:p ; sh:qualifiedValueShape ex:T ; sh:qualifiedMinCount 1 ] .)");
  REQUIRE_FALSE(qualified.ok());
  CHECK(qualified.error().status == Status::unsupported);
  auto regex = check("ex:a a ex:C .", R"(ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:pattern "([a-z" .)");
  REQUIRE_FALSE(regex.ok());
  CHECK(regex.error().to_string().find("bad sh:pattern") != std::string::npos);
  auto count = check("ex:a a ex:C .", R"(ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:minCount 1 .)");
  REQUIRE_FALSE(count.ok());
  auto list = check("ex:a a ex:C .", R"(ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:in ex:notalist .)");
  REQUIRE_FALSE(list.ok());
  CHECK(list.error().to_string().find("malformed RDF list") != std::string::npos);
}

TEST_CASE("validate CLI: exit codes, formats and errors") {
  using test_support::cli;
  auto good = cli("validate out/graph.ttl");
  CHECK(good.status == 0);
  CHECK(good.out.find("0 violations in out/graph.ttl") == 0);

  auto bad = cli("validate test/data/validate/broken_graph.ttl");
  CHECK(bad.status == 1);
  CHECK(bad.out.find("statement:no-evidence") != std::string::npos);
  CHECK(bad.out.find("19 violations in test/data/validate/broken_graph.ttl") != std::string::npos);

  auto tsv = cli("validate test/data/validate/broken_graph.ttl --format tsv");
  CHECK(tsv.status == 1);
  CHECK(std::count(tsv.out.begin(), tsv.out.end(), '\n') == 20);  // header + 19
  CHECK(tsv.out.find("<https://w3id.org/diplograph/id/state/TWO>\thttps://w3id.org/diplograph/ontology#iso3166Alpha3\t"
                     "https://w3id.org/diplograph/shapes#StateShape/https://w3id.org/diplograph/ontology#iso3166Alpha3\t"
                     "http://www.w3.org/ns/shacl#MaxCountConstraintComponent\t\t") != std::string::npos);
  CHECK(cli("validate test/data/validate/broken_graph.ttl --format tsv").out == tsv.out);  // deterministic

  auto json = cli("validate test/data/validate/broken_graph.ttl --format json");
  CHECK(json.out.find("\"conforms\": false") != std::string::npos);
  CHECK(json.out.find("\"violations\": 19") != std::string::npos);

  auto shapes_only = cli("validate test/data/validate/broken_graph.ttl --no-domain-range --format tsv");
  CHECK(std::count(shapes_only.out.begin(), shapes_only.out.end(), '\n') == 16);
  CHECK(shapes_only.out.find("rdf-schema#range") == std::string::npos);

  auto missing = cli("validate no/such.ttl");
  CHECK(missing.status == 1);
  CHECK(missing.err == "diplograph: error: no/such.ttl: no such file or directory\n");

  std::string broken = test_support::temp_path("broken.ttl");
  {
    std::FILE* f = std::fopen(broken.c_str(), "wb");
    std::fputs("@prefix ex: <http://example.org/> .\nex:a ex:b \"unterminated .\n", f);
    std::fclose(f);
  }
  auto malformed = cli("validate '" + broken + "'");
  CHECK(malformed.status == 1);
  CHECK(malformed.err.find(broken + ":2:") != std::string::npos);

  std::string unsupported = test_support::temp_path("unsupported-shapes.ttl");
  {
    std::FILE* f = std::fopen(unsupported.c_str(), "wb");
    std::fputs("@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <http://example.org/> .\n"
               "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:qualifiedMinCount 1 .\n", f);
    std::fclose(f);
  }
  auto unsup = cli("validate out/graph.ttl --shapes '" + unsupported + "'");
  CHECK(unsup.status == 1);
  CHECK(unsup.err.find("sh:qualifiedMinCount, which diplograph validate does not support") != std::string::npos);

  CHECK(cli("validate --help").out.find("--shapes") != std::string::npos);
}
