apply = lambda f, x: f(x)
apply(lambda v: v + "s", 3)
