#include "diplograph/evaluate.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>

#include "diplograph/gazetteer.hpp"
#include "diplograph/rdf.hpp"
#include "diplograph/reader.hpp"

namespace diplograph {
namespace {



struct Predicted {
  std::set<std::string> dates;
  std::string evidence;
};

}  // namespace

void Scores::add(const Scores& o) {
  gold += o.gold;
  predicted += o.predicted;
  matched += o.matched;
  dated += o.dated;
  dates_right += o.dates_right;
}

Result<std::vector<GoldFact>> read_gold(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    Error e = make_error(Status::not_found, "cannot open gold file");
    e.file = path;
    return e;
  }
  std::vector<GoldFact> facts;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= line.size(); ++i)
      if (i == line.size() || line[i] == '\t') {
        cols.push_back(line.substr(start, i - start));
        start = i + 1;
      }
    if (number == 1 && !cols.empty() && cols[0] == "subject") continue;  // header
    if (cols.size() < 3) {
      Error e = make_error(Status::bad_input, "expected subject, predicate, object, date, evidence separated by tabs");
      e.file = path;
      e.line = number;
      return e;
    }
    GoldFact f;
    f.subject = cols[0];
    f.predicate = cols[1];
    f.object = cols[2];
    if (cols.size() > 3) f.date = cols[3];
    if (cols.size() > 4) f.evidence = cols[4];
    f.line = number;
    facts.push_back(std::move(f));
  }
  return facts;
}

