#include "diplograph/graph.hpp"

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/core_numbers.hpp>

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdio>
#include <deque>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include "diplograph/rdf.hpp"
#include "diplograph/tokens.hpp"

namespace diplograph {
namespace {

// Is xsd date `a` the better "earliest" than `b`? Earlier wins; of "2004"
// and "2004-03-29" (the same time, told less or more precisely) the precise one.
bool earlier(const std::string& a, const std::string& b) {
  if (a.size() > b.size() && a.compare(0, b.size(), b) == 0) return true;
  if (b.size() > a.size() && b.compare(0, a.size(), a) == 0) return false;
  return a < b;
}

const std::vector<std::string>& relation_properties() {
  static const std::vector<std::string> p{"diplomaticRelationsWith", "memberOf", "observerOf",
                                          "participatedIn", "partyTo"};
  return p;
}

}  // namespace

Result<RelationGraph> load_relation_graph(const std::string& path, const GraphOptions& options) {
  const std::string dg(ns::dg), rdf(ns::rdf);
  // Built once, compared for every triple.
  const std::string rdf_type = rdf + "type", rdfs_label = iri(ns::rdfs, "label"),
                    skos_alt = iri(ns::skos, "altLabel"), rdf_subject = rdf + "subject",
                    rdf_predicate = rdf + "predicate", rdf_object = rdf + "object", dg_date = dg + "date",
                    dg_evidence = dg + "evidence";
  std::map<std::string, GraphVertex> vertices;
  std::set<std::tuple<std::string, std::string, std::string>> truthy;
  struct Node {
    std::string s, p, o, date, evidence;
  };
  std::unordered_map<std::string, Node> statements;
  std::vector<std::string> keep = options.via.empty() ? relation_properties() : options.via;
  Outcome parsed = parse_rdf_file(path, syntax_for_path(path), [&](const Triple& t) -> Outcome {
    const std::string& s = t.subject.value;
    const std::string& p = t.predicate.value;
    if (p == rdf_type && t.object.value.rfind(dg, 0) == 0) {
      std::string type = t.object.value.substr(dg.size());
      if (type != "Document" && type != "Conflict" && type != "FormerState") {
        vertices[s].iri = s;
        vertices[s].type = type;
      }
    } else if (p == rdfs_label) {
      vertices[s].iri = s;
      vertices[s].label = t.object.value;
      vertices[s].names.push_back(t.object.value);
    } else if (p == skos_alt) {
      vertices[s].names.push_back(t.object.value);
    } else if (p.rfind(dg, 0) == 0 && t.object.kind == TermKind::iri &&
               std::find(keep.begin(), keep.end(), p.substr(dg.size())) != keep.end()) {
      truthy.insert({s, p.substr(dg.size()), t.object.value});
    } else if (p == rdf_subject) {
      statements[s].s = t.object.value;
    } else if (p == rdf_predicate) {
      statements[s].p = t.object.value;
    } else if (p == rdf_object) {
      statements[s].o = t.object.value;
    } else if (p == dg_date && s.find("/statement/") != std::string::npos) {
      statements[s].date = t.object.value;
    } else if (p == dg_evidence) {
      statements[s].evidence = t.object.value;
    }
    return {};
  });
  if (!parsed) return parsed.error();
  // Earliest date per fact, from its statements.
  std::map<std::tuple<std::string, std::string, std::string>, std::string> dates, evidence;
  std::map<std::tuple<std::string, std::string, std::string>, std::string> evidence_date;
  for (const auto& [node, st] : statements) {
    if (st.p.rfind(dg, 0) != 0) continue;
    auto key = std::make_tuple(st.s, st.p.substr(dg.size()), st.o);
    // Evidence: the earliest dated statement's, else the smallest text (deterministic).
    std::string rank = st.date.empty() ? "~" + st.evidence : st.date + st.evidence;
    auto& best = evidence_date[key];
    if (best.empty() || rank < best) {
      best = rank;
      evidence[key] = st.evidence;
    }
    if (st.date.empty()) continue;
    auto& d = dates[key];
    if (d.empty() || earlier(st.date, d)) d = st.date;
  }
  decltype(statements)().swap(statements);  // what the edges need is in the maps above
  decltype(evidence_date)().swap(evidence_date);
  auto type_ok = [&](const GraphVertex& v) {
    return options.types.empty() ||
           std::find(options.types.begin(), options.types.end(), v.type) != options.types.end();
  };
  // Sized up front: adding a million vertices one by one doubles the
  // vertex vector (150 bytes each) a score of times.
  std::size_t kept = 0;
  for (const auto& [iri_value, v] : vertices)
    if (!v.type.empty() && type_ok(v)) ++kept;
  RelationGraph g(kept);
  std::unordered_map<std::string, GraphVertexId> index;
  index.reserve(kept);
  GraphVertexId next = 0;
  for (auto& [iri_value, v] : vertices) {
    if (v.type.empty() || !type_ok(v)) continue;
    if (v.label.empty()) v.label = iri_value;
    g[next] = std::move(v);
    index[iri_value] = next++;
  }
  decltype(vertices)().swap(vertices);  // moved into the graph
  for (const auto& [s, p, o] : truthy) {
    auto a = index.find(s), b = index.find(o);
    if (a == index.end() || b == index.end() || a->second == b->second) continue;
    std::string date;
    if (auto d = dates.find({s, p, o}); d != dates.end()) date = d->second;
    if (!options.as_of.empty()) {
      if (date.empty() ? options.dated_only : date.substr(0, options.as_of.size()) > options.as_of) continue;
    }
    auto [e, exists] = boost::edge(a->second, b->second, g);
    if (!exists) e = boost::add_edge(a->second, b->second, GraphEdge{}, g).first;
    GraphEdge& edge = g[e];
    if (std::find(edge.properties.begin(), edge.properties.end(), p) == edge.properties.end()) {
      edge.properties.push_back(p);
      std::sort(edge.properties.begin(), edge.properties.end());
      if (auto ev = evidence.find({s, p, o}); ev != evidence.end() && !ev->second.empty() &&
          std::find(edge.evidence.begin(), edge.evidence.end(), ev->second) == edge.evidence.end())
        edge.evidence.push_back(ev->second);
    }
    if (!date.empty() && (edge.date.empty() || earlier(date, edge.date))) edge.date = date;
  }
  return g;
}

Result<GraphVertexId> find_vertex(const RelationGraph& g, const std::string& name) {
  std::vector<GraphVertexId> hits;
  std::string key = ascii_lower(name);
  for (auto v : boost::make_iterator_range(boost::vertices(g)))
    if (g[v].iri == name) return v;  // an IRI names one entity, whatever the labels say
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    const GraphVertex& x = g[v];
    bool match = false;
    for (const auto& n : x.names) match = match || ascii_lower(n) == key;
    if (match) hits.push_back(v);
  }
  if (hits.size() == 1) return hits[0];
  std::string message;
  if (hits.empty()) {
    message = "no entity is named '" + name + "'";
    std::vector<std::string> near;
    for (auto v : boost::make_iterator_range(boost::vertices(g)))
      for (const auto& n : g[v].names)
        if (ascii_lower(n).find(key) != std::string::npos && near.size() < 8) {
          near.push_back(g[v].label);
          break;
        }
    if (!near.empty()) {
      message += "; did you mean:";
      for (const auto& n : near) message += " '" + n + "'";
    }
  } else {
    message = "'" + name + "' names " + std::to_string(hits.size()) + " entities; give one of their IRIs:";
    for (std::size_t i = 0; i < hits.size(); ++i)
      message += std::string(i ? "," : "") + " '" + g[hits[i]].label + "' <" + g[hits[i]].iri + ">";
  }
  return make_error(Status::not_found, message);
}

