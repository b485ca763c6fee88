# A string-building template renderer: a small template language ({{ name }},
# {{ name|upper }}, {% for x in items %}...{% end %}, {% if flag %}...{% end %}) is compiled
# once into a tree of nodes, then rendered for many generated contexts into HTML-like
# pages. Work: str slicing and find, building output from many small strs (list + join and
# +=), str methods (upper, replace, strip), dict lookups, a recursive render.
# Usage: template.py [pages]   (default 45000). Prints the output length and a checksum.
import sys

PAGE = """<html><head><title>{{ title|upper }}</title></head>
<body>
<h1>{{ title }}</h1>
{% if intro %}<p class="intro">{{ intro|escape }}</p>{% end %}
<ul>
{% for item in items %}  <li id="{{ item.id }}">{{ item.name|escape }}: {{ item.price }}
{% if item.sale %} <b>sale</b>{% end %}</li>
{% end %}</ul>
<footer>{{ footer|strip }} - page {{ number }}</footer>
</body></html>
"""


class Text:
    def __init__(self, text):
        self.text = text

    def render(self, context, out):
        out.append(self.text)


class Variable:
    def __init__(self, expr):
        parts = expr.split("|")
        self.path = parts[0].strip().split(".")
        self.filters = [f.strip() for f in parts[1:]]

    def render(self, context, out):
        value = lookup(context, self.path)
        text = str(value)
        for name in self.filters:
            text = FILTERS[name](text)
        out.append(text)


class For:
    def __init__(self, name, source, body):
        self.name = name
        self.source = source.split(".")
        self.body = body

    def render(self, context, out):
        for value in lookup(context, self.source):
            inner = dict(context)
            inner[self.name] = value
            for node in self.body:
                node.render(inner, out)


class If:
    def __init__(self, condition, body):
        self.condition = condition.split(".")
        self.body = body

    def render(self, context, out):
        if lookup(context, self.condition):
            for node in self.body:
                node.render(context, out)


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


FILTERS = {"upper": lambda s: s.upper(), "escape": escape, "strip": lambda s: s.strip()}


def lookup(context, path):
    value = context[path[0]]
    for name in path[1:]:
        value = value[name]
    return value


def compile_template(source):
    root = []
    stack = [root]
    openers = []
    pos = 0
    while pos < len(source):
        var = source.find("{{", pos)
        tag = source.find("{%", pos)
        if var < 0 and tag < 0:
            stack[-1].append(Text(source[pos:]))
            break
        start = var if tag < 0 or (0 <= var < tag) else tag
        if start > pos:
            stack[-1].append(Text(source[pos:start]))
        if start == var:
            end = source.index("}}", start)
            stack[-1].append(Variable(source[start + 2:end]))
        else:
            end = source.index("%}", start)
            words = source[start + 2:end].split()
            if words[0] == "end":
                stack.pop()
                kind, args = openers.pop()
                body = stack[-1].pop()
                stack[-1].append(For(args[0], args[2], body) if kind == "for" else If(args[0], body))
            else:
                body = []
                openers.append((words[0], words[1:]))
                stack[-1].append(body)
                stack.append(body)
        pos = end + 2
    return root


def make_context(number):
    state = number * 7919 + 1
    items = []
    for i in range(3 + number % 9):
        state = (state * 1103515245 + 12345) % 2147483648
        items.append({"id": "item-" + str(i), "name": "Widget <" + str(state % 1000) + "> & co",
                      "price": str(state % 10000 // 100) + "." + str(state % 100),
                      "sale": state % 5 == 0})
    return {"title": "Catalogue " + str(number), "intro": "" if number % 4 == 0 else
            "Prices <today> & tomorrow", "items": items, "footer": "  (c) shop  ",
            "number": number}


def main():
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 45000
    nodes = compile_template(PAGE)
    length = 0
    checksum = 0
    for number in range(pages):
        context = make_context(number)
        out = []
        for node in nodes:
            node.render(context, out)
        page = "".join(out)
        summary = page[:20]
        summary += str(page.count("<li"))
        summary += str(page.count("sale"))
        length += len(page)
        checksum = (checksum * 131 + len(summary) + page.count("&amp;") * 7
                    + page.count("\n")) % 1000000007
    print("template", pages, length, checksum)


main()
