// Loading the graph for the site and the questions its pages ask of it.
#include "model.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "diplograph/rdf.hpp"

namespace diplograph::site {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The last segment of an IRI, for things without a label.
std::string iri_tail(std::string_view iri) {
  auto cut = iri.find_last_of("/#");
  std::string_view tail = cut == std::string_view::npos ? iri : iri.substr(cut + 1);
  return std::string(tail.empty() ? iri : tail);
}

void sort_by_iri(std::vector<TermId>& ids, const TermTable& terms) {
  std::sort(ids.begin(), ids.end(),
            [&](TermId a, TermId b) { return terms.term(a).value < terms.term(b).value; });
}

}  // namespace

Result<SiteModel> SiteModel::load_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return make_error(Status::not_found, "no such file or directory").in_file(path);
  if (std::filesystem::is_directory(path, ec))
    return make_error(Status::bad_argument, "is a folder, not a graph file").in_file(path);
  SiteModel model;
  model.graph_ = std::make_unique<IndexedGraph>(std::make_shared<TermTable>());
  Outcome added = model.graph_->add_file(path);
  if (!added) return added.error().in_file(path);
  model.graph_->finish();
  Outcome indexed = model.index();
  if (!indexed) return indexed.error().in_file(path);
  return model;
}

Result<SiteModel> SiteModel::load_string(std::string_view name, std::string_view turtle) {
  SiteModel model;
  model.graph_ = std::make_unique<IndexedGraph>(std::make_shared<TermTable>());
  DG_TRY(model.graph_->add_string(name, turtle));
  model.graph_->finish();
  Outcome indexed = model.index();
  if (!indexed) return indexed.error().in_file(std::string(name));
  return model;
}

Outcome SiteModel::index() {
  if (graph_->size() == 0) return make_error(Status::empty_input, "empty graph (no triples)");
  find_vocab();
  collect_nodes();
  if (entities_.empty() && documents_.empty())
    return make_error(Status::empty_input,
                      "no entities or documents of the diplograph ontology in this graph (nothing to show)");
  collect_neighbours();
  return {};
}

void SiteModel::find_vocab() {
  const TermTable& t = graph_->terms();
  auto dg = [&](std::string_view local) { return t.find_iri(diplograph::iri(ns::dg, local)); };
  Vocab& v = vocab_;
  v.rdf_type = t.find_iri(diplograph::iri(ns::rdf, "type"));
  v.rdf_statement = t.find_iri(diplograph::iri(ns::rdf, "Statement"));
  v.rdf_subject = t.find_iri(diplograph::iri(ns::rdf, "subject"));
  v.rdf_predicate = t.find_iri(diplograph::iri(ns::rdf, "predicate"));
  v.rdf_object = t.find_iri(diplograph::iri(ns::rdf, "object"));
  v.rdfs_label = t.find_iri(diplograph::iri(ns::rdfs, "label"));
  v.skos_alt_label = t.find_iri(diplograph::iri(ns::skos, "altLabel"));
  v.owl_same_as = t.find_iri(diplograph::iri(ns::owl, "sameAs"));
  v.dg_document = dg("Document");
  v.dg_conflict = dg("Conflict");
  v.dg_former_state = dg("FormerState");
  v.dg_mentioned_in = dg("mentionedIn");
  v.dg_date = dg("date");
  v.dg_timex_value = dg("timexValue");
  v.dg_timex_modifier = dg("timexModifier");
  v.dg_evidence = dg("evidence");
  v.dg_section = dg("section");
  v.dg_rule = dg("rule");
  v.dg_confidence = dg("confidence");
  v.dg_conflict_reason = dg("conflictReason");
  v.dg_conflicting_statement = dg("conflictingStatement");
  v.dg_title = dg("title");
  v.dg_format = dg("format");
  v.dg_source_file = dg("sourceFile");
  v.dg_page_id = dg("pageId");
  v.dg_revision = dg("revision");
  v.dg_alpha2 = dg("iso3166Alpha2");
  v.dg_alpha3 = dg("iso3166Alpha3");
  v.dg_alpha4 = dg("iso3166Alpha4");
  v.dg_numeric = dg("iso3166Numeric");
  v.prov_derived_from = t.find_iri(diplograph::iri(ns::prov, "wasDerivedFrom"));
  v.nif_begin = t.find_iri(diplograph::iri(ns::nif, "beginIndex"));
  v.nif_end = t.find_iri(diplograph::iri(ns::nif, "endIndex"));
}