namespace {

using EdgeKey = std::pair<GraphVertexId, GraphVertexId>;
EdgeKey edge_key(GraphVertexId a, GraphVertexId b) { return a < b ? EdgeKey{a, b} : EdgeKey{b, a}; }

// Fewest-hop path that avoids the blocked vertices and edges (Yen's spur
// searches); neighbours in vertex order, so ties break the same way every run.
std::vector<GraphVertexId> bfs_path(const RelationGraph& g, GraphVertexId from, GraphVertexId to,
                                    const std::vector<char>& blocked_vertex, const std::set<EdgeKey>& blocked_edge) {
  const std::size_t n = boost::num_vertices(g);
  std::vector<GraphVertexId> parent(n, n);
  std::deque<GraphVertexId> queue{from};
  parent[from] = from;
  std::vector<GraphVertexId> next;
  while (!queue.empty()) {
    GraphVertexId u = queue.front();
    queue.pop_front();
    if (u == to) break;
    next.clear();
    for (auto w : boost::make_iterator_range(boost::adjacent_vertices(u, g)))
      if (parent[w] == n && !blocked_vertex[w] && (blocked_edge.empty() || !blocked_edge.count(edge_key(u, w))))
        next.push_back(w);
    std::sort(next.begin(), next.end());
    for (auto w : next)
      if (parent[w] == n) {
        parent[w] = u;
        queue.push_back(w);
      }
  }
  if (parent[to] == n) return {};
  std::vector<GraphVertexId> path;
  for (GraphVertexId v = to; v != from; v = parent[v]) path.push_back(v);
  path.push_back(from);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace

std::vector<GraphVertexId> shortest_path(const RelationGraph& g, GraphVertexId from, GraphVertexId to) {
  return bfs_path(g, from, to, std::vector<char>(boost::num_vertices(g), 0), {});
}

std::vector<std::vector<GraphVertexId>> k_shortest_paths(const RelationGraph& g, GraphVertexId from,
                                                         GraphVertexId to, std::size_t k) {
  std::vector<std::vector<GraphVertexId>> found;
  if (k == 0) return found;
  std::vector<char> blocked(boost::num_vertices(g), 0);
  auto first = bfs_path(g, from, to, blocked, {});
  if (first.empty()) return found;
  found.push_back(std::move(first));
  // Candidates ordered by hops, then vertex sequence: the next path is the smallest.
  std::set<std::pair<std::size_t, std::vector<GraphVertexId>>> candidates;
  while (found.size() < k) {
    const std::vector<GraphVertexId> last = found.back();
    for (std::size_t i = 0; i + 1 < last.size(); ++i) {
      // Deviate from `last` at its i-th vertex: keep the root, forbid every
      // edge a found path with the same root takes next, and the root itself.
      std::set<EdgeKey> blocked_edge;
      for (const auto& p : found)
        if (p.size() > i + 1 && std::equal(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(i + 1), p.begin()))
          blocked_edge.insert(edge_key(p[i], p[i + 1]));
      std::fill(blocked.begin(), blocked.end(), 0);
      for (std::size_t r = 0; r < i; ++r) blocked[last[r]] = 1;
      auto spur = bfs_path(g, last[i], to, blocked, blocked_edge);
      if (spur.empty()) continue;
      std::vector<GraphVertexId> path(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(i));
      path.insert(path.end(), spur.begin(), spur.end());
      candidates.emplace(path.size(), std::move(path));
    }
    if (candidates.empty()) break;
    found.push_back(candidates.begin()->second);
    candidates.erase(candidates.begin());
  }
  return found;
}

std::vector<int> bfs_distances(const RelationGraph& g, GraphVertexId from) {
  std::vector<int> dist(boost::num_vertices(g), -1);
  std::vector<GraphVertexId> queue{from};
  dist[from] = 0;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    GraphVertexId u = queue[head];
    for (auto w : boost::make_iterator_range(boost::adjacent_vertices(u, g)))
      if (dist[w] < 0) {
        dist[w] = dist[u] + 1;
        queue.push_back(w);
      }
  }
  return dist;
}

DiameterBounds component_diameter(const RelationGraph& g, const std::vector<GraphVertexId>& component,
                                  std::size_t max_searches) {
  // Bounds on every vertex's eccentricity from the searches done so far:
  // e(w) >= max(e(v) - d(v,w), d(v,w)) and e(w) <= e(v) + d(v,w). A vertex
  // whose upper bound cannot beat the best lower bound is dropped; the
  // diameter lies between the best lower bound and the largest upper bound left.
  DiameterBounds out;
  if (component.size() < 2) return out;
  if (max_searches == 0) {
    double work = static_cast<double>(boost::num_vertices(g) + 2 * boost::num_edges(g));
    max_searches = static_cast<std::size_t>(std::clamp(3e7 / std::max(work, 1.0), 8.0, 1000.0));
  }
  const int infinity = std::numeric_limits<int>::max();
  const std::size_t n = boost::num_vertices(g);
  std::vector<int> low(n, 0), high(n, infinity);
  std::vector<GraphVertexId> open = component, still;
  int lower = 0;
  bool pick_high = true;
  while (!open.empty() && out.searches < max_searches) {
    // Alternate between the largest upper bound and the smallest lower bound
    // (ties: highest degree), which narrows both ends fastest.
    GraphVertexId v = open.front();
    for (auto w : open) {
      bool better = pick_high ? high[w] > high[v] || (high[w] == high[v] && boost::degree(w, g) > boost::degree(v, g))
                              : low[w] < low[v] || (low[w] == low[v] && boost::degree(w, g) > boost::degree(v, g));
      if (better) v = w;
    }
    pick_high = !pick_high;
    auto dist = bfs_distances(g, v);
    ++out.searches;
    int ecc = 0;
    for (auto w : component) ecc = std::max(ecc, dist[w]);
    lower = std::max(lower, ecc);
    for (auto w : open) {
      low[w] = std::max(low[w], std::max(ecc - dist[w], dist[w]));
      high[w] = std::min(high[w], ecc + dist[w]);
      lower = std::max(lower, low[w]);
    }
    // Lower only grows, so a vertex dropped now can never matter later.
    still.clear();
    for (auto w : open)
      if (w != v && high[w] > lower) still.push_back(w);
    open.swap(still);
  }
  out.lower = out.upper = lower;
  for (auto w : open) out.upper = std::max(out.upper, high[w]);
  return out;
}

DegreeSummary degree_summary(const RelationGraph& g) {
  DegreeSummary out;
  const std::size_t n = boost::num_vertices(g);
  if (n == 0) return out;
  std::vector<std::size_t> degrees;
  degrees.reserve(n);
  double total = 0.0;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    degrees.push_back(boost::degree(v, g));
    total += static_cast<double>(degrees.back());
  }
  std::sort(degrees.begin(), degrees.end());
  out.min = degrees.front();
  out.max = degrees.back();
  out.mean = total / static_cast<double>(n);
  out.median = n % 2 ? static_cast<double>(degrees[n / 2])
                     : (static_cast<double>(degrees[n / 2 - 1]) + static_cast<double>(degrees[n / 2])) / 2.0;
  return out;
}

