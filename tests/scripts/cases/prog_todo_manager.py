# A to-do manager driven by command lines: tasks with ids, priorities, tags and due days;
# add/done/tag/undo commands parsed with str methods; filtering, sorting by several keys,
# an undo stack of closures, and a summary per tag.

import sys


class Task:
    next_id = 1

    def __init__(self, title, priority=2, due=None, tags=()):
        self.id = Task.next_id
        Task.next_id += 1
        self.title, self.priority, self.due = title, priority, due
        self.tags = set(tags)
        self.done = False

    def __str__(self):
        mark = "x" if self.done else " "
        due = f" due:{self.due}" if self.due is not None else ""
        tags = "".join(f" #{t}" for t in sorted(self.tags))
        return f"[{mark}] {self.id:>2} p{self.priority} {self.title}{due}{tags}"


class TodoList:
    def __init__(self):
        self.tasks = {}
        self.undo_stack = []

    def execute(self, line):
        cmd, _, rest = line.partition(" ")
        method = getattr(self, "cmd_" + cmd, None)
        if method is None:
            raise ValueError(f"unknown command {cmd!r}")
        return method(rest.strip())

    def cmd_add(self, rest):
        words = rest.split()
        title = " ".join(w for w in words if not w.startswith(("#", "p:", "due:")))
        if not title:
            raise ValueError("a task needs a title")
        opts = {"tags": [w[1:] for w in words if w.startswith("#")]}
        for w in words:
            if w.startswith("p:"):
                opts["priority"] = int(w[2:])
            elif w.startswith("due:"):
                opts["due"] = int(w[4:])
        task = Task(title, **opts)
        self.tasks[task.id] = task
        self.undo_stack.append(lambda: self.tasks.pop(task.id))
        return f"added {task.id}"

    def _task(self, text):
        try:
            return self.tasks[int(text)]
        except (ValueError, KeyError):
            raise LookupError(f"no task {text!r}") from None

    def cmd_done(self, rest):
        task = self._task(rest)
        if task.done:
            return f"{task.id} was already done"
        task.done = True
        self.undo_stack.append(lambda: setattr(task, "done", False))
        return f"completed {task.title!r}"

    def cmd_tag(self, rest):
        ident, tag = rest.split()
        task = self._task(ident)
        task.tags.add(tag)
        self.undo_stack.append(lambda: task.tags.discard(tag))
        return f"tagged {task.id} with {tag}"

    def cmd_undo(self, _):
        if not self.undo_stack:
            raise LookupError("nothing to undo")
        self.undo_stack.pop()()
        return "undone"

    def view(self, key=None, include_done=True):
        tasks = [t for t in self.tasks.values() if include_done or not t.done]
        return sorted(tasks, key=key or (lambda t: t.id))


todo = TodoList()
commands = ["add buy milk p:1 #home due:2", "add write report p:3 #work due:5",
            "add call mum #home", "add fix bike p:2 due:9 #home #outdoor", "add p:1 #x",
            "add review PR p:1 #work due:1", "done 2", "done 2", "done 7", "tag 3 urgent",
            "undo", "undo", "frobnicate 3", "add pay rent p:x", "tag 1", "done 1"]
for line in commands:
    try:
        print(f"{line:<42} {todo.execute(line)}")
    except (ValueError, LookupError) as e:
        print(f"{line:<42} error: {type(e).__name__}: {e}")
print("-- by priority, then due (no due last):")
for t in todo.view(key=lambda t: (t.priority, t.due is None, t.due or 0), include_done=False):
    print(t)
print("-- everything:")
print(*todo.view(), sep="\n")
by_tag = {}
for t in todo.tasks.values():
    for tag in t.tags:
        by_tag.setdefault(tag, []).append(t.id)
print({tag: ids for tag, ids in sorted(by_tag.items())})
left = sum(not t.done for t in todo.tasks.values())
sys.stdout.write("%d of %d tasks left (%.0f%%)\n" % (left, len(todo.tasks), 100 * left / len(todo.tasks)))
