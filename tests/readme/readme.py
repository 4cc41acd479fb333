#!/usr/bin/env python3
"""Runs every command of the ```sh code blocks of Markdown files, as written.

Used by tests/readme/readme.sh, which gives the policy (what is skipped and
why, which lines end with a status other than 0) in two environment
variables; this file is the mechanics:

- Blocks: fenced code blocks whose info string is sh, bash or shell. An
  unmarked block holding a line that starts with "tlsstep " fails (its
  commands would silently not run).
- Lines: a line ending in a backslash continues on the next; a '#' that
  starts a word outside quotes starts a comment, which is stripped; a line
  left empty by that is no command. A truly blank line ends a group (below).
- Each command runs as `bash -o pipefail -c COMMAND`, in one working folder
  per Markdown file (so a file's commands see what the earlier ones made),
  in order, with stdin from /dev/null, no terminal, and a time-out. Each
  runs in a shell of its own, so a line that only changes the shell (cd,
  export, an assignment) fails: the next line would not see it.
- Servers: a command ending in '&' is a server. It is started, must listen
  on its port (only on loopback addresses) within the time-out, and is paired
  with the command lines after it up to the next blank line, the next
  server or the end of the block (its clients). After them, a server with
  --once must end by itself (its exit status is its verdict); any other is
  stopped (SIGTERM to its process group) and counts as ok. When the port a
  server names is busy (something else listens on it), the test waits a few
  seconds for it to be free; if it is still busy, that server and its
  clients run with the port rewritten to a free one (a '#' line says so).

Prints one line per command: "ok - readme: COMMAND" or
"not ok - readme: COMMAND (exit N)", with the output's last lines after a
failure.
"""
import ipaddress
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time

TIMEOUT = 45          # seconds, for each command
MAKE_TIMEOUT = 600    # a `make` example builds the whole program
LISTEN_TIMEOUT = 30   # seconds for a server to listen on its port
ONCE_GRACE = 15       # seconds for a --once server to end after its clients
BUSY_WAIT = 5         # seconds to wait for a busy port to be free
SHELLS = ("sh", "bash", "shell")
DEFAULT_PORTS = (("tlsstep serve", 4433), ("openssl s_server", 4433), ("gnutls-serv", 5556))


def norm(cmd):
    """The command as one line with single spaces: how it is named."""
    return " ".join(cmd.split())


def strip_comment(line):
    """The line without a shell comment: '#' starting a word outside quotes."""
    quote = None
    i = 0
    while i < len(line):
        ch = line[i]
        if quote == "'":
            if ch == "'":
                quote = None
        elif quote == '"':
            if ch == "\\":
                i += 1
            elif ch == '"':
                quote = None
        elif ch == "\\":
            i += 1
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
        i += 1
    return line.rstrip()


def blocks(path):
    """Yields (info, first line number, [lines]) for each fenced code block."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^(\s*)(`{3,}|~{3,})\s*([^`\s]*)", lines[i])
        if not m:
            i += 1
            continue
        fence, info = m.group(2), m.group(3).lower()
        body = []
        j = i + 1
        close = r"^\s*" + re.escape(fence[0]) + "{%d,}\\s*$" % len(fence)
        while j < len(lines) and not re.match(close, lines[j]):
            body.append(lines[j])
            j += 1
        yield info, i + 2, body
        i = j + 1


def logical_lines(body, first):
    """Yields (line number, text) with continuations joined and comments
    stripped; text None for a blank line (a group break); comment-only
    lines are left out."""
    i = 0
    while i < len(body):
        start = i
        parts = [body[i]]
        while parts[-1].endswith("\\") and i + 1 < len(body):
            parts[-1] = parts[-1][:-1]
            i += 1
            parts.append(body[i])
        i += 1
        if "".join(parts).strip() == "":
            yield first + start, None
            continue
        cmd = " ".join(strip_comment(part).strip() for part in parts).strip()
        if cmd:
            yield first + start, cmd


def is_server(cmd):
    return cmd.endswith("&") and not cmd.endswith("&&")


def server_port(cmd):
    for pat in (r"--port[= ]+(\d+)", r"-accept\s+(?:\S*:)?(\d+)", r"(?:^|\s)-p\s+(\d+)"):
        m = re.search(pat, cmd)
        if m:
            return int(m.group(1))
    for prefix, port in DEFAULT_PORTS:
        if norm(cmd).startswith(prefix):
            return port
    return None


def listeners(port):
    """The addresses listening on TCP port (from /proc/net/tcp and tcp6)."""
    found = []
    for name, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            with open(name) as f:
                rows = f.read().split("\n")[1:]
        except OSError:
            continue
        for row in rows:
            cols = row.split()
            if len(cols) < 4 or cols[3] != "0A":  # LISTEN
                continue
            addr, hexport = cols[1].split(":")
            if int(hexport, 16) != port:
                continue
            raw = b"".join(struct.pack("<I", int(addr[k:k + 8], 16)) for k in range(0, width, 8))
            ip = ipaddress.ip_address(raw)
            if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
                ip = ip.ipv4_mapped
            found.append(ip)
    return found


def port_busy(port):
    if listeners(port):
        return True
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
        return False
    except OSError:
        return True
    finally:
        s.close()


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start(cmd, cwd, env, log):
    out = open(log, "wb")
    try:
        return subprocess.Popen(["bash", "-o", "pipefail", "-c", cmd], cwd=cwd, env=env,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    finally:
        out.close()


def stop(proc):
    """Stops proc's process group: SIGTERM, then SIGKILL."""
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def tail(log, n=15):
    try:
        with open(log, "rb") as f:
            lines = f.read().decode("utf-8", "replace").rstrip("\n").split("\n")
    except OSError:
        return []
    return ["    # " + line for line in lines[-n:]]


