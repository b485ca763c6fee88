# A small recommender built on set algebra: users' liked items as frozensets, Jaccard and
# overlap similarity, nearest neighbours, item-to-item co-occurrence counts, recommendations
# weighted by neighbour similarity with explanations, and cold-start users handled with
# popularity; unknown users raise KeyError with the name.

LIKES = {
    "ann": {"dune", "foundation", "hyperion", "neuromancer", "solaris"},
    "ben": {"dune", "foundation", "ender", "hyperion"},
    "cat": {"emma", "persuasion", "middlemarch", "jane eyre"},
    "dan": {"neuromancer", "snow crash", "hyperion", "solaris", "ubik"},
    "eve": {"emma", "jane eyre", "rebecca", "dune"},
    "fay": {"foundation", "ender", "dune", "snow crash"},
    "gus": set(),
}
USERS = {u: frozenset(items) for u, items in LIKES.items()}


def jaccard(a, b):
    return len(a & b) / len(a | b) if a | b else 0.0


def overlap(a, b):
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def neighbours(user, k=3, measure=jaccard):
    if user not in USERS:
        raise KeyError(user)
    mine = USERS[user]
    scored = [(measure(mine, items), other) for other, items in USERS.items() if other != user]
    return [(round(s, 3), o) for s, o in sorted(scored, key=lambda t: (-t[0], t[1])) if s > 0][:k]


def popularity():
    counts = {}
    for items in USERS.values():
        for item in items:
            counts[item] = counts.get(item, 0) + 1
    return sorted(counts, key=lambda i: (-counts[i], i))


def recommend(user, n=3):
    near = neighbours(user, k=4)
    if not near:
        return [(item, "popular") for item in popularity()[:n]]
    scores, why = {}, {}
    for sim, other in near:
        for item in USERS[other] - USERS[user]:
            scores[item] = scores.get(item, 0.0) + sim
            why.setdefault(item, []).append(other)
    ranked = sorted(scores, key=lambda i: (-scores[i], i))[:n]
    return [(item, f"{scores[item]:.2f} via {', '.join(why[item])}") for item in ranked]


def co_occurrence():
    pairs = {}
    for items in USERS.values():
        ordered = sorted(items)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    return sorted(((c, p) for p, c in pairs.items() if c > 1), key=lambda t: (-t[0], t[1]))


for user in USERS:
    print(f"{user}: neighbours {neighbours(user)}")
    for item, reason in recommend(user):
        print(f"    -> {item:<12} ({reason})")
print("overlap neighbours of ben:", neighbours("ben", measure=overlap))
print("co-liked pairs:", co_occurrence()[:5])
everyone = frozenset.union(*USERS.values())
print(len(everyone), "items;", "liked by all sci-fi readers:", sorted(USERS["ann"] & USERS["ben"] & USERS["dan"]))
print("only liked once:", sorted(i for i in everyone if sum(i in s for s in USERS.values()) == 1))
print("symmetric difference ann/dan:", sorted(USERS["ann"] ^ USERS["dan"]), USERS["gus"] <= USERS["ann"])
try:
    recommend("zed")
except KeyError as e:
    print("KeyError:", e)
