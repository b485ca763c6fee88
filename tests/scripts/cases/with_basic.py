# The with statement: __enter__'s result bound by `as` (names, attributes, subscripts,
# tuples), several items entered left to right and exited right to left, nesting, and
# return / break / continue leaving the block through __exit__.


class Tag:
    depth = 0

    def __init__(self, name, result=None):
        self.name = name
        self.result = result

    def __enter__(self):
        print("  " * Tag.depth + f"<{self.name}>")
        Tag.depth += 1
        return self if self.result is None else self.result

    def __exit__(self, exc_type, exc, tb):
        Tag.depth -= 1
        print("  " * Tag.depth + f"</{self.name}>", exc_type)
        return False


with Tag("html") as page:
    with Tag("body"), Tag("div") as div:
        print("    text of", page.name, div.name)

with Tag("a", result=(1, 2)) as (x, y), Tag("b", result=[]) as items:
    items.append(x + y)
    print("unpacked", x, y, items)

store = {}


class Box:
    pass


box = Box()
with Tag("sub", result="into a dict") as store["key"], Tag("attr", result=5) as box.value:
    pass
print(store, box.value)


def find(words, wanted):
    for i, word in enumerate(words):
        with Tag(f"item{i}"):
            if word == wanted:
                return i
            if word == "skip":
                continue
            print("    checked", word)
    return -1


print(find(["x", "skip", "y", "z"], "y"))
for n in range(5):
    with Tag(f"loop{n}"):
        if n == 1:
            break
print("with an unused value")
with Tag("plain", result=42):
    pass


class Resource:
    opened = 0

    def __enter__(self):
        Resource.opened += 1
        return self

    def __exit__(self, *exc_info):
        Resource.opened -= 1
        print("closed, exc_info", exc_info)


def generator():
    with Resource():
        yield f"inside, open: {Resource.opened}"
    yield f"after, open: {Resource.opened}"


print(list(generator()))
