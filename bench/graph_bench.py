#!/usr/bin/python3
"""Graph analytics benchmark: diplograph against NetworkX (and python-igraph
when installed) on generated graphs with a heavy-tailed degree distribution
(preferential attachment, like alliances around a few hubs).

usage: bench/graph_bench.py DIPLOGRAPH_CLI [SIZES...]   (default 1000 10000 100000)
Measures betweenness, PageRank and shortest path lengths from one vertex
(BFS: `diplograph distances`). Environment: EXACT_BETWEENNESS_MAX (default
10000): largest size with exact betweenness (O(n·m)); above it every side
uses BETWEENNESS_SAMPLES sources (default 200), as NetworkX's k."""
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
    sizes = [int(x) for x in sys.argv[2:]] or [1000, 10000, 100000]
    exact_max = int(os.environ.get("EXACT_BETWEENNESS_MAX", "10000"))
    samples = int(os.environ.get("BETWEENNESS_SAMPLES", "200"))
    header = (f"{'n':>8} {'edges':>8} {'measure':<22} {'diplograph s':>13} {'NetworkX s':>11} {'NX/ours':>8} "
              f"{'igraph s':>9} {'ours/ig':>8}")
    print(header, flush=True)
    for n in sizes:
        edges = make_graph(n)
        with tempfile.TemporaryDirectory() as tmp:
            ttl = os.path.join(tmp, "g.ttl")
            write_turtle(ttl, n, edges)
            run = lambda *args: subprocess.run([cli, args[0], ttl, *args[1:]], check=True, capture_output=True,
                                               env=dict(os.environ, DIPLOGRAPH_BENCH_TIMING="1"))
            # Loading the Turtle file (the whole run of the cheapest command), for reference.
            load = min(timed(lambda: run("rank", "--measure", "degree", "--top", "1")) for _ in range(3))

            def ours(*args):
                # The CLI's own measure of the computation (no loading, no printing).
                err = run(*args).stderr.decode()
                return float(err.split("compute seconds ")[1].split()[0])
            g = nx.Graph(edges)
            ig = igraph.Graph(n=n, edges=edges) if igraph else None
            rows = [("load (whole run)", load, None, None)]
            if n <= exact_max:
                rows.append(("betweenness", ours("rank", "--measure", "betweenness", "--top", "1"),
                             timed(lambda: nx.betweenness_centrality(g)),
                             timed(lambda: ig.betweenness(directed=False)) if ig else None))
            else:
                # Exact betweenness is O(n·m): at this size both sides use the same
                # number of sources (NetworkX's k). python-igraph 0.10 cannot
                # restrict the sources, so it has no comparable number here.
                rows.append((f"betweenness k={samples}",
                             ours("rank", "--measure", "betweenness", "--samples", str(samples), "--top", "1"),
                             timed(lambda: nx.betweenness_centrality(g, k=samples, seed=1)), None))
            rows.append(("pagerank", ours("rank", "--measure", "pagerank", "--top", "1"),
                         timed(lambda: pagerank_alg._pagerank_python(g, tol=1e-12, max_iter=1000)),
                         timed(lambda: ig.pagerank(directed=False)) if ig else None))
            rows.append(("bfs lengths from one", ours("distances", "V0", "--format", "tsv"),
                         timed(lambda: nx.single_source_shortest_path_length(g, 0)),
                         timed(lambda: ig.distances(source=[0])) if ig else None))
            for name, mine, theirs, ig_t in rows:
                ratio = f"{theirs / max(mine, 1e-6):8.1f}" if theirs is not None and name[0] != "l" else "       -"
                theirs_s = f"{theirs:11.4f}" if theirs is not None else "          -"
                ig_s = f"{ig_t:9.4f}" if ig_t is not None else "        -"
                ig_ratio = f"{max(mine, 1e-6) / max(ig_t, 1e-6):8.2f}" if ig_t is not None else "       -"
                mine_s = f"{mine:13.4f}"
                print(f"{n:>8} {len(edges):>8} {name:<22} {mine_s} {theirs_s} {ratio} {ig_s} {ig_ratio}", flush=True)
    if igraph is None:
        print("(python3-igraph is not installed: no igraph column)")
    print("diplograph times are the computation only, as the CLI measures it (DIPLOGRAPH_BENCH_TIMING), without")
    print("loading the Turtle file (the 'load' row is a whole run of rank --measure degree); NX/ours = how many times")
    print("faster diplograph is than NetworkX; ours/ig = diplograph's time as a multiple of igraph's (C core).")
    print(f"Above {exact_max} vertices betweenness is sampled: {samples} sources on both sides, scaled by n/k.")


if __name__ == "__main__":
    main()
