// Facts an infobox states: the belligerents of a war. The wiki reader gives
// them as a table, one row per belligerent ("conflict | belligerent"), so a
// row's cells are read like any table's: the event named in the first cell,
// every state, organization, historical state or non-state actor named in
// the second took part in it.
#include <algorithm>

#include "diplograph/dates.hpp"
#include "sentence_view.hpp"

namespace diplograph {
namespace {

bool takes_sides(EntityType type) {
  return type == EntityType::state || type == EntityType::organization || type == EntityType::group ||
         type == EntityType::historical_state || type == EntityType::non_state_actor;
}

bool within(const Mention& m, Span cell) { return m.begin >= cell.begin && m.end <= cell.end; }

// The date a belligerent's cell gives it: "(from 1777)", "(1778–83)", "(after
// 1776)"; not "(before 1776)" or "(until 1779)", which say when it stopped.
std::optional<DateValue> joining_date(const Document& doc, Span cell) {
  std::string_view text = doc.slice(cell);
  DateNormalizer dates;
  for (const DateMention& d : dates.find(text)) {
    if (d.value.modifier == DateModifier::before) return std::nullopt;
    std::string_view before = text.substr(0, d.begin);
    if (before.ends_with("until ") || before.ends_with("to ")) return std::nullopt;
    return d.value;
  }
  return std::nullopt;
}

}  // namespace

void InfoboxExtractor::extract(const ExtractionContext& ctx, std::vector<Fact>& facts) const {
  const Document& doc = ctx.document;
  const auto& sentences = ctx.recognized.sentences;
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    const SentenceAnalysis& s = sentences[k];
    if (k > 0 && sentences[k - 1].block == s.block) continue;  // a row once, with all its sentences
    const Block& block = doc.blocks[s.block];
    if (block.kind != BlockKind::table_row || block.table < 0 ||
        static_cast<std::size_t>(block.table) >= doc.tables.size() || block.cells.size() < 2 ||
        !is_belligerent_table(doc.tables[static_cast<std::size_t>(block.table)]))
      continue;
    std::vector<const Mention*> row;
    for (std::size_t j = k; j < sentences.size() && sentences[j].block == s.block; ++j)
      for (const Mention& m : sentences[j].mentions) row.push_back(&m);
    std::string event;
    for (const Mention* m : row)
      if (m->type == EntityType::event && within(*m, block.cells[0])) event = m->iri;
    if (event.empty()) continue;
    std::vector<std::string> sides;
    for (const Mention* m : row) {
      if (!within(*m, block.cells[1]) || !takes_sides(m->type) || m->source == MentionSource::anaphor) continue;
      std::vector<std::string> members =
          m->type == EntityType::group && !m->members.empty() ? m->members : std::vector<std::string>{m->iri};
      for (std::string& iri : members)
        if (std::find(sides.begin(), sides.end(), iri) == sides.end()) sides.push_back(std::move(iri));
    }
    detail::add_facts(facts, sides, predicate::participated_in, event, joining_date(doc, block.cells[1]),
                      block.span, "participation.infobox-belligerent", 0.9);
  }
}

}  // namespace diplograph
