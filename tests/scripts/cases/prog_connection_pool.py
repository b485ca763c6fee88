# A connection pool with context managers: connections checked out with `with`, returned
# on exit even when the body raises, a transaction context that commits or rolls back,
# exceptions suppressed only for a chosen type, pool exhaustion reported, and a log of
# every open, borrow, return and close.

log = []


class PoolExhausted(Exception):
    pass


class Connection:
    ids = 0

    def __init__(self):
        Connection.ids += 1
        self.id = Connection.ids
        self.data = {}
        self.pending = None
        log.append(f"open c{self.id}")

    def execute(self, key, value):
        if self.pending is None:
            raise RuntimeError(f"c{self.id}: execute outside a transaction")
        if value is None:
            raise ValueError(f"NULL not allowed for {key}")
        self.pending[key] = value

    def close(self):
        log.append(f"close c{self.id}")


class Pool:
    def __init__(self, size):
        self.free = [Connection() for _ in range(size)]
        self.busy = set()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for c in self.free + sorted(self.busy, key=lambda c: c.id):
            c.close()
        return False

    def borrow(self):
        pool = self

        class Lease:
            def __enter__(self):
                if not pool.free:
                    raise PoolExhausted(f"all {len(pool.busy)} connections are busy")
                self.conn = pool.free.pop(0)
                pool.busy.add(self.conn)
                log.append(f"borrow c{self.conn.id}")
                return self.conn

            def __exit__(self, exc_type, exc, tb):
                pool.busy.discard(self.conn)
                pool.free.append(self.conn)
                log.append(f"return c{self.conn.id}" + (f" after {exc_type.__name__}" if exc_type else ""))
                return False

        return Lease()


class transaction:
    def __init__(self, conn, suppress=()):
        self.conn, self.suppress = conn, suppress

    def __enter__(self):
        self.conn.pending = {}
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.conn.data.update(self.conn.pending)
            log.append(f"commit c{self.conn.id} {sorted(self.conn.pending)}")
        else:
            log.append(f"rollback c{self.conn.id} ({exc})")
        self.conn.pending = None
        return exc_type is not None and issubclass(exc_type, self.suppress)


with Pool(2) as pool:
    with pool.borrow() as c:
        with transaction(c) as t:
            t.execute("a", 1)
            t.execute("b", 2)
    with pool.borrow() as c:
        with transaction(c, suppress=(ValueError,)) as t:
            t.execute("x", 10)
            t.execute("y", None)
        print("suppressed ValueError; c%d data %s" % (c.id, c.data))
    try:
        with pool.borrow() as c1, pool.borrow() as c2, pool.borrow() as c3:
            print("unreachable")
    except PoolExhausted as e:
        print("PoolExhausted:", e, "| free after unwinding:", [c.id for c in pool.free])
    try:
        with pool.borrow() as c:
            with transaction(c) as t:
                t.execute("z", 3)
                raise KeyError("boom")
    except KeyError as e:
        print("KeyError escaped:", e)
    try:
        with pool.borrow() as c:
            c.execute("q", 1)
    except RuntimeError as e:
        print("RuntimeError:", e)
    print("data:", {c.id: c.data for c in pool.free})
print("\n".join(log))
