# A shopping cart with a price catalogue: line items, quantity changes, discount rules as
# small classes (percentage off a category, buy-N-get-one, a coupon with a minimum spend),
# tax by category, rounding to cents with integer arithmetic, and a printed receipt.

CATALOGUE = {
    "apple": ("fruit", 45), "banana": ("fruit", 25), "bread": ("bakery", 289),
    "cheese": ("dairy", 675), "milk": ("dairy", 119), "wine": ("alcohol", 1299),
    "soap": ("household", 199),
}
TAX = {"fruit": 0, "bakery": 5, "dairy": 5, "alcohol": 20, "household": 20}


def money(cents):
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents) // 100:,}.{abs(cents) % 100:02d}"


class Rule:
    def discount(self, cart):
        raise NotImplementedError


class CategoryPercent(Rule):
    def __init__(self, category, percent):
        self.category, self.percent = category, percent

    def discount(self, cart):
        base = sum(cart.line_total(i) for i in cart.items if CATALOGUE[i][0] == self.category)
        return f"{self.percent}% off {self.category}", base * self.percent // 100


class BuyNGetOne(Rule):
    def __init__(self, item, n):
        self.item, self.n = item, n

    def discount(self, cart):
        free = cart.items.get(self.item, 0) // (self.n + 1)
        return f"buy {self.n} {self.item} get 1 free", free * CATALOGUE[self.item][1]


class Coupon(Rule):
    def __init__(self, code, amount, minimum):
        self.code, self.amount, self.minimum = code, amount, minimum

    def discount(self, cart):
        ok = cart.subtotal() >= self.minimum
        return f"coupon {self.code}" + ("" if ok else " (minimum not met)"), self.amount if ok else 0


class Cart:
    def __init__(self):
        self.items = {}
        self.rules = []

    def add(self, item, qty=1):
        if item not in CATALOGUE:
            raise KeyError(f"no such product: {item}")
        if qty <= 0:
            raise ValueError(f"quantity must be positive: {qty}")
        self.items[item] = self.items.get(item, 0) + qty

    def remove(self, item, qty=None):
        have = self.items[item]
        if qty is None or qty >= have:
            del self.items[item]
        else:
            self.items[item] = have - qty

    def line_total(self, item):
        return CATALOGUE[item][1] * self.items[item]

    def subtotal(self):
        return sum(self.line_total(i) for i in self.items)

    def receipt(self):
        lines = []
        for item in sorted(self.items, key=lambda i: (CATALOGUE[i][0], i)):
            qty, price = self.items[item], CATALOGUE[item][1]
            lines.append(f"{item:<10}{qty:>3} x {money(price):>7} {money(self.line_total(item)):>10}")
        sub = self.subtotal()
        lines.append(f"{'subtotal':<24}{money(sub):>10}")
        saved = 0
        for rule in self.rules:
            label, amount = rule.discount(self)
            if amount or "not met" in label:
                lines.append(f"  {label:<22}{money(-amount):>10}")
            saved += amount
        tax = sum((self.line_total(i) * TAX[CATALOGUE[i][0]] + 50) // 100 for i in self.items)
        total = sub - saved + tax
        lines.append(f"{'tax':<24}{money(tax):>10}")
        lines.append(f"{'TOTAL':<24}{money(total):>10}")
        return "\n".join(lines), total


cart = Cart()
for item, qty in [("apple", 6), ("bread", 1), ("cheese", 2), ("wine", 2), ("milk", 3),
                  ("soap", 1), ("caviar", 1), ("banana", 0), ("apple", 2)]:
    try:
        cart.add(item, qty)
    except (KeyError, ValueError) as e:
        print(f"cannot add {item}: {e}")
cart.remove("soap")
cart.remove("milk", 1)
cart.rules = [CategoryPercent("dairy", 10), BuyNGetOne("apple", 3), Coupon("SAVE5", 500, 5000),
              Coupon("BIG20", 2000, 10000)]
text, total = cart.receipt()
print(text)
print("items:", sum(cart.items.values()), "average per item:", money(total // sum(cart.items.values())))
try:
    cart.remove("soap")
except KeyError as e:
    print("KeyError:", e)
try:
    Rule().discount(cart)
except NotImplementedError:
    print("Rule.discount is abstract")
