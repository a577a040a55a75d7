#include "diplograph/validate.hpp"

#include "diplograph/escape.hpp"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

namespace diplograph {

namespace {
constexpr std::string_view sh_ns = "http://www.w3.org/ns/shacl#";
const std::string xsd_string = iri(ns::xsd, "string");
const std::string rdf_lang_string = iri(ns::rdf, "langString");
}  // namespace

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::violation: return "Violation";
    case Severity::warning: return "Warning";
    case Severity::info: return "Info";
  }
  return "Violation";
}

std::size_t ValidationReport::count(Severity severity) const {
  return static_cast<std::size_t>(std::count_if(results.begin(), results.end(),
                                                [&](const ValidationResult& r) { return r.severity == severity; }));
}

// ---------------------------------------------------------------------------
// Printing terms
// ---------------------------------------------------------------------------

namespace {
// Longest namespaces first so "dgr:state/X" becomes "state:X".
const std::vector<std::pair<std::string, std::string>>& prefixes() {
  static const std::vector<std::pair<std::string, std::string>> list = [] {
    std::vector<std::pair<std::string, std::string>> l = {
        {"dg", std::string(ns::dg)},
        {"dgsh", "https://w3id.org/diplograph/shapes#"},
        {"state", iri(ns::dgr, "state/")},
        {"organization", iri(ns::dgr, "organization/")},
        {"treaty", iri(ns::dgr, "treaty/")},
        {"event", iri(ns::dgr, "event/")},
        {"group", iri(ns::dgr, "group/")},
        {"document", iri(ns::dgr, "document/")},
        {"statement", iri(ns::dgr, "statement/")},
        {"conflict", iri(ns::dgr, "conflict/")},
        {"dgr", std::string(ns::dgr)},
        {"rdf", std::string(ns::rdf)},
        {"rdfs", std::string(ns::rdfs)},
        {"owl", std::string(ns::owl)},
        {"xsd", std::string(ns::xsd)},
        {"skos", std::string(ns::skos)},
        {"prov", std::string(ns::prov)},
        {"nif", std::string(ns::nif)},
        {"dbr", std::string(ns::dbr)},
        {"sh", std::string(sh_ns)},
    };
    std::stable_sort(l.begin(), l.end(), [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
    return l;
  }();
  return list;
}

bool local_name_ok(std::string_view local) {
  for (char c : local)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  return local.empty() || local.back() != '.';
}

}  // namespace

std::string compact_iri(std::string_view value) {
  for (const auto& [prefix, ns_iri] : prefixes()) {
    if (value.size() >= ns_iri.size() && value.compare(0, ns_iri.size(), ns_iri) == 0) {
      std::string_view local = value.substr(ns_iri.size());
      if (local_name_ok(local)) return prefix + ":" + std::string(local);
    }
  }
  return "<" + std::string(value) + ">";
}

std::string compact_term(const Term& term) {
  switch (term.kind) {
    case TermKind::iri: return compact_iri(term.value);
    case TermKind::blank: return "_:" + term.value;
    case TermKind::literal: {
      std::string out = "\"" + escape_rdf_string(term.value) + "\"";
      if (!term.language.empty()) return out + "@" + term.language;
      if (!term.datatype.empty() && term.datatype != xsd_string) out += "^^" + compact_iri(term.datatype);
      return out;
    }
  }
  return term.value;
}

std::string ntriples_term(const Term& term) {
  switch (term.kind) {
    case TermKind::iri: return "<" + term.value + ">";
    case TermKind::blank: return "_:" + term.value;
    case TermKind::literal: {
      std::string out = "\"" + escape_rdf_string(term.value) + "\"";
      if (!term.language.empty()) return out + "@" + term.language;
      if (!term.datatype.empty() && term.datatype != xsd_string) out += "^^<" + term.datatype + ">";
      return out;
    }
  }
  return term.value;
}

// ---------------------------------------------------------------------------
// XSD lexical forms and comparisons
// ---------------------------------------------------------------------------

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool parse_timezone(std::string_view s) {
  if (s.empty() || s == "Z") return true;
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return false;
  if (!all_digits(s.substr(1, 2)) || !all_digits(s.substr(4, 2))) return false;
  int h = std::atoi(std::string(s.substr(1, 2)).c_str()), m = std::atoi(std::string(s.substr(4, 2)).c_str());
  return (h < 14 && m < 60) || (h == 14 && m == 0);
}

// "-?YYYY+" at the start; returns the characters used, 0 if none.
std::size_t parse_year(std::string_view s, long& year) {
  std::size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
  std::size_t start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  std::size_t digits = i - start;
  if (digits < 4 || (digits > 4 && s[start] == '0')) return 0;
  year = std::strtol(std::string(s.substr(start, digits)).c_str(), nullptr, 10);
  if (start == 1) year = -year;
  return i;
}

bool leap(long year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(long year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : days[month - 1];
}

// Parses YYYY[-MM[-DD]] (as many parts as `parts`) and returns the rest.
bool parse_date_parts(std::string_view s, int parts, std::string_view& rest) {
  long year = 0;
  std::size_t i = parse_year(s, year);
  if (i == 0) return false;
  int month = 1;
  if (parts >= 2) {
    if (i + 3 > s.size() || s[i] != '-' || !all_digits(s.substr(i + 1, 2))) return false;
    month = std::atoi(std::string(s.substr(i + 1, 2)).c_str());
    if (month < 1 || month > 12) return false;
    i += 3;
  }
  if (parts >= 3) {
    if (i + 3 > s.size() || s[i] != '-' || !all_digits(s.substr(i + 1, 2))) return false;
    int day = std::atoi(std::string(s.substr(i + 1, 2)).c_str());
    if (day < 1 || day > days_in_month(year, month)) return false;
    i += 3;
  }
  rest = s.substr(i);
  return true;
}

bool parse_time(std::string_view s, std::string_view& rest) {
  if (s.size() < 8 || s[2] != ':' || s[5] != ':' || !all_digits(s.substr(0, 2)) || !all_digits(s.substr(3, 2)) ||
      !all_digits(s.substr(6, 2)))
    return false;
  int h = std::atoi(std::string(s.substr(0, 2)).c_str()), m = std::atoi(std::string(s.substr(3, 2)).c_str()),
      sec = std::atoi(std::string(s.substr(6, 2)).c_str());
  std::size_t i = 8;
  bool fraction_zero = true;
  if (i < s.size() && s[i] == '.') {
    std::size_t start = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') fraction_zero = fraction_zero && s[i++] == '0';
    if (i == start) return false;
  }
  if (!((h < 24 && m < 60 && sec < 60) || (h == 24 && m == 0 && sec == 0 && fraction_zero))) return false;
  rest = s.substr(i);
  return true;
}

bool is_integer_lexical(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  return all_digits(s);
}

bool is_decimal_lexical(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  std::size_t dot = s.find('.');
  if (dot == std::string_view::npos) return all_digits(s);
  std::string_view a = s.substr(0, dot), b = s.substr(dot + 1);
  if (a.empty() && b.empty()) return false;
  return (a.empty() || all_digits(a)) && (b.empty() || all_digits(b));
}

bool is_double_lexical(std::string_view s) {
  if (s == "INF" || s == "+INF" || s == "-INF" || s == "NaN") return true;
  std::size_t e = s.find_first_of("eE");
  if (e == std::string_view::npos) return is_decimal_lexical(s);
  return is_decimal_lexical(s.substr(0, e)) && is_integer_lexical(s.substr(e + 1));
}

// Integer value within [lo, hi] (as strings compared by magnitude).
bool integer_in(std::string_view s, long double lo, long double hi) {
  if (!is_integer_lexical(s)) return false;
  long double v = std::strtold(std::string(s).c_str(), nullptr);
  return v >= lo && v <= hi;
}

}  // namespace

// Whether `lexical` is a valid lexical form of `datatype` (unknown datatypes pass).
static bool well_formed(const std::string& datatype, const Term& literal) {
  if (datatype == rdf_lang_string) return !literal.language.empty();
  if (datatype.compare(0, ns::xsd.size(), ns::xsd) != 0) return true;
  std::string_view local = std::string_view(datatype).substr(ns::xsd.size());
  std::string_view v = literal.value;
  std::string_view rest;
  if (local == "string" || local == "anyURI" || local == "normalizedString" || local == "token") return true;
  if (local == "boolean") return v == "true" || v == "false" || v == "1" || v == "0";
  if (local == "integer") return is_integer_lexical(v);
  if (local == "nonNegativeInteger") return integer_in(v, 0, 1e300L);
  if (local == "positiveInteger") return integer_in(v, 1, 1e300L);
  if (local == "nonPositiveInteger") return integer_in(v, -1e300L, 0);
  if (local == "negativeInteger") return integer_in(v, -1e300L, -1);
  if (local == "long") return integer_in(v, -9223372036854775808.0L, 9223372036854775807.0L);
  if (local == "int") return integer_in(v, -2147483648.0L, 2147483647.0L);
  if (local == "short") return integer_in(v, -32768, 32767);
  if (local == "byte") return integer_in(v, -128, 127);
  if (local == "unsignedLong") return integer_in(v, 0, 18446744073709551615.0L);
  if (local == "unsignedInt") return integer_in(v, 0, 4294967295.0L);
  if (local == "unsignedShort") return integer_in(v, 0, 65535);
  if (local == "unsignedByte") return integer_in(v, 0, 255);
  if (local == "decimal") return is_decimal_lexical(v);
  if (local == "double" || local == "float") return is_double_lexical(v);
  if (local == "date") return parse_date_parts(v, 3, rest) && parse_timezone(rest);
  if (local == "gYearMonth") return parse_date_parts(v, 2, rest) && parse_timezone(rest);
  if (local == "gYear") return parse_date_parts(v, 1, rest) && parse_timezone(rest);
  if (local == "dateTime" || local == "dateTimeStamp") {
    std::size_t t = v.find('T');
    if (t == std::string_view::npos || !parse_date_parts(v.substr(0, t), 3, rest) || !rest.empty()) return false;
    if (!parse_time(v.substr(t + 1), rest)) return false;
    return local == "dateTime" ? parse_timezone(rest) : (!rest.empty() && parse_timezone(rest));
  }
  if (local == "time") return parse_time(v, rest) && parse_timezone(rest);
  return true;
}

namespace {

bool numeric_datatype(const std::string& dt) {
  static const std::set<std::string> names = {
      "integer", "decimal", "double", "float", "nonNegativeInteger", "positiveInteger",
      "nonPositiveInteger", "negativeInteger", "long", "int", "short", "byte",
      "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"};
  return dt.compare(0, ns::xsd.size(), ns::xsd) == 0 && names.count(dt.substr(ns::xsd.size()));
}

// <0, 0, >0, or nullopt when the two are not comparable (SHACL then reports).
std::optional<int> compare_terms(const Term& a, const Term& b) {
  if (a.kind != TermKind::literal || b.kind != TermKind::literal) return std::nullopt;
  if (numeric_datatype(a.datatype) && numeric_datatype(b.datatype)) {
    if (!well_formed(a.datatype, a) || !well_formed(b.datatype, b)) return std::nullopt;
    long double x = std::strtold(a.value.c_str(), nullptr), y = std::strtold(b.value.c_str(), nullptr);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a.datatype != b.datatype || !a.language.empty() || !b.language.empty()) return std::nullopt;
  // Same-typed strings and timezone-less dates of one precision order lexically.
  static const std::set<std::string> ordered = {"string", "date", "dateTime", "gYear", "gYearMonth", "time"};
  if (a.datatype.compare(0, ns::xsd.size(), ns::xsd) != 0 || !ordered.count(a.datatype.substr(ns::xsd.size())))
    return std::nullopt;
  if (a.datatype != xsd_string) {
    if (!well_formed(a.datatype, a) || !well_formed(b.datatype, b)) return std::nullopt;
    auto tz = [](const std::string& v) {
      return v.find('Z') != std::string::npos || v.find('+') != std::string::npos ||
             (v.size() > 6 && v[v.size() - 6] == '-' && v[v.size() - 3] == ':');
    };
    if (tz(a.value) || tz(b.value) || a.value.size() != b.value.size() || a.value[0] == '-' || b.value[0] == '-')
      return std::nullopt;
  }
  int c = a.value.compare(b.value);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string ascii_lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// ---------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------

enum class Kind {
  cls, datatype, node_kind, min_count, max_count, min_inclusive, max_inclusive, min_exclusive,
  max_exclusive, min_length, max_length, pattern, language_in, unique_lang, in, has_value, equals,
  disjoint, less_than, less_than_or_equals, node, not_, and_, or_, xone, closed
};

const char* component_name(Kind kind) {
  switch (kind) {
    case Kind::cls: return "ClassConstraintComponent";
    case Kind::datatype: return "DatatypeConstraintComponent";
    case Kind::node_kind: return "NodeKindConstraintComponent";
    case Kind::min_count: return "MinCountConstraintComponent";
    case Kind::max_count: return "MaxCountConstraintComponent";
    case Kind::min_inclusive: return "MinInclusiveConstraintComponent";
    case Kind::max_inclusive: return "MaxInclusiveConstraintComponent";
    case Kind::min_exclusive: return "MinExclusiveConstraintComponent";
    case Kind::max_exclusive: return "MaxExclusiveConstraintComponent";
    case Kind::min_length: return "MinLengthConstraintComponent";
    case Kind::max_length: return "MaxLengthConstraintComponent";
    case Kind::pattern: return "PatternConstraintComponent";
    case Kind::language_in: return "LanguageInConstraintComponent";
    case Kind::unique_lang: return "UniqueLangConstraintComponent";
    case Kind::in: return "InConstraintComponent";
    case Kind::has_value: return "HasValueConstraintComponent";
    case Kind::equals: return "EqualsConstraintComponent";
    case Kind::disjoint: return "DisjointConstraintComponent";
    case Kind::less_than: return "LessThanConstraintComponent";
    case Kind::less_than_or_equals: return "LessThanOrEqualsConstraintComponent";
    case Kind::node: return "NodeConstraintComponent";
    case Kind::not_: return "NotConstraintComponent";
    case Kind::and_: return "AndConstraintComponent";
    case Kind::or_: return "OrConstraintComponent";
    case Kind::xone: return "XoneConstraintComponent";
    case Kind::closed: return "ClosedConstraintComponent";
  }
  return "";
}

enum class NodeKindValue { iri, blank, literal, blank_or_iri, blank_or_literal, iri_or_literal };

struct Constraint {
  Kind kind = Kind::cls;
  TermId term = no_term;  // class, datatype, hasValue, equals/disjoint/lessThan property, bound literal
  std::size_t number = 0;
  NodeKindValue node_kind = NodeKindValue::iri;
  std::vector<TermId> terms;               // sh:in; sh:closed: allowed predicates
  std::vector<std::string> languages;      // sh:languageIn, lower case
  std::vector<std::size_t> shapes;         // sh:node, sh:not, sh:and, sh:or, sh:xone
  std::shared_ptr<icu::RegexPattern> regex;
  std::string pattern;
};

struct Path {
  enum class Type { predicate, inverse, sequence, alternative } type = Type::predicate;
  TermId predicate = no_term;
  std::vector<Path> steps;
  std::string text;  // full IRIs: "IRI", "^IRI", "A/B", "(A|B)"
};

struct Shape {
  TermId id = no_term;
  std::string name;
  bool property = false;
  Path path;
  bool deactivated = false;
  Severity severity = Severity::violation;
  std::string message;
  std::vector<TermId> target_class, target_node, target_subjects_of, target_objects_of;
  std::vector<Constraint> constraints;
  std::vector<std::size_t> properties;
  bool has_targets() const {
    return !target_class.empty() || !target_node.empty() || !target_subjects_of.empty() ||
           !target_objects_of.empty();
  }
};

Error shapes_error(const std::string& file, std::string message, Status status = Status::bad_input) {
  Error e = make_error(status, std::move(message));
  e.file = file;
  return e;
}

class ShapeCompiler {
 public:
  ShapeCompiler(const IndexedGraph& g, std::string file) : g_(g), terms_(g.terms()), file_(std::move(file)) {}

  Result<std::vector<Shape>> compile() {
    DG_TRY(check_vocabulary());
    std::set<TermId> roots;
    const TermId type = id(iri(ns::rdf, "type"));
    for (const char* cls : {"NodeShape", "PropertyShape"})
      for (TermId s : g_.subjects(type, id(sh(cls)))) roots.insert(s);
    for (const char* p : {"targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "property", "path"})
      for (TermId s : g_.subjects_with(id(sh(p)))) roots.insert(s);
    for (TermId s : g_.objects_with(id(sh("property")))) roots.insert(s);
    for (TermId root : roots) {
      auto r = shape_index(root);
      if (!r) return r.error();
    }
    return std::move(shapes_);
  }

 private:
  static std::string sh(std::string_view local) { return iri(sh_ns, local); }
  TermId id(const std::string& value) const { return terms_.find_iri(value); }
  const Term& term(TermId t) const { return terms_.term(t); }
  std::string show(TermId t) const { return t == no_term ? "?" : compact_term(term(t)); }

  Outcome check_vocabulary() const {
    static const std::set<std::string> supported = {
        "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "property", "path",
        "inversePath", "alternativePath", "class", "datatype", "nodeKind", "minCount", "maxCount",
        "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "minLength", "maxLength",
        "pattern", "flags", "languageIn", "uniqueLang", "in", "hasValue", "equals", "disjoint",
        "lessThan", "lessThanOrEquals", "node", "not", "and", "or", "xone", "closed",
        "ignoredProperties", "severity", "message", "deactivated",
        // Non-validating: documentation and form hints.
        "name", "description", "order", "group", "defaultValue"};
    for (TermId p : g_.predicates()) {
      const std::string& v = term(p).value;
      if (v.compare(0, sh_ns.size(), sh_ns) != 0) continue;
      std::string local = v.substr(sh_ns.size());
      if (supported.count(local)) continue;
      TermId subject = g_.subjects_with(p).empty() ? no_term : g_.subjects_with(p)[0];
      return shapes_error(file_, show(subject) + " uses sh:" + local +
                                     ", which diplograph validate does not support (SHACL Core subset: see "
                                     "include/diplograph/validate.hpp)",
                          Status::unsupported);
    }
    const TermId type = id(iri(ns::rdf, "type"));
    for (TermId o : g_.objects_with(type)) {
      const std::string& v = term(o).value;
      if (v.compare(0, sh_ns.size(), sh_ns) != 0) continue;
      std::string local = v.substr(sh_ns.size());
      if (local == "NodeShape" || local == "PropertyShape" || local == "Shape" || local == "PropertyGroup") continue;
      return shapes_error(file_, "a node of type sh:" + local + " is not supported by diplograph validate",
                          Status::unsupported);
    }
    return {};
  }

  std::optional<TermId> one(TermId s, const std::string& p) const {
    auto values = g_.objects(s, id(p));
    if (values.empty()) return std::nullopt;
    return values[0];
  }

  Result<std::vector<TermId>> list(TermId head) const {
    std::vector<TermId> out;
    const TermId first = id(iri(ns::rdf, "first")), rest = id(iri(ns::rdf, "rest")),
                 nil = id(iri(ns::rdf, "nil"));
    std::set<TermId> seen;
    while (head != nil) {
      auto f = g_.objects(head, first);
      auto r = g_.objects(head, rest);
      if (f.size() != 1 || r.size() != 1 || !seen.insert(head).second)
        return shapes_error(file_, "malformed RDF list at " + show(head));
      out.push_back(f[0]);
      head = r[0];
    }
    return out;
  }

  Result<std::size_t> number(TermId shape, TermId value, const char* what) const {
    const Term& t = term(value);
    if (t.kind != TermKind::literal || !is_integer_lexical(t.value) || t.value[0] == '-')
      return shapes_error(file_, show(shape) + ": sh:" + std::string(what) + " must be a non-negative integer, not " + show(value));
    return static_cast<std::size_t>(std::strtoull(t.value.c_str(), nullptr, 10));
  }

  Result<Path> path(TermId node, TermId shape) const {
    Path p;
    const Term& t = term(node);
    if (t.kind == TermKind::iri) {
      p.predicate = node;
      p.text = t.value;
      return p;
    }
    if (t.kind != TermKind::blank) return shapes_error(file_, show(shape) + ": sh:path is a literal");
    if (auto inv = one(node, sh("inversePath"))) {
      auto inner = path(*inv, shape);
      if (!inner) return inner.error();
      if (inner->type != Path::Type::predicate)
        return shapes_error(file_, show(shape) + ": sh:inversePath of a complex path is not supported", Status::unsupported);
      p.type = Path::Type::inverse;
      p.predicate = inner->predicate;
      p.text = "^" + inner->text;
      return p;
    }
    TermId members = node;
    p.type = Path::Type::sequence;
    if (auto alt = one(node, sh("alternativePath"))) {
      members = *alt;
      p.type = Path::Type::alternative;
    } else if (g_.objects(node, id(iri(ns::rdf, "first"))).empty()) {
      return shapes_error(file_, show(shape) + ": unsupported sh:path " + show(node), Status::unsupported);
    }
    auto items = list(members);
    if (!items) return items.error();
    for (TermId item : *items) {
      auto step = path(item, shape);
      if (!step) return step.error();
      if (!p.text.empty()) p.text += p.type == Path::Type::sequence ? "/" : "|";
      p.text += step->text;
      p.steps.push_back(std::move(*step));
    }
    if (p.type == Path::Type::alternative) p.text = "(" + p.text + ")";
    return p;
  }

  // Readable name: the IRI, or PARENT/PATH for a blank property shape.
  std::string name_of(TermId node) const {
    const Term& t = term(node);
    if (t.kind == TermKind::iri) return t.value;
    auto parents = g_.subjects(id(sh("property")), node);
    auto p = one(node, sh("path"));
    if (!parents.empty() && p) {
      std::vector<std::string> names;
      for (TermId parent : parents) names.push_back(name_of(parent));
      std::sort(names.begin(), names.end());
      auto compiled = path(*p, node);
      return names.front() + "/" + (compiled ? compiled->text : std::string("?"));
    }
    return "_:" + t.value;
  }

  Result<std::size_t> shape_index(TermId node) {
    auto it = index_.find(node);
    if (it != index_.end()) return it->second;
    std::size_t idx = shapes_.size();
    index_[node] = idx;
    shapes_.emplace_back();
    auto compiled = compile_shape(node);
    if (!compiled) return compiled.error();
    shapes_[idx] = std::move(*compiled);
    return idx;
  }

  Result<std::vector<std::size_t>> shape_list(TermId shape, TermId head) {
    auto items = list(head);
    if (!items) return items.error();
    std::vector<std::size_t> out;
    for (TermId item : *items) {
      auto idx = shape_index(item);
      if (!idx) return idx.error();
      out.push_back(*idx);
    }
    (void)shape;
    return out;
  }

  Result<Shape> compile_shape(TermId node) {
    Shape s;
    s.id = node;
    s.name = name_of(node);
    if (auto p = one(node, sh("path"))) {
      auto compiled = path(*p, node);
      if (!compiled) return compiled.error();
      s.property = true;
      s.path = std::move(*compiled);
    }
    const TermId type = id(iri(ns::rdf, "type"));
    auto types = g_.objects(node, type);
    bool declared_property = std::find(types.begin(), types.end(), id(sh("PropertyShape"))) != types.end();
    if (!s.property && (declared_property || !g_.subjects(id(sh("property")), node).empty()))
      return shapes_error(file_, show(node) + ": a property shape needs exactly one sh:path");
    if (g_.objects(node, id(sh("path"))).size() > 1)
      return shapes_error(file_, show(node) + ": a property shape needs exactly one sh:path");
    if (auto d = one(node, sh("deactivated"))) s.deactivated = term(*d).value == "true" || term(*d).value == "1";
    if (auto sev = one(node, sh("severity"))) {
      const std::string& v = term(*sev).value;
      if (v == sh("Violation")) s.severity = Severity::violation;
      else if (v == sh("Warning")) s.severity = Severity::warning;
      else if (v == sh("Info")) s.severity = Severity::info;
      else return shapes_error(file_, show(node) + ": unknown sh:severity " + show(*sev));
    }
    // sh:message: prefer an English or untagged one, deterministically.
    std::vector<std::pair<int, std::string>> messages;
    for (TermId m : g_.objects(node, id(sh("message")))) {
      const Term& t = term(m);
      int rank = t.language.empty() ? 1 : (ascii_lower(t.language).rfind("en", 0) == 0 ? 0 : 2);
      messages.emplace_back(rank, t.value);
    }
    if (!messages.empty()) s.message = std::min_element(messages.begin(), messages.end())->second;
    for (TermId t : g_.objects(node, type))
      if (term(t).value == iri(ns::rdfs, "Class")) s.target_class.push_back(node);
    for (TermId t : g_.objects(node, id(sh("targetClass")))) s.target_class.push_back(t);
    for (TermId t : g_.objects(node, id(sh("targetNode")))) s.target_node.push_back(t);
    for (TermId t : g_.objects(node, id(sh("targetSubjectsOf")))) s.target_subjects_of.push_back(t);
    for (TermId t : g_.objects(node, id(sh("targetObjectsOf")))) s.target_objects_of.push_back(t);

    auto each = [&](const char* p) { return g_.objects(node, id(sh(p))); };
    auto simple = [&](const char* p, Kind kind) {
      for (TermId v : each(p)) {
        Constraint c;
        c.kind = kind;
        c.term = v;
        s.constraints.push_back(std::move(c));
      }
    };
    simple("class", Kind::cls);
    simple("datatype", Kind::datatype);
    simple("minInclusive", Kind::min_inclusive);
    simple("maxInclusive", Kind::max_inclusive);
    simple("minExclusive", Kind::min_exclusive);
    simple("maxExclusive", Kind::max_exclusive);
    simple("hasValue", Kind::has_value);
    simple("equals", Kind::equals);
    simple("disjoint", Kind::disjoint);
    simple("lessThan", Kind::less_than);
    simple("lessThanOrEquals", Kind::less_than_or_equals);
    for (TermId v : each("nodeKind")) {
      static const std::map<std::string, NodeKindValue> kinds = {
          {"IRI", NodeKindValue::iri}, {"BlankNode", NodeKindValue::blank},
          {"Literal", NodeKindValue::literal}, {"BlankNodeOrIRI", NodeKindValue::blank_or_iri},
          {"BlankNodeOrLiteral", NodeKindValue::blank_or_literal}, {"IRIOrLiteral", NodeKindValue::iri_or_literal}};
      const std::string& value = term(v).value;
      auto k = value.compare(0, sh_ns.size(), sh_ns) == 0 ? kinds.find(value.substr(sh_ns.size())) : kinds.end();
      if (k == kinds.end()) return shapes_error(file_, show(node) + ": unknown sh:nodeKind " + show(v));
      Constraint c;
      c.kind = Kind::node_kind;
      c.term = v;
      c.node_kind = k->second;
      s.constraints.push_back(std::move(c));
    }
    for (auto [p, kind] : {std::pair{"minCount", Kind::min_count}, std::pair{"maxCount", Kind::max_count},
                           std::pair{"minLength", Kind::min_length}, std::pair{"maxLength", Kind::max_length}}) {
      for (TermId v : each(p)) {
        auto n = number(node, v, p);
        if (!n) return n.error();
        Constraint c;
        c.kind = kind;
        c.term = v;
        c.number = *n;
        s.constraints.push_back(std::move(c));
      }
    }
    if ((!each("minCount").empty() || !each("maxCount").empty() || !each("uniqueLang").empty() ||
         !each("equals").empty() || !each("disjoint").empty() || !each("lessThan").empty() ||
         !each("lessThanOrEquals").empty()) && !s.property)
      return shapes_error(file_, show(node) + ": count, uniqueLang and property-pair constraints need sh:path");
    for (TermId v : each("pattern")) {
      Constraint c;
      c.kind = Kind::pattern;
      c.term = v;
      c.pattern = term(v).value;
      uint32_t flags = 0;
      for (TermId f : each("flags"))
        for (char ch : term(f).value) {
          if (ch == 'i') flags |= UREGEX_CASE_INSENSITIVE;
          else if (ch == 'm') flags |= UREGEX_MULTILINE;
          else if (ch == 's') flags |= UREGEX_DOTALL;
          else if (ch == 'x') flags |= UREGEX_COMMENTS;
          else if (ch != 'q') return shapes_error(file_, show(node) + ": unknown sh:flags letter '" + std::string(1, ch) + "'");
        }
      UErrorCode status = U_ZERO_ERROR;
      UParseError pe;
      std::shared_ptr<icu::RegexPattern> re(
          icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(c.pattern), flags, pe, status));
      if (U_FAILURE(status) || !re)
        return shapes_error(file_, show(node) + ": bad sh:pattern \"" + c.pattern + "\" (offset " +
                                       std::to_string(pe.offset) + ": " + u_errorName(status) + ")");
      c.regex = std::move(re);
      s.constraints.push_back(std::move(c));
    }
    for (TermId v : each("languageIn")) {
      auto items = list(v);
      if (!items) return items.error();
      Constraint c;
      c.kind = Kind::language_in;
      c.term = v;
      for (TermId item : *items) c.languages.push_back(ascii_lower(term(item).value));
      s.constraints.push_back(std::move(c));
    }
    for (TermId v : each("uniqueLang")) {
      if (term(v).value != "true") continue;
      Constraint c;
      c.kind = Kind::unique_lang;
      c.term = v;
      s.constraints.push_back(std::move(c));
    }
    for (TermId v : each("in")) {
      auto items = list(v);
      if (!items) return items.error();
      Constraint c;
      c.kind = Kind::in;
      c.term = v;
      c.terms = *items;
      std::sort(c.terms.begin(), c.terms.end());
      s.constraints.push_back(std::move(c));
    }
    for (auto [p, kind] : {std::pair{"node", Kind::node}, std::pair{"not", Kind::not_}}) {
      for (TermId v : each(p)) {
        auto idx = shape_index(v);
        if (!idx) return idx.error();
        Constraint c;
        c.kind = kind;
        c.term = v;
        c.shapes = {*idx};
        s.constraints.push_back(std::move(c));
      }
    }
    for (auto [p, kind] : {std::pair{"and", Kind::and_}, std::pair{"or", Kind::or_}, std::pair{"xone", Kind::xone}}) {
      for (TermId v : each(p)) {
        auto shapes = shape_list(node, v);
        if (!shapes) return shapes.error();
        Constraint c;
        c.kind = kind;
        c.term = v;
        c.shapes = std::move(*shapes);
        s.constraints.push_back(std::move(c));
      }
    }
    for (TermId v : each("property")) {
      auto idx = shape_index(v);
      if (!idx) return idx.error();
      s.properties.push_back(*idx);
    }
    for (TermId v : each("closed")) {
      if (term(v).value != "true") continue;
      Constraint c;
      c.kind = Kind::closed;
      c.term = v;
      for (TermId prop : each("property"))
        if (auto p = one(prop, sh("path")); p && term(*p).kind == TermKind::iri) c.terms.push_back(*p);
      for (TermId ignored : each("ignoredProperties")) {
        auto items = list(ignored);
        if (!items) return items.error();
        c.terms.insert(c.terms.end(), items->begin(), items->end());
      }
      std::sort(c.terms.begin(), c.terms.end());
      s.constraints.push_back(std::move(c));
    }
    return s;
  }

  const IndexedGraph& g_;
  const TermTable& terms_;
  std::string file_;
  std::vector<Shape> shapes_;
  std::map<TermId, std::size_t> index_;
};

// ---------------------------------------------------------------------------
// Ontology: rdfs:domain, rdfs:range, rdfs:subClassOf
// ---------------------------------------------------------------------------

struct RangeRule {
  bool datatypes = false;       // a datatype range (else classes)
  std::vector<TermId> members;  // any of them satisfies the rule
};

struct PropertyRules {
  TermId property = no_term;
  std::vector<RangeRule> domains, ranges;
};

// ---------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------

class Engine {
 public:
  Engine(const IndexedGraph& data, const std::vector<Shape>& shapes, const IndexedGraph* ontology)
      : data_(data), terms_(data.terms()), shapes_(shapes), ontology_(ontology) {
    type_ = terms_.find_iri(iri(ns::rdf, "type"));
    sub_class_ = terms_.find_iri(iri(ns::rdfs, "subClassOf"));
    for (const IndexedGraph* g : {&data_, ontology_}) {
      if (!g) continue;
      auto subs = g->subjects_with(sub_class_);
      auto supers = g->objects_with(sub_class_);
      for (std::size_t i = 0; i < subs.size(); ++i) direct_super_[subs[i]].push_back(supers[i]);
    }
  }

  void run(ValidationReport& report) {
    for (std::size_t i = 0; i < shapes_.size(); ++i) {
      const Shape& s = shapes_[i];
      if (s.deactivated || !s.has_targets()) continue;
      ++report.shapes;
      std::vector<TermId> focus = s.target_node;
      for (TermId c : s.target_class) {
        auto inst = instances(c);
        focus.insert(focus.end(), inst.begin(), inst.end());
      }
      for (TermId p : s.target_subjects_of) {
        auto v = data_.subjects_with(p);
        focus.insert(focus.end(), v.begin(), v.end());
      }
      for (TermId p : s.target_objects_of) {
        auto v = data_.objects_with(p);
        focus.insert(focus.end(), v.begin(), v.end());
      }
      std::sort(focus.begin(), focus.end());
      focus.erase(std::unique(focus.begin(), focus.end()), focus.end());
      report.focus_nodes += focus.size();
      for (TermId f : focus) conforms(i, f, &report.results, 0);
    }
  }

  void check_ontology(ValidationReport& report) {
    if (!ontology_) return;
    const IndexedGraph& o = *ontology_;
    const TermId domain = terms_.find_iri(iri(ns::rdfs, "domain")), range = terms_.find_iri(iri(ns::rdfs, "range"));
    std::map<TermId, PropertyRules> rules;
    for (auto [pred, is_domain] : {std::pair{domain, true}, std::pair{range, false}}) {
      auto subjects = o.subjects_with(pred);
      auto objects = o.objects_with(pred);
      for (std::size_t i = 0; i < subjects.size(); ++i) {
        PropertyRules& r = rules[subjects[i]];
        r.property = subjects[i];
        (is_domain ? r.domains : r.ranges).push_back(range_rule(objects[i]));
      }
    }
    for (const auto& [property, r] : rules) {
      auto subjects = data_.subjects_with(property);
      auto objects = data_.objects_with(property);
      ++report.ontology_properties;
      for (std::size_t i = 0; i < subjects.size(); ++i) {
        for (const RangeRule& d : r.domains)
          if (!satisfies(subjects[i], d))
            add_ontology_result(report, subjects[i], property, "domain", subjects[i], d);
        for (const RangeRule& rr : r.ranges)
          if (!satisfies(objects[i], rr))
            add_ontology_result(report, subjects[i], property, "range", objects[i], rr);
      }
    }
  }

 private:
  const Term& term(TermId t) const { return terms_.term(t); }

  std::string show(TermId t) const { return compact_term(term(t)); }

  RangeRule range_rule(TermId node) const {
    RangeRule rule;
    const IndexedGraph& o = *ontology_;
    const TermId union_of = terms_.find_iri(iri(ns::owl, "unionOf"));
    auto unions = o.objects(node, union_of);
    if (!unions.empty()) {
      TermId head = unions[0];
      const TermId first = terms_.find_iri(iri(ns::rdf, "first")), rest = terms_.find_iri(iri(ns::rdf, "rest"));
      std::set<TermId> seen;
      while (seen.insert(head).second) {
        auto f = o.objects(head, first);
        auto r = o.objects(head, rest);
        if (f.empty() || r.empty()) break;
        rule.members.push_back(f[0]);
        head = r[0];
      }
    } else {
      rule.members.push_back(node);
    }
    const TermId datatype_class = terms_.find_iri(iri(ns::rdfs, "Datatype"));
    auto is_datatype = [&](TermId t) {
      const std::string& v = term(t).value;
      if (v.compare(0, ns::xsd.size(), ns::xsd) == 0) return true;
      if (v == rdf_lang_string || v == iri(ns::rdfs, "Literal") || v == iri(ns::rdf, "HTML") ||
          v == iri(ns::rdf, "XMLLiteral"))
        return true;
      auto types = o.objects(t, type_);
      return std::find(types.begin(), types.end(), datatype_class) != types.end();
    };
    rule.datatypes = is_datatype(node) || (!rule.members.empty() && is_datatype(rule.members[0]));
    return rule;
  }

  bool satisfies(TermId value, const RangeRule& rule) {
    const Term& t = term(value);
    if (rule.datatypes) {
      if (t.kind != TermKind::literal) return false;
      for (TermId dt : rule.members) {
        const std::string& d = term(dt).value;
        if (d == iri(ns::rdfs, "Literal")) return true;
        if (t.datatype == d && well_formed(d, t)) return true;
      }
      return false;
    }
    if (t.kind == TermKind::literal) return false;
    for (TermId c : rule.members)
      if (is_instance(value, c)) return true;
    return false;
  }

  void add_ontology_result(ValidationReport& report, TermId focus, TermId property, const char* which,
                           TermId value, const RangeRule& rule) {
    ValidationResult r;
    r.focus = term(focus);
    r.path = term(property).value;
    r.shape = term(property).value;
    r.component = iri(ns::rdfs, which);
    r.value = term(value);
    std::string expected;
    for (TermId m : rule.members) expected += (expected.empty() ? "" : " or ") + show(m);
    r.message = std::string(which == std::string("domain") ? "subject" : "object") + " " + show(value) +
                " is not " + (rule.datatypes ? "a literal of type " : "an instance of ") + expected +
                " (rdfs:" + which + " of " + show(property) + ")";
    report.results.push_back(std::move(r));
  }

  const std::vector<TermId>& superclasses(TermId cls) {
    auto it = closure_.find(cls);
    if (it != closure_.end()) return it->second;
    std::vector<TermId> out{cls};
    std::vector<TermId> stack{cls};
    std::set<TermId> seen{cls};
    while (!stack.empty()) {
      TermId c = stack.back();
      stack.pop_back();
      auto d = direct_super_.find(c);
      if (d == direct_super_.end()) continue;
      for (TermId sup : d->second)
        if (seen.insert(sup).second) {
          out.push_back(sup);
          stack.push_back(sup);
        }
    }
    std::sort(out.begin(), out.end());
    return closure_[cls] = std::move(out);
  }

  bool is_instance(TermId node, TermId cls) {
    if (cls == no_term) return false;
    for (TermId t : data_.objects(node, type_)) {
      if (t == cls) return true;
      const auto& sup = superclasses(t);
      if (std::binary_search(sup.begin(), sup.end(), cls)) return true;
    }
    return false;
  }

  std::vector<TermId> instances(TermId cls) {
    std::vector<TermId> out;
    const auto types = data_.objects_with(type_);
    std::vector<TermId> classes(types.begin(), types.end());
    std::sort(classes.begin(), classes.end());
    classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
    for (TermId c : classes) {
      const auto& sup = superclasses(c);
      if (!std::binary_search(sup.begin(), sup.end(), cls)) continue;
      auto s = data_.subjects(type_, c);
      out.insert(out.end(), s.begin(), s.end());
    }
    return out;
  }

  std::vector<TermId> values(const Path& path, TermId focus) const {
    std::vector<TermId> out;
    switch (path.type) {
      case Path::Type::predicate: {
        auto v = data_.objects(focus, path.predicate);
        out.assign(v.begin(), v.end());
        return out;
      }
      case Path::Type::inverse: {
        auto v = data_.subjects(path.predicate, focus);
        out.assign(v.begin(), v.end());
        break;
      }
      case Path::Type::sequence: {
        std::vector<TermId> current{focus};
        for (const Path& step : path.steps) {
          std::vector<TermId> next;
          for (TermId c : current) {
            auto v = values(step, c);
            next.insert(next.end(), v.begin(), v.end());
          }
          std::sort(next.begin(), next.end());
          next.erase(std::unique(next.begin(), next.end()), next.end());
          current = std::move(next);
        }
        return current;
      }
      case Path::Type::alternative:
        for (const Path& step : path.steps) {
          auto v = values(step, focus);
          out.insert(out.end(), v.begin(), v.end());
        }
        break;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // Whether `value` passes one value-node constraint.
  bool value_ok(const Constraint& c, TermId value, int depth) {
    const Term& t = term(value);
    switch (c.kind) {
      case Kind::cls: return t.kind != TermKind::literal && is_instance(value, c.term);
      case Kind::datatype:
        return t.kind == TermKind::literal && t.datatype == term(c.term).value && well_formed(t.datatype, t);
      case Kind::node_kind:
        switch (c.node_kind) {
          case NodeKindValue::iri: return t.kind == TermKind::iri;
          case NodeKindValue::blank: return t.kind == TermKind::blank;
          case NodeKindValue::literal: return t.kind == TermKind::literal;
          case NodeKindValue::blank_or_iri: return t.kind != TermKind::literal;
          case NodeKindValue::blank_or_literal: return t.kind != TermKind::iri;
          case NodeKindValue::iri_or_literal: return t.kind != TermKind::blank;
        }
        return false;
      case Kind::min_inclusive: { auto r = compare_terms(t, term(c.term)); return r && *r >= 0; }
      case Kind::max_inclusive: { auto r = compare_terms(t, term(c.term)); return r && *r <= 0; }
      case Kind::min_exclusive: { auto r = compare_terms(t, term(c.term)); return r && *r > 0; }
      case Kind::max_exclusive: { auto r = compare_terms(t, term(c.term)); return r && *r < 0; }
      case Kind::min_length: return t.kind != TermKind::blank && code_points(t.value) >= c.number;
      case Kind::max_length: return t.kind != TermKind::blank && code_points(t.value) <= c.number;
      case Kind::pattern: {
        if (t.kind == TermKind::blank) return false;
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString text = icu::UnicodeString::fromUTF8(t.value);
        std::unique_ptr<icu::RegexMatcher> m(c.regex->matcher(text, status));
        if (U_FAILURE(status) || !m) return false;
        bool found = m->find(status);
        return U_SUCCESS(status) && found;
      }
      case Kind::language_in: {
        if (t.kind != TermKind::literal || t.language.empty()) return false;
        std::string lang = ascii_lower(t.language);
        for (const std::string& range : c.languages)
          if (range == "*" || lang == range || lang.rfind(range + "-", 0) == 0) return true;
        return false;
      }
      case Kind::in: return std::binary_search(c.terms.begin(), c.terms.end(), value);
      case Kind::node: return conforms(c.shapes[0], value, nullptr, depth + 1);
      case Kind::not_: return !conforms(c.shapes[0], value, nullptr, depth + 1);
      case Kind::and_:
        for (std::size_t s : c.shapes)
          if (!conforms(s, value, nullptr, depth + 1)) return false;
        return true;
      case Kind::or_:
        for (std::size_t s : c.shapes)
          if (conforms(s, value, nullptr, depth + 1)) return true;
        return false;
      case Kind::xone: {
        int n = 0;
        for (std::size_t s : c.shapes) n += conforms(s, value, nullptr, depth + 1) ? 1 : 0;
        return n == 1;
      }
      default: return true;
    }
  }

  std::string default_message(const Constraint& c, const std::vector<TermId>& vals) const {
    switch (c.kind) {
      case Kind::cls: return "value is not an instance of " + show(c.term);
      case Kind::datatype: return "value is not a well-formed literal of type " + show(c.term);
      case Kind::node_kind: return "value is not of node kind " + show(c.term);
      case Kind::min_count: return std::to_string(vals.size()) + " values, at least " + std::to_string(c.number) + " required";
      case Kind::max_count: return std::to_string(vals.size()) + " values, at most " + std::to_string(c.number) + " allowed";
      case Kind::min_inclusive: return "value is not >= " + show(c.term);
      case Kind::max_inclusive: return "value is not <= " + show(c.term);
      case Kind::min_exclusive: return "value is not > " + show(c.term);
      case Kind::max_exclusive: return "value is not < " + show(c.term);
      case Kind::min_length: return "value is shorter than " + std::to_string(c.number) + " characters";
      case Kind::max_length: return "value is longer than " + std::to_string(c.number) + " characters";
      case Kind::pattern: return "value does not match \"" + c.pattern + "\"";
      case Kind::language_in: return "language tag is not one of the allowed ones";
      case Kind::unique_lang: return "more than one value with the same language tag";
      case Kind::in: return "value is not in the allowed list";
      case Kind::has_value: return "the required value " + show(c.term) + " is missing";
      case Kind::equals: return "values differ from those of " + show(c.term);
      case Kind::disjoint: return "value is also a value of " + show(c.term);
      case Kind::less_than: return "value is not less than the value of " + show(c.term);
      case Kind::less_than_or_equals: return "value is not less than or equal to the value of " + show(c.term);
      case Kind::node: return "value does not conform to " + show(c.term);
      case Kind::not_: return "value conforms to " + show(c.term) + ", which it must not";
      case Kind::and_: return "value does not conform to all of the shapes";
      case Kind::or_: return "value does not conform to any of the shapes";
      case Kind::xone: return "value does not conform to exactly one of the shapes";
      case Kind::closed: return "property is not allowed by the closed shape";
    }
    return "";
  }

  // Validates `focus` against shape `idx`. With `out` null only conformance
  // matters and the first failure ends the check.
  bool conforms(std::size_t idx, TermId focus, std::vector<ValidationResult>* out, int depth) {
    const Shape& s = shapes_[idx];
    if (s.deactivated) return true;
    if (depth > 64) return true;  // recursive shapes: SHACL leaves them undefined
    std::vector<TermId> vals = s.property ? values(s.path, focus) : std::vector<TermId>{focus};
    bool ok = true;
    auto fail = [&](const Constraint& c, std::optional<TermId> value, std::string path_override = {}) {
      ok = false;
      if (!out) return;
      ValidationResult r;
      r.severity = s.severity;
      r.focus = term(focus);
      r.path = path_override.empty() ? (s.property ? s.path.text : std::string()) : path_override;
      r.shape = s.name;
      r.component = iri(sh_ns, component_name(c.kind));
      if (value) r.value = term(*value);
      r.message = s.message.empty() ? default_message(c, vals) : s.message;
      out->push_back(std::move(r));
    };
    for (const Constraint& c : s.constraints) {
      if (!ok && !out) return false;
      switch (c.kind) {
        case Kind::min_count:
          if (vals.size() < c.number) fail(c, std::nullopt);
          break;
        case Kind::max_count:
          if (vals.size() > c.number) fail(c, std::nullopt);
          break;
        case Kind::unique_lang: {
          std::map<std::string, int> seen;
          for (TermId v : vals)
            if (!term(v).language.empty()) ++seen[ascii_lower(term(v).language)];
          for (const auto& [lang, n] : seen)
            if (n > 1) fail(c, std::nullopt);
          break;
        }
        case Kind::has_value:
          if (std::find(vals.begin(), vals.end(), c.term) == vals.end())
            fail(c, std::nullopt);
          break;
        case Kind::equals: {
          auto other = data_.objects(focus, c.term);
          std::set<TermId> a(vals.begin(), vals.end()), b(other.begin(), other.end());
          for (TermId v : a)
            if (!b.count(v)) fail(c, v);
          for (TermId v : b)
            if (!a.count(v)) fail(c, v);
          break;
        }
        case Kind::disjoint: {
          auto other = data_.objects(focus, c.term);
          for (TermId v : vals)
            if (std::find(other.begin(), other.end(), v) != other.end()) fail(c, v);
          break;
        }
        case Kind::less_than:
        case Kind::less_than_or_equals: {
          auto other = data_.objects(focus, c.term);
          for (TermId v : vals)
            for (TermId o : other) {
              auto r = compare_terms(term(v), term(o));
              if (!r || (c.kind == Kind::less_than ? *r >= 0 : *r > 0)) {
                fail(c, v);
                break;
              }
            }
          break;
        }
        case Kind::closed:
          for (TermId v : vals) {
            auto preds = data_.predicates_of(v);
            auto objs = data_.objects_of(v);
            for (std::size_t i = 0; i < preds.size(); ++i)
              if (!std::binary_search(c.terms.begin(), c.terms.end(), preds[i])) {
                if (focus != v) {
                  fail(c, objs[i]);
                } else {
                  fail(c, objs[i], term(preds[i]).value);
                }
              }
          }
          break;
        default:
          for (TermId v : vals)
            if (!value_ok(c, v, depth)) {
              fail(c, v);
              if (!out) return false;
            }
      }
    }
    for (std::size_t p : s.properties) {
      if (!ok && !out) return false;
      for (TermId v : vals)
        if (!conforms(p, v, out, depth + 1)) ok = false;
    }
    return ok;
  }

  const IndexedGraph& data_;
  const TermTable& terms_;
  const std::vector<Shape>& shapes_;
  const IndexedGraph* ontology_;
  TermId type_ = no_term, sub_class_ = no_term;
  std::unordered_map<TermId, std::vector<TermId>> direct_super_;
  std::unordered_map<TermId, std::vector<TermId>> closure_;
};

void sort_results(std::vector<ValidationResult>& results) {
  struct Keyed {
    std::array<std::string, 5> key;
    std::size_t index;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    keyed.push_back({{ntriples_term(r.focus), r.path, r.component, r.shape, r.value ? ntriples_term(*r.value) : ""}, i});
  }
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
  std::vector<ValidationResult> sorted;
  sorted.reserve(results.size());
  for (std::size_t i = 0; i < keyed.size(); ++i)
    if (i == 0 || keyed[i].key != keyed[i - 1].key) sorted.push_back(std::move(results[keyed[i].index]));
  results = std::move(sorted);
}

}  // namespace

Result<ValidationReport> validate_graphs(const IndexedGraph& data, const IndexedGraph& shapes,
                                         const IndexedGraph* ontology, bool domain_range,
                                         const std::string& shapes_name) {
  if (&data.terms() != &shapes.terms() || (ontology && &ontology->terms() != &data.terms()))
    return make_error(Status::bad_argument, "validate_graphs: graphs must share one TermTable");
  auto compiled = ShapeCompiler(shapes, shapes_name).compile();
  if (!compiled) return compiled.error();
  ValidationReport report;
  report.triples = data.size();
  Engine engine(data, *compiled, ontology);
  engine.run(report);
  if (domain_range) engine.check_ontology(report);
  sort_results(report.results);
  return report;
}

Result<ValidationReport> validate_file(const std::string& graph_file, const ValidateOptions& options) {
  auto terms = std::make_shared<TermTable>();
  IndexedGraph shapes(terms, "shapes."), ontology(terms, "ontology."), data(terms);
  if (options.shapes_file.empty()) return make_error(Status::bad_argument, "no shapes file given");
  DG_TRY(shapes.add_file(options.shapes_file));
  shapes.finish();
  const bool with_ontology = !options.ontology_file.empty();
  if (with_ontology) {
    DG_TRY(ontology.add_file(options.ontology_file));
    ontology.finish();
  }
  DG_TRY(data.add_file(graph_file));
  data.finish();
  // Terms interned after an index was built are simply absent from it.
  return validate_graphs(data, shapes, with_ontology ? &ontology : nullptr, options.domain_range && with_ontology,
                         options.shapes_file);
}

}  // namespace diplograph
