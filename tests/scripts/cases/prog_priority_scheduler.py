# A priority scheduler over a binary heap written by hand: tasks with priorities and
# arrival order (ties run first-come first-served), cancellation by lazy deletion,
# time slices with re-queueing, and a log of what ran when.


class Heap:
    def __init__(self):
        self.items = []

    def push(self, item):
        items = self.items
        items.append(item)
        i = len(items) - 1
        while i > 0:
            parent = (i - 1) // 2
            if items[parent] <= items[i]:
                break
            items[parent], items[i] = items[i], items[parent]
            i = parent

    def pop(self):
        items = self.items
        if not items:
            raise IndexError("pop from an empty heap")
        last = items.pop()
        if not items:
            return last
        top, items[0] = items[0], last
        i, n = 0, len(items)
        while True:
            smallest = i
            for child in (2 * i + 1, 2 * i + 2):
                if child < n and items[child] < items[smallest]:
                    smallest = child
            if smallest == i:
                return top
            items[i], items[smallest] = items[smallest], items[i]
            i = smallest

    def __len__(self):
        return len(self.items)


class Scheduler:
    def __init__(self, slice_length):
        self.heap = Heap()
        self.counter = 0
        self.cancelled = set()
        self.slice = slice_length
        self.clock = 0
        self.log = []

    def submit(self, name, priority, work):
        self.counter += 1
        self.heap.push((priority, self.counter, name, work))

    def cancel(self, name):
        self.cancelled.add(name)

    def run(self):
        while self.heap:
            priority, _, name, work = self.heap.pop()
            if name in self.cancelled:
                self.log.append(f"t={self.clock:>3} skip {name}")
                continue
            ran = min(work, self.slice)
            self.clock += ran
            left = work - ran
            status = "done" if left == 0 else f"{left} left"
            self.log.append(f"t={self.clock:>3} {name:<8} p{priority} ran {ran} ({status})")
            if left:
                self.submit(name, priority + 1, left)
        return self.log


sched = Scheduler(slice_length=4)
for name, prio, work in [("backup", 5, 10), ("email", 1, 3), ("index", 3, 9),
                         ("report", 1, 6), ("cleanup", 7, 2), ("deploy", 0, 5)]:
    sched.submit(name, prio, work)
sched.cancel("cleanup")
for line in sched.run():
    print(line)
print("finished at", sched.clock)

h = Heap()
for x in [5, 3, 9, 1, 5, 7, 2, 8]:
    h.push(x)
print([h.pop() for _ in range(len(h))])
try:
    h.pop()
except IndexError as e:
    print("IndexError:", e)
try:
    h.push((1, "a"))
    h.push((1, 2))
except TypeError as e:
    print("TypeError:", e)
