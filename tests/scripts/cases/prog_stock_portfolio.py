# A stock portfolio: buy and sell trades matched first-in first-out against lots, realised
# gains per sale, average cost, unrealised value at closing prices, dividends, a trade that
# oversells (refused), and a formatted statement with signed percentages.


class TradeError(Exception):
    pass


class Position:
    def __init__(self, symbol):
        self.symbol = symbol
        self.lots = []
        self.realised = 0.0
        self.dividends = 0.0

    @property
    def shares(self):
        return sum(q for q, _ in self.lots)

    @property
    def cost(self):
        return sum(q * p for q, p in self.lots)

    def buy(self, qty, price):
        self.lots.append([qty, price])

    def sell(self, qty, price):
        if qty > self.shares:
            raise TradeError(f"cannot sell {qty} {self.symbol}, holding {self.shares}")
        gain, left = 0.0, qty
        while left:
            lot = self.lots[0]
            take = min(lot[0], left)
            gain += take * (price - lot[1])
            lot[0] -= take
            left -= take
            if lot[0] == 0:
                self.lots.pop(0)
        self.realised += gain
        return gain


class Portfolio:
    def __init__(self, cash):
        self.cash = cash
        self.positions = {}

    def trade(self, day, side, symbol, qty, price):
        pos = self.positions.setdefault(symbol, Position(symbol))
        if side == "buy":
            if qty * price > self.cash:
                raise TradeError(f"day {day}: {qty} {symbol} @ {price} needs {qty * price:.2f}, cash {self.cash:.2f}")
            pos.buy(qty, price)
            self.cash -= qty * price
            return f"day {day}: bought {qty} {symbol} @ {price:.2f}"
        if side == "sell":
            gain = pos.sell(qty, price)
            self.cash += qty * price
            return f"day {day}: sold {qty} {symbol} @ {price:.2f}, gain {gain:+.2f}"
        if side == "div":
            amount = pos.shares * price
            pos.dividends += amount
            self.cash += amount
            return f"day {day}: dividend {price:.2f}/share on {pos.shares} {symbol} = {amount:.2f}"
        raise ValueError(f"unknown trade side {side!r}")

    def statement(self, prices):
        rows, total_value = [], self.cash
        for sym in sorted(self.positions):
            pos = self.positions[sym]
            value = pos.shares * prices[sym]
            total_value += value
            unreal = value - pos.cost
            pct = unreal / pos.cost if pos.cost else 0.0
            avg = pos.cost / pos.shares if pos.shares else 0.0
            rows.append(f"{sym:<5}{pos.shares:>6}{avg:>9.2f}{value:>11.2f}{unreal:>+10.2f}{pct:>+8.1%}"
                        f"{pos.realised:>+10.2f}{pos.dividends:>8.2f}")
        head = f"{'sym':<5}{'qty':>6}{'avg':>9}{'value':>11}{'unreal':>10}{'pct':>8}{'realised':>10}{'divs':>8}"
        return "\n".join([head] + rows + [f"cash {self.cash:,.2f}  total {total_value:,.2f}"])


book = Portfolio(10_000)
trades = [(1, "buy", "ACME", 50, 40.0), (2, "buy", "BOLT", 100, 12.5), (3, "buy", "ACME", 30, 44.0),
          (5, "sell", "ACME", 60, 47.5), (6, "div", "BOLT", 100, 0.35), (7, "buy", "CRUX", 500, 19.0),
          (8, "sell", "BOLT", 150, 13.0), (9, "buy", "CRUX", 200, 8.75), (10, "sell", "BOLT", 40, 11.0),
          (11, "short", "ACME", 5, 50.0), (12, "div", "ACME", 0, 0.5)]
for t in trades:
    try:
        print(book.trade(*t))
    except (TradeError, ValueError) as e:
        print(f"{type(e).__name__}: {e}")
print(book.statement({"ACME": 45.25, "BOLT": 12.0, "CRUX": 9.5}))
lots = {s: [tuple(l) for l in p.lots] for s, p in book.positions.items() if p.lots}
print("open lots:", lots)