std::vector<double> degree_centrality(const RelationGraph& g) {
  const std::size_t n = boost::num_vertices(g);
  std::vector<double> out(n, 0.0);
  if (n <= 1) return std::vector<double>(n, 1.0);
  for (auto v : boost::make_iterator_range(boost::vertices(g)))
    out[v] = static_cast<double>(boost::degree(v, g)) / static_cast<double>(n - 1);
  return out;
}

std::vector<double> betweenness_centrality(const RelationGraph& g) {
  const std::size_t n = boost::num_vertices(g);
  std::vector<double> centrality(n, 0.0);
  boost::brandes_betweenness_centrality(
      g, boost::centrality_map(boost::make_iterator_property_map(centrality.begin(),
                                                                 boost::get(boost::vertex_index, g))));
  // For undirected graphs Boost counts each pair of vertices once; NetworkX's
  // normalized value is that sum times 2/((n-1)(n-2)).
  if (n > 2)
    for (double& c : centrality) c *= 2.0 / static_cast<double>((n - 1) * (n - 2));
  return centrality;
}

std::vector<double> betweenness_centrality_sampled(const RelationGraph& g, std::size_t sources) {
  // Brandes' accumulation from each chosen source (unweighted: breadth-first
  // search); the sum over all n sources counts every pair twice.
  const std::size_t n = boost::num_vertices(g);
  std::vector<double> centrality(n, 0.0);
  if (n == 0 || sources == 0) return centrality;
  sources = std::min(sources, n);
  std::vector<double> sigma(n, 0.0), delta(n, 0.0);
  std::vector<int> dist(n, -1);
  std::vector<GraphVertexId> order;
  order.reserve(n);
  for (std::size_t i = 0; i < sources; ++i) {
    GraphVertexId s = static_cast<GraphVertexId>(i * n / sources);
    order.clear();
    order.push_back(s);
    dist[s] = 0;
    sigma[s] = 1.0;
    for (std::size_t head = 0; head < order.size(); ++head) {
      GraphVertexId u = order[head];
      for (auto w : boost::make_iterator_range(boost::adjacent_vertices(u, g))) {
        if (dist[w] < 0) {
          dist[w] = dist[u] + 1;
          order.push_back(w);
        }
        if (dist[w] == dist[u] + 1) sigma[w] += sigma[u];
      }
    }
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      GraphVertexId u = *it;
      for (auto w : boost::make_iterator_range(boost::adjacent_vertices(u, g)))
        if (dist[w] == dist[u] + 1) delta[u] += sigma[u] / sigma[w] * (1.0 + delta[w]);
      if (u != s) centrality[u] += delta[u];
    }
    for (auto u : order) dist[u] = -1, sigma[u] = 0.0, delta[u] = 0.0;
  }
  if (n > 2) {
    double scale = 1.0 / static_cast<double>((n - 1) * (n - 2)) * static_cast<double>(n) / static_cast<double>(sources);
    for (double& c : centrality) c *= scale;
  }
  return centrality;
}

