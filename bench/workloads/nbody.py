# N-body simulation in floats: a handful of bodies with made-up masses and orbits (built
# from a fixed linear congruential stream, not from real planets), advanced with a
# symplectic Euler step. Every step makes and drops many float objects; the state lives in
# lists of lists, as a plain-Python simulation keeps it.
# Usage: nbody.py [steps]   (default 300000). Prints the energy before and after.
import sys


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next_float(self):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return self.state / 2147483648.0


def make_bodies(count):
    rng = Lcg(20261207)
    bodies = []
    px = py = pz = 0.0
    for i in range(count):
        mass = 0.001 + rng.next_float() * 0.01
        if i == 0:
            mass = 40.0
            pos = [0.0, 0.0, 0.0]
            vel = [0.0, 0.0, 0.0]
        else:
            radius = 1.0 + 4.0 * i + rng.next_float()
            pos = [radius, (rng.next_float() - 0.5) * 0.2, (rng.next_float() - 0.5) * 0.1]
            speed = (40.0 / radius) ** 0.5
            vel = [(rng.next_float() - 0.5) * 0.01, speed, (rng.next_float() - 0.5) * 0.01]
        px += vel[0] * mass
        py += vel[1] * mass
        pz += vel[2] * mass
        bodies.append([pos, vel, mass])
    # Give the central body the momentum that makes the total zero.
    sun = bodies[0]
    sun[1][0] = -px / sun[2]
    sun[1][1] = -py / sun[2]
    sun[1][2] = -pz / sun[2]
    return bodies


def energy(bodies):
    e = 0.0
    n = len(bodies)
    for i in range(n):
        (x, y, z), (vx, vy, vz), m = bodies[i]
        e += 0.5 * m * (vx * vx + vy * vy + vz * vz)
        for j in range(i + 1, n):
            (x2, y2, z2), _, m2 = bodies[j]
            dx = x - x2
            dy = y - y2
            dz = z - z2
            e -= m * m2 / (dx * dx + dy * dy + dz * dz) ** 0.5
    return e


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for (p1, v1, m1), (p2, v2, m2) in pairs:
            dx = p1[0] - p2[0]
            dy = p1[1] - p2[1]
            dz = p1[2] - p2[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * d2 ** 0.5)
            b1 = m1 * mag
            b2 = m2 * mag
            v1[0] -= dx * b2
            v1[1] -= dy * b2
            v1[2] -= dz * b2
            v2[0] += dx * b1
            v2[1] += dy * b1
            v2[2] += dz * b1
        for pos, vel, _ in bodies:
            pos[0] += dt * vel[0]
            pos[1] += dt * vel[1]
            pos[2] += dt * vel[2]


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 300000
    bodies = make_bodies(5)
    pairs = []
    for i in range(len(bodies)):
        for j in range(i + 1, len(bodies)):
            pairs.append((bodies[i], bodies[j]))
    before = energy(bodies)
    advance(bodies, pairs, 0.005, steps)
    after = energy(bodies)
    print("nbody", steps, repr(before), repr(after))


main()
