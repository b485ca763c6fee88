# An event bus with the observer pattern: handlers registered by decorator with priorities,
# wildcard topics ("order.*"), once-only subscriptions, handlers that stop propagation,
# a failing handler whose error is collected without stopping the others, and a history.


class StopPropagation(Exception):
    pass


class EventBus:
    def __init__(self):
        self.handlers = []
        self.history = []
        self.errors = []
        self.seq = 0

    def on(self, pattern, priority=0, once=False):
        def register(fn):
            self.seq += 1
            self.handlers.append({"pattern": pattern, "priority": priority, "once": once,
                                  "fn": fn, "seq": self.seq})
            return fn
        return register

    @staticmethod
    def matches(pattern, topic):
        if pattern.endswith(".*"):
            return topic.startswith(pattern[:-1])
        return pattern == "*" or pattern == topic

    def emit(self, topic, **payload):
        chosen = sorted((h for h in self.handlers if self.matches(h["pattern"], topic)),
                        key=lambda h: (-h["priority"], h["seq"]))
        called = []
        for h in chosen:
            if h["once"]:
                self.handlers.remove(h)
            try:
                h["fn"](topic, payload)
                called.append(h["fn"].__name__)
            except StopPropagation:
                called.append(h["fn"].__name__ + "(stop)")
                break
            except Exception as e:
                self.errors.append(f"{h['fn'].__name__} on {topic}: {type(e).__name__}: {e}")
        self.history.append((topic, called))
        return called


bus = EventBus()
stock = {"tea": 3, "cake": 0}
audit = []


@bus.on("*", priority=-10)
def log_all(topic, data):
    audit.append(f"{topic}:{','.join(f'{k}={v}' for k, v in sorted(data.items()))}")


@bus.on("order.*", priority=5)
def check_stock(topic, data):
    if topic == "order.placed" and stock.get(data["item"], 0) < data["qty"]:
        print(f"  out of stock: {data['item']}")
        raise StopPropagation


@bus.on("order.placed")
def reserve(topic, data):
    stock[data["item"]] -= data["qty"]
    print(f"  reserved {data['qty']} {data['item']}, {stock[data['item']]} left")


@bus.on("order.placed", once=True)
def welcome_discount(topic, data):
    print(f"  first order! 10% off for {data['customer']}")


@bus.on("order.cancelled")
def restock(topic, data):
    stock[data["item"]] += data["qty"]


@bus.on("payment.failed")
def flaky(topic, data):
    return data["amount"] / data["retries"]


events = [("order.placed", dict(customer="ann", item="tea", qty=2)),
          ("order.placed", dict(customer="bob", item="cake", qty=1)),
          ("order.placed", dict(customer="cy", item="tea", qty=1)),
          ("order.cancelled", dict(customer="ann", item="tea", qty=2)),
          ("payment.failed", dict(amount=10, retries=0)),
          ("user.login", dict(customer="dee"))]
for topic, data in events:
    print(f"{topic}: {bus.emit(topic, **data)}")
print("stock:", stock)
print("errors:", bus.errors)
print("audit:", *audit, sep="\n  ")
print("handlers left:", [h["fn"].__name__ for h in bus.handlers])
print("calls per handler:", {name: sum(name in c for _, c in bus.history)
                             for name in ("log_all", "reserve", "restock")})
