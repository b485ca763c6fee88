# A Markdown subset to HTML: headings, paragraphs joined across lines, unordered and
# ordered lists, fenced code blocks with HTML escaping, block quotes, and inline emphasis,
# strong, code spans and links handled by a small scanner; a table of contents at the end.

DOC = """# Minipy notes

Minipy is a *small* runtime with a **faithful** allocator.
It runs `python3`-style code.

## Getting started

1. Configure with `cmake --preset debug`
2. Build the **minipy** target
3. Run [the tests](https://example.org/tests?x=1&y=2)

> Behaviour follows CPython 3.11
> exactly, or it is a bug.

## Example

```
if a < b and b > c:
    print("<ok>")
```

- lists
- *nested* emphasis and **strong `code`**
- a lone * star

### The end
Thanks & goodbye.
"""


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline(text):
    out, i = [], 0
    while i < len(text):
        if text.startswith("**", i) and text.find("**", i + 2) > 0:
            end = text.find("**", i + 2)
            out.append(f"<strong>{inline(text[i + 2:end])}</strong>")
            i = end + 2
        elif text[i] == "*" and text.find("*", i + 1) > 0 and text[i + 1] != " ":
            end = text.find("*", i + 1)
            out.append(f"<em>{inline(text[i + 1:end])}</em>")
            i = end + 1
        elif text[i] == "`" and text.find("`", i + 1) > 0:
            end = text.find("`", i + 1)
            out.append(f"<code>{escape(text[i + 1:end])}</code>")
            i = end + 1
        elif text[i] == "[" and "](" in text[i:]:
            mid = text.index("](", i)
            end = text.index(")", mid)
            out.append(f'<a href="{escape(text[mid + 2:end])}">{inline(text[i + 1:mid])}</a>')
            i = end + 1
        else:
            out.append(escape(text[i]))
            i += 1
    return "".join(out)


def slug(text):
    return "-".join("".join(c for c in text.lower() if c.isalnum() or c == " ").split())


def render(doc):
    html, toc, para, lines = [], [], [], doc.splitlines()
    i = 0

    def flush():
        if para:
            html.append(f"<p>{inline(' '.join(para))}</p>")
            para.clear()

    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            flush()
            end = lines.index("```", i + 1)
            html.append("<pre><code>" + "\n".join(escape(l) for l in lines[i + 1:end]) + "</code></pre>")
            i = end + 1
            continue
        if line.startswith("#"):
            flush()
            level = len(line) - len(line.lstrip("#"))
            title = line[level:].strip()
            toc.append((level, title))
            html.append(f'<h{level} id="{slug(title)}">{inline(title)}</h{level}>')
        elif line.startswith(("- ", "> ")) or line[:1].isdigit() and ". " in line[:4]:
            flush()
            kind = {"-": "ul", ">": "blockquote"}.get(line[0], "ol")
            items = []
            while i < len(lines) and lines[i][:1] == line[:1] or (kind == "ol" and i < len(lines) and lines[i][:1].isdigit()):
                items.append(lines[i].split(" ", 1)[1])
                i += 1
            if kind == "blockquote":
                html.append(f"<blockquote>{inline(' '.join(items))}</blockquote>")
            else:
                html.append(f"<{kind}>" + "".join(f"<li>{inline(t)}</li>" for t in items) + f"</{kind}>")
            continue
        elif not line.strip():
            flush()
        else:
            para.append(line.strip())
        i += 1
    flush()
    return html, toc


html, toc = render(DOC)
print("\n".join(html))
print("contents:")
for level, title in toc:
    print(f"{'  ' * (level - 1)}- {title} (#{slug(title)})")
print(len(html), "blocks;", sum(b.startswith("<p>") for b in html), "paragraphs")
