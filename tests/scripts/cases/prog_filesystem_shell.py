# An in-memory file system driven by shell commands: directories as dicts, files holding
# text, paths resolved with ".", ".." and absolute forms, mkdir -p, cd, ls, write, cat,
# rm, mv and du, a recursive tree listing, and errors phrased like a shell's.


class FsError(Exception):
    pass


class Shell:
    def __init__(self):
        self.root = {}
        self.cwd = []

    def split(self, path):
        parts = [] if path.startswith("/") else list(self.cwd)
        for p in path.split("/"):
            if p in ("", "."):
                continue
            if p == "..":
                if parts:
                    parts.pop()
            else:
                parts.append(p)
        return parts

    def node(self, parts, path):
        cur = self.root
        for p in parts:
            if not isinstance(cur, dict) or p not in cur:
                raise FsError(f"{path}: No such file or directory")
            cur = cur[p]
        return cur

    def parent(self, path):
        parts = self.split(path)
        if not parts:
            raise FsError(f"{path}: is the root")
        d = self.node(parts[:-1], path)
        if not isinstance(d, dict):
            raise FsError(f"{path}: Not a directory")
        return d, parts[-1]

    def run(self, line):
        cmd, *args = line.split(maxsplit=2 if line.startswith("write") else -1)
        handler = getattr(self, "do_" + cmd, None)
        if handler is None:
            raise FsError(f"{cmd}: command not found")
        return handler(*args)

    def do_mkdir(self, *args):
        make_parents = args[0] == "-p"
        for path in args[1:] if make_parents else args:
            parts = self.split(path)
            for i, p in enumerate(parts):
                if p not in self.node(parts[:i], path):
                    if not make_parents and i < len(parts) - 1:
                        raise FsError(f"mkdir: {path}: No such file or directory")
                    self.node(parts[:i], path)[p] = {}
                elif i == len(parts) - 1 and not make_parents:
                    raise FsError(f"mkdir: {path}: File exists")

    def do_cd(self, path="/"):
        parts = self.split(path)
        if not isinstance(self.node(parts, path), dict):
            raise FsError(f"cd: {path}: Not a directory")
        self.cwd = parts

    def do_pwd(self):
        return "/" + "/".join(self.cwd)

    def do_ls(self, path="."):
        n = self.node(self.split(path), path)
        if not isinstance(n, dict):
            return path
        return "  ".join(k + "/" if isinstance(v, dict) else k for k, v in sorted(n.items()))

    def do_write(self, path, text):
        d, name = self.parent(path)
        if isinstance(d.get(name), dict):
            raise FsError(f"write: {path}: Is a directory")
        d[name] = d.get(name, "") + text.replace("\\n", "\n")

    def do_cat(self, path):
        n = self.node(self.split(path), path)
        if isinstance(n, dict):
            raise FsError(f"cat: {path}: Is a directory")
        return n.rstrip("\n")

    def do_rm(self, path):
        d, name = self.parent(path)
        if name not in d:
            raise FsError(f"rm: {path}: No such file or directory")
        if isinstance(d[name], dict) and d[name]:
            raise FsError(f"rm: {path}: Directory not empty")
        del d[name]

    def do_mv(self, src, dst):
        sd, sname = self.parent(src)
        if sname not in sd:
            raise FsError(f"mv: {src}: No such file or directory")
        target = self.node(self.split(dst), dst) if self.split(dst) and dst.endswith("/") else None
        if isinstance(target, dict):
            target[sname] = sd.pop(sname)
        else:
            dd, dname = self.parent(dst)
            dd[dname] = sd.pop(sname)

    def do_du(self, path="."):
        def size(n):
            return sum(size(v) for v in n.values()) if isinstance(n, dict) else len(n)
        return f"{size(self.node(self.split(path), path))}\t{path}"

    def do_tree(self, path="."):
        lines = [path]

        def walk(n, prefix):
            items = sorted(n.items())
            for i, (k, v) in enumerate(items):
                last = i == len(items) - 1
                lines.append(prefix + ("`-- " if last else "|-- ") + k + ("/" if isinstance(v, dict) else f" ({len(v)})"))
                if isinstance(v, dict):
                    walk(v, prefix + ("    " if last else "|   "))
        walk(self.node(self.split(path), path), "")
        return "\n".join(lines)


sh = Shell()
script = """mkdir -p /home/ann/docs /home/bob /tmp
cd /home/ann
write docs/todo.txt buy milk\\nfix bike\\n
write notes.md # Notes\\n
write docs/todo.txt call mum\\n
cat docs/todo.txt
ls
cd docs/../..
pwd
ls ann
mkdir ann/docs
mkdir x/y/z
cd ann/notes.md
cat /home
rm /home/ann
mv /home/ann/notes.md /home/bob/
mv /home/bob/notes.md /tmp/n.md
ls /home/bob
du /home
rm /nothing
frob
cd /
tree"""
for line in script.splitlines():
    try:
        out = sh.run(line)
        print(f"$ {line}" + (f"\n{out}" if out is not None else ""))
    except FsError as e:
        print(f"$ {line}\n{e}")
