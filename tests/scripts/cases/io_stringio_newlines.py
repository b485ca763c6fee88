# StringIO's newlines as CPython's: with newline None or '' the kinds written so far (each
# write counted alone), None in the other modes; ValueError once closed.
import io
for nl in (None, "", "\n", "\r", "\r\n"):
    s = io.StringIO("a\r\nb\rc\nd", newline=nl)
    out = [s.newlines]
    s.write("x\r")
    out.append(s.newlines)
    s.write("\ny")
    out.append(s.newlines)
    s.seek(0)
    out.append(s.newlines)
    s.truncate(0)
    out.append(s.newlines)
    print(repr(nl), out, repr(s.getvalue()))
    s2 = io.StringIO(newline=nl)
    out = [s2.newlines]
    s2.write("only\n")
    out.append(s2.newlines)
    s2.write("")
    s2.close()
    try:
        out.append(s2.newlines)
    except ValueError as e:
        out.append(str(e))
    print(repr(nl), out)
for bad in (5, b"\n", "x"):
    try:
        io.StringIO(newline=bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
