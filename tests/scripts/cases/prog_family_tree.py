# A family tree: people with parents, relationships derived from the tree (siblings,
# grandparents, cousins, ancestors, descendants), the generation of each person, the
# closest common ancestor, a relation name for two people, and inconsistent data rejected.


class Person:
    def __init__(self, name, born):
        self.name, self.born = name, born
        self.parents, self.children = [], []

    def __repr__(self):
        return self.name


class Family:
    def __init__(self):
        self.people = {}

    def add(self, name, born, *parents):
        if name in self.people:
            raise ValueError(f"{name} already exists")
        p = Person(name, born)
        for parent_name in parents:
            parent = self.people.get(parent_name)
            if parent is None:
                raise ValueError(f"unknown parent {parent_name} of {name}")
            if parent.born >= born:
                raise ValueError(f"{parent_name} (born {parent.born}) cannot be a parent of {name} (born {born})")
            p.parents.append(parent)
            parent.children.append(p)
        self.people[name] = p
        return p

    def ancestors(self, name):
        found, stack = {}, [(p, 1) for p in self.people[name].parents]
        while stack:
            p, depth = stack.pop()
            if p.name not in found or depth < found[p.name]:
                found[p.name] = depth
                stack.extend((q, depth + 1) for q in p.parents)
        return found

    def descendants(self, name):
        out, stack = [], list(self.people[name].children)
        while stack:
            p = stack.pop()
            if p not in out:
                out.append(p)
                stack.extend(p.children)
        return sorted(out, key=lambda p: (p.born, p.name))

    def siblings(self, name):
        me = self.people[name]
        return sorted({c for p in me.parents for c in p.children if c is not me}, key=lambda p: p.name)

    def relation(self, a, b):
        up_a, up_b = self.ancestors(a), self.ancestors(b)
        if b in up_a:
            return {1: "parent", 2: "grandparent"}.get(up_a[b], "great-" * (up_a[b] - 2) + "grandparent")
        if a in up_b:
            return {1: "child", 2: "grandchild"}.get(up_b[a], "great-" * (up_b[a] - 2) + "grandchild")
        common = set(up_a) & set(up_b)
        if not common:
            return "unrelated"
        best = min(common, key=lambda c: (up_a[c] + up_b[c], c))
        da, db = up_a[best], up_b[best]
        if da == db == 1:
            return "sibling"
        if min(da, db) == 1:
            gap = abs(da - db)
            prefix = "" if gap == 1 else "great-" * (gap - 2) + "grand"
            return prefix + ("niece/nephew" if da == 1 else "aunt/uncle")
        degree, removed = min(da, db) - 1, abs(da - db)
        ordinal = {1: "first", 2: "second", 3: "third"}[degree]
        return f"{ordinal} cousin" + (f" {removed}x removed" if removed else "")


fam = Family()
for row in [("Ada", 1900), ("Bert", 1898), ("Cora", 1925, "Ada", "Bert"), ("Dan", 1928, "Ada", "Bert"),
            ("Eve", 1927), ("Finn", 1950, "Cora"), ("Gail", 1953, "Cora"), ("Hugo", 1955, "Dan", "Eve"),
            ("Iris", 1978, "Finn"), ("Jack", 1981, "Hugo"), ("Kim", 2005, "Iris"), ("Leo", 2008, "Jack")]:
    fam.add(*row)
print("siblings of Finn:", fam.siblings("Finn"), "of Hugo:", fam.siblings("Hugo"))
print("ancestors of Kim:", dict(sorted(fam.ancestors("Kim").items(), key=lambda kv: (kv[1], kv[0]))))
print("descendants of Dan:", fam.descendants("Dan"))
generation = {n: max(fam.ancestors(n).values(), default=0) for n in fam.people}
print("generations:", {g: sorted(n for n in generation if generation[n] == g) for g in sorted(set(generation.values()))})
for a, b in [("Kim", "Iris"), ("Kim", "Ada"), ("Ada", "Leo"), ("Finn", "Gail"), ("Gail", "Hugo"), ("Iris", "Jack"),
             ("Kim", "Leo"), ("Kim", "Jack"), ("Hugo", "Iris"), ("Eve", "Cora"), ("Dan", "Iris")]:
    rel = fam.relation(a, b)
    print(f"{b} and {a} are unrelated" if rel == "unrelated" else f"{b} is {a}'s {rel}")
for bad in [("Ada", 1901), ("Zoe", 1990, "Nobody"), ("Yan", 1920, "Cora")]:
    try:
        fam.add(*bad)
    except ValueError as e:
        print("ValueError:", e)
