#include "diplograph/extract.hpp"

#include <algorithm>
#include <tuple>

namespace diplograph {

std::vector<std::unique_ptr<RelationExtractor>> default_extractors() {
  std::vector<std::unique_ptr<RelationExtractor>> list;
  list.push_back(std::make_unique<MembershipExtractor>());
  list.push_back(std::make_unique<DiplomaticRelationsExtractor>());
  list.push_back(std::make_unique<TreatyExtractor>());
  list.push_back(std::make_unique<ParticipationExtractor>());
  list.push_back(std::make_unique<OrganizationListExtractor>());
  list.push_back(std::make_unique<TreatyTitleExtractor>());
  list.push_back(std::make_unique<DiscourseMembershipExtractor>());
  list.push_back(std::make_unique<InfoboxExtractor>());
  return list;
}

namespace {

// A day-precision date that ends a title, after its last comma or dash.
std::optional<DateValue> title_date(std::string_view title) {
  std::size_t cut = title.find_last_of(",-|");
  for (std::string_view dash : {"\u2013", "\u2014"})
    if (std::size_t at = title.rfind(dash); at != std::string_view::npos && (cut == std::string_view::npos || at > cut))
      cut = at + dash.size() - 1;
  if (cut == std::string_view::npos) return std::nullopt;
  std::string_view tail = title.substr(cut + 1);
  while (!tail.empty() && tail.front() == ' ') tail.remove_prefix(1);
  std::optional<DateValue> date = DateNormalizer().parse(tail);
  if (!date || date->precision != DatePrecision::day || date->modifier != DateModifier::none) return std::nullopt;
  return date;
}

}  // namespace

std::vector<Fact> extract_facts(const ExtractionContext& context,
                                const std::vector<std::unique_ptr<RelationExtractor>>& extractors) {
  std::vector<Fact> facts;
  for (const auto& extractor : extractors) extractor->extract(context, facts);
  auto date_key = [](const Fact& f) {
    return f.date ? f.date->timex() + "/" + f.date->modifier_name() : std::string();
  };
  std::sort(facts.begin(), facts.end(), [&](const Fact& a, const Fact& b) {
    return std::forward_as_tuple(a.subject, a.predicate, a.object, a.value, a.evidence.begin,
                                 a.evidence.end, date_key(a), a.rule) <
           std::forward_as_tuple(b.subject, b.predicate, b.object, b.value, b.evidence.begin,
                                 b.evidence.end, date_key(b), b.rule);
  });
  // The same fact from the same evidence by the same rule once; a second
  // rule on the same sentence adds nothing either.
  std::vector<Fact> unique;
  for (Fact& f : facts) {
    if (!unique.empty()) {
      const Fact& u = unique.back();
      if (u.subject == f.subject && u.predicate == f.predicate && u.object == f.object &&
          u.value == f.value &&
          u.evidence.begin == f.evidence.begin && u.evidence.end == f.evidence.end &&
          date_key(u) == date_key(f))
        continue;
    }
    unique.push_back(std::move(f));
  }
  // A news digest's items are dated by the page when they give no date: its
  // date, or a full date closing its title ("Weekly news digest, 14 June
  // 2019", "Press release – 3 May 2021").
  std::optional<DateValue> page;
  if (!context.document.date.empty()) page = DateNormalizer().parse(context.document.date);
  if (!page) page = title_date(context.document.title);
  if (page)
    for (Fact& f : unique)
      if (!f.date && f.predicate != std::string(predicate::relations_count)) f.date = *page;
  return unique;
}

}  // namespace diplograph
