# Ten-pin bowling scores: rolls validated frame by frame (no more than ten pins, the tenth
# frame's bonus balls), strikes and spares with their bonuses, a score card printed with X
# and / marks and running totals, and a game that stops early raising an uncaught error.


class BowlingError(Exception):
    pass


def frames(rolls):
    i = 0
    for frame in range(1, 11):
        if i >= len(rolls):
            raise BowlingError(f"game ended in frame {frame}")
        if frame == 10:
            tenth = rolls[i:]
            if len(tenth) < 2:
                raise BowlingError("frame 10 is not finished")
            a, b = tenth[0], tenth[1]
            if a < 10 and a + b > 10:
                raise BowlingError(f"frame 10: {a} + {b} pins is more than ten")
            need = 3 if a == 10 or a + b == 10 else 2
            if len(tenth) != need:
                raise BowlingError(f"frame 10 takes {need} rolls, got {len(tenth)}")
            yield tenth
            return
        if rolls[i] == 10:
            yield [10]
            i += 1
        else:
            pair = rolls[i:i + 2]
            if len(pair) < 2:
                raise BowlingError(f"frame {frame} is not finished")
            if sum(pair) > 10:
                raise BowlingError(f"frame {frame}: {pair[0]} + {pair[1]} pins is more than ten")
            yield pair
            i += 2


def score(rolls):
    if any(not 0 <= r <= 10 for r in rolls):
        raise BowlingError(f"impossible roll in {rolls}")
    totals, total, i = [], 0, 0
    for f in frames(rolls):
        if len(totals) == 9:
            total += sum(f)
        elif f == [10]:
            total += 10 + rolls[i + 1] + rolls[i + 2]
        elif sum(f) == 10:
            total += 10 + rolls[i + 2]
        else:
            total += sum(f)
        totals.append(total)
        i += len(f)
    return totals


def marks(frame):
    out, prev = [], None
    for r in frame:
        if r == 10 and prev in (None, 10):
            out.append("X")
            prev = None if len(out) < 3 else prev
            continue
        if prev is not None and prev + r == 10:
            out.append("/")
            prev = None
            continue
        out.append("-" if r == 0 else str(r))
        prev = r if prev is None else None
    return " ".join(out)


def card(rolls):
    totals = score(rolls)
    fs = list(frames(rolls))
    top = "|".join(f"{marks(f):^7}" for f in fs)
    bottom = "|".join(f"{t:^7}" for t in totals)
    return f"|{top}|\n|{bottom}|"


games = {
    "perfect": [10] * 12,
    "all spares": [5, 5] * 10 + [5],
    "gutter": [0] * 20,
    "mixed": [10, 7, 3, 9, 0, 10, 0, 8, 8, 2, 0, 6, 10, 10, 10, 8, 1],
    "nines": [9, 0] * 10,
}
for name, rolls in games.items():
    print(f"{name}: {score(rolls)[-1]}")
    print(card(rolls))
for bad in [[5, 6] + [0] * 18, [10] * 9 + [3, 8, 1], [1, 1] * 5, [11] + [0] * 19,
            [0] * 18 + [10, 10]]:
    try:
        score(bad)
    except BowlingError as e:
        print("BowlingError:", e)
print(score([3, 4] * 9 + [10, 10]))