std::vector<double> closeness_centrality(const RelationGraph& g) {
  const std::size_t n = boost::num_vertices(g);
  std::vector<double> out(n, 0.0);
  std::vector<std::size_t> dist(n);
  for (auto s : boost::make_iterator_range(boost::vertices(g))) {
    std::fill(dist.begin(), dist.end(), n);
    dist[s] = 0;
    std::deque<GraphVertexId> queue{s};
    std::size_t total = 0, reached = 1;
    while (!queue.empty()) {
      auto u = queue.front();
      queue.pop_front();
      for (auto w : boost::make_iterator_range(boost::adjacent_vertices(u, g)))
        if (dist[w] == n) {
          dist[w] = dist[u] + 1;
          total += dist[w];
          ++reached;
          queue.push_back(w);
        }
    }
    if (total > 0 && n > 1) {
      double r = static_cast<double>(reached - 1);
      out[s] = (r / static_cast<double>(total)) * (r / static_cast<double>(n - 1));
    }
  }
  return out;
}

std::vector<double> eigenvector_centrality(const RelationGraph& g, double tolerance) {
  const std::size_t n = boost::num_vertices(g);
  if (n == 0) return {};
  std::vector<double> x(n, 1.0 / static_cast<double>(n)), next(n);
  for (int iteration = 0; iteration < 10000; ++iteration) {
    // NetworkX iterates x <- x + A x (the shift keeps bipartite graphs from oscillating).
    next = x;
    for (auto v : boost::make_iterator_range(boost::vertices(g)))
      for (auto w : boost::make_iterator_range(boost::adjacent_vertices(v, g))) next[w] += x[v];
    double norm = 0.0;
    for (double value : next) norm += value * value;
    norm = std::sqrt(norm);
    if (norm == 0.0) break;
    double change = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      next[i] /= norm;
      change += std::abs(next[i] - x[i]);
    }
    x.swap(next);
    if (change < static_cast<double>(n) * tolerance) break;
  }
  return x;
}

