#!/usr/bin/env python3
"""CPython's forced GIL switching, for minipy_gil_handoff's check-point figures.

usage: cpython_gil_pingpong.py [--interval-us N] [--seconds S]

Two Python threads hold the GIL in turn, each spinning in a loop that flips a shared turn
whenever it finds the turn its own: the same loop minipy_gil_handoff runs in C++ with
minipy_eval_checkpoint(). Here the check point is the eval loop's own (the eval breaker at
each backward jump). With sys.setswitchinterval(N us) the waiting thread asks for the GIL
after one interval and the holder drops it at its next check, so a hand-off costs one
interval plus the switch.

The main thread sleeps (GIL released) while the two threads run; the window starts when
both have run once. Prints `ns_per_handoff <ns>` and `handoffs <n>`; nothing else is
timed (interpreter start-up and thread creation are outside the window).
"""

import argparse
import sys
import threading
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--interval-us", type=float, default=5000.0)
    parser.add_argument("--seconds", type=float, default=0.2)
    args = parser.parse_args()

    sys.setswitchinterval(args.interval_us * 1e-6)
    state = {"turn": 0, "flips": 0, "stop": False, "ready": 0}

    def body(me):
        other = 1 - me
        s = state
        s["ready"] += 1
        while not s["stop"]:
            if s["turn"] == me:
                s["turn"] = other
                s["flips"] += 1

    threads = [threading.Thread(target=body, args=(me,)) for me in (0, 1)]
    for t in threads:
        t.start()
    while state["ready"] < 2:
        time.sleep(50e-6)
    flips_before = state["flips"]
    start = time.perf_counter()
    time.sleep(args.seconds)
    flips_after = state["flips"]
    elapsed = time.perf_counter() - start
    state["stop"] = True
    for t in threads:
        t.join()
    handoffs = flips_after - flips_before
    print(f"handoffs {handoffs}")
    print(f"ns_per_handoff {elapsed * 1e9 / max(handoffs, 1):.1f}")


if __name__ == "__main__":
    main()
