# A warehouse inventory: items with SKUs, stock movements recorded in a journal, reorder
# points, refused operations raised as exceptions and caught, and a sorted stock report.


class InventoryError(Exception):
    pass


class OutOfStock(InventoryError):
    def __init__(self, sku, wanted, have):
        super().__init__(f"{sku}: wanted {wanted}, only {have} left")
        self.sku = sku


class Item:
    def __init__(self, sku, name, price, qty=0, reorder_at=5):
        self.sku = sku
        self.name = name
        self.price = price
        self.qty = qty
        self.reorder_at = reorder_at

    @property
    def value(self):
        return self.price * self.qty

    def __repr__(self):
        return f"Item({self.sku!r}, {self.name!r}, qty={self.qty})"


class Inventory:
    def __init__(self):
        self.items = {}
        self.journal = []

    def add(self, item):
        if item.sku in self.items:
            raise InventoryError(f"duplicate SKU {item.sku}")
        self.items[item.sku] = item
        self.journal.append(("add", item.sku, item.qty))

    def receive(self, sku, qty):
        if qty <= 0:
            raise ValueError(f"quantity must be positive, got {qty}")
        self._get(sku).qty += qty
        self.journal.append(("in", sku, qty))

    def ship(self, sku, qty):
        item = self._get(sku)
        if qty > item.qty:
            raise OutOfStock(sku, qty, item.qty)
        item.qty -= qty
        self.journal.append(("out", sku, qty))

    def _get(self, sku):
        try:
            return self.items[sku]
        except KeyError:
            raise InventoryError(f"unknown SKU {sku!r}") from None

    def to_reorder(self):
        return sorted((i for i in self.items.values() if i.qty <= i.reorder_at),
                      key=lambda i: (i.qty, i.sku))

    def total_value(self):
        return sum(i.value for i in self.items.values())

    def report(self):
        lines = [f"{'SKU':<8}{'Name':<14}{'Qty':>5}{'Price':>9}{'Value':>10}"]
        for item in sorted(self.items.values(), key=lambda i: -i.value):
            lines.append(f"{item.sku:<8}{item.name:<14}{item.qty:>5}{item.price:>9.2f}"
                         f"{item.value:>10.2f}")
        lines.append(f"{'total':<36}{self.total_value():>10.2f}")
        return "\n".join(lines)


inv = Inventory()
for sku, name, price, qty in [("A100", "bolts", 0.25, 400), ("A200", "nuts", 0.1, 350),
                              ("B100", "hammer", 12.5, 8), ("B200", "wrench", 9.75, 3),
                              ("C100", "tape", 2.4, 20)]:
    inv.add(Item(sku, name, price, qty))

operations = [("ship", "A100", 150), ("ship", "B100", 5), ("receive", "B200", 10),
              ("ship", "B200", 14), ("ship", "Z999", 1), ("receive", "C100", -2),
              ("ship", "C100", 18), ("receive", "A200", 50)]
for op, sku, qty in operations:
    try:
        getattr(inv, op)(sku, qty)
        print(f"{op:>7} {qty:>4} x {sku}: ok")
    except OutOfStock as e:
        print(f"{op:>7} {qty:>4} x {sku}: out of stock ({e})")
    except (InventoryError, ValueError) as e:
        print(f"{op:>7} {qty:>4} x {sku}: {type(e).__name__}: {e}")

try:
    inv.add(Item("A100", "more bolts", 0.3))
except InventoryError as e:
    print("refused:", e)

print(inv.report())
print("reorder:", inv.to_reorder())
moves = {}
for kind, sku, qty in inv.journal:
    moves.setdefault(kind, []).append(qty)
for kind in sorted(moves):
    print(f"{kind}: {len(moves[kind])} moves, {sum(moves[kind])} units")
