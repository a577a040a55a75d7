// `diplograph validate GRAPH`: SHACL shapes (ontology/shapes.ttl by default)
// and the ontology's rdfs:domain / rdfs:range, one line per violation.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli.hpp"
#include "diplograph/escape.hpp"
#include "diplograph/pipeline.hpp"
#include "diplograph/validate.hpp"

namespace diplograph::cli {
namespace {

struct ValidateState {
  std::string graph, shapes, ontology, format = "table";
  bool no_domain_range = false;
};

// Compacts every IRI inside a shape name or path ("A/B", "^A", "(A|B)").
std::string compact_text(const std::string& text) {
  std::string out, iri_part;
  auto flush = [&] {
    if (iri_part.empty()) return;
    std::string c = compact_iri(iri_part);
    out += c;
    iri_part.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    bool separator = ch == '^' || ch == '(' || ch == ')' || ch == '|' ||
                     (ch == '/' && iri_part.find("://") != std::string::npos && i + 1 < text.size() &&
                      (text[i + 1] == '^' || text[i + 1] == '(' || text.compare(i + 1, 4, "http") == 0));
    if (separator) {
      flush();
      out += ch;
    } else {
      iri_part += ch;
    }
  }
  flush();
  return out;
}


std::string tsv_field(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string component_short(const std::string& component) {
  std::string c = compact_iri(component);
  const std::string suffix = "ConstraintComponent";
  if (c.size() > suffix.size() && c.compare(c.size() - suffix.size(), suffix.size(), suffix) == 0)
    c.erase(c.size() - suffix.size());
  return c;
}

std::string summary(const ValidationReport& r, const ValidateState& s) {
  std::string text = std::to_string(r.count(Severity::violation)) + " violations";
  if (std::size_t w = r.count(Severity::warning)) text += ", " + std::to_string(w) + " warnings";
  if (std::size_t i = r.count(Severity::info)) text += ", " + std::to_string(i) + " infos";
  text += " in " + s.graph + " (" + std::to_string(r.triples) + " triples; " + std::to_string(r.shapes) +
          " shapes on " + std::to_string(r.focus_nodes) + " focus nodes";
  if (!s.no_domain_range) text += "; domain/range of " + std::to_string(r.ontology_properties) + " properties";
  return text + ")";
}

void print_table(const ValidationReport& r) {
  struct Row {
    std::string cells[6];
  };
  std::vector<Row> rows;
  rows.push_back({{"SEVERITY", "FOCUS", "PATH", "SHAPE", "COMPONENT", "VALUE"}});
  for (const auto& v : r.results)
    rows.push_back({{severity_name(v.severity), compact_term(v.focus), v.path.empty() ? "-" : compact_text(v.path),
                     compact_text(v.shape), component_short(v.component), v.value ? compact_term(*v.value) : "-"}});
  std::size_t width[6] = {0, 0, 0, 0, 0, 0};
  for (const Row& row : rows)
    for (int c = 0; c < 6; ++c) width[c] = std::max(width[c], std::min<std::size_t>(row.cells[c].size(), 60));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string line;
    for (int c = 0; c < 6; ++c) {
      std::string cell = rows[i].cells[c];
      if (c == 5 && cell.size() > 60) cell = cell.substr(0, 57) + "...";
      line += cell;
      if (c < 5) line += std::string(width[c] > cell.size() ? width[c] - cell.size() + 2 : 2, ' ');
    }
    if (i > 0) line += "  " + r.results[i - 1].message;
    else line += "  MESSAGE";
    std::printf("%s\n", line.c_str());
  }
}

int run_validate(const ValidateState& s) {
  ValidateOptions options;
  std::string dir = default_ontology_directory();
  options.shapes_file = s.shapes.empty() ? dir + "/shapes.ttl" : s.shapes;
  options.ontology_file = s.ontology.empty() ? dir + "/diplograph.ttl" : s.ontology;
  options.domain_range = !s.no_domain_range;
  auto report = validate_file(s.graph, options);
  if (!report) return fail(report.error());
  const ValidationReport& r = *report;
  if (s.format == "tsv") {
    std::printf("severity\tfocus\tpath\tshape\tcomponent\tvalue\tmessage\n");
    for (const auto& v : r.results)
      std::printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", severity_name(v.severity), ntriples_term(v.focus).c_str(),
                  tsv_field(v.path).c_str(), tsv_field(v.shape).c_str(), v.component.c_str(),
                  v.value ? tsv_field(ntriples_term(*v.value)).c_str() : "", tsv_field(v.message).c_str());
    std::fprintf(stderr, "%s\n", summary(r, s).c_str());
  } else if (s.format == "json") {
    std::string out = "{\n  \"conforms\": " + std::string(r.count(Severity::violation) == 0 ? "true" : "false") +
                      ",\n  \"violations\": " + std::to_string(r.count(Severity::violation)) +
                      ",\n  \"warnings\": " + std::to_string(r.count(Severity::warning)) +
                      ",\n  \"infos\": " + std::to_string(r.count(Severity::info)) +
                      ",\n  \"triples\": " + std::to_string(r.triples) +
                      ",\n  \"shapes\": " + std::to_string(r.shapes) +
                      ",\n  \"focus_nodes\": " + std::to_string(r.focus_nodes) + ",\n  \"results\": [";
    for (std::size_t i = 0; i < r.results.size(); ++i) {
      const auto& v = r.results[i];
      out += i ? ",\n    {" : "\n    {";
      out += "\"severity\": " + json_quote(severity_name(v.severity));
      out += ", \"focus\": " + json_quote(ntriples_term(v.focus));
      out += ", \"path\": " + json_quote(v.path);
      out += ", \"shape\": " + json_quote(v.shape);
      out += ", \"component\": " + json_quote(v.component);
      out += ", \"value\": " + (v.value ? json_quote(ntriples_term(*v.value)) : std::string("null"));
      out += ", \"message\": " + json_quote(v.message) + "}";
    }
    out += r.results.empty() ? "]\n}\n" : "\n  ]\n}\n";
    std::fputs(out.c_str(), stdout);
  } else {
    if (!r.results.empty()) print_table(r);
    std::printf("%s\n", summary(r, s).c_str());
  }
  return r.count(Severity::violation) == 0 ? 0 : 1;
}

}  // namespace

void add_validate_commands(CLI::App& app, Commands& commands) {
  auto s = std::make_shared<ValidateState>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Check a graph against SHACL shapes (default: the ontology folder's shapes.ttl) and the ontology's "
      "rdfs:domain/rdfs:range; prints each violation, exit 1 if there is any.");
  cmd->add_option("graph", s->graph, "Turtle or N-Triples graph")->required();
  cmd->add_option("--shapes", s->shapes, "SHACL shapes file (Turtle; default: ONTOLOGY_DIR/shapes.ttl)");
  cmd->add_option("--ontology", s->ontology,
                  "Ontology for rdfs:subClassOf, rdfs:domain and rdfs:range (default: ONTOLOGY_DIR/diplograph.ttl)");
  cmd->add_flag("--no-domain-range", s->no_domain_range, "Skip the rdfs:domain / rdfs:range check");
  cmd->add_option("--format", s->format, "Output: table, tsv or json")
      ->check(CLI::IsMember({"table", "tsv", "json"}))
      ->capture_default_str();
  add_version_flag(cmd);
  commands.push_back({cmd, [s] { return run_validate(*s); }});
}

}  // namespace diplograph::cli
