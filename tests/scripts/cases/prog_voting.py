# Election counting: ballots ranking candidates, validation of each ballot, plurality,
# instant-runoff rounds with eliminations (ties broken by first-choice counts then name),
# a Borda count, Condorcet pairwise wins, and a report of every round.

BALLOTS = """
12: alice bob carol dave
9: bob carol alice
7: carol bob dave alice
6: dave carol bob
5: alice dave
4: bob alice carol dave
3: carol dave bob alice
2: eve
1: alice alice bob
1: bob zed
"""
CANDIDATES = ["alice", "bob", "carol", "dave"]


def load(text):
    ballots, rejected = [], []
    for line in text.strip().splitlines():
        count, _, ranking = line.partition(":")
        names = ranking.split()
        problem = None
        if len(set(names)) != len(names):
            problem = "duplicate ranking"
        elif any(n not in CANDIDATES for n in names):
            problem = "unknown candidate " + ", ".join(n for n in names if n not in CANDIDATES)
        if problem:
            rejected.append((line.strip(), problem))
        else:
            ballots.extend([tuple(names)] * int(count))
    return ballots, rejected


def first_choices(ballots, remaining):
    tally = {c: 0 for c in remaining}
    for b in ballots:
        for name in b:
            if name in remaining:
                tally[name] += 1
                break
    return tally


def instant_runoff(ballots):
    remaining = set(CANDIDATES)
    initial = first_choices(ballots, remaining)
    for round_no in range(1, len(CANDIDATES) + 1):
        tally = first_choices(ballots, remaining)
        active = sum(tally.values())
        shown = ", ".join(f"{c}={v}" for c, v in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))
        print(f"  round {round_no}: {shown} (exhausted {len(ballots) - active})")
        leader = max(tally, key=lambda c: (tally[c], c))
        if tally[leader] * 2 > active:
            return leader
        loser = min(tally, key=lambda c: (tally[c], initial[c], c))
        print(f"    eliminate {loser}")
        remaining.remove(loser)
    raise RuntimeError("no winner")


def borda(ballots):
    points = dict.fromkeys(CANDIDATES, 0)
    for b in ballots:
        for rank, name in enumerate(b):
            points[name] += len(CANDIDATES) - 1 - rank
    return sorted(points.items(), key=lambda kv: (-kv[1], kv[0]))


def prefers(ballot, a, b):
    ra = ballot.index(a) if a in ballot else len(CANDIDATES)
    rb = ballot.index(b) if b in ballot else len(CANDIDATES)
    return ra < rb


def condorcet(ballots):
    wins = {c: [] for c in CANDIDATES}
    for i, a in enumerate(CANDIDATES):
        for b in CANDIDATES[i + 1:]:
            ab = sum(prefers(x, a, b) for x in ballots)
            ba = sum(prefers(x, b, a) for x in ballots)
            print(f"  {a} vs {b}: {ab}-{ba}")
            if ab != ba:
                wins[a if ab > ba else b].append(b if ab > ba else a)
    return next((c for c, beaten in wins.items() if len(beaten) == len(CANDIDATES) - 1), None)


ballots, rejected = load(BALLOTS)
print(f"{len(ballots)} valid ballots, {len(rejected)} rejected lines")
for line, why in rejected:
    print(f"  rejected {line!r}: {why}")
plurality = first_choices(ballots, set(CANDIDATES))
print("plurality:", max(plurality, key=plurality.get), dict(sorted(plurality.items())))
print("instant runoff:")
print("  winner:", instant_runoff(ballots))
print("borda:", borda(ballots))
print("condorcet:")
print("  winner:", condorcet(ballots))