std::vector<double> pagerank(const RelationGraph& g, double alpha, double tolerance) {
  const std::size_t n = boost::num_vertices(g);
  if (n == 0) return {};
  std::vector<double> rank(n, 1.0 / static_cast<double>(n)), next(n);
  for (int iteration = 0; iteration < 1000; ++iteration) {
    double dangling = 0.0;
    for (auto v : boost::make_iterator_range(boost::vertices(g)))
      if (boost::degree(v, g) == 0) dangling += rank[v];
    std::fill(next.begin(), next.end(), (1.0 - alpha) / static_cast<double>(n) + alpha * dangling / static_cast<double>(n));
    for (auto v : boost::make_iterator_range(boost::vertices(g))) {
      std::size_t d = boost::degree(v, g);
      if (d == 0) continue;
      double share = alpha * rank[v] / static_cast<double>(d);
      for (auto w : boost::make_iterator_range(boost::adjacent_vertices(v, g))) next[w] += share;
    }
    double change = 0.0;
    for (std::size_t i = 0; i < n; ++i) change += std::abs(next[i] - rank[i]);
    rank.swap(next);
    if (change < static_cast<double>(n) * tolerance) break;
  }
  return rank;
}

std::vector<int> core_numbers(const RelationGraph& g) {
  std::vector<int> core(boost::num_vertices(g), 0);
  boost::core_numbers(g, boost::make_iterator_property_map(core.begin(), boost::get(boost::vertex_index, g)));
  return core;
}

double modularity(const RelationGraph& g, const std::vector<int>& community) {
  const double m = static_cast<double>(boost::num_edges(g));
  if (m == 0) return 0.0;
  std::map<int, double> inside, degree_sum;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    auto a = boost::source(e, g), b = boost::target(e, g);
    if (community[a] == community[b]) inside[community[a]] += 1.0;
  }
  for (auto v : boost::make_iterator_range(boost::vertices(g)))
    degree_sum[community[v]] += static_cast<double>(boost::degree(v, g));
  double q = 0.0;
  for (const auto& [c, d] : degree_sum) q += inside[c] / m - (d / (2 * m)) * (d / (2 * m));
  return q;
}

