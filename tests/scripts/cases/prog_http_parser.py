# An HTTP/1.1 message parser over bytes: the request line and headers split on CRLF,
# case-insensitive header lookup with repeated headers joined, Content-Length and chunked
# bodies, query strings, a response builder that encodes with the right length, and
# malformed messages rejected with the status code a server would send.


class HTTPError(Exception):
    def __init__(self, status, reason):
        super().__init__(f"{status} {reason}")
        self.status = status


class Request:
    def __init__(self, raw):
        head, sep, rest = raw.partition(b"\r\n\r\n")
        if not sep:
            raise HTTPError(400, "Bad Request: headers not terminated")
        lines = head.decode("latin-1").split("\r\n")
        try:
            self.method, self.target, self.version = lines[0].split(" ")
        except ValueError:
            raise HTTPError(400, f"Bad Request: request line {lines[0]!r}") from None
        if self.version not in ("HTTP/1.0", "HTTP/1.1"):
            raise HTTPError(505, "HTTP Version Not Supported")
        self.headers = {}
        for line in lines[1:]:
            name, colon, value = line.partition(":")
            if not colon or name != name.strip():
                raise HTTPError(400, f"Bad Request: header line {line!r}")
            key = name.lower()
            self.headers[key] = self.headers[key] + ", " + value.strip() if key in self.headers else value.strip()
        self.path, _, query = self.target.partition("?")
        self.query = dict(p.partition("=")[::2] for p in query.split("&") if p)
        self.body = self.read_body(rest)

    def read_body(self, rest):
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            body, pos = b"", 0
            while True:
                end = rest.find(b"\r\n", pos)
                size = int(rest[pos:end].split(b";")[0], 16)
                if size == 0:
                    return body
                body += rest[end + 2:end + 2 + size]
                pos = end + 2 + size + 2
        length = self.headers.get("content-length")
        if length is None:
            return b""
        if not length.isdigit():
            raise HTTPError(400, f"Bad Request: Content-Length {length!r}")
        if len(rest) < int(length):
            raise HTTPError(400, f"Bad Request: body has {len(rest)} of {length} bytes")
        return rest[:int(length)]


def response(status, reason, body=b"", **headers):
    if isinstance(body, str):
        body = body.encode("utf-8")
        headers.setdefault("content_type", "text/plain; charset=utf-8")
    headers["content_length"] = str(len(body))
    lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k.replace('_', '-').title()}: {v}" for k, v in sorted(headers.items())]
    return "\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + body


MESSAGES = [
    b"GET /search?q=minipy&page=2 HTTP/1.1\r\nHost: example.org\r\nAccept: text/html\r\nAccept: */*\r\n\r\n",
    b"POST /api/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"name\": \"tea\"}!extra",
    b"PUT /upload HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n",
    b"GET / HTTP/2.0\r\n\r\n",
    b"GET /only-head HTTP/1.1\r\nHost: x\r\n",
    b"BROKEN\r\n\r\n",
    b"POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nshort",
    b"GET / HTTP/1.1\r\n Host: spaced\r\n\r\n",
    b"POST /x HTTP/1.0\r\nContent-Length: ten\r\n\r\n",
]
for raw in MESSAGES:
    try:
        req = Request(raw)
        print(f"{req.method} {req.path} {req.query} headers={req.headers} body={req.body!r}")
        reply = response(200, "OK", f"got {len(req.body)} bytes for {req.path} ✓")
    except HTTPError as e:
        print(f"rejected: {e}")
        reply = response(e.status, str(e).split(" ", 1)[1].split(":")[0], server="minipy")
    print("   ", reply.split(b"\r\n")[0], len(reply), reply[-12:])
r = response(201, "Created", b"\x00\x01binary", content_type="application/octet-stream", x_request_id=42)
print(r.split(b"\r\n"))
