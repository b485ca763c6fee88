# A chat server's command handling without sockets: users joining with nicknames, channels
# with topics and operators, messages and private messages routed to inboxes, /commands
# parsed with partition, kicks and permission errors, and each user's inbox printed.


class ChatError(Exception):
    pass


class Server:
    def __init__(self):
        self.users = {}
        self.channels = {}

    def connect(self, nick):
        if not nick.isidentifier() or len(nick) > 12:
            raise ChatError(f"invalid nickname {nick!r}")
        if nick.lower() in (u.lower() for u in self.users):
            raise ChatError(f"nickname {nick} is taken")
        self.users[nick] = {"inbox": [], "channels": set()}

    def deliver(self, nick, text):
        self.users[nick]["inbox"].append(text)

    def broadcast(self, channel, text, skip=None):
        for member in sorted(self.channels[channel]["members"]):
            if member != skip:
                self.deliver(member, f"[{channel}] {text}")

    def handle(self, nick, line):
        if nick not in self.users:
            raise ChatError(f"{nick} is not connected")
        if not line.startswith("/"):
            raise ChatError("messages go to a channel: /msg #channel text")
        cmd, _, rest = line[1:].partition(" ")
        handler = getattr(self, "cmd_" + cmd.lower(), None)
        if handler is None:
            raise ChatError(f"unknown command /{cmd}")
        handler(nick, rest.strip())

    def cmd_join(self, nick, channel):
        if not channel.startswith("#"):
            raise ChatError(f"channel names start with #: {channel!r}")
        ch = self.channels.setdefault(channel, {"members": set(), "ops": {nick}, "topic": ""})
        ch["members"].add(nick)
        self.users[nick]["channels"].add(channel)
        self.broadcast(channel, f"* {nick} joined" + (f" (topic: {ch['topic']})" if ch["topic"] else ""))

    def cmd_part(self, nick, channel):
        self._member(nick, channel)
        self.broadcast(channel, f"* {nick} left")
        self.channels[channel]["members"].discard(nick)
        self.users[nick]["channels"].discard(channel)

    def cmd_msg(self, nick, rest):
        target, _, text = rest.partition(" ")
        if target.startswith("#"):
            self._member(nick, target)
            self.broadcast(target, f"<{nick}> {text}", skip=nick)
        elif target in self.users:
            self.deliver(target, f"*{nick}* {text}")
        else:
            raise ChatError(f"no such nick {target}")

    def cmd_topic(self, nick, rest):
        channel, _, topic = rest.partition(" ")
        self._op(nick, channel)
        self.channels[channel]["topic"] = topic
        self.broadcast(channel, f"* {nick} set the topic to {topic!r}")

    def cmd_kick(self, nick, rest):
        channel, _, victim = rest.partition(" ")
        self._op(nick, channel)
        if victim not in self.channels[channel]["members"]:
            raise ChatError(f"{victim} is not in {channel}")
        self.broadcast(channel, f"* {victim} was kicked by {nick}")
        self.channels[channel]["members"].discard(victim)
        self.users[victim]["channels"].discard(channel)

    def _member(self, nick, channel):
        if channel not in self.channels or nick not in self.channels[channel]["members"]:
            raise ChatError(f"{nick} is not in {channel}")

    def _op(self, nick, channel):
        self._member(nick, channel)
        if nick not in self.channels[channel]["ops"]:
            raise ChatError(f"{nick} is not an operator of {channel}")


server = Server()
for nick in ["alice", "bob", "carol", "Bob", "9lives", "dave"]:
    try:
        server.connect(nick)
    except ChatError as e:
        print("connect refused:", e)
script = [("alice", "/join #python"), ("bob", "/join #python"), ("alice", "/topic #python 3.11 release party"),
          ("carol", "/join #python"), ("bob", "/topic #python mine now"), ("carol", "/msg #python hi all"),
          ("bob", "/msg alice psst"), ("dave", "/msg #python let me in"), ("alice", "/kick #python bob"),
          ("bob", "/msg #python unfair"), ("carol", "/part #python"), ("alice", "hello?"), ("zed", "/join #x"),
          ("dave", "/join lobby"), ("alice", "/dance"), ("dave", "/msg nobody hi"), ("alice", "/msg #python anyone?")]
for nick, line in script:
    try:
        server.handle(nick, line)
    except ChatError as e:
        print(f"{nick}: {line!r} -> error: {e}")
for nick, data in server.users.items():
    print(f"{nick} ({', '.join(sorted(data['channels'])) or 'no channels'}):")
    for msg in data["inbox"]:
        print("   ", msg)
