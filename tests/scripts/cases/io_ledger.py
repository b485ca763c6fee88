# A bank ledger kept in files: accounts and transactions are written as lines of text,
# appended to, read back and parsed, checked, summarised into a report; a journal in binary
# with fixed-size records is read back by seeking. Uses print(file=), with, iteration,
# readline, seek/tell, exceptions for bad records and missing files.


class LedgerError(Exception):
    pass


class Ledger:
    def __init__(self, path):
        self.path = path
        self.balances = {}
        self.history = []

    def create(self, accounts):
        with open(self.path, "w", encoding="utf-8") as f:
            print("# ledger v1", file=f)
            for name, opening in accounts:
                print("open", name, opening, sep="\t", file=f)

    def post(self, kind, name, amount, memo=""):
        with open(self.path, "a", encoding="utf-8") as f:
            f.write("%s\t%s\t%d\t%s\n" % (kind, name, amount, memo))

    def load(self):
        self.balances = {}
        self.history = []
        with open(self.path, encoding="utf-8") as f:
            header = f.readline()
            if header != "# ledger v1\n":
                raise LedgerError("bad header %r" % header)
            for number, line in enumerate(f, 2):
                fields = line.rstrip("\n").split("\t")
                kind, name, amount = fields[0], fields[1], fields[2]
                try:
                    amount = int(amount)
                except ValueError:
                    raise LedgerError("line %d: bad amount %r" % (number, amount)) from None
                if kind == "open":
                    self.balances[name] = amount
                elif kind == "deposit":
                    self.balances[name] += amount
                elif kind == "withdraw":
                    if self.balances[name] < amount:
                        raise LedgerError("line %d: %s overdrawn" % (number, name))
                    self.balances[name] -= amount
                else:
                    raise LedgerError("line %d: unknown entry %r" % (number, kind))
                self.history.append((kind, name, amount, fields[3] if len(fields) > 3 else ""))
        return self.balances

    def report(self, path):
        with open(path, "w") as out:
            width = max(len(name) for name in self.balances)
            for name in sorted(self.balances):
                out.write("%-*s %10.2f\n" % (width, name, self.balances[name] / 100))
            out.write("%-*s %10.2f\n" % (width, "total", sum(self.balances.values()) / 100))
        with open(path) as f:
            return f.read()


ledger = Ledger("ledger.tsv")
ledger.create([("alice", 10000), ("bob", 2500), ("carol", 0)])
ledger.post("deposit", "carol", 4200, "salary")
ledger.post("withdraw", "alice", 1999, "groceries – café")
ledger.post("deposit", "bob", 15, "interest")
print(ledger.load())
print(ledger.report("report.txt"), end="")
print(len(ledger.history), ledger.history[1])

ledger.post("withdraw", "carol", 99999, "too much")
try:
    ledger.load()
except LedgerError as e:
    print("refused:", e)

with open("ledger.tsv", "r+", encoding="utf-8") as f:
    lines = f.readlines()
    f.seek(0)
    f.truncate()
    f.writelines(lines[:-1])
    f.write("bonus\tbob\t100\n")
try:
    ledger.load()
except LedgerError as e:
    print("refused:", e)

# A binary journal of fixed 16-byte records: 8-byte account name, 8-byte amount.
def record(name, amount):
    return name.encode("ascii").ljust(8, b" ") + amount.to_bytes(8, "little", signed=True)


with open("journal.bin", "wb") as j:
    for kind, name, amount, memo in ledger.history:
        j.write(record(name, -amount if kind == "withdraw" else amount))
with open("journal.bin", "rb") as j:
    j.seek(0, 2)
    count = j.tell() // 16
    print("records:", count)
    for index in (count - 1, 0, 2):
        j.seek(index * 16)
        raw = j.read(16)
        print(index, raw[:8].decode("ascii").strip(), int.from_bytes(raw[8:], "little", signed=True))
    j.seek(0)
    total = 0
    while True:
        raw = j.read(16)
        if not raw:
            break
        total += int.from_bytes(raw[8:], "little", signed=True)
    print("journal total:", total)

for missing in ("no-ledger.tsv",):
    try:
        Ledger(missing).load()
    except FileNotFoundError as e:
        print(type(e).__name__, e.errno, e.filename)

def scribble(path):
    open(path, "w").write("left open, flushed when collected\n")

scribble("scribble.txt")
print(open("scribble.txt").read(), end="")
