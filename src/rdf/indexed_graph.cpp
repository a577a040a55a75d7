// The one indexed graph (indexed_graph.hpp): interning, the three sorted
// indexes, pattern cursors, and the binary index file.
#include "diplograph/indexed_graph.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <tuple>

namespace diplograph {

namespace {
const std::string xsd_string = iri(ns::xsd, "string");
const std::string rdf_lang_string = iri(ns::rdf, "langString");
}  // namespace

// RDF 1.1: a simple literal is an xsd:string, a tagged one an rdf:langString.
static std::string_view normalized_datatype(const Term& term) {
  if (term.kind != TermKind::literal) return {};
  if (!term.language.empty()) return rdf_lang_string;
  if (term.datatype.empty()) return xsd_string;
  return term.datatype;
}

void TermTable::key_into(const Term& term, std::string& k) {
  k.clear();
  k += static_cast<char>('0' + static_cast<int>(term.kind));
  k += term.value;
  if (term.kind == TermKind::literal) {
    k += '\0';
    k += normalized_datatype(term);
    k += '\0';
    k += term.language;
  }
}

TermId TermTable::intern(const Term& term) {
  // One reused key buffer: parsing a large graph looks up three terms per triple.
  key_into(term, buffer_);
  auto it = ids_.find(buffer_);
  if (it != ids_.end()) return it->second;
  TermId id = static_cast<TermId>(terms_.size());
  Term copy = term;
  if (copy.kind == TermKind::literal) copy.datatype = std::string(normalized_datatype(term));
  terms_.push_back(std::move(copy));
  ids_.emplace(buffer_, id);
  return id;
}

TermId TermTable::find(const Term& term) const {
  std::string k;
  key_into(term, k);
  auto it = ids_.find(k);
  return it == ids_.end() ? no_term : it->second;
}

TermId TermTable::find_iri(std::string_view value) const {
  Term t;
  t.value = std::string(value);
  return find(t);
}

TermId TermTable::iri(std::string_view value) {
  Term t;
  t.value = std::string(value);
  return intern(t);
}

TermId IndexedGraph::intern(const Term& term) {
  if (term.kind != TermKind::blank || blank_prefix_.empty()) return terms_->intern(term);
  Term renamed = term;
  renamed.value = blank_prefix_ + term.value;
  return terms_->intern(renamed);
}

Outcome IndexedGraph::add_file(const std::string& path) {
  // Consecutive triples mostly share their subject (Turtle groups them).
  Term last;
  TermId last_id = no_term;
  return parse_rdf_file(path, syntax_for_path(path), [&](const Triple& t) -> Outcome {
    if (last_id == no_term || t.subject.kind != last.kind || t.subject.value != last.value) {
      last = t.subject;
      last_id = intern(t.subject);
    }
    add(last_id, intern(t.predicate), intern(t.object));
    return {};
  });
}

Outcome IndexedGraph::add_string(std::string_view name, std::string_view text, RdfSyntax syntax) {
  return parse_rdf_string(name, text, syntax, [this](const Triple& t) -> Outcome {
    add(intern(t.subject), intern(t.predicate), intern(t.object));
    return {};
  });
}

void IndexedGraph::add(TermId s, TermId p, TermId o) {
  add_s_.push_back(s);
  add_p_.push_back(p);
  add_o_.push_back(o);
}

namespace {
// Builds offsets for a column sorted by its first key: offset[k]..offset[k+1].
std::vector<std::uint32_t> offsets_for(const std::vector<TermId>& keys, std::size_t n_terms) {
  std::vector<std::uint32_t> offset(n_terms + 1, 0);
  for (TermId k : keys) ++offset[k + 1];
  for (std::size_t i = 1; i < offset.size(); ++i) offset[i] += offset[i - 1];
  return offset;
}
}  // namespace

void IndexedGraph::finish() {
  // Append what was already indexed, then rebuild all three orders.
  for (std::size_t i = 0; i < spo_s_.size(); ++i) add(spo_s_[i], spo_p_[i], spo_o_[i]);
  std::vector<std::array<TermId, 3>> t(add_s_.size());
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = {add_s_[i], add_p_[i], add_o_[i]};
  add_s_.clear();
  add_p_.clear();
  add_o_.clear();
  add_s_.shrink_to_fit();
  add_p_.shrink_to_fit();
  add_o_.shrink_to_fit();
  std::sort(t.begin(), t.end());
  t.erase(std::unique(t.begin(), t.end()), t.end());
  const std::size_t n = terms_->size();
  spo_s_.resize(t.size());
  spo_p_.resize(t.size());
  spo_o_.resize(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) std::tie(spo_s_[i], spo_p_[i], spo_o_[i]) = std::tie(t[i][0], t[i][1], t[i][2]);
  s_offset_ = offsets_for(spo_s_, n);
  distinct_subjects_.clear();
  for (std::size_t i = 0; i < spo_s_.size(); ++i)
    if (i == 0 || spo_s_[i] != spo_s_[i - 1]) distinct_subjects_.push_back(spo_s_[i]);

  std::sort(t.begin(), t.end(), [](const auto& a, const auto& b) {
    return std::tie(a[2], a[1], a[0]) < std::tie(b[2], b[1], b[0]);
  });
  std::vector<TermId> keys(t.size());
  ops_p_.resize(t.size());
  ops_s_.resize(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    keys[i] = t[i][2];
    ops_p_[i] = t[i][1];
    ops_s_[i] = t[i][0];
  }
  o_offset_ = offsets_for(keys, n);

  std::sort(t.begin(), t.end(), [](const auto& a, const auto& b) {
    return std::tie(a[1], a[0], a[2]) < std::tie(b[1], b[0], b[2]);
  });
  pso_s_.resize(t.size());
  pso_o_.resize(t.size());
  distinct_predicates_.clear();
  for (std::size_t i = 0; i < t.size(); ++i) {
    keys[i] = t[i][1];
    pso_s_[i] = t[i][0];
    pso_o_[i] = t[i][2];
    if (i == 0 || t[i][1] != t[i - 1][1]) distinct_predicates_.push_back(t[i][1]);
  }
  p_offset_ = offsets_for(keys, n);
}

namespace {
// The part of a (key-sorted) span whose parallel key column equals `key`.
std::pair<std::size_t, std::size_t> equal_run(const std::vector<TermId>& column, std::size_t begin,
                                              std::size_t end, TermId key) {
  auto first = column.begin() + static_cast<std::ptrdiff_t>(begin);
  auto last = column.begin() + static_cast<std::ptrdiff_t>(end);
  auto [lo, hi] = std::equal_range(first, last, key);
  return {static_cast<std::size_t>(lo - column.begin()), static_cast<std::size_t>(hi - column.begin())};
}
}  // namespace

std::span<const TermId> IndexedGraph::objects(TermId s, TermId p) const {
  if (s == no_term || p == no_term || s + 1 >= s_offset_.size()) return {};
  auto [lo, hi] = equal_run(spo_p_, s_offset_[s], s_offset_[s + 1], p);
  return {spo_o_.data() + lo, hi - lo};
}

std::span<const TermId> IndexedGraph::subjects(TermId p, TermId o) const {
  if (o == no_term || p == no_term || o + 1 >= o_offset_.size()) return {};
  auto [lo, hi] = equal_run(ops_p_, o_offset_[o], o_offset_[o + 1], p);
  return {ops_s_.data() + lo, hi - lo};
}

std::span<const TermId> IndexedGraph::predicates_of(TermId s) const {
  if (s == no_term || s + 1 >= s_offset_.size()) return {};
  return {spo_p_.data() + s_offset_[s], s_offset_[s + 1] - s_offset_[s]};
}

std::span<const TermId> IndexedGraph::objects_of(TermId s) const {
  if (s == no_term || s + 1 >= s_offset_.size()) return {};
  return {spo_o_.data() + s_offset_[s], s_offset_[s + 1] - s_offset_[s]};
}

std::span<const TermId> IndexedGraph::subjects_with(TermId p) const {
  if (p == no_term || p + 1 >= p_offset_.size()) return {};
  return {pso_s_.data() + p_offset_[p], p_offset_[p + 1] - p_offset_[p]};
}

std::span<const TermId> IndexedGraph::objects_with(TermId p) const {
  if (p == no_term || p + 1 >= p_offset_.size()) return {};
  return {pso_o_.data() + p_offset_[p], p_offset_[p + 1] - p_offset_[p]};
}

void TermTable::reserve(std::size_t n) {
  terms_.reserve(n);
  ids_.reserve(n);
}

void TripleCursor::skip_filtered() {
  if (want_o_ == no_term) return;
  while (i_ < end_ && o_col_[i_] != want_o_) ++i_;
}

TripleCursor IndexedGraph::match(TermId s, TermId p, TermId o) const {
  TripleCursor c;
  c.s_ = s;
  c.p_ = p;
  c.o_ = o;
  // Ids interned after finish() (a shared table) are in no triple.
  const std::size_t n_keys = s_offset_.empty() ? 0 : s_offset_.size() - 1;
  auto out_of_range = [&](TermId id) { return id != no_term && id >= n_keys; };
  if (out_of_range(s) || out_of_range(p) || out_of_range(o) || spo_s_.empty()) return c;  // empty
  std::size_t lo = 0, hi = 0;
  if (s != no_term) {
    // By subject (SPO): a predicate narrows to a run, an object to a run in
    // it, or (without a predicate) is a filter over the subject's triples.
    lo = s_offset_[s];
    hi = s_offset_[s + 1];
    c.p_col_ = spo_p_.data();
    c.o_col_ = spo_o_.data();
    if (p != no_term) {
      std::tie(lo, hi) = equal_run(spo_p_, lo, hi, p);
      c.p_col_ = nullptr;
      if (o != no_term) {
        std::tie(lo, hi) = equal_run(spo_o_, lo, hi, o);
        c.o_col_ = nullptr;
      }
    } else if (o != no_term) {
      c.want_o_ = o;
      c.o_ = no_term;
    }
  } else if (o != no_term) {
    // By object (OPS), a predicate narrowing to a run.
    lo = o_offset_[o];
    hi = o_offset_[o + 1];
    c.p_col_ = ops_p_.data();
    c.s_col_ = ops_s_.data();
    if (p != no_term) {
      std::tie(lo, hi) = equal_run(ops_p_, lo, hi, p);
      c.p_col_ = nullptr;
    }
  } else if (p != no_term) {
    lo = p_offset_[p];
    hi = p_offset_[p + 1];
    c.s_col_ = pso_s_.data();
    c.o_col_ = pso_o_.data();
  } else {
    lo = 0;
    hi = spo_s_.size();
    c.s_col_ = spo_s_.data();
    c.p_col_ = spo_p_.data();
    c.o_col_ = spo_o_.data();
  }
  c.i_ = lo;
  c.end_ = hi;
  c.skip_filtered();
  return c;
}

bool IndexedGraph::contains(TermId s, TermId p, TermId o) const {
  auto objs = objects(s, p);
  return o != no_term && std::binary_search(objs.begin(), objs.end(), o);
}

}  // namespace diplograph
