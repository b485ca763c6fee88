# A package dependency resolver: a registry of packages with versions and requirements,
# resolution by depth-first search picking the newest version that satisfies every
# constraint met so far, backtracking on conflicts, an install order, and the errors for
# missing packages and unsatisfiable graphs; the last resolution fails uncaught.


class ResolutionError(Exception):
    pass


REGISTRY = {
    "app": {3: {"web": (2, 3), "db": (1, 2)}},
    "web": {1: {"http": (1, 1)}, 2: {"http": (2, 3), "template": (1, 9)}, 3: {"http": (3, 3)}},
    "http": {1: {}, 2: {"tls": (1, 1)}, 3: {"tls": (2, 2)}},
    "db": {1: {"driver": (1, 1)}, 2: {"driver": (2, 2), "tls": (1, 1)}},
    "driver": {1: {}, 2: {}},
    "tls": {1: {}, 2: {}},
    "template": {1: {}, 4: {"markup": (1, 1)}},
    "markup": {1: {}},
    "broken": {1: {"ghost": (1, 1)}},
    "conflicted": {1: {"http": (3, 3), "db": (2, 2)}},
}


def resolve(root, registry):
    def search(pending, chosen, limits, depth):
        if not pending:
            return chosen
        name, *rest = pending
        lo, hi = limits[name]
        if name in chosen:
            if not lo <= chosen[name] <= hi:
                return None
            return search(rest, chosen, limits, depth)
        if name not in registry:
            raise ResolutionError(f"unknown package {name!r}")
        for version in sorted(registry[name], reverse=True):
            if not lo <= version <= hi:
                continue
            new_limits = dict(limits)
            ok = True
            for dep, (dlo, dhi) in registry[name][version].items():
                olo, ohi = new_limits.get(dep, (0, 99))
                new_limits[dep] = (max(olo, dlo), min(ohi, dhi))
                if new_limits[dep][0] > new_limits[dep][1]:
                    ok = False
            if ok:
                trace.append(f"{'  ' * depth}try {name}=={version}")
                found = search(rest + sorted(registry[name][version]), dict(chosen, **{name: version}),
                               new_limits, depth + 1)
                if found is not None:
                    return found
        trace.append(f"{'  ' * depth}no version of {name} fits {lo}..{hi}")
        return None

    trace = []
    result = search([root], {}, {root: (0, 99)}, 0)
    if result is None:
        raise ResolutionError(f"cannot satisfy {root}:\n" + "\n".join(trace))
    return result, trace


def install_order(chosen, registry):
    order, seen = [], set()

    def visit(name):
        if name in seen:
            return
        seen.add(name)
        for dep in sorted(registry[name][chosen[name]]):
            visit(dep)
        order.append(f"{name}-{chosen[name]}")

    for name in sorted(chosen):
        visit(name)
    return order


chosen, trace = resolve("app", REGISTRY)
print("\n".join(trace))
print(dict(sorted(chosen.items())))
print(" -> ".join(install_order(chosen, REGISTRY)))
web, _ = resolve("web", REGISTRY)
print("web alone:", web)
try:
    resolve("broken", REGISTRY)
except ResolutionError as e:
    print("ResolutionError:", e)
resolve("conflicted", REGISTRY)