// Entities, documents and conflicts from the rdf:type triples. An entity's
// type is its first dg: class by name, FormerState only when it has no other.
void SiteModel::collect_nodes() {
  const TermTable& t = graph_->terms();
  auto subjects = graph_->subjects_with(vocab_.rdf_type);
  auto classes = graph_->objects_with(vocab_.rdf_type);
  std::unordered_map<TermId, std::string> type_name;
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    TermId s = subjects[i], c = classes[i];
    if (c == vocab_.rdf_statement) {
      ++statement_count_;
      continue;
    }
    if (t.term(s).kind != TermKind::iri || !starts_with(t.term(c).value, ns::dg)) continue;
    if (c == vocab_.dg_document) {
      documents_.push_back(s);
      continue;
    }
    if (c == vocab_.dg_conflict) {
      conflicts_.push_back(s);
      continue;
    }
    std::string local = t.term(c).value.substr(ns::dg.size());
    if (c == vocab_.dg_former_state) local = "State";
    auto [it, fresh] = type_name.emplace(s, local);
    if (!fresh && local < it->second) it->second = local;
  }
  for (const auto& [s, name] : type_name) entities_.push_back(s);
  sort_by_iri(entities_, t);
  sort_by_iri(documents_, t);
  sort_by_iri(conflicts_, t);
  documents_.erase(std::unique(documents_.begin(), documents_.end()), documents_.end());
  conflicts_.erase(std::unique(conflicts_.begin(), conflicts_.end()), conflicts_.end());
  // An entity that is also a document is shown as a document.
  std::vector<TermId> docs_sorted = documents_;
  std::sort(docs_sorted.begin(), docs_sorted.end());
  std::erase_if(entities_, [&](TermId s) { return std::binary_search(docs_sorted.begin(), docs_sorted.end(), s); });
  type_of_.resize(entities_.size());
  entity_of_.reserve(entities_.size());
  for (EntityIndex e = 0; e < entities_.size(); ++e) {
    entity_of_[entities_[e]] = e;
    const std::string& name = type_name[entities_[e]];
    auto found = std::find(types_.begin(), types_.end(), name);
    if (found == types_.end()) found = types_.insert(types_.end(), name);
    type_of_[e] = static_cast<std::uint16_t>(found - types_.begin());
  }
}

// The relation graph's adjacency: any dg: property from one entity to another.
void SiteModel::collect_neighbours() {
  neighbours_.assign(entities_.size(), {});
  for (TermId p : graph_->predicates()) {
    if (p == vocab_.dg_mentioned_in || !starts_with(iri(p), ns::dg)) continue;
    auto subjects = graph_->subjects_with(p);
    auto objects = graph_->objects_with(p);
    for (std::size_t i = 0; i < subjects.size(); ++i) {
      EntityIndex a = entity_index(subjects[i]), b = entity_index(objects[i]);
      if (a == no_entity || b == no_entity || a == b) continue;
      neighbours_[a].push_back(b);
      neighbours_[b].push_back(a);
    }
  }
  for (auto& list : neighbours_) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    list.shrink_to_fit();
  }
}

const std::string& SiteModel::iri(TermId id) const {
  static const std::string none;
  return id == no_term ? none : term(id).value;
}

EntityIndex SiteModel::entity_index(TermId id) const {
  auto it = entity_of_.find(id);
  return it == entity_of_.end() ? no_entity : it->second;
}

bool SiteModel::is_document(TermId id) const {
  return std::binary_search(documents_.begin(), documents_.end(), id, [&](TermId a, TermId b) {
    return iri(a) < iri(b);
  });
}

bool SiteModel::is_statement(TermId id) const {
  for (TermId c : graph_->objects(id, vocab_.rdf_type))
    if (c == vocab_.rdf_statement) return true;
  return false;
}

std::string SiteModel::value(TermId s, TermId p) const {
  auto objects = graph_->objects(s, p);
  if (objects.empty()) return {};
  // Deterministic whatever the term ids: the smallest text.
  const std::string* best = &term(objects[0]).value;
  for (TermId o : objects)
    if (term(o).value < *best) best = &term(o).value;
  return *best;
}

std::vector<TermId> SiteModel::objects_sorted(TermId s, TermId p) const {
  auto objects = graph_->objects(s, p);
  std::vector<TermId> out(objects.begin(), objects.end());
  sort_by_iri(out, graph_->terms());
  return out;
}

