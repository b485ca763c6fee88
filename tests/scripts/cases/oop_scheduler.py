# A priority scheduler: jobs of several kinds (classes with a common abstract base), a binary
# heap written as a class with special methods, jobs that are generators resumed tick by
# tick, a clock as a context manager, and statistics collected by a class-level registry.


class Heap:
    def __init__(self):
        self._items = []

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return bool(self._items)

    def __iter__(self):
        return iter(sorted(self._items))

    def push(self, item):
        items = self._items
        items.append(item)
        i = len(items) - 1
        while i > 0:
            parent = (i - 1) // 2
            if not items[i] < items[parent]:
                break
            items[i], items[parent] = items[parent], items[i]
            i = parent

    def pop(self):
        items = self._items
        last = items.pop()
        if not items:
            return last
        top, items[0] = items[0], last
        i, n = 0, len(items)
        while True:
            child = 2 * i + 1
            if child >= n:
                break
            if child + 1 < n and items[child + 1] < items[child]:
                child += 1
            if not items[child] < items[i]:
                break
            items[i], items[child] = items[child], items[i]
            i = child
        return top


class Job:
    registry = {}
    sequence = 0

    def __init__(self, name, priority):
        Job.sequence += 1
        self.name, self.priority, self.order = name, priority, Job.sequence
        self.steps = self.run()
        Job.registry.setdefault(type(self).__name__, []).append(name)

    def __lt__(self, other):
        return (self.priority, self.order) < (other.priority, other.order)

    def __repr__(self):
        return f"<{type(self).__name__} {self.name} p{self.priority}>"

    def run(self):
        raise NotImplementedError(type(self).__name__ + ".run")


class Compute(Job):
    def __init__(self, name, priority, n):
        super().__init__(name, priority)
        self.n = n

    def run(self):
        total = 0
        for i in range(1, self.n + 1):
            total += i * i
            yield f"partial {total}"
        return total


class Echo(Job):
    def __init__(self, name, priority, words):
        self.words = words
        super().__init__(name, priority)

    def run(self):
        for word in self.words:
            yield word.upper()
        return len(self.words)


class Broken(Job):
    pass


class Clock:
    def __init__(self):
        self.ticks = 0

    def __enter__(self):
        print("clock starts")
        return self

    def __exit__(self, exc_type, exc, tb):
        print(f"clock stops after {self.ticks} ticks", exc_type.__name__ if exc_type else "")
        return exc_type is NotImplementedError

    def tick(self):
        self.ticks += 1


class Scheduler:
    def __init__(self, quantum):
        self.quantum = quantum
        self.queue = Heap()
        self.results = {}

    def submit(self, *jobs):
        for job in jobs:
            self.queue.push(job)

    def run(self, clock):
        while self.queue:
            job = self.queue.pop()
            for _ in range(self.quantum):
                clock.tick()
                try:
                    print(f"  {job.name}: {next(job.steps)}")
                except StopIteration as stop:
                    self.results[job.name] = stop.value
                    break
            else:
                job.priority += 1
                self.queue.push(job)


sched = Scheduler(quantum=2)
sched.submit(Compute("squares", 2, 3), Echo("echo", 1, ["a", "b", "c"]), Compute("tiny", 5, 1))
print(list(sched.queue))
with Clock() as clock:
    sched.run(clock)
print(sched.results, Job.registry)
with Clock() as clock:
    sched.submit(Broken("bad", 0))
    sched.run(clock)
print(len(sched.queue), sorted(Job.registry))