class Runner:
    def __init__(self, skip, status):
        self.skip = skip        # command -> reason
        self.status = status    # command -> wanted exit status
        self.used = set()
        self.out = []
        self.n = 0
        self.src = None         # the source copy `make` examples run in

    def emit(self, line, details=()):
        self.out.append(line)
        self.out.extend(details)

    def flush(self):
        for line in self.out:
            print(line, flush=True)
        self.out = []

    def log(self):
        self.n += 1
        return os.path.join(self.logs, "%03d.log" % self.n)

    def verdict(self, shown, rc, log, what=None):
        key = norm(shown)
        want = self.status.get(key, 0)
        if key in self.status:
            self.used.add(key)
        if what is None and rc == want:
            self.emit("ok - readme: %s" % key)
            return
        if what is None:
            what = ("exit %d" % rc) if rc >= 0 else ("killed by signal %d" % -rc)
            if want != 0:
                what += ", wanted %d" % want
        self.emit("not ok - readme: %s (%s)" % (key, what), tail(log))

    def skipped(self, cmd):
        key = norm(cmd)
        if key in self.skip:
            self.used.add(key)
            self.emit("ok - readme: %s # SKIP %s" % (key, self.skip[key]))
            return True
        return False

    def make_line(self, cmd):
        """A `make ...` example runs in a copy of the source tree (the files
        git tracks), so building never touches the checkout; install and
        uninstall are staged under the test's folder: DESTDIR is prefixed
        with it (or set to it), so nothing reaches the real /usr/local."""
        if self.src is None:
            self.src = os.path.join(self.work, "src")
            files = subprocess.check_output(["git", "-C", self.repo, "ls-files", "-z"])
            for rel in files.decode().split("\0"):
                if rel and os.path.isfile(os.path.join(self.repo, rel)):
                    dst = os.path.join(self.src, rel)
                    os.makedirs(os.path.dirname(dst), exist_ok=True)
                    shutil.copy2(os.path.join(self.repo, rel), dst)
        stage = os.path.join(self.work, "stage")
        words = cmd.split()
        if any(w in ("install", "uninstall") for w in words[1:]):
            if any(w.startswith("DESTDIR=") for w in words):
                words = ["DESTDIR=" + stage + w[len("DESTDIR="):] if w.startswith("DESTDIR=")
                         else w for w in words]
            else:
                words.append("DESTDIR=" + stage)
        return " ".join(words)

    def run_one(self, cmd, shown):
        """Runs one command to its end; returns nothing, emits its verdict."""
        if self.skipped(shown):
            return
        cwd, limit = self.cwd, TIMEOUT
        if re.match(r"^make(\s|$)", cmd):
            cmd, limit = self.make_line(cmd), MAKE_TIMEOUT
            cwd = self.src
        if re.match(r"^(cd|export|unset|set|source|\.)(\s|$)|^[A-Za-z_][A-Za-z0-9_]*=\S*$", cmd):
            self.emit("not ok - readme: %s (changes only the shell, which the next line "
                      "would not see: write the example without it)" % norm(shown))
            return
        log = self.log()
        proc = start(cmd, cwd, self.env, log)
        try:
            rc = proc.wait(limit)
        except subprocess.TimeoutExpired:
            stop(proc)
            self.verdict(shown, -1, log, "timed out after %d s" % limit)
            return
        self.verdict(shown, rc, log)

    def run_server(self, cmd, clients):
        shown = cmd
        if self.skipped(shown):
            for c in clients:
                self.run_one(c, c)
            return
        fg = cmd[:-1].rstrip()
        port = server_port(fg)
        if port is None:
            self.emit("not ok - readme: %s (cannot tell its port: give --port, -accept or -p)"
                      % norm(shown))
            for c in clients:
                self.run_one(c, c)
            return
        use = port
        waited = 0.0
        while port_busy(port) and waited < BUSY_WAIT:
            time.sleep(0.2)
            waited += 0.2
        if port_busy(port):
            use = free_port()
            self.emit("# port %d is busy: this server and its clients use port %d instead"
                      % (port, use))
        sub = (lambda s: re.sub(r"(?<!\d)%d(?!\d)" % port, str(use), s)) if use != port \
            else (lambda s: s)
        log = self.log()
        proc = start(sub(fg), self.cwd, self.env, log)
        problem = None
        deadline = time.time() + LISTEN_TIMEOUT
        while not listeners(use):
            if proc.poll() is not None:
                problem = "ended before it listened on port %d: exit %d" % (use, proc.returncode)
                break
            if time.time() > deadline:
                problem = "did not listen on port %d within %d s" % (use, LISTEN_TIMEOUT)
                break
            time.sleep(0.1)
        if problem is None:
            wide = [str(ip) for ip in listeners(use) if not ip.is_loopback]
            if wide:
                problem = "listens beyond localhost (on %s): bind it to 127.0.0.1" % ", ".join(wide)
                stop(proc)
        head = len(self.out)
        for c in clients:
            self.run_one(sub(c), c)
        client_lines = self.out[head:]
        self.out = self.out[:head]
        if problem is None:
            once = "--once" in fg.split()
            try:
                proc.wait(ONCE_GRACE if once else 0.5)
            except subprocess.TimeoutExpired:
                pass
            if proc.poll() is None:
                stop(proc)
                if once:
                    problem = "still running %d s after its clients: stopped" % ONCE_GRACE
                else:
                    self.emit("ok - readme: %s" % norm(shown))  # it served; stopped as planned
            else:
                self.verdict(shown, proc.returncode, log)
        if problem is not None:
            if proc.poll() is None:
                stop(proc)
            self.verdict(shown, -1, log, problem)
        self.out.extend(client_lines)

    def run_file(self, md, work, bindir, repo):
        name = re.sub(r"[^A-Za-z0-9]+", "-", md).strip("-")
        self.work, self.repo = work, repo
        self.cwd = os.path.join(work, name)
        self.logs = os.path.join(work, name + ".logs")
        os.makedirs(self.logs)
        os.makedirs(self.cwd)
        # The examples are written for a shell in the checkout: they may read
        # lessons/ (a copy, so nothing they do reaches the real one).
        shutil.copytree(os.path.join(repo, "lessons"), os.path.join(self.cwd, "lessons"))
        home = os.path.join(work, name + ".home")
        os.makedirs(home)
        env = dict(os.environ)
        for k in ("XDG_DATA_HOME", "TLSSTEP_LESSONS", "TLSSTEP", "LANGUAGE", "LC_MESSAGES"):
            env.pop(k, None)
        env.update(PATH=bindir + os.pathsep + env.get("PATH", ""), HOME=home,
                   LC_ALL="C.UTF-8", LANG="C.UTF-8", NO_COLOR="1")
        self.env = env
        print("# %s (in %s)" % (md, self.cwd), flush=True)
        for info, first, body in blocks(os.path.join(repo, md)):
            if info not in SHELLS:
                bad = [ln for ln in body if ln.lstrip().startswith(("tlsstep ", "$ tlsstep "))]
                if not info and bad:
                    self.emit("not ok - readme: %s:%d: a block of commands not marked ```sh "
                              "(they would not be run): %s" % (md, first - 1, norm(bad[0])))
                    self.flush()
                continue
            items = list(logical_lines(body, first))
            k = 0
            while k < len(items):
                _, cmd = items[k]
                k += 1
                if cmd is None:
                    continue
                if not is_server(cmd):
                    self.run_one(cmd, cmd)
                    self.flush()
                    continue
                clients = []
                while k < len(items) and items[k][1] is not None and not is_server(items[k][1]):
                    clients.append(items[k][1])
                    k += 1
                self.run_server(cmd, clients)
                self.flush()


def table(text, cols):
    rows = []
    for line in text.split("\n"):
        if line.strip() and not line.lstrip().startswith("#"):
            parts = [p.strip() for p in line.split(" | ")]
            if len(parts) != cols:
                sys.exit("readme.py: malformed table row: %s" % line)
            rows.append(parts)
    return rows


def main():
    args = sys.argv[1:]
    if len(args) < 4:
        sys.exit("usage: readme.py BIN_DIR WORK_DIR REPO FILE.md...")
    bindir, work, repo, files = args[0], args[1], args[2], args[3:]
    skip = {norm(c): why for c, why in table(os.environ.get("README_SKIP", ""), 2)}
    status = {norm(c): int(rc) for c, rc, _ in table(os.environ.get("README_STATUS", ""), 3)}
    r = Runner(skip, status)
    for md in files:
        r.run_file(md, work, bindir, repo)
    for key in sorted(set(skip) | set(status)):
        if key not in r.used:
            print("not ok - readme: the test's list names '%s', which no example has "
                  "(remove it from tests/readme/readme.sh)" % key)


if __name__ == "__main__":
    main()
