# A music playlist manager: tracks parsed from "artist - title (m:ss)" lines, durations as
# seconds with formatting back to h:mm:ss, duplicates removed case-insensitively, sorting
# by several keys, a seeded shuffle that avoids the same artist twice in a row, a playlist
# cut to fit a time budget, and statistics per artist.

import random

LIBRARY = """Nina Simone - Feeling Good (2:53)
Miles Davis - So What (9:22)
Nina Simone - Sinnerman (10:19)
Bill Evans - Waltz for Debby (6:55)
Miles Davis - Blue in Green (5:37)
nina simone - feeling good (2:53)
John Coltrane - Naima (4:21)
Bill Evans - Peace Piece (6:42)
John Coltrane - Giant Steps (4:43)
Miles Davis - Freddie Freeloader (9:46)
Broken line without duration
Chet Baker - Almost Blue (4:51)
Ella Fitzgerald - Summertime (4:58)"""


class Track:
    def __init__(self, line):
        head, sep, rest = line.rpartition(" (")
        if not sep or not rest.endswith(")") or " - " not in head:
            raise ValueError(f"cannot parse {line!r}")
        self.artist, self.title = (p.strip() for p in head.split(" - ", 1))
        minutes, _, seconds = rest[:-1].partition(":")
        self.seconds = int(minutes) * 60 + int(seconds)

    def key(self):
        return (self.artist.casefold(), self.title.casefold())

    def __repr__(self):
        return f"{self.artist} - {self.title} ({fmt(self.seconds)})"


def fmt(seconds):
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def load(text):
    tracks, seen, problems = [], set(), []
    for line in text.splitlines():
        try:
            t = Track(line)
        except ValueError as e:
            problems.append(str(e))
            continue
        if t.key() in seen:
            problems.append(f"duplicate {t!r}")
            continue
        seen.add(t.key())
        tracks.append(t)
    return tracks, problems


def shuffle_spread(tracks, seed):
    rng = random.Random(seed)
    pool = list(tracks)
    rng.shuffle(pool)
    out = []
    while pool:
        choice = next((t for t in pool if not out or t.artist != out[-1].artist), pool[0])
        pool.remove(choice)
        out.append(choice)
    return out


def fit(tracks, budget):
    chosen, total = [], 0
    for t in sorted(tracks, key=lambda t: t.seconds):
        if total + t.seconds <= budget:
            chosen.append(t)
            total += t.seconds
    return chosen, total


tracks, problems = load(LIBRARY)
print(f"{len(tracks)} tracks, total {fmt(sum(t.seconds for t in tracks))}")
print("problems:", problems)
for t in sorted(tracks, key=lambda t: (t.artist, -t.seconds)):
    print("  ", t)
print("shortest three:", sorted(tracks, key=lambda t: t.seconds)[:3])
for seed in (1, 2):
    order = shuffle_spread(tracks, seed)
    repeats = sum(a.artist == b.artist for a, b in zip(order, order[1:]))
    print(f"shuffle {seed}: {[t.title for t in order[:5]]}... artist repeats {repeats}")
chosen, total = fit(tracks, 30 * 60)
print(f"fits in 30 minutes: {len(chosen)} tracks, {fmt(total)}, {fmt(30 * 60 - total)} spare")
stats = {}
for t in tracks:
    s = stats.setdefault(t.artist, [0, 0])
    s[0] += 1
    s[1] += t.seconds
for artist, (n, secs) in sorted(stats.items(), key=lambda kv: -kv[1][1]):
    print(f"{artist:<16} {n} track{'s' if n > 1 else ' '} {fmt(secs):>8} avg {fmt(secs // n)}")
