#include "diplograph/model.hpp"

#include <serd/serd.h>
#include <sord/sord.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

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
      {"conflict", iri(ns::dgr, "conflict/")},
      {"dbr", std::string(ns::dbr)},
      {"dg", std::string(ns::dg)},
      {"dgr", std::string(ns::dgr)},
      {"document", iri(ns::dgr, "document/")},
      {"event", iri(ns::dgr, "event/")},
      {"group", iri(ns::dgr, "group/")},
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
  SerdStatus st = sord_write(impl_->model, writer, nullptr) ? SERD_SUCCESS : SERD_ERR_UNKNOWN;
  serd_writer_finish(writer);
  serd_writer_free(writer);
  serd_env_free(env);
  if (st != SERD_SUCCESS || std::ferror(out))
    return make_error(Status::io_error, "writing RDF failed");
  return {};
}

RdfModel build_model(const FusedGraph& graph) {
  RdfModel m;
  const std::string type = iri(ns::rdf, "type");
  const std::string label = iri(ns::rdfs, "label");
  const std::string dg(ns::dg);
  const std::string xsd(ns::xsd);
  auto date_literal = [&](const std::string& s, const DateValue& d) {
    m.add_literal(s, dg + "date", d.xsd_lexical(), xsd + d.xsd_type());
    if (d.is_vague()) {
      m.add_literal(s, dg + "timexValue", d.timex());
      if (d.modifier != DateModifier::none) m.add_literal(s, dg + "timexModifier", d.modifier_name());
    }
  };

  for (const DocumentRecord& d : graph.documents) {
    m.add_iri(d.iri, type, dg + "Document");
    m.add_iri(d.iri, type, iri(ns::prov, "Entity"));
    if (!d.title.empty()) {
      m.add_literal(d.iri, dg + "title", d.title, {}, "en");
      m.add_literal(d.iri, label, d.title, {}, "en");
    }
    m.add_literal(d.iri, dg + "sourceFile", d.source);
    m.add_literal(d.iri, dg + "format", d.format);
    if (!d.revision_id.empty()) m.add_literal(d.iri, dg + "revision", d.revision_id);
    if (!d.page_id.empty()) m.add_literal(d.iri, dg + "pageId", d.page_id);
  }
  for (const EntityRecord& r : graph.entities) {
    const Entity& e = r.entity;
    m.add_iri(e.iri, type, dg + entity_type_name(e.type));
    if (e.former) m.add_iri(e.iri, type, dg + "FormerState");
    m.add_literal(e.iri, label, e.label, {}, "en");
    for (const auto& a : e.alt_labels) m.add_literal(e.iri, iri(ns::skos, "altLabel"), a, {}, "en");
    if (!e.iso_alpha2.empty()) m.add_literal(e.iri, dg + "iso3166Alpha2", e.iso_alpha2);
    if (!e.iso_alpha3.empty()) m.add_literal(e.iri, dg + "iso3166Alpha3", e.iso_alpha3);
    if (!e.iso_numeric.empty()) m.add_literal(e.iri, dg + "iso3166Numeric", e.iso_numeric);
    if (!e.iso_alpha4.empty()) m.add_literal(e.iri, dg + "iso3166Alpha4", e.iso_alpha4);
    for (const auto& s : e.same_as) m.add_iri(e.iri, iri(ns::owl, "sameAs"), s);
    for (const auto& member : e.members) m.add_iri(e.iri, dg + "hasMember", member);
    for (const auto& doc : r.mentioned_in) m.add_iri(e.iri, dg + "mentionedIn", doc);
  }
  for (const auto& [subject, dates] : graph.entity_dates)
    for (const DateValue& d : dates) m.add_literal(subject, dg + "date", d.xsd_lexical(), xsd + d.xsd_type());
  for (const Statement& s : graph.statements) {
    const std::string node = s.iri();
    const std::string p = dg + s.predicate;
    m.add_iri(node, type, iri(ns::rdf, "Statement"));
    m.add_iri(node, iri(ns::rdf, "subject"), s.subject);
    m.add_iri(node, iri(ns::rdf, "predicate"), p);
    if (s.predicate == predicate::date) {
      if (s.date) m.add_literal(node, iri(ns::rdf, "object"), s.date->xsd_lexical(), xsd + s.date->xsd_type());
    } else if (!s.value.empty()) {
      m.add_literal(s.subject, p, s.value, xsd + "nonNegativeInteger");
      m.add_literal(node, iri(ns::rdf, "object"), s.value, xsd + "nonNegativeInteger");
    } else {
      m.add_iri(s.subject, p, s.object);  // the truthy triple
      m.add_iri(node, iri(ns::rdf, "object"), s.object);
    }
    if (s.date) date_literal(node, *s.date);
    m.add_iri(node, iri(ns::prov, "wasDerivedFrom"), s.document);
    m.add_literal(node, dg + "evidence", s.evidence, {}, "en");
    if (!s.section.empty()) m.add_literal(node, dg + "section", s.section);
    m.add_literal(node, iri(ns::nif, "beginIndex"), std::to_string(s.begin), xsd + "nonNegativeInteger");
    m.add_literal(node, iri(ns::nif, "endIndex"), std::to_string(s.end), xsd + "nonNegativeInteger");
    m.add_literal(node, dg + "rule", s.rule);
    m.add_literal(node, dg + "confidence", fixed(s.confidence), xsd + "decimal");
  }
  for (const Conflict& c : graph.conflicts) {
    const std::string node = c.iri();
    m.add_iri(node, type, dg + "Conflict");
    m.add_iri(node, iri(ns::rdf, "subject"), c.subject);
    m.add_iri(node, iri(ns::rdf, "predicate"), dg + c.predicate);
    if (!c.object.empty()) m.add_iri(node, iri(ns::rdf, "object"), c.object);
    for (const auto& s : c.statements) m.add_iri(node, dg + "conflictingStatement", s);
    m.add_literal(node, dg + "conflictReason", c.reason, {}, "en");
  }
  return m;
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
  std::FILE* out = std::fopen(temp.c_str(), "wb");
  if (!out) {
    Error e = make_error(Status::io_error, std::string("cannot create output: ") + std::strerror(errno));
    e.file = path;
    return e;
  }
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
