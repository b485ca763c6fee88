# File-style permissions with bit flags: a Perm class over an int mask with |, &, ~, in and
# iteration, parsing and printing "rwxr-x---" and octal modes, roles built from flag sets,
# an access check for users and groups, and errors for malformed mode strings.


class Perm:
    NAMES = ["r", "w", "x"]
    WHO = ["user", "group", "other"]

    def __init__(self, mask=0):
        if not 0 <= mask <= 0o777:
            raise ValueError(f"mode {mask:#o} out of range")
        self.mask = mask

    @classmethod
    def parse(cls, text):
        if len(text) == 3 and all(c in "01234567" for c in text):
            return cls(int(text, 8))
        if len(text) != 9:
            raise ValueError(f"mode string must have 9 characters: {text!r}")
        mask = 0
        for i, ch in enumerate(text):
            expected = cls.NAMES[i % 3]
            if ch == expected:
                mask |= 1 << (8 - i)
            elif ch != "-":
                raise ValueError(f"bad character {ch!r} at {i}, expected {expected!r} or '-'")
        return cls(mask)

    def __or__(self, other):
        return Perm(self.mask | other.mask)

    def __and__(self, other):
        return Perm(self.mask & other.mask)

    def __invert__(self):
        return Perm(~self.mask & 0o777)

    def __eq__(self, other):
        return isinstance(other, Perm) and self.mask == other.mask

    def __contains__(self, other):
        return self.mask & other.mask == other.mask

    def __iter__(self):
        for i in range(9):
            if self.mask & (1 << (8 - i)):
                yield f"{self.WHO[i // 3]}:{self.NAMES[i % 3]}"

    def __str__(self):
        return "".join(self.NAMES[i % 3] if self.mask & (1 << (8 - i)) else "-" for i in range(9))

    def __repr__(self):
        return f"Perm(0o{self.mask:03o})"

    def allows(self, who, action):
        shift = 6 - 3 * self.WHO.index(who)
        return bool(self.mask >> shift & (4 >> self.NAMES.index(action)))


class File:
    def __init__(self, name, owner, group, mode):
        self.name, self.owner, self.group, self.mode = name, owner, group, Perm.parse(mode)

    def can(self, user, groups, action):
        who = "user" if user == self.owner else "group" if self.group in groups else "other"
        return self.mode.allows(who, action)


for text in ["rwxr-x---", "644", "755", "rw-rw-rw-", "---------"]:
    p = Perm.parse(text)
    print(f"{text:>10} -> {p} {p!r} {p.mask:>3} {p.mask:#011b}")
a, b = Perm.parse("rw-r-----"), Perm.parse("r--r--r--")
print(a | b, a & b, ~a, Perm.parse("r--------") in a, b in a, list(a & b))
files = [File("notes.txt", "ann", "staff", "rw-r-----"), File("run.sh", "bob", "dev", "rwxr-x--x"),
         File("secret", "root", "root", "600")]
users = {"ann": {"staff"}, "bob": {"dev", "staff"}, "eve": set()}
for f in files:
    row = []
    for user, groups in users.items():
        rights = "".join(act if f.can(user, groups, act) else "-" for act in "rwx")
        row.append(f"{user}={rights}")
    print(f"{f.name:<10} {f.mode}  " + " ".join(row))
for bad in ["rwxrwxrw", "rwzr-x---", "888", "x--------"]:
    try:
        Perm.parse(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    Perm(0o1000)
except ValueError as e:
    print("ValueError:", e)
print(sorted({str(Perm.parse(m)) for m in ["644", "rw-r--r--", "600", "755"]}))
