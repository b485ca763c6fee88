# A small surveying program: polygons from their vertices (shoelace area, perimeter with
# math.dist, centroid), a triangle solver (law of cosines, angles in degrees), summary
# statistics with math.fsum, and a report laid out with string.Template and str.format.
import math
import string


class Polygon:
    def __init__(self, name, points):
        if len(points) < 3:
            raise ValueError("a polygon needs 3 vertices, got %d" % len(points))
        self.name = name
        self.points = [(float(x), float(y)) for x, y in points]

    def edges(self):
        n = len(self.points)
        for i in range(n):
            yield self.points[i], self.points[(i + 1) % n]

    def area(self):
        return abs(math.fsum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in self.edges())) / 2

    def perimeter(self):
        return math.fsum(math.dist(p, q) for p, q in self.edges())

    def centroid(self):
        n = len(self.points)
        return (math.fsum(x for x, _ in self.points) / n, math.fsum(y for _, y in self.points) / n)

    def compactness(self):
        # 1.0 for a circle: 4*pi*area / perimeter**2
        return 4 * math.pi * self.area() / self.perimeter() ** 2


def regular(name, sides, radius):
    step = math.tau / sides
    return Polygon(name, [(radius * math.cos(i * step), radius * math.sin(i * step))
                          for i in range(sides)])


def solve_triangle(a, b, c):
    if not (a + b > c and a + c > b and b + c > a):
        raise ValueError("sides %g, %g, %g do not make a triangle" % (a, b, c))
    angle_a = math.degrees(math.acos((b * b + c * c - a * a) / (2 * b * c)))
    angle_b = math.degrees(math.acos((a * a + c * c - b * b) / (2 * a * c)))
    s = (a + b + c) / 2
    heron = math.sqrt(s * (s - a) * (s - b) * (s - c))
    return angle_a, angle_b, 180.0 - angle_a - angle_b, heron


def stats(values):
    n = len(values)
    mean = math.fsum(values) / n
    var = math.fsum((v - mean) ** 2 for v in values) / (n - 1)
    return mean, math.sqrt(var), min(values), max(values)


shapes = [Polygon("lot A", [(0, 0), (40, 0), (40, 25), (0, 25)]),
          Polygon("lot B", [(0, 0), (30, 5), (35, 40), (-5, 30)]),
          Polygon("triangle", [(0, 0), (3, 0), (0, 4)]),
          regular("hexagon", 6, 10), regular("many-gon", 360, 10)]
line = string.Template("$name: area=$area perimeter=$perimeter centroid=$centroid")
for shape in shapes:
    cx, cy = shape.centroid()
    print(line.substitute(name=shape.name.ljust(9), area="%.4f" % shape.area(),
                          perimeter="{:.4f}".format(shape.perimeter()),
                          centroid="(%.3f, %.3f)" % (round(cx, 3) + 0.0, round(cy, 3) + 0.0)))
    print("    compactness {:.6f}  isclose to circle: {}".format(
        shape.compactness(), math.isclose(shape.compactness(), 1.0, rel_tol=1e-4)))

for sides in [(3, 4, 5), (7, 7, 7), (2, 3, 4.5), (1, 2, 3)]:
    try:
        a, b, c, area = solve_triangle(*sides)
        print("triangle", sides, "angles %.5f %.5f %.5f" % (a, b, c), "area", round(area, 9))
    except ValueError as e:
        print("triangle", sides, "error:", e)

areas = [s.area() for s in shapes]
mean, sd, lo, hi = stats(areas)
print(string.capwords("summary of the survey"), "mean={:.3f} sd={:.3f} range=[{:.3f}, {:.3f}]"
      .format(mean, sd, lo, hi))
print("total area", math.fsum(areas), "largest/smallest", math.floor(hi / lo), math.ceil(hi / lo))
print("grid cells of 1.5 units:", [math.ceil(s.perimeter() / 1.5) for s in shapes])
print("lcm of fence post spacings", math.lcm(4, 6, 10), "gcd", math.gcd(40, 25, 35))
try:
    Polygon("line", [(0, 0), (1, 1)])
except ValueError as e:
    print("error:", e)
