"""igraph side of `cordon bench paths`: the same work as networkx_paths.py,
on the same edge list, with igraph's C core (https://igraph.org).

Input: an edge list (one "from to" pair of integer ids per line) written by
cordon, the ids of the entry points (the first is the blast-radius probe),
and how many entry points to time (0: all; otherwise the per-source time is
extrapolated). igraph gets the plain directed interaction graph, without
cordon's access lattice: strictly less work per edge than cordon does.

- load: Graph.Read_Edgelist (C reader).
- one blast radius: Graph.bfs(probe) — visit order, layers and parents,
  i.e. a shortest path to every reached vertex; the median of 5 runs.
- reachability from all entry points: Graph.subcomponent(s, mode="out") per
  entry point (igraph's cheapest "everything reachable from s"; no parents).
Prints JSON.
"""
import json
import sys
import time

import igraph as ig


def main():
    edges_path, entries_path, sample = sys.argv[1], sys.argv[2], int(sys.argv[3])
    t0 = time.perf_counter()
    g = ig.Graph.Read_Edgelist(edges_path, directed=True)
    load = time.perf_counter() - t0
    with open(entries_path) as f:
        entries = [int(x) for x in f.read().split()]
    entries = [e for e in entries if e < g.vcount()]
    timed = entries if sample <= 0 else entries[:sample]
    # One BFS takes ~10 ms, where one timing is noise: the median of 5 runs,
    # as cordon does for its own search.
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        vids, _layers, _parents = g.bfs(timed[0], mode="out")
        runs.append(time.perf_counter() - t0)
    blast = sorted(runs)[len(runs) // 2]
    t0 = time.perf_counter()
    reached = 0
    for s in timed:
        reached += len(g.subcomponent(s, mode="out"))
    per_source = (time.perf_counter() - t0) / max(1, len(timed))
    json.dump(
        {
            "nodes": g.vcount(),
            "edges": g.ecount(),
            "load_s": load,
            "blast_s": blast,
            "blast_reached": len(vids),
            "exposure_per_source_s": per_source,
            "exposure_s": per_source * len(entries),
            "sampled_sources": len(timed),
            "reached_total": reached,
            "igraph": ig.__version__,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
