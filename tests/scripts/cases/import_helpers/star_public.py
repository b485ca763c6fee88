alpha = "a"
_hidden = "h"
gamma = "g"
