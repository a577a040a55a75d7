#!/usr/bin/python3
"""Checks diplograph's graph numbers against NetworkX on the example graph:
betweenness, closeness and degree to 1e-9, PageRank to 1e-6, and shortest
path lengths. Run by CTest: networkx_check.py DIPLOGRAPH_CLI GRAPH."""
import subprocess
import sys

import networkx as nx
from networkx.algorithms.link_analysis import pagerank_alg


def run(cli, *args):
    return subprocess.run([cli, *args], check=True, capture_output=True, text=True).stdout


def main():
    cli, graph = sys.argv[1], sys.argv[2]
    g = nx.Graph()
    for line in run(cli, "export", graph).splitlines():
        source, target, _props, _date = line.split("\t")
        g.add_node(source)
        if target:
            g.add_edge(source, target)
    failures = 0
    expected = {
        "betweenness": (nx.betweenness_centrality(g, normalized=True), 1e-9),
        "closeness": (nx.closeness_centrality(g), 1e-9),
        "degree": (nx.degree_centrality(g), 1e-9),
        # the pure-Python PageRank (the default one needs numpy and scipy)
        "eigenvector": (nx.eigenvector_centrality(g, max_iter=10000, tol=1e-12), 1e-6),
        "pagerank": (pagerank_alg._pagerank_python(g, alpha=0.85, tol=1e-12, max_iter=1000), 1e-6),
    }
    for measure, (reference, tolerance) in expected.items():
        ours = {}
        for line in run(cli, "rank", graph, "--measure", measure, "--top", "0", "--format", "tsv").splitlines():
            iri, _label, value = line.split("\t")
            ours[iri] = float(value)
        if set(ours) != set(reference):
            print(f"{measure}: vertex sets differ ({len(ours)} vs {len(reference)})")
            failures += 1
            continue
        worst = max(abs(ours[v] - reference[v]) for v in reference)
        status = "ok" if worst <= tolerance else "MISMATCH"
        print(f"{measure}: {len(ours)} vertices, largest difference {worst:.3g} ({status})")
        failures += worst > tolerance
    # k-cores, and the modularity of diplograph's communities as NetworkX computes it.
    cores = {}
    for line in run(cli, "cores", graph, "--format", "tsv").splitlines():
        iri, _label, value = line.split("\t")
        cores[iri] = int(value)
    reference_cores = nx.core_number(g)
    core_diff = sum(cores[v] != reference_cores[v] for v in reference_cores)
    print(f"core numbers: {core_diff} differ ({'ok' if core_diff == 0 else 'MISMATCH'})")
    failures += core_diff != 0
    lines = run(cli, "communities", graph, "--format", "tsv").splitlines()
    ours_q = float(lines[0].split()[1].rstrip(","))
    groups = {}
    for line in lines[1:]:
        number, iri, _label = line.split("\t")
        groups.setdefault(number, set()).add(iri)
    reference_q = nx.algorithms.community.modularity(g, list(groups.values()))
    print(f"modularity: ours {ours_q:.6f}, NetworkX {reference_q:.6f}")
    failures += abs(ours_q - reference_q) > 1e-6
    louvain_q = nx.algorithms.community.modularity(g, nx.algorithms.community.louvain_communities(g, seed=1))
    print(f"  (NetworkX's own Louvain partition: {louvain_q:.6f})")
    # GraphML and JSON exports read back into NetworkX as the same graph.
    from networkx.readwrite import json_graph
    import io, json
    graphml = nx.read_graphml(io.BytesIO(run(cli, "export", graph, "--to", "graphml").encode()))
    linked = json_graph.node_link_graph(json.loads(run(cli, "export", graph, "--to", "json")))
    same = (set(graphml.nodes) == set(g.nodes) and graphml.number_of_edges() == g.number_of_edges() and
            set(linked.nodes) == set(g.nodes) and linked.number_of_edges() == g.number_of_edges())
    print(f"GraphML and JSON exports: {'ok' if same else 'MISMATCH'}")
    failures += not same
    # Shortest path lengths from Lithuania to every reachable vertex named by IRI.
    source = "https://w3id.org/diplograph/id/state/LTU"
    lengths = nx.single_source_shortest_path_length(g, source)
    checked = 0
    for target, length in sorted(lengths.items())[:40]:
        if target == source:
            continue
        hops = run(cli, "path", graph, source, target).strip().splitlines()
        if len(hops) - 1 != length:
            print(f"path to {target}: {len(hops) - 1} hops, NetworkX {length}")
            failures += 1
        checked += 1
    print(f"shortest paths: {checked} checked")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