Result<Evaluation> evaluate(const std::string& graph_path, const std::vector<std::string>& gold_paths) {
  const std::string rdf(ns::rdf), dg(ns::dg);
  std::unordered_map<std::string, std::vector<std::string>> names_of;   // iri -> labels
  std::unordered_map<std::string, std::vector<std::string>> iris_of;    // name key -> iris
  struct Node {
    std::string s, p, o, date, document, evidence;
  };
  std::unordered_map<std::string, Node> statements;
  std::unordered_map<std::string, std::string> source_of;  // document iri -> source file
  Outcome parsed = parse_rdf_file(graph_path, syntax_for_path(graph_path), [&](const Triple& t) -> Outcome {
    const std::string& p = t.predicate.value;
    if (p == iri(ns::rdfs, "label") || p == iri(ns::skos, "altLabel")) {
      names_of[t.subject.value].push_back(t.object.value);
      auto& list = iris_of[name_key(t.object.value)];
      if (std::find(list.begin(), list.end(), t.subject.value) == list.end()) list.push_back(t.subject.value);
    } else if (p == rdf + "subject") {
      statements[t.subject.value].s = t.object.value;
    } else if (p == rdf + "predicate") {
      statements[t.subject.value].p = t.object.value;
    } else if (p == rdf + "object") {
      statements[t.subject.value].o = t.object.value;
    } else if (p == dg + "date") {
      auto it = statements.find(t.subject.value);
      if (it != statements.end() || t.subject.value.find("/statement/") != std::string::npos)
        statements[t.subject.value].date = t.object.value;
    } else if (p == iri(ns::prov, "wasDerivedFrom")) {
      statements[t.subject.value].document = t.object.value;
    } else if (p == dg + "evidence") {
      statements[t.subject.value].evidence = t.object.value;
    } else if (p == dg + "sourceFile") {
      source_of[t.subject.value] = t.object.value;
    }
    return {};
  });
  if (!parsed) return parsed.error();

  // Facts per document stem: (s, p, o) -> dates. Symmetric pairs sorted.
  static const std::set<std::string> predicates{"memberOf", "observerOf", "diplomaticRelationsWith",
                                                "partyTo", "participatedIn"};
  using Key = std::tuple<std::string, std::string, std::string>;
  auto make_key = [](std::string s, const std::string& p, std::string o) {
    if (p == "diplomaticRelationsWith" && o < s) std::swap(s, o);
    return Key{s, p, o};
  };
  std::map<std::string, std::map<Key, Predicted>> by_document;
  for (const auto& [node, st] : statements) {
    if (st.p.rfind(dg, 0) != 0 || st.s.empty() || st.o.empty()) continue;
    std::string p = st.p.substr(dg.size());
    if (!predicates.count(p)) continue;
    auto src = source_of.find(st.document);
    if (src == source_of.end()) continue;
    Predicted& pred = by_document[document_stem(src->second)][make_key(st.s, p, st.o)];
    if (!st.date.empty()) pred.dates.insert(st.date);
    if (pred.evidence.empty()) pred.evidence = st.evidence;
  }
  auto label = [&](const std::string& iri_value) {
    auto it = names_of.find(iri_value);
    if (it == names_of.end() || it->second.empty()) return iri_value;
    return it->second.front();
  };
  auto resolve = [&](const std::string& name) -> std::vector<std::string> {
    auto it = iris_of.find(name_key(name));
    if (it == iris_of.end()) return {};
    return it->second;
  };

  Evaluation result;
  for (const std::string& gold_path : gold_paths) {
    auto gold = read_gold(gold_path);
    if (!gold) return gold.error();
    DocumentEvaluation doc;
    doc.gold_file = gold_path;
    std::string key_stem = document_stem(gold_path);
    std::map<Key, Predicted> predicted;
    if (auto it = by_document.find(key_stem); it != by_document.end()) {
      predicted = it->second;
      doc.document = key_stem;
    }
    // Gold facts grouped like predictions; names resolved to IRIs.
    struct GoldGroup {
      std::set<std::string> dates;
      const GoldFact* first = nullptr;
    };
    std::map<Key, GoldGroup> gold_groups;
    std::vector<const GoldFact*> unresolved;
    for (const GoldFact& g : *gold) {
      std::vector<std::string> subjects = resolve(g.subject), objects = resolve(g.object);
      bool placed = false;
      for (const auto& s : subjects) {
        for (const auto& o : objects) {
          Key k = make_key(s, g.predicate, o);
          if (predicted.count(k) || (&s == &subjects.back() && &o == &objects.back())) {
            GoldGroup& group = gold_groups[k];
            if (!g.date.empty()) group.dates.insert(g.date);
            if (!group.first) group.first = &g;
            placed = true;
            break;
          }
        }
        if (placed) break;
      }
      if (!placed) unresolved.push_back(&g);
    }
    std::map<std::string, Scores> scores;
    for (const auto& [k, group] : gold_groups) {
      Scores& sc = scores[std::get<1>(k)];
      ++sc.gold;
      auto it = predicted.find(k);
      if (it == predicted.end()) {
        doc.differences.push_back({true, group.first->subject, std::get<1>(k), group.first->object,
                                   group.first->date, group.first->evidence});
        continue;
      }
      ++sc.matched;
      for (const std::string& gd : group.dates) {
        ++sc.dated;
        bool right = std::any_of(it->second.dates.begin(), it->second.dates.end(),
                                 [&](const std::string& pd) { return pd.rfind(gd, 0) == 0; });
        if (right) ++sc.dates_right;
        else
          doc.differences.push_back({true, group.first->subject, std::get<1>(k), group.first->object,
                                     "date " + gd + " (graph: " +
                                         (it->second.dates.empty() ? std::string("none") : *it->second.dates.begin()) + ")",
                                     group.first->evidence});
      }
    }
    for (const GoldFact* g : unresolved) {
      ++scores[g->predicate].gold;
      doc.differences.push_back({true, g->subject, g->predicate, g->object, g->date,
                                 g->evidence + " (a name is not in the graph)"});
    }
    for (const auto& [k, pred] : predicted) {
      Scores& sc = scores[std::get<1>(k)];
      ++sc.predicted;
      if (!gold_groups.count(k))
        doc.differences.push_back({false, label(std::get<0>(k)), std::get<1>(k), label(std::get<2>(k)),
                                   pred.dates.empty() ? std::string() : *pred.dates.begin(), pred.evidence});
    }
    for (const auto& [p, sc] : scores) {
      doc.by_predicate[p].add(sc);
      doc.total.add(sc);
      result.by_predicate[p].add(sc);
      result.total.add(sc);
    }
    result.documents.push_back(std::move(doc));
  }
  return result;
}

}  // namespace diplograph
