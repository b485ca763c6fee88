# A small template engine: {{ name }} substitutions with dotted lookups into dicts and
# attributes, filters chained with | (upper, title, default, join, truncate), {% for %} and
# {% if %} blocks compiled into a tree, and errors for unknown filters and unclosed blocks.


class TemplateError(Exception):
    pass


FILTERS = {
    "upper": lambda v: str(v).upper(),
    "title": lambda v: str(v).title(),
    "length": len,
    "join": lambda v, sep=", ": sep.join(map(str, v)),
    "default": lambda v, d="": v if v not in (None, "", []) else d,
    "truncate": lambda v, n="10": str(v) if len(str(v)) <= int(n) else str(v)[:int(n)] + "...",
    "money": lambda v: f"${v:,.2f}",
}


def lookup(ctx, dotted):
    value = ctx
    for part in dotted.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        else:
            value = getattr(value, part, None)
    return value


def render_expr(expr, ctx):
    name, *filters = [p.strip() for p in expr.split("|")]
    value = lookup(ctx, name)
    for f in filters:
        fname, _, arg = f.partition(":")
        if fname not in FILTERS:
            raise TemplateError(f"unknown filter {fname!r}")
        value = FILTERS[fname](value, arg.strip('"')) if arg else FILTERS[fname](value)
    return "" if value is None else str(value)


def tokenize(src):
    pos = 0
    while pos < len(src):
        start = min((i for i in (src.find("{{", pos), src.find("{%", pos)) if i >= 0), default=-1)
        if start < 0:
            yield "text", src[pos:]
            return
        if start > pos:
            yield "text", src[pos:start]
        close = "}}" if src[start + 1] == "{" else "%}"
        end = src.find(close, start)
        if end < 0:
            raise TemplateError(f"unclosed tag at {start}")
        yield ("var" if close == "}}" else "tag"), src[start + 2:end].strip()
        pos = end + 2


def parse(tokens, until=()):
    nodes = []
    for kind, value in tokens:
        if kind == "tag" and value.split()[0] in until:
            return nodes, value
        if kind == "tag":
            words = value.split()
            if words[0] == "for":
                body, _ = parse(tokens, ("endfor",))
                nodes.append(("for", words[1], words[3], body))
            elif words[0] == "if":
                body, end = parse(tokens, ("else", "endif"))
                other = parse(tokens, ("endif",))[0] if end == "else" else []
                nodes.append(("if", words[1], body, other))
            else:
                raise TemplateError(f"unknown tag {words[0]!r}")
        else:
            nodes.append((kind, value))
    if until:
        raise TemplateError(f"missing {{% {until[-1]} %}}")
    return nodes, None


def render(nodes, ctx):
    out = []
    for node in nodes:
        if node[0] == "text":
            out.append(node[1])
        elif node[0] == "var":
            out.append(render_expr(node[1], ctx))
        elif node[0] == "for":
            _, var, seq, body = node
            for i, item in enumerate(lookup(ctx, seq) or []):
                out.append(render(body, dict(ctx, **{var: item, "loop": {"index": i + 1}})))
        else:
            _, cond, body, other = node
            out.append(render(body if lookup(ctx, cond) else other, ctx))
    return "".join(out)


def template(src, **ctx):
    nodes, _ = parse(tokenize(src))
    return render(nodes, ctx)


class User:
    def __init__(self, name, admin):
        self.name, self.admin = name, admin


page = """Hello {{ user.name | title }}!{% if user.admin %} (admin){% endif %}
Orders for {{ shop.name | upper }}:
{% for o in orders %}  {{ loop.index }}. {{ o.item | truncate:"12" }} {{ o.total | money }}
{% endfor %}Tags: {{ tags | join:" / " }}; note: {{ note | default:"none" }}; {{ orders | length }} orders"""
print(template(page, user=User("ada lovelace", True), shop={"name": "Tea Corner"}, tags=["new", "vip"],
               orders=[{"item": "Assam", "total": 12.5}, {"item": "Genmaicha green tea", "total": 1234.5}]))
print(template(page, user=User("bob", False), shop={"name": "x"}, tags=[], orders=[], note="late"))
for bad in ["{{ x | shout }}", "{% for a in b %}never closed", "{{ oops", "{% while x %}{% endwhile %}"]:
    try:
        print(template(bad, x=1, b=[1]))
    except TemplateError as e:
        print("TemplateError:", e)
