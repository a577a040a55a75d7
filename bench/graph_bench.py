#!/usr/bin/python3
"""Graph analytics benchmark: diplograph against NetworkX (and python-igraph
when installed) on generated graphs with a heavy-tailed degree distribution
(preferential attachment, like alliances around a few hubs).

usage: bench/graph_bench.py DIPLOGRAPH_CLI [SIZES...]   (default 1000 10000)
Environment: NX_MAX_BETWEENNESS (default 10000): largest size for which
NetworkX betweenness is run (it is O(n·m) in pure Python)."""
import os
import random
import subprocess
import sys
import tempfile
import time

import networkx as nx
from networkx.algorithms.link_analysis import pagerank_alg

try:
    import igraph  # noqa: F401
except ImportError:
    igraph = None


def make_graph(n, seed=7):
    rng = random.Random(seed)
    edges, targets = [], [0, 1]
    edges.append((0, 1))
    for v in range(2, n):
        chosen = set()
        while len(chosen) < min(2, v):
            chosen.add(rng.choice(targets))
        for u in chosen:
            edges.append((v, u))
            targets += [u, v]
    return edges


def write_turtle(path, n, edges):
    with open(path, "w") as f:
        f.write("@prefix dg: <https://w3id.org/diplograph/ontology#> .\n")
        f.write("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n")
        f.write("@prefix s: <https://w3id.org/diplograph/id/state/> .\n")
        for v in range(n):
            f.write(f's:V{v} a dg:State ; rdfs:label "V{v}"@en .\n')
        for a, b in edges:
            f.write(f"s:V{a} dg:diplomaticRelationsWith s:V{b} .\n")


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main():
    cli = sys.argv[1]
    sizes = [int(x) for x in sys.argv[2:]] or [1000, 10000]
    nx_max_bc = int(os.environ.get("NX_MAX_BETWEENNESS", "10000"))
    print(f"{'n':>8} {'edges':>8} {'measure':<14} {'diplograph s':>13} {'NetworkX s':>11} {'NX/ours':>8} {'igraph s':>9} {'ours/ig':>8}")
    for n in sizes:
        edges = make_graph(n)
        with tempfile.TemporaryDirectory() as tmp:
            ttl = os.path.join(tmp, "g.ttl")
            write_turtle(ttl, n, edges)
            run = lambda *args: subprocess.run([cli, *args, ttl], check=True, capture_output=True)
            load = min(timed(lambda: run("stats")) for _ in range(3))
            g = nx.Graph(edges)
            ig = igraph.Graph(n=n, edges=edges) if igraph else None
            ig_times = {
                "betweenness": (lambda: ig.betweenness()) if ig else None,
                "pagerank": (lambda: ig.pagerank()) if ig else None,
                "bfs from one": (lambda: ig.distances(source=[0])) if ig else None,
            }
            rows = [
                ("load (stats)", load, None),
                ("betweenness", timed(lambda: run("rank", "--measure", "betweenness", "--top", "1")) - load,
                 timed(lambda: nx.betweenness_centrality(g)) if n <= nx_max_bc else None),
                ("pagerank", timed(lambda: run("rank", "--measure", "pagerank", "--top", "1")) - load,
                 timed(lambda: pagerank_alg._pagerank_python(g, tol=1e-12, max_iter=1000))),
                ("bfs from one", timed(lambda: subprocess.run([cli, "neighbors", ttl, "V0", "--depth", "1000000"],
                                                               check=True, capture_output=True)) - load,
                 timed(lambda: nx.single_source_shortest_path_length(g, 0))),
            ]
            for name, ours, theirs in rows:
                ratio = f"{theirs / max(ours, 1e-6):8.1f}" if theirs is not None else "       -"
                theirs_s = f"{theirs:11.3f}" if theirs is not None else "          -"
                fn = ig_times.get(name)
                ig_s, ig_ratio = "        -", "       -"
                if fn:
                    t = timed(fn)
                    ig_s, ig_ratio = f"{t:9.3f}", f"{max(ours, 1e-6) / max(t, 1e-6):8.2f}"
                print(f"{n:>8} {len(edges):>8} {name:<14} {max(ours, 0):13.3f} {theirs_s} {ratio} {ig_s} {ig_ratio}")
    if igraph is None:
        print("(python3-igraph is not installed: no igraph column)")
    print("diplograph times exclude loading the Turtle file (the 'load' row); NX/ours = how many times faster")
    print("diplograph is than NetworkX; ours/ig = diplograph's time as a multiple of igraph's (C core)")


if __name__ == "__main__":
    main()
