# Run with PyRun_SimpleFile by embed_api_program.c: an uncaught exception two calls deep,
# whose traceback (with these source lines) goes to stderr.
def divide(a, b):
    return a / b


def average(values):
    return divide(sum(values), len(values))


print("failing: before")
average([])
print("failing: not reached")
