#pragma once
// Neighbourhood drawings: one Graphviz graph per entity (the entity, its
// neighbours, the edges between them; nodes coloured by type, each a link to
// its page), rendered to SVG by Graphviz's `dot` as a process, many graphs
// per run, as `diplograph draw` does for one.
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/graph.hpp"
#include "model.hpp"

namespace diplograph::site {

/// The fill colour of a type: the graph module's palette.
using diplograph::type_colour;

/// The neighbours drawn around `e`: at most `max_neighbours`, the best
/// connected first (then by IRI).
std::vector<EntityIndex> drawn_neighbours(const SiteModel& model, EntityIndex e, std::size_t max_neighbours);

/// The DOT text of the neighbourhood of `e` (links relative to the folder of
/// the entity's page, where the SVG is written).
std::string neighbourhood_dot(const SiteModel& model, EntityIndex e, const std::vector<EntityIndex>& shown);

/// Runs `dot -Kneato -Tsvg` once over `dot_text` (several graphs) in
/// `work_dir` and returns one SVG document per graph, each with its XML prolog.
Result<std::vector<std::string>> render_svgs(const std::string& dot_text, std::size_t graphs,
                                             const std::string& work_dir);

}  // namespace diplograph::site
