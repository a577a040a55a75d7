#pragma once
/// Evaluation against a hand-made gold standard: precision, recall and F1 per
/// predicate and overall, and date accuracy on matched facts.
#include <map>
#include <string>
#include <vector>

#include "diplograph/result.hpp"

namespace diplograph {

/// One fact of a gold TSV (subject, predicate, object, date, evidence).
struct GoldFact {
  std::string subject, predicate, object, date, evidence;
  std::size_t line = 0;
};

/// Reads a gold TSV; errors name the file and line.
Result<std::vector<GoldFact>> read_gold(const std::string& path);

struct Scores {
  std::size_t gold = 0, predicted = 0, matched = 0;
  std::size_t dated = 0, dates_right = 0;  ///< gold dates on matched facts, and how many agree
  double precision() const { return predicted ? double(matched) / double(predicted) : 1.0; }
  double recall() const { return gold ? double(matched) / double(gold) : 1.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  double date_accuracy() const { return dated ? double(dates_right) / double(dated) : 1.0; }
  void add(const Scores& o);
};

/// A fact on one side only, for --diff.
struct Difference {
  bool missed = false;  ///< true: in gold, not in the graph; false: spurious
  std::string subject, predicate, object, date, evidence;
};

struct DocumentEvaluation {
  std::string gold_file;
  std::string document;  ///< the matched document's source file, empty when none matched
  std::map<std::string, Scores> by_predicate;
  Scores total;
  std::vector<Difference> differences;
};

struct Evaluation {
  std::vector<DocumentEvaluation> documents;
  std::map<std::string, Scores> by_predicate;
  Scores total;
};

/// Matches each gold file (by its name: gold/foo.tsv goes with the document
/// read from foo.*) against the facts the graph derives from that document.
/// Names resolve through rdfs:label and skos:altLabel; dates compare at the
/// gold's precision; diplomaticRelationsWith matches in either direction.
Result<Evaluation> evaluate(const std::string& graph_path, const std::vector<std::string>& gold_paths);

}  // namespace diplograph
