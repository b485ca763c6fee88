# An INI-style configuration parser: sections, key = value and key: value pairs, comments,
# continuation lines, ${section:key} interpolation with cycle protection, typed getters
# (int, float, bool, list) with fallbacks, and errors that name the line.


class ConfigError(Exception):
    pass


class Config:
    BOOLS = {"yes": True, "true": True, "on": True, "1": True,
             "no": False, "false": False, "off": False, "0": False}

    def __init__(self, text):
        self.sections = {}
        section, last_key = None, None
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split(";", 1)[0].rstrip()
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line[0].isspace() and last_key:
                self.sections[section][last_key] += "\n" + line.strip()
                continue
            if line.startswith("["):
                if not line.endswith("]"):
                    raise ConfigError(f"line {number}: unclosed section header {line!r}")
                section = line[1:-1].strip()
                if section in self.sections:
                    raise ConfigError(f"line {number}: duplicate section {section!r}")
                self.sections[section] = {}
                last_key = None
                continue
            if section is None:
                raise ConfigError(f"line {number}: key outside any section")
            sep = min((i for i in (line.find("="), line.find(":")) if i >= 0), default=-1)
            if sep < 0:
                raise ConfigError(f"line {number}: expected key = value, got {line.strip()!r}")
            last_key = line[:sep].strip().lower()
            self.sections[section][last_key] = line[sep + 1:].strip()

    def get(self, section, key, fallback=KeyError, _seen=()):
        try:
            value = self.sections[section][key]
        except KeyError:
            if fallback is KeyError:
                raise KeyError(f"{section}.{key}") from None
            return fallback
        if (section, key) in _seen:
            raise ConfigError(f"interpolation loop at {section}.{key}")
        while "${" in value:
            start = value.index("${")
            end = value.index("}", start)
            ref = value[start + 2:end]
            sec, _, k = ref.rpartition(":")
            sub = self.get(sec or section, k, _seen=_seen + ((section, key),))
            value = value[:start] + sub + value[end + 1:]
        return value

    def getint(self, section, key, fallback=KeyError):
        return int(self.get(section, key, fallback))

    def getfloat(self, section, key, fallback=KeyError):
        return float(self.get(section, key, fallback))

    def getbool(self, section, key, fallback=KeyError):
        value = self.get(section, key, fallback)
        if isinstance(value, bool):
            return value
        try:
            return self.BOOLS[value.lower()]
        except KeyError:
            raise ValueError(f"not a boolean: {value!r}") from None

    def getlist(self, section, key):
        return [item.strip() for item in self.get(section, key).replace("\n", ",").split(",") if item.strip()]


TEXT = """
# server settings
[server]
host = example.org
port: 8080
debug = off     ; not in production
root = /srv/${host}
timeout = 2.5

[paths]
base = /opt/app
logs = ${base}/logs
cache = ${server:root}/cache
modules = core, web,
    admin,
    api
[loop]
a = ${b}
b = x${a}
"""
cfg = Config(TEXT)
print(sorted(cfg.sections), {s: len(v) for s, v in cfg.sections.items()})
print(cfg.get("server", "host"), cfg.getint("server", "port") + 1, cfg.getbool("server", "debug"))
print(cfg.getfloat("server", "timeout") * 2, cfg.get("server", "root"))
print(cfg.get("paths", "logs"), cfg.get("paths", "cache"), cfg.getlist("paths", "modules"))
print(cfg.getint("server", "workers", fallback=4), cfg.getbool("server", "tls", fallback=False))
for action in [lambda: cfg.get("server", "missing"), lambda: cfg.get("loop", "a"),
               lambda: cfg.getint("server", "host"), lambda: cfg.getbool("server", "host")]:
    try:
        print(action())
    except (KeyError, ConfigError, ValueError) as e:
        print(f"{type(e).__name__}: {e}")
for bad in ["key = 1", "[a]\nx = 1\n[a]", "[open\n", "[s]\njust words"]:
    try:
        Config(bad)
    except ConfigError as e:
        print("ConfigError:", e)
