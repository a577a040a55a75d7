// One page per entity: what it is, its facts with every source's evidence,
// its conflicts side by side, its neighbourhood and its timeline.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "drawing.hpp"
#include "html.hpp"
#include "pages.hpp"
#include "diplograph/rdf.hpp"

namespace diplograph::site {
namespace {

bool is_symmetric(std::string_view property) { return property == iri(ns::dg, "diplomaticRelationsWith"); }

// "2004", "2004-03" and "2004-03-29" tell one date more or less precisely;
// "1922-07-28" and "1992-07-28" disagree.
bool dates_disagree(const std::set<std::string>& dates) {
  for (auto a = dates.begin(); a != dates.end(); ++a)
    for (auto b = std::next(a); b != dates.end(); ++b)
      if (!b->starts_with(*a) && !a->starts_with(*b)) return true;
  return false;
}

// A fact as the entity's page groups it: a property read from this side, and
// the other end (an entity or a literal), with its statements.
// The order of property groups on a page: memberships first, counts last.
int property_rank(std::string_view property) {
  static constexpr std::string_view order[] = {"memberOf", "observerOf", "hasMember", "partyTo", "participatedIn",
                                               "diplomaticRelationsWith", "date", "diplomaticRelationsCount"};
  for (std::size_t i = 0; i < std::size(order); ++i)
    if (property == iri(ns::dg, order[i])) return static_cast<int>(i);
  return static_cast<int>(std::size(order));
}

struct FactKey {
  bool inverse = false;
  int rank = 0;
  std::string property;  // IRI
  std::string sort_text;
  TermId other = no_term;
  auto tie() const { return std::tie(inverse, rank, property, sort_text, other); }
  bool operator<(const FactKey& o) const { return tie() < o.tie(); }
};
using Facts = std::map<FactKey, std::vector<StatementView>>;

// The page writer: the model, the entity, and where links start from.
struct EntityPage {
  const SiteModel& model;
  EntityIndex e;
  TermId id;
  std::string root;
  std::size_t max_sources;
  std::string out;

  std::string entity_link(TermId other) const {
    if (model.is_entity(other) || model.is_document(other)) return link(root, page_path(model.iri(other)), model.label(other));
    const Term& t = model.term(other);
    return t.kind == TermKind::literal ? date_html(t.value) : html_escape(t.value);
  }
  std::vector<std::string> names_of(const StatementView& st) const {
    std::vector<std::string> names = model.names(st.subject);
    if (st.object != no_term && model.is_entity(st.object)) {
      auto more = model.names(st.object);
      names.insert(names.end(), more.begin(), more.end());
    }
    return names;
  }

