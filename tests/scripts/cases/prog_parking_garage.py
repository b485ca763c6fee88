# A parking garage: levels with spots of three sizes, vehicles that fit their size or
# larger, entry and exit on minute timestamps, tiered hourly pricing with a daily cap and a
# grace period, lost-ticket handling, an occupancy board, and the day's takings.


class GarageFull(Exception):
    pass


class Spot:
    SIZES = {"small": 1, "medium": 2, "large": 3}

    def __init__(self, level, number, size):
        self.level, self.number, self.size = level, number, size
        self.vehicle = None

    @property
    def label(self):
        return f"L{self.level}-{self.number:02d}{self.size[0].upper()}"


class Garage:
    RATES = [(60, 3.00), (180, 2.50), (None, 1.50)]
    GRACE, DAILY_CAP, LOST_TICKET = 15, 25.00, 40.00

    def __init__(self, layout):
        self.spots = [Spot(level, n, size) for level, sizes in enumerate(layout, 1)
                      for n, size in enumerate(sizes, 1)]
        self.tickets = {}
        self.takings = []

    def enter(self, plate, kind, minute):
        need = Spot.SIZES[{"motorbike": "small", "car": "medium", "van": "large"}[kind]]
        free = [s for s in self.spots if s.vehicle is None and Spot.SIZES[s.size] >= need]
        if not free:
            raise GarageFull(f"no spot for {kind} {plate}")
        spot = min(free, key=lambda s: (Spot.SIZES[s.size], s.level, s.number))
        spot.vehicle = plate
        self.tickets[plate] = (spot, minute)
        return spot.label

    @classmethod
    def fee(cls, minutes):
        if minutes <= cls.GRACE:
            return 0.0
        days, rest = divmod(minutes, 24 * 60)
        total, charged, hour = days * cls.DAILY_CAP, 0.0, 0
        while hour * 60 < rest:
            for limit, rate in cls.RATES:
                if limit is None or hour * 60 < limit:
                    charged += rate
                    break
            hour += 1
        return total + min(charged, cls.DAILY_CAP)

    def leave(self, plate, minute, lost=False):
        if plate not in self.tickets:
            raise KeyError(f"{plate} is not in the garage")
        spot, start = self.tickets.pop(plate)
        spot.vehicle = None
        amount = self.LOST_TICKET if lost else self.fee(minute - start)
        self.takings.append(amount)
        return spot.label, minute - start, amount

    def board(self):
        levels = {}
        for s in self.spots:
            levels.setdefault(s.level, []).append("X" if s.vehicle else s.size[0])
        return " | ".join(f"L{lvl}: {''.join(v)}" for lvl, v in levels.items())


garage = Garage([["small", "medium", "medium", "large"], ["small", "small", "medium", "large"]])
events = [(0, "in", "AB-12", "car"), (5, "in", "MOTO1", "motorbike"), (10, "in", "VAN-9", "van"),
          (12, "in", "CD-34", "car"), (20, "in", "EF-56", "car"), (25, "in", "BIG-1", "van"),
          (30, "in", "GH-78", "car"), (31, "out", "MOTO1"), (40, "in", "GH-78", "car"),
          (95, "out", "AB-12"), (300, "out", "VAN-9"), (310, "out", "ZZ-00"), (400, "in", "KL-11", "car"),
          (1600, "out", "CD-34"), (3000, "out", "EF-56", "lost"), (3100, "out", "BIG-1")]
for minute, action, plate, *extra in events:
    try:
        if action == "in":
            print(f"{minute:>5} {plate} -> {garage.enter(plate, extra[0], minute)}")
        else:
            label, stayed, paid = garage.leave(plate, minute, lost=bool(extra))
            print(f"{minute:>5} {plate} <- {label} after {stayed // 60}h{stayed % 60:02d} pays {paid:.2f}")
    except (GarageFull, KeyError) as e:
        print(f"{minute:>5} {plate} refused: {e}")
    if minute in (25, 400):
        print("      board:", garage.board())
print("fees:", [garage.fee(m) for m in (10, 16, 60, 61, 200, 600, 1440, 1500)])
print(f"takings {sum(garage.takings):.2f} from {len(garage.takings)} exits; still parked: {sorted(garage.tickets)}")
