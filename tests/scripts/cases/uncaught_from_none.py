try:
    {}["a"]
except KeyError:
    raise ValueError("replaced") from None
