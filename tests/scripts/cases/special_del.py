# __del__: run when the last reference goes (del, rebinding, a function's locals at return),
# when the cycle collector frees a cycle, and at exit for what is left (cycles first), with
# the globals still there.


class Resource:
    live = 0

    def __init__(self, name):
        self.name = name
        Resource.live += 1

    def __del__(self):
        Resource.live -= 1
        print(f"release {self.name} (live {Resource.live})")


r = Resource("first")
del r
r = Resource("second")
r = Resource("third")


def scoped():
    Resource("local")
    tmp = Resource("tmp")
    return tmp.name


print("scoped returned", scoped())


cycle = Resource("cycle")
cycle.self_ref = cycle
del cycle
print("cycle unreachable, live", Resource.live)
kept = Resource("kept at exit")
print("end of script")
