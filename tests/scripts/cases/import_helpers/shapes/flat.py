print("shapes.flat: body runs as", __name__, "package", __package__)


def square(side):
    return side * side
