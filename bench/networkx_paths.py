"""NetworkX side of `cordon bench paths`: the same reachability and
shortest-path work on the same generated estate, timed in one run.

Input: an edge list (one "from to" pair of integer ids per line) written by
cordon, the ids of the entry points, and how many to time (the per-source
time is extrapolated to all entry points). NetworkX gets the plain directed
interaction graph, without cordon's access lattice: it does strictly less
work per edge than cordon, so the ratio printed is conservative.
"""
import json
import sys
import time

import networkx as nx


def main():
    edges_path, entries_path, sample = sys.argv[1], sys.argv[2], int(sys.argv[3])
    t0 = time.perf_counter()
    g = nx.read_edgelist(edges_path, create_using=nx.DiGraph, nodetype=int)
    load = time.perf_counter() - t0
    with open(entries_path) as f:
        entries = [int(x) for x in f.read().split()]
    timed = entries[:sample]
    # One blast radius: everything reachable from one breached component,
    # with a shortest path to each.
    t0 = time.perf_counter()
    paths = nx.single_source_shortest_path(g, timed[0]) if timed[0] in g else {}
    blast = time.perf_counter() - t0
    # Exposure: the same from every entry point (timed on a sample).
    t0 = time.perf_counter()
    reached = 0
    for s in timed:
        if s in g:
            reached += len(nx.single_source_shortest_path_length(g, s))
    per_source = (time.perf_counter() - t0) / max(1, len(timed))
    json.dump(
        {
            "nodes": g.number_of_nodes(),
            "edges": g.number_of_edges(),
            "load_s": load,
            "blast_s": blast,
            "blast_reached": len(paths),
            "exposure_per_source_s": per_source,
            "exposure_s": per_source * len(entries),
            "sampled_sources": len(timed),
            "networkx": nx.__version__,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
