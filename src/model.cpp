#include "diplograph/model.hpp"

#include <serd/serd.h>
#include <sord/sord.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <tuple>
#include <algorithm>

namespace diplograph {
namespace {

const uint8_t* u(std::string_view s) { return reinterpret_cast<const uint8_t*>(s.data()); }

std::string fixed(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

}  // namespace

struct RdfModel::Impl {
  SordWorld* world = nullptr;
  SordModel* model = nullptr;
  Impl() {
    world = sord_world_new();
    model = sord_new(world, SORD_SPO, false);
  }
  ~Impl() {
    sord_free(model);
    sord_world_free(world);
  }
  SordNode* uri(std::string_view s) {
    std::string copy(s);
    return sord_new_uri(world, u(copy));
  }
};

RdfModel::RdfModel() : impl_(std::make_unique<Impl>()) {}
RdfModel::RdfModel(RdfModel&&) noexcept = default;
RdfModel& RdfModel::operator=(RdfModel&&) noexcept = default;
RdfModel::~RdfModel() = default;

void RdfModel::add_iri(std::string_view s, std::string_view p, std::string_view o) {
  SordNode* sn = impl_->uri(s);
  SordNode* pn = impl_->uri(p);
  SordNode* on = impl_->uri(o);
  SordQuad quad = {sn, pn, on, nullptr};
  sord_add(impl_->model, quad);
  sord_node_free(impl_->world, sn);
  sord_node_free(impl_->world, pn);
  sord_node_free(impl_->world, on);
}

void RdfModel::add_literal(std::string_view s, std::string_view p, std::string_view value,
                           std::string_view datatype, std::string_view language) {
  SordNode* sn = impl_->uri(s);
  SordNode* pn = impl_->uri(p);
  SordNode* dn = datatype.empty() ? nullptr : impl_->uri(datatype);
  std::string lang(language), text(value);
  SordNode* on = sord_new_literal(impl_->world, dn, u(text), lang.empty() ? nullptr : lang.c_str());
  SordQuad quad = {sn, pn, on, nullptr};
  sord_add(impl_->model, quad);
  sord_node_free(impl_->world, sn);
  sord_node_free(impl_->world, pn);
  sord_node_free(impl_->world, on);
  if (dn) sord_node_free(impl_->world, dn);
}

std::size_t RdfModel::size() const { return sord_num_quads(impl_->model); }

const std::vector<std::pair<std::string, std::string>>& output_prefixes() {
  static const std::vector<std::pair<std::string, std::string>> prefixes{
      {"actor", iri(ns::dgr, "actor/")},
      {"conflict", iri(ns::dgr, "conflict/")},
      {"dbr", std::string(ns::dbr)},
      {"dg", std::string(ns::dg)},
      {"dgr", std::string(ns::dgr)},
      {"document", iri(ns::dgr, "document/")},
      {"event", iri(ns::dgr, "event/")},
      {"group", iri(ns::dgr, "group/")},
      {"historicalstate", iri(ns::dgr, "historical-state/")},
      {"nif", std::string(ns::nif)},
      {"organization", iri(ns::dgr, "organization/")},
      {"owl", std::string(ns::owl)},
      {"prov", std::string(ns::prov)},
      {"rdf", std::string(ns::rdf)},
      {"rdfs", std::string(ns::rdfs)},
      {"skos", std::string(ns::skos)},
      {"state", iri(ns::dgr, "state/")},
      {"statement", iri(ns::dgr, "statement/")},
      {"treaty", iri(ns::dgr, "treaty/")},
      {"xsd", std::string(ns::xsd)},
  };
  return prefixes;
}

Outcome RdfModel::write(std::FILE* out, RdfSyntax syntax) const {
  SerdEnv* env = serd_env_new(nullptr);
  const bool turtle = syntax == RdfSyntax::turtle;
  auto style = static_cast<SerdStyle>(
      turtle ? (SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED | SERD_STYLE_RESOLVED) : 0);
  SerdWriter* writer =
      serd_writer_new(turtle ? SERD_TURTLE : SERD_NTRIPLES, style, env, nullptr, serd_file_sink, out);
  if (turtle) {
    for (const auto& [name, uri_value] : output_prefixes()) {
      SerdNode n = serd_node_from_string(SERD_LITERAL, u(name));
      SerdNode v = serd_node_from_string(SERD_URI, u(uri_value));
      serd_writer_set_prefix(writer, &n, &v);
    }
  }
  // sord_write reports an empty model as a failure; an empty graph is fine.
  SerdStatus st = size() == 0 || sord_write(impl_->model, writer, nullptr) ? SERD_SUCCESS : SERD_ERR_UNKNOWN;
  serd_writer_finish(writer);
  serd_writer_free(writer);
  serd_env_free(env);
  if (st != SERD_SUCCESS || std::ferror(out))
    return make_error(Status::io_error, "writing RDF failed");
  return {};
}

namespace {

const std::string& type_p() { static const std::string v = iri(ns::rdf, "type"); return v; }
const std::string& label_p() { static const std::string v = iri(ns::rdfs, "label"); return v; }
std::string dg_term(std::string_view local) { return iri(ns::dg, local); }
std::string xsd_term(std::string_view local) { return iri(ns::xsd, local); }

/// The IRIs written for every statement and mention, built once (a dump
/// writes them millions of times).
struct Vocabulary {
  std::string rdf_statement = iri(ns::rdf, "Statement"), rdf_subject = iri(ns::rdf, "subject"),
              rdf_predicate = iri(ns::rdf, "predicate"), rdf_object = iri(ns::rdf, "object"),
              date = dg_term("date"), timex = dg_term("timexValue"), modifier = dg_term("timexModifier"),
              derived = iri(ns::prov, "wasDerivedFrom"), evidence = dg_term("evidence"),
              section = dg_term("section"), begin = iri(ns::nif, "beginIndex"), end = iri(ns::nif, "endIndex"),
              rule = dg_term("rule"), confidence = dg_term("confidence"), mentioned_in = dg_term("mentionedIn"),
              count = xsd_term("nonNegativeInteger"), decimal = xsd_term("decimal");
};
const Vocabulary& vocabulary() {
  static const Vocabulary v;
  return v;
}

}  // namespace

void add_document_triples(GraphSink& m, const DocumentRecord& d) {
  m.add_iri(d.iri, type_p(), dg_term("Document"));
  m.add_iri(d.iri, type_p(), iri(ns::prov, "Entity"));
  if (!d.title.empty()) {
    m.add_literal(d.iri, dg_term("title"), d.title, {}, "en");
    m.add_literal(d.iri, label_p(), d.title, {}, "en");
  }
  m.add_literal(d.iri, dg_term("sourceFile"), d.source);
  m.add_literal(d.iri, dg_term("format"), d.format);
  if (!d.revision_id.empty()) m.add_literal(d.iri, dg_term("revision"), d.revision_id);
  if (!d.page_id.empty()) m.add_literal(d.iri, dg_term("pageId"), d.page_id);
}

void add_entity_triples(GraphSink& m, const Entity& e) {
  m.add_iri(e.iri, type_p(), dg_term(entity_type_name(e.type)));
  if (e.former) m.add_iri(e.iri, type_p(), dg_term("FormerState"));
  m.add_literal(e.iri, label_p(), e.label, {}, "en");
  for (const auto& a : e.alt_labels) m.add_literal(e.iri, iri(ns::skos, "altLabel"), a, {}, "en");
  if (!e.iso_alpha2.empty()) m.add_literal(e.iri, dg_term("iso3166Alpha2"), e.iso_alpha2);
  if (!e.iso_alpha3.empty()) m.add_literal(e.iri, dg_term("iso3166Alpha3"), e.iso_alpha3);
  if (!e.iso_numeric.empty()) m.add_literal(e.iri, dg_term("iso3166Numeric"), e.iso_numeric);
  if (!e.iso_alpha4.empty()) m.add_literal(e.iri, dg_term("iso3166Alpha4"), e.iso_alpha4);
  for (const auto& s : e.same_as) m.add_iri(e.iri, iri(ns::owl, "sameAs"), s);
  for (const auto& member : e.members) m.add_iri(e.iri, dg_term("hasMember"), member);
}

void add_mention_triple(GraphSink& m, std::string_view entity, std::string_view document) {
  m.add_iri(entity, vocabulary().mentioned_in, document);
}

void add_entity_date(GraphSink& m, std::string_view subject, const DateValue& d) {
  m.add_literal(subject, dg_term("date"), d.xsd_lexical(), xsd_term(d.xsd_type()));
}

void add_truthy_triple(GraphSink& m, const Statement& s) {
  if (s.predicate == predicate::date) return;
  const std::string p = dg_term(s.predicate);
  if (!s.value.empty())
    m.add_literal(s.subject, p, s.value, xsd_term("nonNegativeInteger"));
  else
    m.add_iri(s.subject, p, s.object);
}

void add_statement_triples(GraphSink& m, const Statement& s) {
  const Vocabulary& v = vocabulary();
  const std::string node = s.iri();
  m.add_iri(node, type_p(), v.rdf_statement);
  m.add_iri(node, v.rdf_subject, s.subject);
  m.add_iri(node, v.rdf_predicate, dg_term(s.predicate));
  if (s.predicate == predicate::date) {
    if (s.date) m.add_literal(node, v.rdf_object, s.date->xsd_lexical(), xsd_term(s.date->xsd_type()));
  } else if (!s.value.empty()) {
    m.add_literal(node, v.rdf_object, s.value, v.count);
  } else {
    m.add_iri(node, v.rdf_object, s.object);
  }
  if (s.date) {
    const DateValue& d = *s.date;
    m.add_literal(node, v.date, d.xsd_lexical(), xsd_term(d.xsd_type()));
    if (d.is_vague()) {
      m.add_literal(node, v.timex, d.timex());
      if (d.modifier != DateModifier::none) m.add_literal(node, v.modifier, d.modifier_name());
    }
  }
  m.add_iri(node, v.derived, s.document);
  m.add_literal(node, v.evidence, s.evidence, {}, "en");
  if (!s.section.empty()) m.add_literal(node, v.section, s.section);
  m.add_literal(node, v.begin, std::to_string(s.begin), v.count);
  m.add_literal(node, v.end, std::to_string(s.end), v.count);
  m.add_literal(node, v.rule, s.rule);
  m.add_literal(node, v.confidence, fixed(s.confidence), v.decimal);
}

void add_conflict_triples(GraphSink& m, const Conflict& c) {
  const std::string node = c.iri();
  m.add_iri(node, type_p(), dg_term("Conflict"));
  m.add_iri(node, iri(ns::rdf, "subject"), c.subject);
  m.add_iri(node, iri(ns::rdf, "predicate"), dg_term(c.predicate));
  if (!c.object.empty()) m.add_iri(node, iri(ns::rdf, "object"), c.object);
  for (const auto& s : c.statements) m.add_iri(node, dg_term("conflictingStatement"), s);
  m.add_literal(node, dg_term("conflictReason"), c.reason, {}, "en");
}

RdfModel build_model(const FusedGraph& graph) {
  RdfModel m;
  for (const DocumentRecord& d : graph.documents) add_document_triples(m, d);
  for (const EntityRecord& r : graph.entities) {
    add_entity_triples(m, r.entity);
    for (const auto& doc : r.mentioned_in) add_mention_triple(m, r.entity.iri, doc);
  }
  for (const auto& [subject, dates] : graph.entity_dates)
    for (const DateValue& d : dates) add_entity_date(m, subject, d);
  for (const Statement& s : graph.statements) {
    add_statement_triples(m, s);
    add_truthy_triple(m, s);
  }
  for (const Conflict& c : graph.conflicts) add_conflict_triples(m, c);
  return m;
}

const char* output_format_name(OutputFormat format) {
  switch (format) {
    case OutputFormat::turtle: return "turtle";
    case OutputFormat::ntriples: return "ntriples";
    case OutputFormat::nquads: return "nquads";
    case OutputFormat::trig: return "trig";
  }
  return "turtle";
}

struct RdfStreamWriter::Impl {
  SerdEnv* env = nullptr;
  SerdWriter* writer = nullptr;
  std::FILE* out = nullptr;
  bool quads = false;
  bool failed = false;
};

RdfStreamWriter::RdfStreamWriter(std::FILE* out, OutputFormat format) : impl_(std::make_unique<Impl>()) {
  impl_->out = out;
  impl_->env = serd_env_new(nullptr);
  SerdSyntax syntax = SERD_NTRIPLES;
  unsigned style = 0;
  if (format == OutputFormat::nquads) syntax = SERD_NQUADS;
  if (format == OutputFormat::trig) {
    syntax = SERD_TRIG;
    style = SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED | SERD_STYLE_RESOLVED;
  }
  if (format == OutputFormat::turtle) {  // accepted for completeness: one block, no sorting across models
    syntax = SERD_TURTLE;
    style = SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED | SERD_STYLE_RESOLVED;
  }
  impl_->quads = syntax == SERD_NQUADS || syntax == SERD_TRIG;
  impl_->writer = serd_writer_new(syntax, static_cast<SerdStyle>(style), impl_->env, nullptr, serd_file_sink, out);
  if (style & SERD_STYLE_CURIED) {
    for (const auto& [name, uri_value] : output_prefixes()) {
      SerdNode n = serd_node_from_string(SERD_LITERAL, u(name));
      SerdNode v = serd_node_from_string(SERD_URI, u(uri_value));
      serd_env_set_prefix(impl_->env, &n, &v);
      serd_writer_set_prefix(impl_->writer, &n, &v);
    }
  }
}

RdfStreamWriter::~RdfStreamWriter() {
  if (impl_->writer) serd_writer_free(impl_->writer);
  serd_env_free(impl_->env);
}

namespace {

/// Hands every triple of `model` (Sord's sorted order) to `writer`, in
/// `graph` when it is not null. False when Serd refused one.
bool write_quads(SerdWriter* writer, SordModel* model, const SerdNode* graph, std::size_t& count) {
  bool ok = true;
  SordIter* it = sord_begin(model);
  for (; !sord_iter_end(it); sord_iter_next(it)) {
    SordQuad quad;
    sord_iter_get(it, quad);
    const SordNode* datatype = sord_node_get_datatype(quad[SORD_OBJECT]);
    const char* language = sord_node_get_language(quad[SORD_OBJECT]);
    SerdNode lang = language ? serd_node_from_string(SERD_LITERAL, u(language)) : SERD_NODE_NULL;
    SerdStatus st = serd_writer_write_statement(
        writer, 0, graph, sord_node_to_serd_node(quad[SORD_SUBJECT]), sord_node_to_serd_node(quad[SORD_PREDICATE]),
        sord_node_to_serd_node(quad[SORD_OBJECT]), datatype ? sord_node_to_serd_node(datatype) : nullptr,
        language ? &lang : nullptr);
    if (st != SERD_SUCCESS) ok = false;
    ++count;
  }
  sord_iter_free(it);
  return ok;
}

std::size_t append_to_string(const void* buffer, std::size_t length, void* stream) {
  static_cast<std::string*>(stream)->append(static_cast<const char*>(buffer), length);
  return length;
}

}  // namespace

Outcome RdfStreamWriter::write(const RdfModel& model, std::string_view graph) {
  std::string graph_text(graph);
  SerdNode graph_node = serd_node_from_string(SERD_URI, u(graph_text.c_str()));
  const SerdNode* g = impl_->quads && !graph.empty() ? &graph_node : nullptr;
  if (!write_quads(impl_->writer, model.impl_->model, g, triples_)) impl_->failed = true;
  if (impl_->failed || std::ferror(impl_->out)) return make_error(Status::io_error, "writing RDF failed");
  return {};
}

Outcome RdfStreamWriter::write_lines(std::string_view text, std::size_t triples) {
  if (!text.empty() && std::fwrite(text.data(), 1, text.size(), impl_->out) != text.size()) impl_->failed = true;
  triples_ += triples;
  if (impl_->failed || std::ferror(impl_->out)) return make_error(Status::io_error, "writing RDF failed");
  return {};
}

TripleBuffer::Span TripleBuffer::put(std::string_view text) {
  Span span{static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(text.size())};
  text_.append(text);
  text_.push_back('\0');
  return span;
}

void TripleBuffer::add_iri(std::string_view s, std::string_view p, std::string_view o) {
  entries_.push_back(Entry{put(s), put(p), put(o), put({}), put({}), false});
}

void TripleBuffer::add_literal(std::string_view s, std::string_view p, std::string_view value,
                               std::string_view datatype, std::string_view language) {
  entries_.push_back(Entry{put(s), put(p), put(value), put(datatype), put(language), true});
}

Result<std::string> TripleBuffer::render_lines(OutputFormat format, std::string_view graph,
                                               std::size_t& triples) const {
  if (format != OutputFormat::ntriples && format != OutputFormat::nquads)
    return make_error(Status::bad_argument, "only N-Triples and N-Quads are rendered line by line");
  const char* base = text_.data();
  auto view = [base](Span span) { return std::string_view(base + span.at, span.size); };
  auto key = [&](const Entry& e) {
    return std::make_tuple(view(e.s), view(e.p), e.literal, view(e.o), view(e.datatype), view(e.language));
  };
  std::vector<const Entry*> order;
  order.reserve(entries_.size());
  for (const Entry& e : entries_) order.push_back(&e);
  std::sort(order.begin(), order.end(), [&](const Entry* a, const Entry* b) { return key(*a) < key(*b); });
  order.erase(std::unique(order.begin(), order.end(), [&](const Entry* a, const Entry* b) { return key(*a) == key(*b); }),
              order.end());
  std::string out;
  SerdEnv* env = serd_env_new(nullptr);
  SerdWriter* writer = serd_writer_new(format == OutputFormat::nquads ? SERD_NQUADS : SERD_NTRIPLES,
                                       static_cast<SerdStyle>(0), env, nullptr, append_to_string, &out);
  std::string graph_text(graph);
  SerdNode graph_node = serd_node_from_string(SERD_URI, u(graph_text.c_str()));
  const SerdNode* g = format == OutputFormat::nquads && !graph.empty() ? &graph_node : nullptr;
  bool ok = true;
  for (const Entry* e : order) {
    auto node = [&](SerdType type, Span span) { return serd_node_from_substring(type, u(view(span)), span.size); };
    SerdNode subject = node(SERD_URI, e->s), predicate = node(SERD_URI, e->p),
             object = node(e->literal ? SERD_LITERAL : SERD_URI, e->o), datatype = node(SERD_URI, e->datatype),
             language = node(SERD_LITERAL, e->language);
    bool typed = e->literal && e->datatype.size, tagged = e->literal && e->language.size;
    if (serd_writer_write_statement(writer, 0, g, &subject, &predicate, &object, typed ? &datatype : nullptr,
                                    tagged ? &language : nullptr) != SERD_SUCCESS)
      ok = false;
    ++triples;
  }
  serd_writer_finish(writer);
  serd_writer_free(writer);
  serd_env_free(env);
  if (!ok) return make_error(Status::io_error, "rendering RDF failed");
  return out;
}

Outcome RdfStreamWriter::finish() {
  serd_writer_finish(impl_->writer);
  if (impl_->failed || std::ferror(impl_->out)) return make_error(Status::io_error, "writing RDF failed");
  return {};
}

Outcome write_atomically(const std::string& path, const std::function<Outcome(std::FILE*)>& write) {
  if (path == "-") {
    Outcome r = write(stdout);
    if (r && std::fflush(stdout) != 0) return make_error(Status::io_error, "cannot write to stdout");
    return r;
  }
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  // A device or pipe (/dev/null, a FIFO) is written in place: renaming a
  // file over it would replace the device.
  if (fs::file_status status = fs::status(target, ec); !ec && fs::exists(status) &&
                                                       !fs::is_regular_file(status) && !fs::is_directory(status)) {
    std::FILE* out = std::fopen(path.c_str(), "wb");
    if (!out) {
      Error e = make_error(Status::io_error, std::string("cannot open output: ") + std::strerror(errno));
      e.file = path;
      return e;
    }
    Outcome r = write(out);
    bool closed = std::fclose(out) == 0;
    if (r && !closed) r = make_error(Status::io_error, "cannot finish writing output");
    if (!r) return r.error().in_file(path);
    return {};
  }
  ec.clear();
  if (!fs::is_directory(directory, ec)) {
    Error e = make_error(Status::not_found, "output directory does not exist");
    e.file = path;
    return e;
  }
  std::string temp_name = ".";
  temp_name += target.filename().string();
  temp_name += ".tmp.";
  temp_name += std::to_string(static_cast<long>(::getpid()));
  std::string temp = (directory / temp_name).string();
  // A run killed with SIGKILL cannot remove its temporary file; the next
  // write to the same path does, once that process is gone.
  // (Built by appends: GCC 12 -O3 warns falsely (-Wrestrict) on "." + string.)
  std::string stale_prefix = ".";
  stale_prefix += target.filename().string();
  stale_prefix += ".tmp.";
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.starts_with(stale_prefix)) continue;
    std::string pid_text = name.substr(stale_prefix.size());
    if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
    long pid = std::strtol(pid_text.c_str(), nullptr, 10);
    if (pid != static_cast<long>(::getpid()) && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
  ec.clear();
  std::FILE* out = std::fopen(temp.c_str(), "wb");
  if (!out) {
    Error e = make_error(Status::io_error, std::string("cannot create output: ") + std::strerror(errno));
    e.file = path;
    return e;
  }
  // 1 MiB writes instead of 4 KiB ones: gigabytes of N-Triples, fewer syscalls.
  std::vector<char> buffer(std::size_t{1} << 20);
  std::setvbuf(out, buffer.data(), _IOFBF, buffer.size());
  Outcome r = write(out);
  bool closed = std::fclose(out) == 0;
  if (r && !closed) r = make_error(Status::io_error, "cannot finish writing output");
  if (r) {
    fs::rename(temp, target, ec);
    if (ec) r = make_error(Status::io_error, "cannot rename output into place: " + ec.message());
  }
  if (!r) {
    fs::remove(temp, ec);
    Error e = r.error();
    return e.in_file(path);
  }
  return {};
}

}  // namespace diplograph
