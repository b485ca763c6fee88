# User exception classes: hierarchies, except clauses matching by class, `except E as e`,
# str(e) / repr(e) / e.args, extra attributes, __str__ overrides, chaining, and raising
# classes as well as instances.


class AppError(Exception):
    pass


class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"no such key: {key!r}")
        self.key = key


class Invalid(AppError):
    def __init__(self, field, reason):
        self.field = field
        self.reason = reason

    def __str__(self):
        return f"{self.field}: {self.reason}"


class Quiet(AppError):
    pass


def find(table, key):
    if key not in table:
        raise NotFound(key)
    return table[key]


table = {"a": 1}
for key in ("a", "b"):
    try:
        print("found", find(table, key))
    except NotFound as e:
        print("NotFound:", e, e.args, e.key, repr(e))

for exc in (Invalid("age", "negative"), Quiet(), Quiet("x", 2), AppError()):
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, repr(str(e)), e.args, repr(e))

try:
    raise Quiet
except Quiet as e:
    print("raised the class:", type(e).__name__, e.args)

try:
    try:
        find({}, "k")
    except NotFound as e:
        raise Invalid("k", "lookup failed") from e
except AppError as e:
    print(e, "| cause:", e.__cause__, "| context is cause:", e.__context__ is e.__cause__)

try:
    try:
        raise Quiet("first")
    except Quiet:
        raise NotFound("second")
except AppError as e:
    print(e, "| context:", repr(e.__context__), e.__suppress_context__)

# Matching: a tuple of classes, order of clauses, a base catching a subclass.
for exc in (NotFound("z"), Invalid("f", "r"), KeyError("k"), Quiet()):
    try:
        raise exc
    except (NotFound, KeyError) as e:
        print("first clause", type(e).__name__)
    except Invalid as e:
        print("second clause", type(e).__name__)
    except Exception as e:
        print("generic", type(e).__name__, isinstance(e, AppError))

# Exception subclasses of built-in exceptions keep their behaviour.
class MyKeyError(KeyError):
    pass


class MyStop(StopIteration):
    pass


try:
    {}["x"]
except KeyError as e:
    print(repr(e))
try:
    raise MyKeyError("missing")
except LookupError as e:
    print(repr(e), str(e))


def gen():
    yield 1
    raise MyStop(5)


it = gen()
print(next(it))
try:
    next(it)
except RuntimeError as e:
    print(type(e).__name__, e)
print(issubclass(NotFound, Exception), NotFound.__mro__[1:3] == (AppError, Exception))
e = NotFound("q")
e.extra = [1]
print(e.extra, e.__dict__ == {"key": "q", "extra": [1]})
