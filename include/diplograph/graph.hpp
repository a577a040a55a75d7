#pragma once
/// RDF -> Boost.Graph: one vertex per entity, one undirected edge per pair of
/// entities linked by a relation property (memberOf, observerOf,
/// diplomaticRelationsWith, partyTo, participatedIn), carrying the
/// properties and the earliest date the statements give.
#include <boost/graph/adjacency_list.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/escape.hpp"
#include "diplograph/result.hpp"

namespace diplograph {

struct GraphVertex {
  std::string iri;
  std::string label;
  std::string type;  ///< local name of its dg: class ("State"), or empty
  std::vector<std::string> names;  ///< label and altLabels
};

struct GraphEdge {
  std::vector<std::string> properties;  ///< dg: local names, sorted
  std::string date;                     ///< earliest xsd lexical date, or empty
  std::vector<std::string> evidence;    ///< one sentence or table row per property (the earliest dated)
};

using RelationGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                            GraphVertex, GraphEdge>;
using GraphVertexId = boost::graph_traits<RelationGraph>::vertex_descriptor;

struct GraphOptions {
  std::vector<std::string> via;    ///< properties to keep (empty: all relation properties)
  std::vector<std::string> types;  ///< vertex types to keep (empty: all)
  std::string as_of;               ///< keep facts dated on or before (ISO prefix compare)
  bool dated_only = false;         ///< with as_of: drop undated facts
};

/// Loads a Turtle or N-Triples file that uses the diplograph ontology.
/// Vertices are sorted by IRI, so results are deterministic.
Result<RelationGraph> load_relation_graph(const std::string& path, const GraphOptions& options);

/// Finds a vertex by IRI (exact), else by label or alias (case-insensitive).
/// An unknown name is an error that suggests names containing it; an
/// ambiguous one is an error that lists every candidate (label and IRI).
Result<GraphVertexId> find_vertex(const RelationGraph& g, const std::string& name);

/// Shortest path (fewest hops) from `from` to `to`; empty when none. Ties go
/// to the path through lower vertex numbers (deterministic).
std::vector<GraphVertexId> shortest_path(const RelationGraph& g, GraphVertexId from, GraphVertexId to);

/// The `k` shortest simple paths (fewest hops first) from `from` to `to`, by
/// Yen's algorithm over breadth-first search; fewer when the graph has fewer.
/// Paths of equal length come in vertex-number order.
std::vector<std::vector<GraphVertexId>> k_shortest_paths(const RelationGraph& g, GraphVertexId from,
                                                         GraphVertexId to, std::size_t k);

/// Hops from `from` to every vertex (breadth-first search); -1 when unreachable.
std::vector<int> bfs_distances(const RelationGraph& g, GraphVertexId from);

/// Bounds on the diameter (largest eccentricity) of a connected component.
struct DiameterBounds {
  int lower = 0, upper = 0;
  std::size_t searches = 0;  ///< breadth-first searches done
  bool exact() const { return lower == upper; }
};
/// Diameter of the connected component whose vertices are `component`, by
/// eccentricity bounds (Takes & Kosters), usually exact after a few
/// breadth-first searches. Stops after `max_searches` (0: a budget of about
/// 3·10^7 vertex and edge visits) and then returns the bounds it has.
DiameterBounds component_diameter(const RelationGraph& g, const std::vector<GraphVertexId>& component,
                                  std::size_t max_searches = 0);

struct DegreeSummary {
  std::size_t min = 0, max = 0;
  double median = 0.0, mean = 0.0;  ///< median of an even count: mean of the middle two
};
DegreeSummary degree_summary(const RelationGraph& g);

/// Centralities, one value per vertex (index = vertex id), computed the way
/// NetworkX does so that numbers can be compared.
std::vector<double> degree_centrality(const RelationGraph& g);       ///< degree / (n - 1)
std::vector<double> betweenness_centrality(const RelationGraph& g);  ///< Brandes, normalized
/// Approximate betweenness from `sources` source vertices spread evenly over
/// the vertex numbers, scaled by n / sources as NetworkX's
/// betweenness_centrality(k=sources); exact when sources >= n.
std::vector<double> betweenness_centrality_sampled(const RelationGraph& g, std::size_t sources);
std::vector<double> closeness_centrality(const RelationGraph& g);    ///< Wasserman–Faust for disconnected graphs
/// Eigenvector centrality by power iteration, normalized to unit length as
/// NetworkX's eigenvector_centrality.
std::vector<double> eigenvector_centrality(const RelationGraph& g, double tolerance = 1e-12);
std::vector<double> pagerank(const RelationGraph& g, double alpha = 0.85, double tolerance = 1e-12);

/// k-core number of every vertex (Batagelj–Zaversnik, as NetworkX core_number).
std::vector<int> core_numbers(const RelationGraph& g);

/// Communities by Louvain modularity optimisation (deterministic: vertices
/// in index order, the best-gain neighbour community, ties to the lowest).
/// Returns a community number per vertex.
std::vector<int> louvain_communities(const RelationGraph& g);

/// Newman modularity of a partition (resolution 1), as NetworkX computes it.
double modularity(const RelationGraph& g, const std::vector<int>& community);

/// Vertices within `depth` hops of `start`, with their distance, nearest first.
std::vector<std::pair<GraphVertexId, int>> neighborhood(const RelationGraph& g, GraphVertexId start, int depth);

enum class GraphFormat { graphml, dot, json };
/// Writes the graph as GraphML (Gephi, NetworkX read_graphml), Graphviz DOT
/// (vertices colored by type) or JSON node-link (NetworkX node_link_graph).
/// The fill colour of an entity type ("State", "Organization", …) in
/// drawings and legends; grey for others. The site draws with it too.
const char* type_colour(std::string_view type);

std::string export_graph(const RelationGraph& g, GraphFormat format);

/// Connected component number per vertex, and how many there are.
std::vector<int> connected_components(const RelationGraph& g, int& count);

/// Dated edges per year of their (earliest) date, of every edge or only those
/// of `only`.
std::map<int, std::size_t> relations_per_year(const RelationGraph& g, std::optional<GraphVertexId> only = {});

/// A bar chart of `per_year` as a standalone SVG document: one bar per year
/// from the first to the last (empty years included, so the axis is linear),
/// axis ticks and labels, and a tooltip per bar.
std::string timeline_svg(const std::map<int, std::size_t>& per_year, std::string_view title);

}  // namespace diplograph
