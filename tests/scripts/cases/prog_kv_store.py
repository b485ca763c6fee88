# A key-value store with nested transactions, like a small database shell: SET, GET,
# DELETE, COUNT (how many keys hold a value), BEGIN, ROLLBACK and COMMIT, with each open
# transaction recording undo entries; commands are read from a script and errors printed.


class NoTransaction(Exception):
    pass


class Store:
    def __init__(self):
        self.data = {}
        self.counts = {}
        self.undo = []

    def _write(self, key, value):
        old = self.data.get(key)
        if old is not None:
            self.counts[old] -= 1
            if not self.counts[old]:
                del self.counts[old]
        if value is None:
            self.data.pop(key, None)
        else:
            self.data[key] = value
            self.counts[value] = self.counts.get(value, 0) + 1
        return old

    def set(self, key, value):
        old = self._write(key, value)
        if self.undo:
            self.undo[-1].append((key, old))

    def get(self, key):
        return self.data.get(key, "NULL")

    def delete(self, key):
        if key not in self.data:
            raise KeyError(key)
        self.set(key, None)

    def count(self, value):
        return self.counts.get(value, 0)

    def begin(self):
        self.undo.append([])

    def rollback(self):
        if not self.undo:
            raise NoTransaction("NO TRANSACTION")
        for key, old in reversed(self.undo.pop()):
            self._write(key, old)

    def commit(self):
        if not self.undo:
            raise NoTransaction("NO TRANSACTION")
        merged = self.undo.pop()
        if self.undo:
            self.undo[-1].extend(merged)


def execute(store, line):
    cmd, *args = line.split()
    cmd = cmd.upper()
    arity = {"SET": 2, "GET": 1, "DELETE": 1, "COUNT": 1, "BEGIN": 0, "ROLLBACK": 0, "COMMIT": 0}
    if cmd not in arity:
        raise ValueError(f"unknown command {cmd}")
    if len(args) != arity[cmd]:
        raise ValueError(f"{cmd} takes {arity[cmd]} argument(s), got {len(args)}")
    return getattr(store, cmd.lower())(*args)


SCRIPT = """SET a 10
SET b 10
COUNT 10
GET a
BEGIN
SET a 20
GET a
COUNT 10
BEGIN
DELETE b
SET c 20
COUNT 20
ROLLBACK
GET b
COUNT 20
COMMIT
GET a
ROLLBACK
DELETE zz
SET x
FLY away
begin
set k v1
begin
set k v2
commit
get k
rollback
get k
COUNT v1"""
store = Store()
for line in SCRIPT.splitlines():
    try:
        result = execute(store, line)
        print(f"{line:<12}" + ("" if result is None else f" -> {result}"))
    except NoTransaction as e:
        print(f"{line:<12} !! {e}")
    except KeyError as e:
        print(f"{line:<12} !! no key {e}")
    except ValueError as e:
        print(f"{line:<12} !! {e}")
print("final:", dict(sorted(store.data.items())), "counts:", store.counts, "open:", len(store.undo))
