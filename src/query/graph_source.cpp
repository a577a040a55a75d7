// The Rasqal triples source over an IndexedGraph. Rasqal joins a basic
// graph pattern by nesting one match per triple pattern; each match gets
// the pattern with the positions already known (constants, or variables an
// outer pattern or an enclosing OPTIONAL's left side has bound) and reads
// them from the index that has those positions first, so a join costs an
// index lookup per outer row instead of a scan of the graph.
#include "graph_source.hpp"

#include <cstring>
#include <string>

namespace diplograph::query_detail {
namespace {

const std::string kXsd = "http://www.w3.org/2001/XMLSchema#";
const std::string kXsdString = kXsd + "string";
const std::string kRdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

// A copy Rasqal may own and free.
unsigned char* rasqal_copy(const std::string& s) {
  auto* out = static_cast<unsigned char*>(rasqal_alloc_memory(s.size() + 1));
  if (out) std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

std::string literal_datatype(const rasqal_literal* l) {
  auto* mutable_l = const_cast<rasqal_literal*>(l);  // Rasqal's getters take non-const
  raptor_uri* dt = rasqal_literal_datatype(mutable_l);
  if (dt) return reinterpret_cast<const char*>(raptor_uri_as_string(dt));
  switch (l->type) {
    case RASQAL_LITERAL_BOOLEAN: return kXsd + "boolean";
    case RASQAL_LITERAL_INTEGER: return kXsd + "integer";
    case RASQAL_LITERAL_FLOAT: return kXsd + "float";
    case RASQAL_LITERAL_DOUBLE: return kXsd + "double";
    case RASQAL_LITERAL_DECIMAL: return kXsd + "decimal";
    case RASQAL_LITERAL_DATETIME: return kXsd + "dateTime";
    case RASQAL_LITERAL_DATE: return kXsd + "date";
    default: return {};
  }
}

}  // namespace

GraphSource::GraphSource(rasqal_world* world, const IndexedGraph& graph)
    : world_(world), graph_(graph), literals_(graph.terms().size(), nullptr) {}

GraphSource::~GraphSource() {
  for (rasqal_literal* l : literals_)
    if (l) rasqal_free_literal(l);
}

rasqal_literal* GraphSource::make_literal(const Term& term) const {
  raptor_world* raptor = rasqal_world_get_raptor(world_);
  switch (term.kind) {
    case TermKind::iri: {
      raptor_uri* uri = raptor_new_uri_from_counted_string(
          raptor, reinterpret_cast<const unsigned char*>(term.value.data()), term.value.size());
      return uri ? rasqal_new_uri_literal(world_, uri) : nullptr;
    }
    case TermKind::blank:
      return rasqal_new_simple_literal(world_, RASQAL_LITERAL_BLANK, rasqal_copy(term.value));
    case TermKind::literal: {
      // The table stores simple literals as xsd:string and tagged ones as
      // rdf:langString; Rasqal (like Raptor's parser) wants neither spelled.
      char* language = term.language.empty() ? nullptr : reinterpret_cast<char*>(rasqal_copy(term.language));
      raptor_uri* datatype = nullptr;
      if (!language && !term.datatype.empty() && term.datatype != kXsdString && term.datatype != kRdfLangString)
        datatype = raptor_new_uri_from_counted_string(
            raptor, reinterpret_cast<const unsigned char*>(term.datatype.data()), term.datatype.size());
      return rasqal_new_string_literal(world_, rasqal_copy(term.value), language, datatype, nullptr);
    }
  }
  return nullptr;
}

rasqal_literal* GraphSource::literal(TermId id) {
  rasqal_literal*& slot = literals_[id];
  if (!slot) {
    slot = make_literal(graph_.terms().term(id));
    if (slot) ids_.emplace(slot, id);
  }
  return slot;
}

TermId GraphSource::id_of(const rasqal_literal* l) const {
  if (!l) return no_term;
  if (auto it = ids_.find(l); it != ids_.end()) return it->second;
  // A constant of the query, or a value an expression made.
  Term t;
  switch (l->type) {
    case RASQAL_LITERAL_URI:
      t.kind = TermKind::iri;
      t.value = reinterpret_cast<const char*>(raptor_uri_as_string(l->value.uri));
      break;
    case RASQAL_LITERAL_BLANK:
      t.kind = TermKind::blank;
      t.value.assign(reinterpret_cast<const char*>(l->string), l->string_len);
      break;
    case RASQAL_LITERAL_VARIABLE:
    case RASQAL_LITERAL_QNAME:
    case RASQAL_LITERAL_PATTERN:
    case RASQAL_LITERAL_UNKNOWN:
      return no_term;
    default:
      t.kind = TermKind::literal;
      if (l->string) t.value.assign(reinterpret_cast<const char*>(l->string), l->string_len);
      if (l->language) t.language = l->language;
      if (t.language.empty()) t.datatype = literal_datatype(l);
      break;
  }
  return graph_.terms().find(t);
}

void GraphSource::push_binder(rasqal_variable* var, PatternMatch* match) { binders_[var].push_back(match); }

void GraphSource::pop_binder(rasqal_variable* var, PatternMatch* match) {
  auto it = binders_.find(var);
  if (it == binders_.end()) return;
  auto& stack = it->second;
  for (auto m = stack.rbegin(); m != stack.rend(); ++m)
    if (*m == match) {
      stack.erase(std::next(m).base());
      return;
    }
}

// What one triple pattern reads: the cursor over the fitting index, which
// positions repeat one unbound variable (?x ?p ?x) and so must agree, and
// the variables it binds with the ids it bound them to last.
struct PatternMatch {
  TripleCursor cursor;
  GraphSource* source = nullptr;
  bool same_sp = false, same_so = false, same_po = false;
  rasqal_variable* binds[3] = {nullptr, nullptr, nullptr};
  TermId bound[3] = {no_term, no_term, no_term};