std::string SiteModel::label(TermId id) const {
  std::string english, other;
  for (TermId o : graph_->objects(id, vocab_.rdfs_label)) {
    const Term& l = term(o);
    std::string& slot = (l.language == "en" || l.language.empty()) ? english : other;
    if (slot.empty() || l.value < slot) slot = l.value;
  }
  if (!english.empty()) return english;
  if (!other.empty()) return other;
  std::string title = value(id, vocab_.dg_title);
  return title.empty() ? iri_tail(iri(id)) : title;
}

std::vector<std::string> SiteModel::aliases(TermId id) const {
  std::vector<std::string> out;
  for (TermId o : graph_->objects(id, vocab_.skos_alt_label)) out.push_back(term(o).value);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> SiteModel::names(TermId id) const {
  std::vector<std::string> out = aliases(id);
  out.insert(out.begin(), label(id));
  return out;
}

std::vector<TermId> SiteModel::statements_about(TermId id) const {
  std::vector<TermId> out;
  for (TermId p : {vocab_.rdf_subject, vocab_.rdf_object})
    for (TermId s : graph_->subjects(p, id))
      if (is_statement(s)) out.push_back(s);
  sort_by_iri(out, graph_->terms());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<TermId> SiteModel::conflicts_about(TermId id) const {
  std::vector<TermId> out;
  for (TermId p : {vocab_.rdf_subject, vocab_.rdf_object})
    for (TermId c : graph_->subjects(p, id))
      for (TermId type : graph_->objects(c, vocab_.rdf_type))
        if (type == vocab_.dg_conflict) out.push_back(c);
  sort_by_iri(out, graph_->terms());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<TermId> SiteModel::statements_from(TermId document) const {
  std::vector<std::pair<long long, TermId>> keyed;
  for (TermId s : graph_->subjects(vocab_.prov_derived_from, document)) {
    std::string begin = value(s, vocab_.nif_begin);
    keyed.push_back({begin.empty() ? -1 : std::atoll(begin.c_str()), s});
  }
  std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return iri(a.second) < iri(b.second);
  });
  std::vector<TermId> out;
  for (const auto& [begin, s] : keyed) out.push_back(s);
  return out;
}

StatementView SiteModel::statement(TermId id) const {
  const Vocab& v = vocab_;
  StatementView st;
  st.id = id;
  auto first = [&](TermId p) {
    auto objects = graph_->objects(id, p);
    return objects.empty() ? no_term : objects[0];
  };
  st.subject = first(v.rdf_subject);
  st.predicate = first(v.rdf_predicate);
  st.object = first(v.rdf_object);
  st.document = first(v.prov_derived_from);
  st.date = value(id, v.dg_date);
  st.timex_value = value(id, v.dg_timex_value);
  st.timex_modifier = value(id, v.dg_timex_modifier);
  st.evidence = value(id, v.dg_evidence);
  st.section = value(id, v.dg_section);
  st.rule = value(id, v.dg_rule);
  st.confidence = value(id, v.dg_confidence);
  std::string begin = value(id, v.nif_begin), end = value(id, v.nif_end);
  if (!begin.empty()) st.begin = std::atoll(begin.c_str());
  if (!end.empty()) st.end = std::atoll(end.c_str());
  return st;
}

std::string property_label(std::string_view property_iri, bool inverse) {
  struct Name {
    std::string_view local, forward, backward;
  };
  static constexpr Name known[] = {
      {"memberOf", "member of", "members"},
      {"observerOf", "observer of", "observers"},
      {"diplomaticRelationsWith", "diplomatic relations with", "diplomatic relations with"},
      {"partyTo", "party to", "parties"},
      {"participatedIn", "participated in", "participants"},
      {"hasMember", "has member", "member of group"},
      {"date", "date", "date of"},
      {"diplomaticRelationsCount", "number of states it has relations with", "relations count of"},
  };
  std::string_view local = property_iri;
  if (starts_with(local, ns::dg)) {
    local.remove_prefix(ns::dg.size());
    for (const Name& n : known)
      if (n.local == local) return std::string(inverse ? n.backward : n.forward);
  } else {
    local = property_iri.substr(property_iri.find_last_of("/#") + 1);  // npos + 1: the whole IRI
  }
  // camelCase -> words.
  std::string out;
  for (char c : local) {
    if (c >= 'A' && c <= 'Z' && !out.empty()) {
      out += ' ';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return inverse ? out + " (of)" : out;
}

}  // namespace diplograph::site
