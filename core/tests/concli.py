#!/usr/bin/env python3
"""Test helper: one client of a monitor's command socket, for console tests.

  concli.py [--no-read] [--hold SECONDS] NAME FIRST [STEP...]

FIRST is sent as soon as the connection is up (Python escapes allowed, e.g.
'console 1\\nhello\\n' to put input right behind the request line).  Each
STEP is either `+SECONDS` (keep reading that long) or bytes to send (escapes
allowed).  Everything received goes to stdout.  --no-read: never read (a
client that cannot keep up); --hold: stay connected that long at the end.
Exit: 0 done, 2 cannot connect.
"""
import os, select, socket, sys, time


def unescape(s):
    return s.encode().decode("unicode_escape").encode("latin1")


def main():
    args = sys.argv[1:]
    no_read = hold = 0
    while args and args[0].startswith("--"):
        if args[0] == "--no-read":
            no_read = 1
            args = args[1:]
        elif args[0] == "--hold":
            hold = float(args[1])
            args = args[2:]
        else:
            break
    name, first, steps = args[0], args[1], args[2:]
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect("\0" + name)
    except OSError as e:
        print(f"concli: {e}", file=sys.stderr)
        return 2
    s.sendall(unescape(first))
    out = sys.stdout.buffer

    def pump(seconds):
        end = time.time() + seconds
        while time.time() < end:
            if no_read:
                time.sleep(0.05)
                continue
            r, _, _ = select.select([s], [], [], 0.05)
            if s in r:
                try:
                    d = s.recv(65536)
                except OSError:   # reset: the server closed with our bytes unread
                    return False
                if not d:
                    return False
                out.write(d)
                out.flush()
        return True

    pump(0.3)
    for st in steps:
        if st.startswith("+"):
            if not pump(float(st[1:])):
                break
        else:
            try:
                s.sendall(unescape(st))
            except OSError:
                break
            if not pump(0.3):
                break
    if hold:
        time.sleep(hold)
    return 0


sys.exit(main())