  bool repeats_agree() const {
    if (cursor.at_end()) return true;
    TripleIds t = cursor.current();
    return (!same_sp || t.s == t.p) && (!same_so || t.s == t.o) && (!same_po || t.p == t.o);
  }
  void skip_disagreeing() {
    while (!repeats_agree()) cursor.next();
  }
  TermId value_of(rasqal_variable* var) const {
    for (int i = 0; i < 3; ++i)
      if (binds[i] == var && bound[i] != no_term) return bound[i];
    return no_term;
  }
  void add_binding(int index, rasqal_variable* var) {
    for (int i = 0; i < index; ++i)
      if (binds[i] == var) return;  // ?x ?p ?x: one binding
    binds[index] = var;
    source->push_binder(var, this);
  }
  void release_bindings() {
    for (rasqal_variable* var : binds)
      if (var) source->pop_binder(var, this);
  }
};

TermId GraphSource::live_value(rasqal_variable* var) const {
  auto it = binders_.find(var);
  if (it == binders_.end()) return no_term;
  for (auto m = it->second.rbegin(); m != it->second.rend(); ++m)
    if (TermId id = (*m)->value_of(var); id != no_term) return id;
  return no_term;
}

namespace {

GraphSource* source_of(void* source_user_data) { return *static_cast<GraphSource**>(source_user_data); }

rasqal_triple_parts bind_match(rasqal_triples_match* rtm, void*, rasqal_variable* bindings[4],
                               rasqal_triple_parts parts) {
  auto* pm = static_cast<PatternMatch*>(rtm->user_data);
  if (!pm || pm->cursor.at_end()) return RASQAL_TRIPLE_NONE;
  TripleIds t = pm->cursor.current();
  const TermId ids[3] = {t.s, t.p, t.o};
  const rasqal_triple_parts bits[3] = {RASQAL_TRIPLE_SUBJECT, RASQAL_TRIPLE_PREDICATE, RASQAL_TRIPLE_OBJECT};
  unsigned bound = 0;
  for (int i = 0; i < 3; ++i) {
    if (!bindings[i] || !(parts & bits[i]) || !pm->binds[i]) continue;  // repeats were set once
    rasqal_literal* l = pm->source->literal(ids[i]);
    if (!l) return RASQAL_TRIPLE_NONE;
    rasqal_variable_set_value(bindings[i], rasqal_new_literal_from_literal(l));
    pm->bound[i] = ids[i];
    bound |= bits[i];
  }
  return static_cast<rasqal_triple_parts>(bound ? bound : static_cast<unsigned>(parts));
}

void next_match(rasqal_triples_match* rtm, void*) {
  auto* pm = static_cast<PatternMatch*>(rtm->user_data);
  if (!pm || pm->cursor.at_end()) return;
  pm->cursor.next();
  pm->skip_disagreeing();
}

int is_end(rasqal_triples_match* rtm, void*) {
  auto* pm = static_cast<PatternMatch*>(rtm->user_data);
  return !pm || pm->cursor.at_end() || pm->source->cancelled();
}

void finish_match(rasqal_triples_match* rtm, void*) {
  auto* pm = static_cast<PatternMatch*>(rtm->user_data);
  if (pm) pm->release_bindings();
  delete pm;
  rtm->user_data = nullptr;
}

// The id a pattern position asks for: no_term for "any", or kAbsent when
// it names a term (or a value) the graph does not have, so nothing matches.
constexpr TermId kAbsent = no_term - 1;

TermId position_key(rasqal_literal* part, rasqal_triple_parts bit, int index, rasqal_triple_meta* m,
                    PatternMatch& pm) {
  GraphSource& source = *pm.source;
  rasqal_variable* var = rasqal_literal_as_variable(part);
  m->bindings[index] = var;
  if (!var) {
    TermId id = source.id_of(part);
    return id == no_term ? kAbsent : id;
  }
  if (m->parts & bit) {
    // This pattern binds the variable. Rasqal counts a variable as bound by
    // the first pattern of each group that names it, so the right side of
    // an OPTIONAL binds the variables it shares with the left side too.
    TermId outer = source.correlate() ? source.live_value(var) : no_term;
    rasqal_variable_set_value(var, nullptr);
    pm.add_binding(index, var);
    return outer;
  }
  // Bound by an earlier pattern: its live value, which Rasqal may have
  // reset on the variable; else the variable's value (BIND, VALUES).
  if (TermId live = source.live_value(var); live != no_term) return live;
  if (!var->value) return no_term;
  TermId id = source.id_of(var->value);
  return id == no_term ? kAbsent : id;
}

int init_triples_match(rasqal_triples_match* rtm, rasqal_triples_source*, void* user_data, rasqal_triple_meta* m,
                       rasqal_triple* t) {
  rtm->bind_match = bind_match;
  rtm->next_match = next_match;
  rtm->is_end = is_end;
  rtm->finish = finish_match;
  auto* pm = new PatternMatch;
  rtm->user_data = pm;
  pm->source = source_of(user_data);

  TermId s = position_key(t->subject, RASQAL_TRIPLE_SUBJECT, 0, m, *pm);
  TermId p = position_key(t->predicate, RASQAL_TRIPLE_PREDICATE, 1, m, *pm);
  TermId o = position_key(t->object, RASQAL_TRIPLE_OBJECT, 2, m, *pm);
  m->bindings[3] = t->origin ? rasqal_literal_as_variable(t->origin) : nullptr;
  // The graph is the default graph only: a GRAPH pattern matches nothing,
  // as it did when Rasqal read the file as the background graph.
  if (s == kAbsent || p == kAbsent || o == kAbsent || t->origin) return 0;  // cursor stays empty

  rasqal_variable* vs = m->bindings[0];
  rasqal_variable* vp = m->bindings[1];
  rasqal_variable* vo = m->bindings[2];
  pm->same_sp = vs && vs == vp && s == no_term;
  pm->same_so = vs && vs == vo && s == no_term;
  pm->same_po = vp && vp == vo && p == no_term;
  pm->cursor = pm->source->graph().match(s, p, o);
  pm->skip_disagreeing();
  return 0;
}

int triple_present(rasqal_triples_source*, void* user_data, rasqal_triple* t) {
  if (t->origin) return 0;
  const GraphSource& source = *source_of(user_data);
  TermId s = source.id_of(t->subject), p = source.id_of(t->predicate), o = source.id_of(t->object);
  if (s == no_term || p == no_term || o == no_term) return 0;
  return source.graph().contains(s, p, o) ? 1 : 0;
}

void free_triples_source(void*) {}  // the source belongs to the run

int init_triples_source(rasqal_query*, void* factory_user_data, void* user_data, rasqal_triples_source* rts,
                        rasqal_triples_error_handler) {
  *static_cast<GraphSource**>(user_data) = static_cast<GraphSource*>(factory_user_data);
  rts->version = 1;
  rts->init_triples_match = init_triples_match;
  rts->triple_present = triple_present;
  rts->free_triples_source = free_triples_source;
  return 0;
}

int register_factory(rasqal_triples_source_factory* factory) {
  // The world's factory still holds Raptor's methods: clear the ones a
  // version-2 factory does not use.
  factory->version = 2;
  factory->user_data_size = sizeof(GraphSource*);
  factory->new_triples_source = nullptr;
  factory->init_triples_source = init_triples_source;
  factory->init_triples_source2 = nullptr;
  return 0;
}

bool patterns_are_plain(rasqal_graph_pattern* gp) {
  if (!gp) return true;
  switch (rasqal_graph_pattern_get_operator(gp)) {
    case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
    case RASQAL_GRAPH_PATTERN_OPERATOR_OPTIONAL:
    case RASQAL_GRAPH_PATTERN_OPERATOR_UNION:
    case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP:
    case RASQAL_GRAPH_PATTERN_OPERATOR_FILTER:
    case RASQAL_GRAPH_PATTERN_OPERATOR_LET:
    case RASQAL_GRAPH_PATTERN_OPERATOR_VALUES:
      break;
    default:
      return false;
  }
  for (int i = 0;; ++i) {
    rasqal_graph_pattern* sub = rasqal_graph_pattern_get_sub_graph_pattern(gp, i);
    if (!sub) return true;
    if (!patterns_are_plain(sub)) return false;
  }
}

}  // namespace

bool GraphSource::install() {
  return rasqal_set_triples_source_factory(world_, register_factory, this) == 0;
}

bool correlation_is_safe(rasqal_query* query) {
  return patterns_are_plain(rasqal_query_get_query_graph_pattern(query));
}

}  // namespace diplograph::query_detail
