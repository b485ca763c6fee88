# URL handling: splitting a URL into scheme, user info, host, port, path, query and fragment,
# percent-decoding and -encoding, query strings into dicts of lists, relative reference
# resolution with dot segments, and normalisation; malformed URLs raise ValueError.

SAFE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")
DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}


def unquote(s):
    raw, i = b"", 0
    while i < len(s):
        if s[i] == "%":
            try:
                raw += bytes([int(s[i + 1:i + 3], 16)])
            except ValueError:
                raise ValueError(f"bad escape {s[i:i + 3]!r}") from None
            i += 3
        else:
            raw += s[i].encode()
            i += 1
    return raw.decode("utf-8")


def quote(s):
    return "".join(ch if ch in SAFE else "".join(f"%{b:02X}" for b in ch.encode()) for ch in s)


def parse(url):
    scheme, sep, rest = url.partition("://")
    if not sep or not scheme.isalpha():
        raise ValueError(f"no scheme in {url!r}")
    rest, _, fragment = rest.partition("#")
    rest, _, query = rest.partition("?")
    authority, slash, path = rest.partition("/")
    userinfo, at, hostport = authority.rpartition("@")
    host, colon, port = hostport.partition(":")
    if not host:
        raise ValueError(f"no host in {url!r}")
    if colon:
        if not port.isdigit():
            raise ValueError(f"bad port {port!r}")
        port = int(port)
    else:
        port = DEFAULT_PORTS.get(scheme.lower())
    return {"scheme": scheme.lower(), "user": userinfo or None, "host": host.lower(), "port": port,
            "path": "/" + path if slash else "/", "query": query, "fragment": fragment}


def parse_query(q):
    result = {}
    for pair in filter(None, q.split("&")):
        key, _, value = pair.partition("=")
        result.setdefault(unquote(key.replace("+", " ")), []).append(unquote(value.replace("+", " ")))
    return result


def remove_dots(path):
    out = []
    for seg in path.split("/"):
        if seg == "..":
            if len(out) > 1:
                out.pop()
        elif seg != ".":
            out.append(seg)
    if path.endswith(("/.", "/..")):
        out.append("")
    return "/".join(out) or "/"


def resolve(base, ref):
    b = parse(base)
    if "://" in ref:
        return ref
    if ref.startswith("/"):
        path = ref
    else:
        path = b["path"].rsplit("/", 1)[0] + "/" + ref
    port = "" if b["port"] == DEFAULT_PORTS.get(b["scheme"]) else f":{b['port']}"
    return f"{b['scheme']}://{b['host']}{port}{remove_dots(path)}"


u = parse("HTTPS://bob:secret@Example.COM:8443/a/b%20c/index.html?q=caf%C3%A9&tag=x&tag=y+z#top")
for k, v in u.items():
    print(f"{k:>8}: {v!r}")
print(unquote(u["path"]), parse_query(u["query"]))
print(parse("http://example.org")["path"], parse("ftp://files.example.org/pub")["port"])
print(quote("/docs/naïve café & tea.txt"), unquote(quote("ü€ x")))
base = "http://example.org/a/b/c/page.html"
for ref in ["other.html", "../up.html", "../../../../top", "./here/./there/", "/root/x/../y",
            "https://elsewhere.net/", "sub/.."]:
    print(f"{ref:<24} -> {resolve(base, ref)}")
for bad in ["example.org/path", "http://:80/", "http://host:eighty/", "mailto:bob@example.org"]:
    try:
        parse(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    unquote("100%zz")
except ValueError as e:
    print("ValueError:", e)
