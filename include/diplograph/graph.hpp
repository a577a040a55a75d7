#pragma once
/// RDF -> Boost.Graph: one vertex per entity, one undirected edge per pair of
/// entities linked by a relation property (memberOf, observerOf,
/// diplomaticRelationsWith, partyTo, participatedIn), carrying the
/// properties and the earliest date the statements give.
#include <boost/graph/adjacency_list.hpp>

#include <optional>
#include <string>
#include <vector>

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

/// Finds a vertex by IRI, label or alias (case-insensitive). An unknown or
/// ambiguous name is an error that lists candidates.
Result<GraphVertexId> find_vertex(const RelationGraph& g, const std::string& name);

/// Shortest path (fewest hops) from `from` to `to`; empty when none.
std::vector<GraphVertexId> shortest_path(const RelationGraph& g, GraphVertexId from, GraphVertexId to);

/// Centralities, one value per vertex (index = vertex id), computed the way
/// NetworkX does so that numbers can be compared.
std::vector<double> degree_centrality(const RelationGraph& g);       ///< degree / (n - 1)
std::vector<double> betweenness_centrality(const RelationGraph& g);  ///< Brandes, normalized
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
std::string export_graph(const RelationGraph& g, GraphFormat format);

/// Connected component number per vertex, and how many there are.
std::vector<int> connected_components(const RelationGraph& g, int& count);

}  // namespace diplograph
