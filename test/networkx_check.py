#!/usr/bin/python3
"""Checks diplograph's graph numbers against NetworkX on the example graph:
betweenness (exact and sampled), closeness and degree to 1e-9, PageRank to
1e-6, shortest path lengths, k shortest simple path lengths, distances, the
degree summary and diameter; also that every command's --format json parses
and the timeline chart is well-formed XML.
Run by CTest: networkx_check.py DIPLOGRAPH_CLI GRAPH."""
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

import networkx as nx
from networkx.algorithms.link_analysis import pagerank_alg


def run(cli, *args):
    return subprocess.run([cli, *args], check=True, capture_output=True, text=True).stdout


def main():
    cli, graph = sys.argv[1], sys.argv[2]
    g = nx.Graph()
    for line in run(cli, "export", graph).splitlines():
        source, target, _props, date = line.split("\t")
        g.add_node(source)
        if target:
            g.add_edge(source, target, date=date)
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
    failures += check_more(cli, graph, g)
    return 1 if failures else 0


def check_more(cli, graph, g):
    failures = 0
    # Every graph command's JSON parses, and says what its table says.
    commands = {
        "path": ["path", graph, "Gambia", "NATO", "--k", "3", "--evidence"],
        "rank": ["rank", graph, "--top", "0"],
        "components": ["components", graph],
        "communities": ["communities", graph],
        "cores": ["cores", graph],
        "neighbors": ["neighbors", graph, "Gambia", "--depth", "2"],
        "distances": ["distances", graph, "Lithuania"],
        "stats": ["stats", graph],
        "timeline": ["timeline", graph, "Lithuania"],
    }
    parsed = {}
    for name, args in commands.items():
        try:
            parsed[name] = json.loads(run(cli, *args, "--format", "json"))
        except json.JSONDecodeError as e:
            print(f"{name} --format json: invalid JSON: {e}")
            failures += 1
    print(f"--format json: {len(parsed)} of {len(commands)} commands parse")
    if len(parsed) != len(commands):
        return failures
    ok = (parsed["path"]["paths"][0]["vertices"][1]["label"] == "Lithuania" and
          parsed["rank"]["entities"][0]["label"] == "Lithuania" and
          len(parsed["rank"]["entities"]) == g.number_of_nodes() and
          parsed["components"]["count"] == nx.number_connected_components(g) and
          sum(c["size"] for c in parsed["communities"]["communities"]) == g.number_of_nodes() and
          parsed["stats"]["edges"] == g.number_of_edges() and
          all(isinstance(r["date"], str) for r in parsed["timeline"]["relations"]))
    print(f"JSON contents: {'ok' if ok else 'MISMATCH'}")
    failures += not ok
    # Distances from Lithuania: the BFS lengths NetworkX finds.
    source = parsed["distances"]["start"]["iri"]
    ours = {r["iri"]: r["distance"] for r in parsed["distances"]["reached"]}
    reference = {v: d for v, d in nx.single_source_shortest_path_length(g, source).items() if v != source}
    print(f"distances: {len(ours)} vertices ({'ok' if ours == reference else 'MISMATCH'})")
    failures += ours != reference
    # Degree summary, density and the diameter of the largest component.
    stats = parsed["stats"]
    degrees = [d for _, d in g.degree()]
    largest = g.subgraph(max(nx.connected_components(g), key=len))
    expected = {"min": min(degrees), "median": statistics.median(degrees), "mean": statistics.mean(degrees),
                "max": max(degrees)}
    same = (all(abs(stats["degree"][k] - v) < 1e-9 for k, v in expected.items()) and
            abs(stats["density"] - nx.density(g)) < 1e-12 and
            stats["largest_component"] == largest.number_of_nodes() and
            stats["diameter_of_largest_component"] == nx.diameter(largest) and
            stats["diameter_bounds"] == [nx.diameter(largest)] * 2)
    print(f"stats: degree {expected}, diameter {nx.diameter(largest)} ({'ok' if same else 'MISMATCH'})")
    failures += not same
    # k shortest simple paths: the same hop counts as networkx.shortest_simple_paths.
    pairs = [("Gambia", "NATO"), ("Gambia", "Estonia"), ("Finland", "United States"), ("Latvia", "European Union")]
    checked = 0
    for a, b in pairs:
        found = json.loads(run(cli, "path", graph, a, b, "--k", "12", "--format", "json"))
        s, t = found["from"]["iri"], found["to"]["iri"]
        ours = [p["hops"] for p in found["paths"]]
        reference = [len(p) - 1 for p in itertools.islice(nx.shortest_simple_paths(g, s, t), 12)]
        simple = all(len({v["iri"] for v in p["vertices"]}) == len(p["vertices"]) for p in found["paths"])
        edges_exist = all(g.has_edge(e["source"], e["target"]) for p in found["paths"] for e in p["edges"])
        if ours != reference or not simple or not edges_exist:
            print(f"k shortest {a} -> {b}: ours {ours}, NetworkX {reference}, simple {simple}, edges {edges_exist}")
            failures += 1
        checked += 1
    print(f"k shortest paths: {checked} pairs checked against shortest_simple_paths")
    # Sampled betweenness: NetworkX's own accumulation from the same sources
    # (every (n/k)-th vertex in diplograph's order, which the JSON export keeps).
    from networkx.algorithms.centrality import betweenness as nx_betweenness
    order = [node["id"] for node in json.loads(run(cli, "export", graph, "--to", "json"))["nodes"]]
    k = 17
    sources = [order[i * len(order) // k] for i in range(k)]
    reference = dict.fromkeys(g, 0.0)
    for s in sources:
        S, P, sigma, _ = nx_betweenness._single_source_shortest_path_basic(g, s)
        reference, _ = nx_betweenness._accumulate_basic(reference, S, P, sigma, s)
    reference = nx_betweenness._rescale(reference, len(g), normalized=True, directed=False, k=k)
    ours = {}
    for line in run(cli, "rank", graph, "--samples", str(k), "--top", "0", "--format", "tsv").splitlines():
        iri, _label, value = line.split("\t")
        ours[iri] = float(value)
    worst = max(abs(ours[v] - reference[v]) for v in reference)
    print(f"sampled betweenness (k={k}): largest difference {worst:.3g} ({'ok' if worst <= 1e-9 else 'MISMATCH'})")
    failures += worst > 1e-9
    # The timeline chart is well-formed SVG with one bar per year that has relations.
    with tempfile.TemporaryDirectory() as tmp:
        svg = f"{tmp}/timeline.svg"
        run(cli, "chart", graph, "-o", svg)
        root = ElementTree.parse(svg).getroot()
        bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.find("{http://www.w3.org/2000/svg}title") is not None]
        years = {int(e["date"][:4]) for _, _, e in g.edges(data=True) if e.get("date")}
        ok = root.tag == "{http://www.w3.org/2000/svg}svg" and len(bars) == len(years)
        print(f"timeline chart: {len(bars)} bars for {len(years)} years ({'ok' if ok else 'MISMATCH'})")
        failures += not ok
    return failures


if __name__ == "__main__":
    sys.exit(main())
