"""NetworkX side of `cordon bench containment`.

Reads the graph cordon cuts (one `from to capacity` line per useful
interaction) and the sources/targets (`s ID` / `t ID` lines), adds a super
source and sink, and times `minimum_cut` (edge capacities) and
`minimum_node_cut` (unit node costs, sources and targets excluded by the
super source/sink construction). Prints JSON.
"""
import json
import sys
import time

import networkx as nx
from networkx.algorithms.flow import minimum_cut

edges_path, ends_path = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
sources, targets = set(), set()
for line in open(ends_path):
    k, x = line.split()
    (sources if k == "s" else targets).add(int(x))
# Sources are contracted into S and targets into T: neither cut may remove
# them (cordon gives them infinite capacity), and minimum_node_cut never
# removes its two terminals.
S, T = "S", "T"
G = nx.DiGraph()
for line in open(edges_path):
    u, v, c = line.split()
    u, v, c = int(u), int(v), int(c)
    u = S if u in sources else (T if u in targets else u)
    v = S if v in sources else (T if v in targets else v)
    if u == v or u == T or v == S:
        continue
    if G.has_edge(u, v):
        G[u][v]["capacity"] += c  # parallel interactions of different kinds
    else:
        G.add_edge(u, v, capacity=c)
load_s = time.perf_counter() - t0

t0 = time.perf_counter()
value, _ = minimum_cut(G, S, T, capacity="capacity")
edge_cut_s = time.perf_counter() - t0

t0 = time.perf_counter()
try:
    node_cut = nx.minimum_node_cut(G, S, T)
    node_cut_size = len(node_cut)
except Exception:  # S and T adjacent: no node cut exists
    node_cut_size = None
node_cut_s = time.perf_counter() - t0

print(json.dumps({
    "networkx": nx.__version__,
    "nodes": G.number_of_nodes(),
    "edges": G.number_of_edges(),
    "load_s": load_s,
    "edge_cut_value": value,
    "edge_cut_s": edge_cut_s,
    "node_cut_size": node_cut_size,
    "node_cut_s": node_cut_s,
}))
