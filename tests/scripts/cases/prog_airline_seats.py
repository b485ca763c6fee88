# Airline seat assignment: a cabin map with classes and seat letters, passengers with
# preferences (window, aisle, together), group seating in one row when possible, an
# upgrade list served by frequent-flyer tier, a printed seat map, and refused requests.

ROWS = {"business": range(1, 4), "economy": range(4, 13)}
LETTERS = {"business": "ACDF", "economy": "ABCDEF"}
WINDOW, AISLE = set("AF"), set("CD")


class SeatingError(Exception):
    pass


class Cabin:
    def __init__(self):
        self.seats = {}
        for cls, rows in ROWS.items():
            for r in rows:
                for letter in LETTERS[cls]:
                    self.seats[f"{r}{letter}"] = None
        self.cls_of = {s: c for c, rows in ROWS.items() for r in rows for s in self.seats if int(s[:-1]) == r}

    def free(self, cls):
        return [s for s, who in self.seats.items() if who is None and self.cls_of[s] == cls]

    def assign(self, name, cls, pref=None):
        options = self.free(cls)
        if not options:
            raise SeatingError(f"{cls} is full, cannot seat {name}")
        if pref == "window":
            options = [s for s in options if s[-1] in WINDOW] or options
        elif pref == "aisle":
            options = [s for s in options if s[-1] in AISLE] or options
        seat = min(options, key=lambda s: (int(s[:-1]), s[-1]))
        self.seats[seat] = name
        return seat

    def assign_group(self, names, cls):
        letters = LETTERS[cls]
        for row in ROWS[cls]:
            for start in range(len(letters) - len(names) + 1):
                block = [f"{row}{l}" for l in letters[start:start + len(names)]]
                if all(self.seats[s] is None for s in block):
                    for s, n in zip(block, names):
                        self.seats[s] = n
                    return block
        return [self.assign(n, cls) for n in names]

    def move(self, name, seat):
        current = next((s for s, who in self.seats.items() if who == name), None)
        if current is None:
            raise SeatingError(f"{name} has no seat")
        if seat not in self.seats:
            raise SeatingError(f"there is no seat {seat}")
        if self.seats[seat] is not None:
            raise SeatingError(f"{seat} is taken by {self.seats[seat]}")
        self.seats[current], self.seats[seat] = None, name
        return current

    def seat_map(self):
        lines = []
        for cls, rows in ROWS.items():
            for r in rows:
                cells = [("." if self.seats.get(f"{r}{l}") is None else self.seats[f"{r}{l}"][0])
                         if l in LETTERS[cls] else " " for l in "ABCDEF"]
                lines.append(f"{r:>2} {''.join(cells[:3])} {''.join(cells[3:])}")
        return "\n".join(lines)


cabin = Cabin()
for name, cls, pref in [("Ana", "business", "window"), ("Bo", "business", "aisle"), ("Cy", "economy", "window"),
                        ("Di", "economy", "aisle"), ("Ed", "economy", None), ("Flo", "business", "window")]:
    print(f"{name} -> {cabin.assign(name, cls, pref)}")
print("family ->", cabin.assign_group(["Gus", "Hal", "Ivy"], "economy"))
print("team ->", cabin.assign_group(["Jo", "Kim", "Lu", "Max", "Ned", "Oz"], "economy"))
tiers = {"Pat": ("gold", 120_000), "Quin": ("silver", 40_000), "Rae": ("gold", 95_000), "Sam": ("none", 0)}
for name in tiers:
    cabin.assign(name, "economy")
rank = {"gold": 0, "silver": 1, "none": 2}
upgrades = sorted(tiers, key=lambda n: (rank[tiers[n][0]], -tiers[n][1]))
for name in upgrades:
    try:
        old = next(s for s, who in cabin.seats.items() if who == name)
        cabin.seats[old] = None
        print(f"upgrade {name} ({tiers[name][0]}): {old} -> {cabin.assign(name, 'business')}")
    except SeatingError as e:
        cabin.seats[old] = name
        print(f"no upgrade for {name}: {e}")
for name, seat in [("Ed", "4A"), ("Ed", "12F"), ("Zed", "5A"), ("Ana", "99Z")]:
    try:
        print(f"{name} moved from {cabin.move(name, seat)} to {seat}")
    except SeatingError as e:
        print("SeatingError:", e)
print(cabin.seat_map())
print({cls: f"{len(self_free)} free" for cls in ROWS for self_free in [cabin.free(cls)]})
