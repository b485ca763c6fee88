# A round-robin tournament: fixtures by the circle method (a bye for an odd number of
# teams), seeded random scores, a league table with points, goal difference and goals
# scored as tie-breakers, head-to-head results, and formatted standings.

import random

TEAMS = ["Ajax", "Benfica", "Celtic", "Dynamo", "Espanyol", "Feyenoord", "Galatasaray"]


def fixtures(teams):
    teams = list(teams)
    if len(teams) % 2:
        teams.append(None)
    n = len(teams)
    rounds = []
    for r in range(n - 1):
        pairs = []
        for i in range(n // 2):
            home, away = teams[i], teams[n - 1 - i]
            if r % 2:
                home, away = away, home
            if home is not None and away is not None:
                pairs.append((home, away))
            else:
                pairs.append(("bye", home or away))
        rounds.append(pairs)
        teams = [teams[0]] + [teams[-1]] + teams[1:-1]
    return rounds


class Row:
    def __init__(self, team):
        self.team = team
        self.played = self.won = self.drawn = self.lost = self.gf = self.ga = 0

    @property
    def points(self):
        return 3 * self.won + self.drawn

    def record(self, scored, conceded):
        self.played += 1
        self.gf += scored
        self.ga += conceded
        if scored > conceded:
            self.won += 1
        elif scored == conceded:
            self.drawn += 1
        else:
            self.lost += 1


rng = random.Random(1888)
table = {t: Row(t) for t in TEAMS}
results = {}
for number, pairs in enumerate(fixtures(TEAMS), 1):
    line = []
    for home, away in pairs:
        if home == "bye":
            line.append(f"{away} rests")
            continue
        hg, ag = rng.choices(range(5), weights=[30, 35, 20, 10, 5], k=2)
        table[home].record(hg, ag)
        table[away].record(ag, hg)
        results[(home, away)] = (hg, ag)
        line.append(f"{home} {hg}-{ag} {away}")
    print(f"R{number}: " + "; ".join(line))
standings = sorted(table.values(), key=lambda r: (-r.points, -(r.gf - r.ga), -r.gf, r.team))
print(f"{'':>3}{'team':<13}{'P':>3}{'W':>3}{'D':>3}{'L':>3}{'GF':>4}{'GA':>4}{'GD':>5}{'Pts':>5}")
for pos, r in enumerate(standings, 1):
    print(f"{pos:>2} {r.team:<13}{r.played:>3}{r.won:>3}{r.drawn:>3}{r.lost:>3}{r.gf:>4}{r.ga:>4}"
          f"{r.gf - r.ga:>+5}{r.points:>5}")
games = len(results)
goals = sum(h + a for h, a in results.values())
print(f"{games} games, {goals} goals, {goals / games:.2f} per game")
draws = [f"{h}-{a}" for (h, a), (x, y) in results.items() if x == y]
print("draws:", draws)
print("biggest win:", max(results.items(), key=lambda kv: (abs(kv[1][0] - kv[1][1]), kv[0])))
played = {frozenset(p) for p in results}
print("every pair met once:", len(played) == len(TEAMS) * (len(TEAMS) - 1) // 2 == games)
