"""A small inventory program: classes, properties, special methods, exceptions."""

from dataclasses import dataclass
import functools as ft


class InventoryError(Exception):
    """Raised when stock would go negative."""

    def __init__(self, item, wanted, have):
        super().__init__(f"{item}: wanted {wanted}, have {have}")
        self.item, self.wanted, self.have = item, wanted, have


@dataclass
class Item:
    name: str
    price: float = 0.0
    count: int = 0

    @property
    def value(self) -> float:
        return self.price * self.count

    def __repr__(self):
        return f"Item({self.name!r}, {self.price:.2f}, x{self.count})"

    def __lt__(self, other):
        return (self.value, self.name) < (other.value, other.name)


class Inventory:
    _registry = {}

    def __init__(self, *items, **options):
        self.items = {item.name: item for item in items}
        self.strict = options.get("strict", True)
        Inventory._registry[id(self)] = self

    def __len__(self):
        return sum(i.count for i in self.items.values())

    def __getitem__(self, key):
        try:
            return self.items[key]
        except KeyError:
            raise KeyError(f"no item {key!r}") from None

    def __contains__(self, key):
        return key in self.items

    def take(self, name, n=1):
        item = self[name]
        if item.count < n:
            if self.strict:
                raise InventoryError(name, n, item.count)
            n = item.count
        item.count -= n
        return n

    @ft.lru_cache(maxsize=None)
    def report(self, width=20):
        lines = []
        for item in sorted(self.items.values(), reverse=True):
            lines.append(f"{item.name:<{width}}{item.count:>5}{item.value:>10.2f}")
        total = sum(i.value for i in self.items.values())
        lines += ["-" * (width + 15), f"{'total':<{width}}{len(self):>5}{total:>10.2f}"]
        return "\n".join(lines)

    @classmethod
    def from_pairs(cls, pairs):
        return cls(*(Item(name, price, count) for name, (price, count) in pairs))

    @staticmethod
    def parse(line):
        name, _, rest = line.partition("=")
        price, count = (float(x) for x in rest.split(","))
        return Item(name.strip(), price, int(count))


if __name__ == "__main__":
    inv = Inventory.from_pairs([("apple", (0.5, 10)), ("pear", (0.75, 4))])
    try:
        inv.take("pear", 5)
    except InventoryError as e:
        print("error:", e, e.args)
    finally:
        print(inv.report())
