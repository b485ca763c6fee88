# Semantic versions: parsing MAJOR.MINOR.PATCH with pre-release and build parts, ordering
# by the semver rules (numeric identifiers compare as numbers, pre-releases sort first),
# bumping, range constraints like ">=1.2.0,<2.0.0" and "^1.4" / "~1.4.2", and the best
# match for each constraint among the releases of a package.


class Version:
    def __init__(self, text):
        core, _, self.build = text.partition("+")
        core, _, pre = core.partition("-")
        parts = core.split(".")
        if len(parts) != 3 or not all(p.isdigit() for p in parts):
            raise ValueError(f"invalid version {text!r}")
        self.major, self.minor, self.patch = map(int, parts)
        self.pre = tuple(int(p) if p.isdigit() else p for p in pre.split(".")) if pre else ()

    def key(self):
        pre = tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in self.pre)
        return (self.major, self.minor, self.patch, not self.pre, pre)

    def __eq__(self, other):
        return self.key() == other.key()

    def __lt__(self, other):
        return self.key() < other.key()

    def __le__(self, other):
        return self.key() <= other.key()

    def __hash__(self):
        return hash(self.key())

    def bump(self, part):
        nums = {"major": (self.major + 1, 0, 0), "minor": (self.major, self.minor + 1, 0),
                "patch": (self.major, self.minor, self.patch + 1)}
        if part not in nums:
            raise ValueError(f"cannot bump {part!r}")
        return Version("%d.%d.%d" % nums[part])

    def __str__(self):
        s = f"{self.major}.{self.minor}.{self.patch}"
        if self.pre:
            s += "-" + ".".join(map(str, self.pre))
        return s + (f"+{self.build}" if self.build else "")

    __repr__ = __str__


def parse_constraint(text):
    checks = []
    for part in text.replace(" ", "").split(","):
        if part.startswith("^") or part.startswith("~"):
            nums = (part[1:].split(".") + ["0", "0"])[:3]
            low = Version(".".join(nums))
            high = low.bump("major" if part[0] == "^" else "minor")
            checks += [lambda v, low=low: low <= v, lambda v, high=high: v < high]
            continue
        for op in (">=", "<=", "==", ">", "<"):
            if part.startswith(op):
                bound = Version(part[len(op):])
                checks.append({">=": lambda v, b=bound: b <= v, "<=": lambda v, b=bound: v <= b,
                               "==": lambda v, b=bound: v == b, ">": lambda v, b=bound: b < v,
                               "<": lambda v, b=bound: v < b}[op])
                break
        else:
            raise ValueError(f"bad constraint {part!r}")
    return lambda v: all(check(v) for check in checks)


releases = [Version(s) for s in ["1.0.0", "1.2.0", "1.2.3", "1.4.0-beta.2", "1.4.0-beta.11",
                                 "1.4.0-alpha", "1.4.0", "1.4.2", "1.5.0+build.7", "2.0.0-rc.1",
                                 "2.0.0", "2.1.1", "0.9.12"]]
print(sorted(releases))
print(max(releases), min(releases), Version("1.0.0+a") == Version("1.0.0+b"))
print(len(set(releases) | {Version("1.4.0+meta")}))
for c in [">=1.2.0,<2.0.0", "^1.4", "~1.4.0", ">1.4.0-beta.2,<1.4.0", "==2.0.0", "^0.9", "<0.1.0"]:
    ok = parse_constraint(c)
    matching = sorted(v for v in releases if ok(v) and not v.pre)
    print(f"{c:<22} best {str(max(matching)) if matching else '-':<8} of {matching}")
v = Version("1.9.3-rc.1")
print(v, v.bump("patch"), v.bump("minor"), v.bump("major"))
for bad in ["1.2", "1.2.x", "v1.0.0", ""]:
    try:
        Version(bad)
    except ValueError as e:
        print("ValueError:", e)
for bad in [lambda: v.bump("micro"), lambda: parse_constraint("=>1.0.0")]:
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
