# A text editor buffer with the command pattern: insert, delete and replace commands that
# know how to undo themselves, undo and redo stacks, a redo history cleared by new edits,
# a cursor, find-and-replace over the buffer, and macros recorded as lists of commands.


class Command:
    def apply(self, buf):
        raise NotImplementedError

    def undo(self, buf):
        raise NotImplementedError


class Insert(Command):
    def __init__(self, pos, text):
        self.pos, self.text = pos, text

    def apply(self, buf):
        if not 0 <= self.pos <= len(buf.text):
            raise IndexError(f"insert position {self.pos} outside 0..{len(buf.text)}")
        buf.text = buf.text[:self.pos] + self.text + buf.text[self.pos:]
        buf.cursor = self.pos + len(self.text)

    def undo(self, buf):
        buf.text = buf.text[:self.pos] + buf.text[self.pos + len(self.text):]
        buf.cursor = self.pos

    def __repr__(self):
        return f"Insert({self.pos}, {self.text!r})"


class Delete(Command):
    def __init__(self, pos, length):
        self.pos, self.length, self.removed = pos, length, None

    def apply(self, buf):
        if self.pos + self.length > len(buf.text):
            raise IndexError("delete past the end of the buffer")
        self.removed = buf.text[self.pos:self.pos + self.length]
        buf.text = buf.text[:self.pos] + buf.text[self.pos + self.length:]
        buf.cursor = self.pos

    def undo(self, buf):
        Insert(self.pos, self.removed).apply(buf)

    def __repr__(self):
        return f"Delete({self.pos}, {self.length})"


class ReplaceAll(Command):
    def __init__(self, old, new):
        self.old, self.new, self.before = old, new, None

    def apply(self, buf):
        self.before = buf.text
        buf.text = buf.text.replace(self.old, self.new)

    def undo(self, buf):
        buf.text = self.before

    def __repr__(self):
        return f"ReplaceAll({self.old!r}, {self.new!r})"


class Buffer:
    def __init__(self):
        self.text, self.cursor = "", 0
        self.done, self.undone = [], []

    def do(self, *commands):
        for cmd in commands:
            cmd.apply(self)
            self.done.append(cmd)
            self.undone.clear()

    def undo(self, times=1):
        for _ in range(times):
            if not self.done:
                raise LookupError("nothing to undo")
            cmd = self.done.pop()
            cmd.undo(self)
            self.undone.append(cmd)

    def redo(self):
        if not self.undone:
            raise LookupError("nothing to redo")
        cmd = self.undone.pop()
        cmd.apply(self)
        self.done.append(cmd)

    def __str__(self):
        return f"{self.text!r} (cursor {self.cursor}, {len(self.done)} done, {len(self.undone)} undone)"


buf = Buffer()
buf.do(Insert(0, "hello world"), Insert(5, ","), Insert(12, "!"))
print(buf)
buf.do(Delete(0, 1), Insert(0, "H"))
print(buf)
buf.do(ReplaceAll("o", "0"))
print(buf)
buf.undo(2)
print(buf)
buf.redo()
print(buf)
buf.do(Insert(len(buf.text), " bye"))
print(buf)
for action in [buf.redo, lambda: buf.do(Insert(99, "x")), lambda: buf.do(Delete(10, 20))]:
    try:
        action()
    except (LookupError, IndexError) as e:
        print(f"{type(e).__name__}: {e}")
print(buf, buf.done)
macro = [Insert(0, "> "), ReplaceAll(" ", "_")]
buf.do(*macro)
print(buf)
buf.undo(len(buf.done))
print(buf)
try:
    buf.undo()
except LookupError as e:
    print("LookupError:", e)