std::vector<int> louvain_communities(const RelationGraph& g) {
  // Level graph as weighted adjacency between current communities.
  const std::size_t n = boost::num_vertices(g);
  std::vector<int> assignment(n);
  for (std::size_t i = 0; i < n; ++i) assignment[i] = static_cast<int>(i);
  std::vector<std::map<int, double>> adj(n);  // node -> neighbour -> weight (self loops allowed)
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    int a = static_cast<int>(boost::source(e, g)), b = static_cast<int>(boost::target(e, g));
    adj[static_cast<std::size_t>(a)][b] += 1.0;
    adj[static_cast<std::size_t>(b)][a] += 1.0;
  }
  const double m2 = 2.0 * static_cast<double>(boost::num_edges(g));
  if (m2 == 0) return assignment;
  while (true) {
    const std::size_t k = adj.size();
    std::vector<double> strength(k, 0.0);
    for (std::size_t i = 0; i < k; ++i)
      for (const auto& [j, w] : adj[i]) strength[i] += (static_cast<std::size_t>(j) == i ? 2 * w : w);
    std::vector<int> comm(k);
    std::vector<double> total(k);
    for (std::size_t i = 0; i < k; ++i) comm[i] = static_cast<int>(i), total[i] = strength[i];
    bool improved_any = false;
    for (bool moved = true; moved;) {
      moved = false;
      for (std::size_t i = 0; i < k; ++i) {
        std::map<int, double> links;  // community -> weight from i
        for (const auto& [j, w] : adj[i])
          if (static_cast<std::size_t>(j) != i) links[comm[static_cast<std::size_t>(j)]] += w;
        int own = comm[i];
        total[static_cast<std::size_t>(own)] -= strength[i];
        double best_gain = links[own] - total[static_cast<std::size_t>(own)] * strength[i] / m2;
        int best = own;
        for (const auto& [c, w] : links) {
          double gain = w - total[static_cast<std::size_t>(c)] * strength[i] / m2;
          if (gain > best_gain + 1e-12) best_gain = gain, best = c;
        }
        total[static_cast<std::size_t>(best)] += strength[i];
        if (best != own) {
          comm[i] = best;
          moved = improved_any = true;
        }
      }
    }
    if (!improved_any) break;
    // Renumber communities and aggregate.
    std::map<int, int> number;
    for (int c : comm) number.emplace(c, static_cast<int>(number.size()));
    for (int& a : assignment) a = number[comm[static_cast<std::size_t>(a)]];
    std::vector<std::map<int, double>> next(number.size());
    for (std::size_t i = 0; i < k; ++i)
      for (const auto& [j, w] : adj[i]) {
        int ci = number[comm[i]], cj = number[comm[static_cast<std::size_t>(j)]];
        next[static_cast<std::size_t>(ci)][cj] += (ci == cj && static_cast<std::size_t>(j) != i) ? w / 2 : w;
      }
    adj.swap(next);
  }
  return assignment;
}

std::vector<std::pair<GraphVertexId, int>> neighborhood(const RelationGraph& g, GraphVertexId start, int depth) {
  std::vector<int> dist(boost::num_vertices(g), -1);
  std::vector<std::pair<GraphVertexId, int>> out;
  std::deque<GraphVertexId> queue{start};
  dist[start] = 0;
  while (!queue.empty()) {
    auto u = queue.front();
    queue.pop_front();
    if (u != start) out.emplace_back(u, dist[u]);
    if (dist[u] == depth) continue;
    std::vector<GraphVertexId> next;
    for (auto w : boost::make_iterator_range(boost::adjacent_vertices(u, g))) next.push_back(w);
    std::sort(next.begin(), next.end());
    for (auto w : next)
      if (dist[w] < 0) {
        dist[w] = dist[u] + 1;
        queue.push_back(w);
      }
  }
  return out;
}

namespace {
std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 allows no other control characters, even escaped.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
    }
  }
  return out;
}
std::string quoted(std::string_view s) {  // DOT string
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}
std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}
}  // namespace

