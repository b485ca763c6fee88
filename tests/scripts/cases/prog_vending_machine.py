# A vending machine as a state machine: states (idle, has money, vending, out of order)
# with the allowed transitions in a table, coins validated, change made greedily from a
# limited coin box (refund when exact change is impossible), and a log of events.

COINS = (200, 100, 50, 20, 10, 5)


class MachineError(Exception):
    pass


class VendingMachine:
    TRANSITIONS = {
        ("idle", "coin"): "paying", ("paying", "coin"): "paying",
        ("paying", "select"): "idle", ("paying", "refund"): "idle",
        ("idle", "service"): "idle", ("broken", "service"): "idle",
        ("idle", "break"): "broken", ("paying", "break"): "broken",
    }

    def __init__(self, products, coin_box):
        self.products = products
        self.box = dict(coin_box)
        self.state = "idle"
        self.credit = 0
        self.log = []

    def _move(self, event):
        key = (self.state, event)
        if key not in self.TRANSITIONS:
            raise MachineError(f"cannot {event} while {self.state}")
        self.state = self.TRANSITIONS[key]

    def insert(self, coin):
        if coin not in COINS:
            raise MachineError(f"rejected coin {coin}")
        self._move("coin")
        self.credit += coin
        self.box[coin] = self.box.get(coin, 0) + 1
        return f"credit {self.credit}"

    def make_change(self, amount):
        given, box = [], dict(self.box)
        for coin in COINS:
            while amount >= coin and box.get(coin, 0):
                amount -= coin
                box[coin] -= 1
                given.append(coin)
        if amount:
            return None
        self.box = box
        return given

    def select(self, code):
        if code not in self.products:
            raise MachineError(f"no product {code}")
        name, price, count = self.products[code]
        if count == 0:
            raise MachineError(f"{name} is sold out")
        if self.credit < price:
            raise MachineError(f"{name} costs {price}, credit {self.credit}")
        change = self.make_change(self.credit - price)
        if change is None:
            return "cannot make change: " + self.refund()
        self._move("select")
        self.products[code] = (name, price, count - 1)
        self.credit = 0
        return f"vend {name}, change {change}"

    def refund(self):
        coins = self.make_change(self.credit)
        self._move("refund")
        self.credit = 0
        return f"refund {coins}"

    def event(self, name, *args):
        method = {"coin": self.insert, "select": self.select, "refund": self.refund,
                  "break": lambda: self._move("break") or "out of order",
                  "service": lambda: self._move("service") or "serviced"}[name]
        try:
            result = method(*args)
        except MachineError as e:
            result = f"error: {e}"
        self.log.append((name, self.state))
        return result


vm = VendingMachine({"A1": ("crisps", 80, 2), "A2": ("water", 65, 1), "B1": ("chocolate", 120, 0)},
                    {50: 1, 20: 1, 10: 0, 5: 1})
script = [("select", "A1"), ("coin", 100), ("select", "A1"), ("coin", 3), ("coin", 50),
          ("coin", 50), ("select", "B1"), ("select", "A2"), ("coin", 100), ("select", "A2"),
          ("coin", 100), ("select", "A1"), ("break",), ("coin", 20), ("refund",), ("service",),
          ("coin", 200), ("coin", 10), ("refund",), ("select", "C9")]
for name, *args in script:
    print(f"{name:>7} {str(args[0]) if args else '':<4} -> {vm.event(name, *args):<40} [{vm.state}]")
print("stock:", {k: v[2] for k, v in vm.products.items()})
print("coin box:", dict(sorted(vm.box.items(), reverse=True)), "value", sum(c * n for c, n in vm.box.items()))
print("states seen:", sorted({s for _, s in vm.log}))