  void about();
  Facts collect_facts() const;
  void facts(const Facts& facts);
  void source(const StatementView& st, bool show_date);
  void conflicts();
  void neighbourhood(const DrawingInfo& drawing);
  void timeline(const Facts& facts);
};

void EntityPage::about() {
  const Vocab& v = model.vocab();
  out += "<section aria-labelledby=\"about\">\n<h2 id=\"about\">About</h2>\n<dl class=\"about\">\n<dt>Type</dt><dd>";
  append_escaped(out, model.type_of(e));
  out += "</dd>\n<dt>IRI</dt><dd><code>";
  append_escaped(out, model.iri(id));
  out += "</code></dd>\n";
  auto aliases = model.aliases(id);
  if (!aliases.empty()) {
    out += "<dt>Also called</dt><dd>";
    for (std::size_t i = 0; i < aliases.size(); ++i) out += (i ? ", " : "") + html_escape(aliases[i]);
    out += "</dd>\n";
  }
  const std::pair<TermId, const char*> codes[] = {
      {v.dg_alpha2, "ISO 3166-1 alpha-2"}, {v.dg_alpha3, "ISO 3166-1 alpha-3"},
      {v.dg_numeric, "ISO 3166-1 numeric"}, {v.dg_alpha4, "ISO 3166-3 alpha-4"}};
  for (const auto& [p, name] : codes) {
    std::string code = model.value(id, p);
    if (code.empty()) continue;
    out += std::string("<dt>") + name + "</dt><dd><code>" + html_escape(code) + "</code></dd>\n";
  }
  std::string date = model.value(id, v.dg_date);
  if (!date.empty()) out += "<dt>Date</dt><dd>" + date_html(date) + "</dd>\n";
  auto same = model.objects_sorted(id, v.owl_same_as);
  if (!same.empty()) {
    out += "<dt>Same as</dt><dd>";
    for (std::size_t i = 0; i < same.size(); ++i)
      out += (i ? ", " : "") + std::string("<a href=\"") + html_escape(model.iri(same[i])) + "\" rel=\"external\">" +
             html_escape(model.iri(same[i])) + "</a>";
    out += "</dd>\n";
  }
  auto documents = model.objects_sorted(id, v.dg_mentioned_in);
  if (!documents.empty()) {
    out += "<dt>Mentioned in</dt><dd>";
    for (std::size_t i = 0; i < documents.size(); ++i) out += (i ? ", " : "") + entity_link(documents[i]);
    out += "</dd>\n";
  }
  out += "</dl>\n</section>\n";
}

// Statements grouped into facts, plus the entity's dg: links to other
// entities that no statement backs (gazetteer facts such as a group's members).
Facts EntityPage::collect_facts() const {
  Facts facts;
  auto key_for = [&](TermId property, TermId other, bool inverse) {
    FactKey k;
    k.property = model.iri(property);
    k.inverse = inverse && !is_symmetric(k.property);
    k.rank = property_rank(k.property);
    k.other = other;
    k.sort_text = other == no_term ? std::string()
                  : model.is_entity(other) ? model.label(other)
                                           : model.term(other).value;
    return k;
  };
  for (TermId s : model.statements_about(id)) {
    StatementView st = model.statement(s);
    if (st.predicate == no_term) continue;
    bool inverse = st.subject != id;
    facts[key_for(st.predicate, inverse ? st.subject : st.object, inverse)].push_back(std::move(st));
  }
  const Vocab& v = model.vocab();
  auto predicates = model.graph().predicates_of(id);
  auto objects = model.graph().objects_of(id);
  for (std::size_t i = 0; i < predicates.size(); ++i)
    if (predicates[i] != v.dg_mentioned_in && model.is_entity(objects[i]) &&
        model.iri(predicates[i]).starts_with(ns::dg))
      facts.try_emplace(key_for(predicates[i], objects[i], false));
  for (TermId p : model.graph().predicates())
    if (p != v.dg_mentioned_in && model.iri(p).starts_with(ns::dg) && !is_symmetric(model.iri(p)))
      for (TermId s : model.graph().subjects(p, id))
        if (model.is_entity(s)) facts.try_emplace(key_for(p, s, true));
  for (auto& [key, statements] : facts) {
    auto place = [&](const StatementView& st) {
      return std::tie(st.date, model.iri(st.document), st.begin, st.end, st.rule);
    };
    std::sort(statements.begin(), statements.end(), [&](const StatementView& a, const StatementView& b) {
      return std::tuple_cat(place(a), std::tie(model.iri(a.id))) < std::tuple_cat(place(b), std::tie(model.iri(b.id)));
    });
    // A symmetric fact is stated both ways from the same words: show those words once.
    if (is_symmetric(key.property))
      statements.erase(std::unique(statements.begin(), statements.end(),
                                   [&](const StatementView& a, const StatementView& b) { return place(a) == place(b); }),
                       statements.end());
  }
  return facts;
}

void EntityPage::source(const StatementView& st, bool show_date) {
  out += "<li>\n<blockquote>" + highlight_names(st.evidence, names_of(st)) + "</blockquote>\n<p class=\"meta\">";
  if (st.document != no_term) out += "From " + entity_link(st.document);
  if (!st.section.empty()) out += ", section “" + html_escape(st.section) + "”";
  if (st.begin >= 0) out += ", characters " + std::to_string(st.begin) + "–" + std::to_string(st.end);
  out += ". Rule <code>" + html_escape(st.rule) + "</code>, confidence " + html_escape(st.confidence);
  if (show_date && !st.date.empty()) out += "; dated " + date_html(st.date);
  if (!st.timex_value.empty()) out += " (TIMEX " + html_escape(st.timex_value);
  if (!st.timex_value.empty() && !st.timex_modifier.empty()) out += ", " + html_escape(st.timex_modifier);
  if (!st.timex_value.empty()) out += ")";
  out += ".</p>\n</li>\n";
}

void EntityPage::facts(const Facts& facts) {
  out += "<section aria-labelledby=\"facts\">\n<h2 id=\"facts\">Facts</h2>\n";
  if (facts.empty()) out += "<p class=\"note\">No facts about this entity in the graph.</p>\n";
  std::size_t group = 0;
  for (auto it = facts.begin(); it != facts.end();) {
    const FactKey& head = it->first;
    auto end = std::find_if(it, facts.end(), [&](const auto& f) {
      return f.first.property != head.property || f.first.inverse != head.inverse;
    });
    std::size_t count = static_cast<std::size_t>(std::distance(it, end));
    std::string anchor = "property-" + std::to_string(++group);
    out += "<h3 id=\"" + anchor + "\">" + html_escape(property_label(head.property, head.inverse)) + " (" +
           std::to_string(count) + ")</h3>\n<ul class=\"facts\" aria-labelledby=\"" + anchor + "\">\n";
    for (; it != end; ++it) {
      const auto& [key, statements] = *it;
      std::set<std::string> dates;
      for (const auto& st : statements)
        if (!st.date.empty()) dates.insert(st.date);
      out += "<li class=\"fact\">\n<p>" + (key.other == no_term ? std::string("(no value)") : entity_link(key.other));
      for (const auto& d : dates) out += " · " + date_html(d);
      if (dates_disagree(dates)) out += " <strong>(the sources give different dates)</strong>";
      if (statements.empty()) {
        out += " <span class=\"note\">(no evidence: stated in the gazetteer)</span></p>\n</li>\n";
        continue;
      }
      out += " <span class=\"note\">(" + std::to_string(statements.size()) +
             (statements.size() == 1 ? " source" : " sources") + ")</span></p>\n<ol class=\"sources\">\n";
      for (std::size_t i = 0; i < statements.size() && i < max_sources; ++i) source(statements[i], true);
      out += "</ol>\n";
      if (statements.size() > max_sources)
        out += "<p class=\"note\">… and " + std::to_string(statements.size() - max_sources) +
               " more sources, each on its document's page.</p>\n";
      out += "</li>\n";
    }
    out += "</ul>\n";
  }
  out += "</section>\n";
}

void EntityPage::conflicts() {
  auto found = model.conflicts_about(id);
  if (found.empty()) return;
  const Vocab& v = model.vocab();
  out += "<section aria-labelledby=\"conflicts\">\n<h2 id=\"conflicts\">Conflicts between sources (" +
         std::to_string(found.size()) + ")</h2>\n";
  for (TermId c : found) {
    std::string anchor = conflict_anchor(model, c);
    out += "<section class=\"conflict\" aria-labelledby=\"" + anchor + "\">\n<h3 id=\"" + anchor + "\">" +
           html_escape(conflict_title(model, c)) + "</h3>\n<p>" + html_escape(model.value(c, v.dg_conflict_reason)) +
           "</p>\n<div class=\"sides\">\n";
    std::vector<StatementView> sides;
    for (TermId s : model.objects_sorted(c, v.dg_conflicting_statement)) sides.push_back(model.statement(s));
    std::sort(sides.begin(), sides.end(), [&](const StatementView& a, const StatementView& b) {
      return std::tie(model.iri(a.document), a.date, a.begin) < std::tie(model.iri(b.document), b.date, b.begin);
    });
    for (std::size_t i = 0; i < sides.size(); ++i) {
      const StatementView& st = sides[i];
      out += "<article class=\"side\">\n<h4>Source " + std::to_string(i + 1) + ": " +
             (st.document == no_term ? std::string("unknown") : entity_link(st.document)) + "</h4>\n<p>";
      if (st.object != no_term) out += "Value: " + entity_link(st.object) + ". ";
      out += "Date: " + (st.date.empty() ? std::string("none") : date_html(st.date)) + ".</p>\n<ol class=\"sources\">\n";
      source(st, false);
      out += "</ol>\n</article>\n";
    }
    out += "</div>\n</section>\n";
  }
  out += "</section>\n";
}

void EntityPage::neighbourhood(const DrawingInfo& drawing) {
  const auto& all = model.neighbours(e);
  if (all.empty()) return;
  std::string label = model.label(id);
  out += "<section aria-labelledby=\"neighbourhood\">\n<h2 id=\"neighbourhood\">Neighbourhood</h2>\n";
  std::set<std::string> types{model.type_of(e)};
  for (EntityIndex n : drawing.shown) types.insert(model.type_of(n));
  if (drawing.drawn) {
    std::string svg = page_path(model.iri(id), "svg");
    svg = svg.substr(svg.rfind('/') + 1);
    out += "<figure class=\"drawing\">\n<object data=\"" + html_escape(svg) +
           "\" type=\"image/svg+xml\" role=\"img\" aria-label=\"" +
           html_escape("Drawing of " + label + " and " + std::to_string(drawing.shown.size()) +
                       " linked entities; the same entities are listed below.") +
           "\">Drawing of the neighbourhood (the linked entities are listed below).</object>\n"
           "<figcaption>\n<ul class=\"legend\" aria-label=\"Colours by type\">\n";
    for (const auto& t : types)
      out += "<li><span class=\"swatch\" aria-hidden=\"true\" style=\"color:" + std::string(type_colour(t)) + "\">&#9632;</span> " +
             html_escape(t) + "</li>\n";
    out += "</ul>\n</figcaption>\n</figure>\n";
  }
  out += "<p>Linked to " + std::to_string(all.size()) + (all.size() == 1 ? " entity" : " entities");
  if (drawing.shown.size() < all.size()) out += " (the " + std::to_string(drawing.shown.size()) + " best connected shown)";
  out += ":</p>\n<ul>\n";
  for (EntityIndex n : drawing.shown)
    out += "<li>" + entity_link(model.entities()[n]) + " <span class=\"type\">" + html_escape(model.type_of(n)) + "</span></li>\n";
  out += "</ul>\n</section>\n";
}

void EntityPage::timeline(const Facts& facts) {
  // (date, what, other): one line per dated fact and date, with its sources counted.
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> lines;
  for (const auto& [key, statements] : facts)
    for (const auto& st : statements)
      if (!st.date.empty())
        ++lines[{st.date, property_label(key.property, key.inverse),
                 key.other == no_term ? std::string() : entity_link(key.other)}];
  if (lines.empty()) return;
  out += "<section aria-labelledby=\"timeline\">\n<h2 id=\"timeline\">Timeline</h2>\n<ol class=\"timeline\">\n";
  for (const auto& [line, sources] : lines) {
    const auto& [date, what, other] = line;
    out += "<li>" + date_html(date) + ": " + html_escape(what) + " " + other + " <span class=\"note\">(" +
           std::to_string(sources) + (sources == 1 ? " source" : " sources") + ")</span></li>\n";
  }
  out += "</ol>\n</section>\n";
}

}  // namespace

std::string entity_page(const SiteModel& model, EntityIndex e, const std::string& site_title,
                        const DrawingInfo& drawing, std::size_t max_sources) {
  TermId id = model.entities()[e];
  EntityPage page{model, e, id, root_from(page_path(model.iri(id))), std::max<std::size_t>(1, max_sources), {}};
  Frame frame{site_title, model.label(id), page.root, model.type_of(e)};
  open_page(page.out, frame);
  Facts facts = page.collect_facts();
  page.about();
  page.facts(facts);
  page.conflicts();
  page.neighbourhood(drawing);
  page.timeline(facts);
  close_page(page.out, frame);
  return std::move(page.out);
}

std::string conflict_anchor(const SiteModel& model, TermId conflict) {
  std::string tail = page_path(model.iri(conflict));
  tail = tail.substr(tail.rfind('/') + 1);
  return "conflict-" + tail.substr(0, tail.size() - 5);
}

std::string conflict_target(const SiteModel& model, TermId conflict) {
  const Vocab& v = model.vocab();
  std::string subject = model.value(conflict, v.rdf_subject);
  auto subjects = model.graph().objects(conflict, v.rdf_subject);
  if (subjects.empty() || !model.is_entity(subjects[0])) return "index.html";
  return page_path(subject) + "#" + conflict_anchor(model, conflict);
}

std::string conflict_title(const SiteModel& model, TermId conflict) {
  const Vocab& v = model.vocab();
  auto part = [&](TermId p) {
    auto objects = model.graph().objects(conflict, p);
    return objects.empty() ? std::string() : model.label(objects[0]);
  };
  std::string title = part(v.rdf_subject);
  std::string property = model.value(conflict, v.rdf_predicate);
  if (!property.empty()) title += " · " + property_label(property, false);
  std::string object = part(v.rdf_object);
  if (!object.empty()) title += " · " + object;
  return title;
}

}  // namespace diplograph::site
