# Graph algorithms on a small road network: adjacency built from an edge list, breadth-first
# hops, Dijkstra's shortest paths with a sorted frontier, path reconstruction, a topological
# order of a task graph, cycle detection, and connected components.

ROADS = """
amsterdam utrecht 45
amsterdam haarlem 20
haarlem leiden 35
leiden utrecht 55
utrecht arnhem 65
leiden rotterdam 40
rotterdam utrecht 60
rotterdam breda 50
breda eindhoven 60
arnhem eindhoven 80
groningen zwolle 105
"""


def build(text):
    graph = {}
    for line in text.strip().splitlines():
        a, b, km = line.split()
        graph.setdefault(a, {})[b] = int(km)
        graph.setdefault(b, {})[a] = int(km)
    return graph


def bfs_hops(graph, start):
    hops = {start: 0}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node]):
            if nxt not in hops:
                hops[nxt] = hops[node] + 1
                queue.append(nxt)
    return hops


def dijkstra(graph, start):
    dist = {start: 0}
    prev = {}
    frontier = [(0, start)]
    done = set()
    while frontier:
        frontier.sort(reverse=True)
        d, node = frontier.pop()
        if node in done:
            continue
        done.add(node)
        for nxt, w in graph[node].items():
            if d + w < dist.get(nxt, float("inf")):
                dist[nxt] = d + w
                prev[nxt] = node
                frontier.append((d + w, nxt))
    return dist, prev


def path(prev, start, goal):
    if goal != start and goal not in prev:
        raise LookupError(f"no route from {start} to {goal}")
    steps = [goal]
    while steps[-1] != start:
        steps.append(prev[steps[-1]])
    return steps[::-1]


def components(graph):
    seen, groups = set(), []
    for node in sorted(graph):
        if node not in seen:
            group = set(bfs_hops(graph, node))
            seen |= group
            groups.append(sorted(group))
    return groups


def topo_order(deps):
    state, order = {}, []

    def visit(node, trail):
        if state.get(node) == "done":
            return
        if state.get(node) == "active":
            raise ValueError("cycle: " + " -> ".join(trail + [node]))
        state[node] = "active"
        for dep in deps.get(node, ()):
            visit(dep, trail + [node])
        state[node] = "done"
        order.append(node)

    for node in sorted(deps):
        visit(node, [])
    return order


g = build(ROADS)
print({k: len(v) for k, v in sorted(g.items())})
print(sorted(bfs_hops(g, "amsterdam").items(), key=lambda kv: (kv[1], kv[0])))
dist, prev = dijkstra(g, "amsterdam")
for city in ("eindhoven", "breda", "arnhem", "rotterdam"):
    print(f"{city:>10}: {dist[city]:>4} km via {' > '.join(path(prev, 'amsterdam', city))}")
try:
    path(prev, "amsterdam", "groningen")
except LookupError as e:
    print("LookupError:", e)
print(components(g))
tasks = {"deploy": ["test", "build"], "test": ["build"], "build": ["fetch", "configure"],
         "configure": ["fetch"], "docs": ["configure"]}
print(topo_order(tasks))
tasks["fetch"] = ["deploy"]
try:
    topo_order(tasks)
except ValueError as e:
    print("ValueError:", e)
