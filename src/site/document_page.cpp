// One page per document: its statements in text order with their evidence,
// and the entities it mentions.
#include <algorithm>
#include <map>

#include "html.hpp"
#include "pages.hpp"

namespace diplograph::site {
namespace {

std::string term_html(const SiteModel& model, const std::string& root, TermId id) {
  if (id == no_term) return "(none)";
  if (model.is_entity(id) || model.is_document(id)) return link(root, page_path(model.iri(id)), model.label(id));
  const Term& t = model.term(id);
  return t.kind == TermKind::literal ? date_html(t.value) : html_escape(t.value);
}

void about_document(const SiteModel& model, TermId document, std::size_t statements, std::string& out) {
  const Vocab& v = model.vocab();
  out += "<section aria-labelledby=\"about\">\n<h2 id=\"about\">About</h2>\n<dl class=\"about\">\n<dt>IRI</dt><dd><code>" +
         html_escape(model.iri(document)) + "</code></dd>\n";
  const std::pair<TermId, const char*> fields[] = {{v.dg_title, "Title"},       {v.dg_format, "Format"},
                                                   {v.dg_source_file, "Source file"}, {v.dg_page_id, "Page id"},
                                                   {v.dg_revision, "Revision"}};
  for (const auto& [p, name] : fields) {
    std::string text = model.value(document, p);
    if (!text.empty()) out += std::string("<dt>") + name + "</dt><dd>" + html_escape(text) + "</dd>\n";
  }
  out += "<dt>Statements</dt><dd>" + std::to_string(statements) + "</dd>\n</dl>\n</section>\n";
}

void statements_in_order(const SiteModel& model, const std::string& root, const std::vector<TermId>& statements,
                         std::string& out) {
  out += "<section aria-labelledby=\"statements\">\n<h2 id=\"statements\">Statements in text order</h2>\n";
  if (statements.empty()) out += "<p class=\"note\">No statement of the graph comes from this document.</p>\n";
  else out += "<ol class=\"statements\">\n";
  for (TermId s : statements) {
    StatementView st = model.statement(s);
    std::vector<std::string> names = model.names(st.subject);
    if (st.object != no_term && model.is_entity(st.object)) {
      auto more = model.names(st.object);
      names.insert(names.end(), more.begin(), more.end());
    }
    out += "<li>\n<p>" + term_html(model, root, st.subject) + " · " +
           html_escape(property_label(model.iri(st.predicate), false)) + " · " + term_html(model, root, st.object);
    if (!st.date.empty()) out += " · " + date_html(st.date);
    out += "</p>\n<blockquote>" + highlight_names(st.evidence, names) + "</blockquote>\n<p class=\"meta\">";
    if (!st.section.empty()) out += "Section “" + html_escape(st.section) + "”, ";
    if (st.begin >= 0) out += "characters " + std::to_string(st.begin) + "–" + std::to_string(st.end) + ". ";
    out += "Rule <code>" + html_escape(st.rule) + "</code>, confidence " + html_escape(st.confidence) + ".</p>\n</li>\n";
  }
  if (!statements.empty()) out += "</ol>\n";
  out += "</section>\n";
}

void entities_mentioned(const SiteModel& model, const std::string& root, TermId document, std::string& out) {
  // Grouped by type, each group sorted by label.
  std::map<std::string, std::vector<std::pair<std::string, TermId>>> by_type;
  for (TermId s : model.graph().subjects(model.vocab().dg_mentioned_in, document)) {
    EntityIndex e = model.entity_index(s);
    if (e != no_entity) by_type[model.type_of(e)].push_back({model.label(s), s});
  }
  out += "<section aria-labelledby=\"mentioned\">\n<h2 id=\"mentioned\">Entities mentioned</h2>\n";
  if (by_type.empty()) out += "<p class=\"note\">None recorded.</p>\n";
  for (auto& [type, entities] : by_type) {
    std::sort(entities.begin(), entities.end(), [&](const auto& a, const auto& b) {
      return std::tie(a.first, model.iri(a.second)) < std::tie(b.first, model.iri(b.second));
    });
    out += "<h3>" + html_escape(type) + " (" + std::to_string(entities.size()) + ")</h3>\n<ul>\n";
    for (const auto& [label, s] : entities) out += "<li>" + link(root, page_path(model.iri(s)), label) + "</li>\n";
    out += "</ul>\n";
  }
  out += "</section>\n";
}

}  // namespace

std::string document_page(const SiteModel& model, TermId document, const std::string& site_title) {
  std::string root = root_from(page_path(model.iri(document)));
  Frame frame{site_title, model.label(document), root, "Source document"};
  std::string out;
  open_page(out, frame);
  std::vector<TermId> statements = model.statements_from(document);
  about_document(model, document, statements.size(), out);
  statements_in_order(model, root, statements, out);
  entities_mentioned(model, root, document, out);
  close_page(out, frame);
  return out;
}

}  // namespace diplograph::site
