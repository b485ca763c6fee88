# A class-heavy simulation in the manner of the Richards benchmark (an operating system's
# task scheduler), written afresh: tasks of four kinds (an idle task that wakes the others,
# producers that fill work packets, a router that hands them to devices, devices that
# consume them) run by priority; packets travel between tasks in linked queues; a task
# waits, is held or runs. Work: instances, attribute reads and writes, method calls through
# a small class hierarchy, short-lived packet objects.
# Usage: scheduler.py [ticks]   (default 800000). Prints the counters of the run.
import sys

IDLE, PRODUCER, ROUTER, DEVICE = 0, 1, 2, 3


class Packet:
    def __init__(self, kind, origin, payload):
        self.link = None
        self.kind = kind
        self.origin = origin
        self.payload = payload


class Queue:
    def __init__(self):
        self.head = None
        self.tail = None
        self.length = 0

    def push(self, packet):
        packet.link = None
        if self.tail is None:
            self.head = packet
        else:
            self.tail.link = packet
        self.tail = packet
        self.length += 1

    def pop(self):
        packet = self.head
        if packet is not None:
            self.head = packet.link
            if self.head is None:
                self.tail = None
            self.length -= 1
        return packet


class Task:
    def __init__(self, scheduler, ident, priority):
        self.scheduler = scheduler
        self.ident = ident
        self.priority = priority
        self.inbox = Queue()
        self.held = False
        self.runs = 0

    def ready(self):
        return not self.held and self.inbox.length > 0

    def send(self, target, packet):
        self.scheduler.deliver(target, packet)

    def step(self):
        self.runs += 1
        self.run(self.inbox.pop())

    def run(self, packet):
        raise NotImplementedError


class IdleTask(Task):
    def __init__(self, scheduler, ident, seed):
        Task.__init__(self, scheduler, ident, 0)
        self.seed = seed

    def ready(self):
        return True

    def step(self):
        self.runs += 1
        self.seed = (self.seed * 69069 + 1) % 4294967296
        producers = self.scheduler.by_kind[PRODUCER]
        target = producers[(self.seed >> 12) % len(producers)]
        if target.held:
            target.held = False
            self.scheduler.count("release")
        else:
            for i in range(1 + (self.seed >> 20) % 6):
                self.send(target, Packet(IDLE, self.ident, (self.seed >> i) & 255))


class ProducerTask(Task):
    def run(self, packet):
        work = Packet(PRODUCER, self.ident, [packet.payload + i for i in range(4)])
        self.send(self.scheduler.by_kind[ROUTER][0], work)
        if self.inbox.length > 3:
            self.held = True
            self.scheduler.count("hold")


class RouterTask(Task):
    def __init__(self, scheduler, ident, priority):
        Task.__init__(self, scheduler, ident, priority)
        self.turn = 0

    def run(self, packet):
        devices = self.scheduler.by_kind[DEVICE]
        self.turn = (self.turn + packet.payload[0]) % len(devices)
        packet.kind = ROUTER
        self.send(devices[self.turn], packet)


class DeviceTask(Task):
    def __init__(self, scheduler, ident, priority, period):
        Task.__init__(self, scheduler, ident, priority)
        self.period = period
        self.consumed = 0

    def ready(self):
        # A device takes a packet only on its own beat, so its queue can grow.
        return self.inbox.length > 0 and self.scheduler.clock % self.period == 0

    def run(self, packet):
        self.consumed += sum(packet.payload)
        self.scheduler.count("io")


class Scheduler:
    def __init__(self):
        self.tasks = []
        self.by_kind = {IDLE: [], PRODUCER: [], ROUTER: [], DEVICE: []}
        self.counters = {"release": 0, "hold": 0, "io": 0, "sent": 0}
        self.clock = 0

    def add(self, kind, task):
        self.tasks.append(task)
        self.by_kind[kind].append(task)
        # Highest priority first; the idle task, priority 0, last.
        self.tasks.sort(key=lambda t: -t.priority)

    def count(self, name):
        self.counters[name] += 1

    def deliver(self, target, packet):
        target.inbox.push(packet)
        self.counters["sent"] += 1

    def tick(self):
        self.clock += 1
        for task in self.tasks:
            if task.ready():
                task.step()
                return


def main():
    ticks = int(sys.argv[1]) if len(sys.argv) > 1 else 800000
    scheduler = Scheduler()
    scheduler.add(IDLE, IdleTask(scheduler, 0, 12345))
    for i in range(3):
        scheduler.add(PRODUCER, ProducerTask(scheduler, 1 + i, 10 + i))
    scheduler.add(ROUTER, RouterTask(scheduler, 4, 20))
    for i in range(4):
        scheduler.add(DEVICE, DeviceTask(scheduler, 5 + i, 30 + i, 2 + i))
    for _ in range(ticks):
        scheduler.tick()
    counters = scheduler.counters
    backlog = sum([task.inbox.length for task in scheduler.tasks])
    runs = " ".join([str(task.runs) for task in scheduler.tasks])
    consumed = sum([task.consumed for task in scheduler.by_kind[DEVICE]])
    print("scheduler", ticks, counters["sent"], counters["hold"], counters["release"],
          counters["io"], consumed, backlog, runs)


main()
