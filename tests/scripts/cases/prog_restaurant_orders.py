# A restaurant's order flow: a menu with prices and preparation stations, orders from
# tables with modifiers, kitchen tickets split by station and queued by arrival, a
# simulated clock where cooks finish dishes, bills with service charge split between
# diners, and errors for unknown dishes and sold-out specials.


class OrderError(Exception):
    pass


MENU = {
    "soup": ("starter", 6.50, "stove", 4), "salad": ("starter", 7.00, "cold", 2),
    "steak": ("main", 24.00, "grill", 12), "risotto": ("main", 17.50, "stove", 15),
    "fish": ("main", 21.00, "grill", 9), "tart": ("dessert", 8.00, "cold", 1),
    "special": ("main", 19.00, "stove", 10),
}


class Kitchen:
    def __init__(self, stations):
        self.queues = {s: [] for s in stations}
        self.busy_until = dict.fromkeys(stations, 0)
        self.done = []

    def submit(self, now, table, dish, note):
        station = MENU[dish][2]
        self.queues[station].append((now, table, dish, note))

    def run_until(self, now):
        for station, queue in self.queues.items():
            while queue:
                arrived, table, dish, note = queue[0]
                start = max(arrived, self.busy_until[station])
                finish = start + MENU[dish][3]
                if finish > now:
                    break
                queue.pop(0)
                self.busy_until[station] = finish
                self.done.append((finish, station, table, dish, note))


class Restaurant:
    def __init__(self, specials=2):
        self.kitchen = Kitchen({"stove", "grill", "cold"})
        self.tabs = {}
        self.specials = specials

    def order(self, now, table, items):
        accepted = []
        for item in items:
            dish, _, note = item.partition(":")
            if dish not in MENU:
                raise OrderError(f"table {table}: {dish!r} is not on the menu")
            if dish == "special":
                if self.specials == 0:
                    raise OrderError(f"table {table}: the special is sold out")
                self.specials -= 1
            accepted.append((dish, note))
        for dish, note in accepted:
            self.kitchen.submit(now, table, dish, note)
            self.tabs.setdefault(table, []).append(dish)
        return len(accepted)

    def bill(self, table, diners, service=0.125):
        dishes = self.tabs.pop(table)
        subtotal = sum(MENU[d][1] for d in dishes)
        total = round(subtotal * (1 + service), 2)
        cents = round(total * 100)
        shares = [cents // diners + (1 if i < cents % diners else 0) for i in range(diners)]
        return subtotal, total, [s / 100 for s in shares]


r = Restaurant()
orders = [(0, 1, ["soup", "steak:medium rare", "tart"]), (1, 2, ["salad", "special", "special"]),
          (2, 3, ["risotto", "fish:no butter"]), (3, 4, ["special", "soup"]), (4, 4, ["pizza"]),
          (5, 5, ["steak:well done", "steak:rare", "salad", "tart", "tart"])]
for now, table, items in orders:
    try:
        print(f"t={now} table {table}: {r.order(now, table, items)} dishes accepted")
    except OrderError as e:
        print(f"t={now} refused: {e}")
for checkpoint in (10, 20, 40):
    r.kitchen.run_until(checkpoint)
    waiting = {s: len(q) for s, q in sorted(r.kitchen.queues.items())}
    print(f"t={checkpoint}: {len(r.kitchen.done)} dishes out, waiting {waiting}")
for finish, station, table, dish, note in sorted(r.kitchen.done):
    print(f"  {finish:>3} {station:<6} table {table} {dish}{' (' + note + ')' if note else ''}")
for table, diners in [(1, 1), (2, 2), (5, 3), (3, 3)]:
    subtotal, total, shares = r.bill(table, diners)
    print(f"table {table}: subtotal {subtotal:.2f} total {total:.2f} split {shares} sum {sum(shares):.2f}")
try:
    r.bill(9, 2)
except KeyError as e:
    print("no tab for table", e)
print("open tabs:", r.tabs, "specials left:", r.specials)
