# A traffic-light controller for a crossroads: each direction's light as a state machine
# with timed phases, a controller that never lets crossing directions be green together,
# pedestrian buttons that shorten the wait, a fault that switches to flashing amber, and
# a timeline printed second by second in compressed form.

PHASES = [("NS", "green", 20), ("NS", "amber", 3), ("all", "red", 2),
          ("EW", "green", 15), ("EW", "amber", 3), ("all", "red", 2)]


class SafetyError(Exception):
    pass


class Controller:
    def __init__(self):
        self.phase = 0
        self.elapsed = 0
        self.lights = {"NS": "red", "EW": "red"}
        self.requests = set()
        self.faulty = False
        self.apply()

    def apply(self):
        who, colour, _ = PHASES[self.phase]
        for d in self.lights:
            self.lights[d] = colour if who in (d, "all") else "red"
        if all(c != "red" for c in self.lights.values()):
            raise SafetyError(f"conflicting lights {self.lights}")

    def press(self, direction):
        self.requests.add(direction)

    def tick(self):
        if self.faulty:
            self.lights = dict.fromkeys(self.lights, "flashing amber")
            return
        who, colour, length = PHASES[self.phase]
        self.elapsed += 1
        if colour == "green" and self.requests - {who} and self.elapsed >= 8:
            length = self.elapsed
        if self.elapsed >= length:
            self.elapsed = 0
            self.phase = (self.phase + 1) % len(PHASES)
            if PHASES[self.phase][1] == "green":
                self.requests.discard(PHASES[self.phase][0])
            self.apply()

    def state(self):
        return "/".join(self.lights[d][0].upper() for d in ("NS", "EW"))


ctl = Controller()
timeline = []
events = {12: ("press", "EW"), 50: ("press", "NS"), 58: ("press", "EW"), 95: ("fault", None)}
for second in range(100):
    if second in events:
        kind, arg = events[second]
        if kind == "press":
            ctl.press(arg)
        else:
            ctl.faulty = True
    ctl.tick()
    timeline.append(ctl.state())
runs = []
for s in timeline:
    if runs and runs[-1][0] == s:
        runs[-1][1] += 1
    else:
        runs.append([s, 1])
t = 0
for state, n in runs:
    print(f"t={t:>3}..{t + n - 1:<3} {state:<5} ({n}s)")
    t += n
greens = {d: sum(1 for s in timeline if s.split("/")[i] == "G") for i, d in enumerate(("NS", "EW"))}
print("green seconds:", greens, "final lights:", ctl.lights)
PHASES.insert(0, ("all", "green", 5))
try:
    Controller()
except SafetyError as e:
    print("a bad phase table is refused: SafetyError:", e)