const char* type_colour(std::string_view type) {
  if (type == "State") return "#4e79a7";
  if (type == "Organization") return "#f28e2b";
  if (type == "Treaty") return "#59a14f";
  if (type == "Event") return "#e15759";
  if (type == "StateGroup") return "#b07aa1";
  if (type == "HistoricalState") return "#76b7b2";
  if (type == "NonStateActor") return "#9c755f";
  return "#bab0ac";
}

std::string export_graph(const RelationGraph& g, GraphFormat format) {
  std::string out;
  if (format == GraphFormat::graphml) {
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
           "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
           "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
           "  <key id=\"properties\" for=\"edge\" attr.name=\"properties\" attr.type=\"string\"/>\n"
           "  <key id=\"date\" for=\"edge\" attr.name=\"date\" attr.type=\"string\"/>\n"
           "  <graph id=\"diplograph\" edgedefault=\"undirected\">\n";
    for (auto v : boost::make_iterator_range(boost::vertices(g)))
      out += "    <node id=\"" + xml_escape(g[v].iri) + "\"><data key=\"label\">" + xml_escape(g[v].label) +
             "</data><data key=\"type\">" + xml_escape(g[v].type) + "</data></node>\n";
    for (auto e : boost::make_iterator_range(boost::edges(g)))
      out += "    <edge source=\"" + xml_escape(g[boost::source(e, g)].iri) + "\" target=\"" +
             xml_escape(g[boost::target(e, g)].iri) + "\"><data key=\"properties\">" +
             joined(g[e].properties) + "</data><data key=\"date\">" + g[e].date + "</data></edge>\n";
    out += "  </graph>\n</graphml>\n";
  } else if (format == GraphFormat::dot) {
    out += "graph diplograph {\n  node [style=filled, fontname=\"Helvetica\", fontsize=10];\n  edge [fontsize=8, color=\"#888888\"];\n";
    for (auto v : boost::make_iterator_range(boost::vertices(g)))
      out += "  n" + std::to_string(v) + " [label=" + quoted(g[v].label) + ", fillcolor=\"" + type_colour(g[v].type) +
             "\", tooltip=" + quoted(g[v].iri) + "];\n";
    for (auto e : boost::make_iterator_range(boost::edges(g)))
      out += "  n" + std::to_string(boost::source(e, g)) + " -- n" + std::to_string(boost::target(e, g)) +
             " [tooltip=" + quoted(joined(g[e].properties) + " " + g[e].date) + "];\n";
    out += "}\n";
  } else {
    out += "{\"directed\": false, \"multigraph\": false, \"graph\": {}, \"nodes\": [";
    bool first = true;
    for (auto v : boost::make_iterator_range(boost::vertices(g))) {
      out += std::string(first ? "" : ", ") + "{\"id\": " + json_quote(g[v].iri) + ", \"label\": " + json_quote(g[v].label) +
             ", \"type\": " + json_quote(g[v].type) + "}";
      first = false;
    }
    out += "], \"links\": [";
    first = true;
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
      out += std::string(first ? "" : ", ") + "{\"source\": " + json_quote(g[boost::source(e, g)].iri) +
             ", \"target\": " + json_quote(g[boost::target(e, g)].iri) + ", \"properties\": " +
             json_quote(joined(g[e].properties)) + ", \"date\": " + json_quote(g[e].date) + "}";
      first = false;
    }
    out += "]}\n";
  }
  return out;
}

std::vector<int> connected_components(const RelationGraph& g, int& count) {
  std::vector<int> component(boost::num_vertices(g));
  count = boost::connected_components(g, component.data());
  return component;
}

std::map<int, std::size_t> relations_per_year(const RelationGraph& g, std::optional<GraphVertexId> only) {
  std::map<int, std::size_t> out;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    const std::string& date = g[e].date;
    if (only && boost::source(e, g) != *only && boost::target(e, g) != *only) continue;
    // xsd:date, gYearMonth and gYear all start with the year (four digits here).
    if (date.size() < 4 || !std::all_of(date.begin(), date.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    ++out[std::stoi(date.substr(0, 4))];
  }
  return out;
}

namespace {
std::string number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", x);
  return buffer;
}
}  // namespace

