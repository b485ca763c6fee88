# An elevator controller simulated step by step: requests from floors and from inside the
# car, the SCAN policy (keep going while there are stops ahead, then turn), door states as
# a small state machine, a log per tick, and passenger wait times at the end.

IDLE, MOVING, DOORS_OPEN = "idle", "moving", "doors open"


class Elevator:
    def __init__(self, floors):
        self.floors = floors
        self.floor = 0
        self.direction = 0
        self.state = IDLE
        self.stops = set()
        self.waiting = {}
        self.riding = []
        self.delivered = []

    def call(self, tick, floor, dest):
        if not (0 <= floor < self.floors and 0 <= dest < self.floors) or floor == dest:
            raise ValueError(f"bad request {floor}->{dest}")
        self.waiting.setdefault(floor, []).append((tick, dest))
        self.stops.add(floor)

    def choose_direction(self):
        if not self.stops:
            return 0
        ahead = [s for s in self.stops if (s - self.floor) * self.direction > 0]
        if self.direction and ahead:
            return self.direction
        nearest = min(self.stops, key=lambda s: (abs(s - self.floor), s))
        return (nearest > self.floor) - (nearest < self.floor)

    def tick(self, now):
        if self.state == DOORS_OPEN:
            self.state = IDLE
            return "doors close"
        if self.floor in self.stops:
            self.stops.discard(self.floor)
            out = [p for p in self.riding if p[1] == self.floor]
            self.riding = [p for p in self.riding if p[1] != self.floor]
            for start, dest in out:
                self.delivered.append(now - start)
            boarding = self.waiting.pop(self.floor, [])
            for start, dest in boarding:
                self.riding.append((start, dest))
                self.stops.add(dest)
            self.state = DOORS_OPEN
            return f"open at {self.floor}: {len(out)} out, {len(boarding)} in"
        self.direction = self.choose_direction()
        if self.direction == 0:
            self.state = IDLE
            return "idle"
        self.floor += self.direction
        self.state = MOVING
        return f"{'up' if self.direction > 0 else 'down'} to {self.floor}"


requests = {0: [(3, 7), (5, 1)], 2: [(0, 4)], 6: [(8, 2)], 9: [(7, 0), (12, 3)], 14: [(2, 9)]}
lift = Elevator(10)
for now in range(40):
    for floor, dest in requests.get(now, []):
        try:
            lift.call(now, floor, dest)
            print(f"t={now:>2} call {floor}->{dest}")
        except ValueError as e:
            print(f"t={now:>2} refused: {e}")
    event = lift.tick(now)
    if event != "idle" or now < 3:
        print(f"t={now:>2} [{lift.state:<10}] floor {lift.floor} {event}"
              f"{'  stops ' + str(sorted(lift.stops)) if lift.stops else ''}")
    if not lift.stops and not lift.riding and now > max(requests):
        break
print("trip times:", lift.delivered)
print(f"mean {sum(lift.delivered) / len(lift.delivered):.2f}, worst {max(lift.delivered)}")
