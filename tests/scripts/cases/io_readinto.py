# readinto() and readinto1() filling a bytearray (minipy has no memoryview), and the read()
# and readall() a RawIOBase subclass gets from its readinto(), as CPython's; what the
# abstract bases refuse.
import io
def t(label, f):
    try: r = f(); print(label, repr(r))
    except BaseException as e: print(label, type(e).__name__, e)
with open("ri.dat", "wb") as f:
    f.write(b"0123456789")
f = open("ri.dat", "rb")
buf = bytearray(4)
t("readinto", lambda: f.readinto(buf))
t("buf", lambda: buf)
t("raw.readinto", lambda: f.raw.readinto(bytearray(4)))
t("readinto1", lambda: f.readinto1(buf))
t("buf", lambda: buf)
t("readinto big", lambda: f.readinto(bytearray(20)))
t("readinto bytes", lambda: f.readinto(b"abcd"))
t("readinto1 bytes", lambda: f.readinto1(b"abcd"))
t("raw.readinto bytes", lambda: f.raw.readinto(b"abcd"))
t("readinto list", lambda: f.readinto([1, 2]))
f.close()
t("closed readinto", lambda: f.readinto(bytearray(2)))
t("closed raw.readinto", lambda: f.raw.readinto(bytearray(2)))
w = open("ri.dat", "ab")
t("writer readinto", lambda: w.readinto(bytearray(2)))
t("writer raw.readinto", lambda: w.raw.readinto(bytearray(2)))
w.close()
b = io.BytesIO(b"hello")
buf = bytearray(3)
t("BytesIO.readinto", lambda: (b.readinto(buf), buf))
t("BytesIO.readinto1", lambda: (b.readinto1(buf), buf))
t("BytesIO.readinto end", lambda: (b.readinto(buf), buf))
t("BytesIO.detach", lambda: b.detach())
s = io.StringIO("x")
t("StringIO.detach", lambda: s.detach())
t("StringIO.encoding", lambda: (s.encoding, s.errors))
class MyRaw(io.RawIOBase):
    def __init__(self):
        self.data = b"abc\ndef\n"
        self.pos = 0
    def readable(self):
        return True
    def readinto(self, b):
        n = min(len(b), len(self.data) - self.pos)
        b[:n] = self.data[self.pos:self.pos + n]
        self.pos += n
        return n
t("MyRaw.read", lambda: MyRaw().read())
t("MyRaw.read(2)", lambda: MyRaw().read(2))
t("MyRaw.readall", lambda: MyRaw().readall())
t("BufferedReader(MyRaw)", lambda: io.BufferedReader(MyRaw()).read())
t("TextIOWrapper(MyRaw)", lambda: io.TextIOWrapper(io.BufferedReader(MyRaw()), encoding="utf-8").readlines())
class Blocking(io.RawIOBase):
    def readinto(self, b):
        return None
t("Blocking.read", lambda: Blocking().read(5))
t("Blocking.readall", lambda: Blocking().readall())
t("RawIOBase.read", lambda: io.RawIOBase().read())
t("RawIOBase.read(2)", lambda: io.RawIOBase().read(2))
t("RawIOBase.write", lambda: io.RawIOBase().write(b"x"))
t("BufferedIOBase.read", lambda: io.BufferedIOBase().read())
t("BufferedIOBase.read1", lambda: io.BufferedIOBase().read1())
t("BufferedIOBase.readinto", lambda: io.BufferedIOBase().readinto(bytearray(2)))
t("BufferedIOBase.detach", lambda: io.BufferedIOBase().detach())
t("TextIOBase.read", lambda: io.TextIOBase().read())
t("TextIOBase.readline", lambda: io.TextIOBase().readline())
t("TextIOBase.write", lambda: io.TextIOBase().write("x"))
t("TextIOBase.detach", lambda: io.TextIOBase().detach())
t("TextIOBase attrs", lambda: (io.TextIOBase().encoding, io.TextIOBase().errors, io.TextIOBase().newlines))