std::string timeline_svg(const std::map<int, std::size_t>& per_year, std::string_view title) {
  const double left = 60, right = 20, top = 40, plot_height = 240, bottom = 60;
  int first = per_year.empty() ? 2000 : per_year.begin()->first;
  int last = per_year.empty() ? 2000 : per_year.rbegin()->first;
  const int years = last - first + 1;
  const double bar = std::clamp(900.0 / years, 4.0, 36.0);
  const double width = left + bar * years + right, height = top + plot_height + bottom;
  std::size_t most = 1;
  for (const auto& [year, count] : per_year) most = std::max(most, count);
  // A tick step of 1, 2 or 5 times a power of ten giving at most 6 ticks.
  std::size_t step = 1;
  for (std::size_t base = 1;; base *= 10) {
    if (most / base <= 5) { step = base; break; }
    if (most / (2 * base) <= 5) { step = 2 * base; break; }
    if (most / (5 * base) <= 5) { step = 5 * base; break; }
  }
  const std::size_t axis_max = (most + step - 1) / step * step;
  auto y_of = [&](double count) { return top + plot_height - plot_height * count / static_cast<double>(axis_max); };
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(width) + "\" height=\"" + number(height) +
         "\" viewBox=\"0 0 " + number(width) + " " + number(height) + "\" font-family=\"Helvetica, Arial, sans-serif\">\n";
  out += "  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  out += "  <text x=\"" + number(width / 2) + "\" y=\"24\" font-size=\"15\" text-anchor=\"middle\">" + xml_escape(title) + "</text>\n";
  // Horizontal grid lines and count labels.
  for (std::size_t tick = 0; tick <= axis_max; tick += step) {
    double y = y_of(static_cast<double>(tick));
    out += "  <line x1=\"" + number(left) + "\" y1=\"" + number(y) + "\" x2=\"" + number(width - right) + "\" y2=\"" +
           number(y) + "\" stroke=\"#dddddd\"/>\n";
    out += "  <text x=\"" + number(left - 6) + "\" y=\"" + number(y + 4) + "\" font-size=\"11\" text-anchor=\"end\">" +
           std::to_string(tick) + "</text>\n";
  }
  // Bars, each with a tooltip; the count above it when there is room.
  for (const auto& [year, count] : per_year) {
    double x = left + bar * (year - first), y = y_of(static_cast<double>(count));
    out += "  <rect x=\"" + number(x + bar * 0.1) + "\" y=\"" + number(y) + "\" width=\"" + number(bar * 0.8) +
           "\" height=\"" + number(top + plot_height - y) + "\" fill=\"#4e79a7\"><title>" + std::to_string(year) + ": " +
           std::to_string(count) + (count == 1 ? " relation" : " relations") + "</title></rect>\n";
    if (bar >= 14)
      out += "  <text x=\"" + number(x + bar / 2) + "\" y=\"" + number(y - 3) + "\" font-size=\"10\" text-anchor=\"middle\">" +
             std::to_string(count) + "</text>\n";
  }
  // Axes, then year labels every `every` years (at least 32 px apart).
  out += "  <line x1=\"" + number(left) + "\" y1=\"" + number(top + plot_height) + "\" x2=\"" + number(width - right) +
         "\" y2=\"" + number(top + plot_height) + "\" stroke=\"#333333\"/>\n";
  out += "  <line x1=\"" + number(left) + "\" y1=\"" + number(top) + "\" x2=\"" + number(left) + "\" y2=\"" +
         number(top + plot_height) + "\" stroke=\"#333333\"/>\n";
  int every = 1;
  for (int candidate : {1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000}) {
    every = candidate;
    if (bar * candidate >= 32) break;
  }
  const bool any_multiple = (first + every - 1) / every * every <= last;
  for (int year = first; year <= last; ++year) {
    if (any_multiple ? year % every != 0 : year != first) continue;
    double x = left + bar * (year - first) + bar / 2;
    out += "  <line x1=\"" + number(x) + "\" y1=\"" + number(top + plot_height) + "\" x2=\"" + number(x) + "\" y2=\"" +
           number(top + plot_height + 4) + "\" stroke=\"#333333\"/>\n";
    out += "  <text x=\"" + number(x) + "\" y=\"" + number(top + plot_height + 17) + "\" font-size=\"11\" text-anchor=\"middle\">" +
           std::to_string(year) + "</text>\n";
  }
  out += "  <text x=\"" + number(left + bar * years / 2) + "\" y=\"" + number(height - 14) +
         "\" font-size=\"12\" text-anchor=\"middle\">year (earliest date of the relation)</text>\n";
  out += "  <text transform=\"translate(16 " + number(top + plot_height / 2) +
         ") rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">relations established</text>\n";
  out += "</svg>\n";
  return out;
}


}  // namespace diplograph
