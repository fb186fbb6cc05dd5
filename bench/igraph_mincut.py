"""igraph side of `cordon bench containment`: the same minimum cuts as
networkx_mincut.py, on the same graph, with igraph's C core.

Reads the graph cordon cuts (one `from to capacity` line per useful
interaction) and the sources/targets (`s ID` / `t ID` lines), contracts the
sources into a super source S and the targets into a super sink T exactly as
networkx_mincut.py does, then times:

- Graph.mincut(S, T, capacity): minimum s-t cut (push-relabel), value and
  edges;
- Graph.vertex_connectivity(S, T): size of a minimum vertex cut (igraph
  returns the size only, not the vertices: less work than cordon and
  NetworkX, which return the cut). -1 when S and T are adjacent (no vertex
  cut exists).
Prints JSON.
"""
import json
import sys
import time

import igraph as ig

edges_path, ends_path = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
sources, targets = set(), set()
for line in open(ends_path):
    k, x = line.split()
    (sources if k == "s" else targets).add(int(x))
index = {"S": 0, "T": 1}
caps = {}
for line in open(edges_path):
    u, v, c = line.split()
    u, v, c = int(u), int(v), int(c)
    u = "S" if u in sources else ("T" if u in targets else u)
    v = "S" if v in sources else ("T" if v in targets else v)
    if u == v or u == "T" or v == "S":
        continue
    a = index.setdefault(u, len(index))
    b = index.setdefault(v, len(index))
    caps[(a, b)] = caps.get((a, b), 0) + c  # parallel interactions add up
g = ig.Graph(n=len(index), edges=list(caps.keys()), directed=True)
g.es["capacity"] = list(caps.values())
load_s = time.perf_counter() - t0

t0 = time.perf_counter()
cut = g.mincut(0, 1, capacity="capacity")
edge_cut_s = time.perf_counter() - t0

t0 = time.perf_counter()
node_cut_size = g.vertex_connectivity(source=0, target=1, neighbors="negative")
node_cut_s = time.perf_counter() - t0

print(json.dumps({
    "igraph": ig.__version__,
    "nodes": g.vcount(),
    "edges": g.ecount(),
    "load_s": load_s,
    "edge_cut_value": cut.value,
    "edge_cut_size": len(cut.cut),
    "edge_cut_s": edge_cut_s,
    "node_cut_size": None if node_cut_size < 0 else node_cut_size,
    "node_cut_s": node_cut_s,
}))
