#!/usr/bin/env python3
"""Start time and memory of the window, as ratios to an empty Tauri window (issue 13).

For each subject — the empty window (bench/empty-window), Jiandu on the demo county, Jiandu on a
city-scale database — in one run, on one private Xvfb screen:
  * start time: from the launch to the moment the screen first shows what it finally settles on
    (the worklist drawn with its data; for the empty window its one line of text). The screen is
    read with `xwd -root` every few tens of milliseconds; the screen has settled when no new
    picture has appeared for SETTLE seconds (a blinking caret's two pictures are both final;
    GTK_OVERLAY_SCROLLING=0, or the overlay scrollbars' fading would count as change). Jiandu opens on its sign-in screen (the databases have an
    administrator, as in an office): the time to that screen plus the time from the Enter key to
    the worklist is the start time — the clerk's typing is not counted.
  * memory: the proportional set size (PSS, /proc/PID/smaps_rollup) of the whole process tree —
    the program and its WebKit web and network processes — once the screen has settled.
Each subject is started once to warm the disk cache and take the day's automatic backup, then
RUNS times, alternating the subjects; the medians and their ratios to the empty window are
printed. Release builds: `make bench-start` builds them first.

Usage: scripts/bench-start.py [--runs 3] [--city] [--keep DIR]
"""

import argparse
import hashlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASE = os.path.join(ROOT, "target", "release")
JIANDU = os.path.join(RELEASE, "jiandu")
EMPTY = os.path.join(RELEASE, "jiandu-empty-window")
SCREEN = "1400x900x24"
LOGIN, PASSWORD = "ceshi", "Jiandu-2026x"
SETTLE = 3.0      # seconds without change that mean "drawn"
TIMEOUT = 60.0    # give up on a start after this long


def die(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def tree(pid):
    """pid and all its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def pss_kib(pids):
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def frame(display):
    for attempt in range(3):  # xwd was seen to fail once in a few hundred reads
        done = subprocess.run(["xwd", "-root", "-silent", "-display", display], capture_output=True)
        if done.returncode == 0:
            break
        time.sleep(0.05)
    else:
        die(f"xwd could not read the screen: {done.stderr.decode(errors='replace')}")
    out = done.stdout
    # Only the pixels: the header's colour map carries bytes that change from one read to the next.
    header_size = int.from_bytes(out[0:4], "big")
    ncolors = int.from_bytes(out[76:80], "big")
    return hashlib.sha1(out[header_size + 12 * ncolors:]).hexdigest()


def settle(display, proc, start, blank, argv):
    """Reads the screen until no new picture has appeared for SETTLE seconds (a blinking text
    caret makes two pictures alternate: both count as settled); returns the moment (seconds since
    `start`) the first of the final pictures appeared, the number of reads, and the last picture."""
    seen = []  # (seconds, picture)
    first_seen = {}
    while True:
        now = time.monotonic() - start
        h = frame(display)
        seen.append((now, h))
        first_seen.setdefault(h, now)
        if proc.poll() is not None:
            die(f"{argv[0]} ended early (exit {proc.returncode})")
        recent = {x for t, x in seen if t >= now - SETTLE}
        if blank not in recent and seen[0][0] <= now - SETTLE and max(first_seen[x] for x in recent) <= now - SETTLE:
            return min(first_seen[x] for x in recent), len(seen), h
        if now > TIMEOUT:
            names = {}
            trail = " ".join(f"{t:.1f}:{names.setdefault(x, len(names))}" for t, x in seen[-40:])
            die(f"{argv[0]}: the screen did not settle within {TIMEOUT:.0f} s (last pictures, time:picture: {trail})")
        time.sleep(0.02)


def measure(display, argv, env, sign_in=None):
    """(seconds to the settled picture, PSS KiB of the tree, screen reads, sign-in screen seconds).

    With `sign_in` = (login, password) the first settled picture is the sign-in screen: the login
    and password are typed there (xdotool, not timed) and the clock runs again from the Enter key
    to the settled worklist; the start time is the sum of the two machine waits."""
    blank = frame(display)
    start = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        first, reads, picture = settle(display, proc, start, blank, argv)
        gate = None
        if sign_in:
            gate = first
            login, password = sign_in
            xdo = ["xdotool"]
            subprocess.run(xdo + ["type", "--delay", "1", login], env=env, check=True)
            subprocess.run(xdo + ["key", "Tab"], env=env, check=True)
            subprocess.run(xdo + ["type", "--delay", "1", password], env=env, check=True)
            time.sleep(0.3)
            typed = frame(display)
            enter = time.monotonic()
            subprocess.run(xdo + ["key", "Return"], env=env, check=True)
            after, more, picture = settle(display, proc, enter, typed, argv)
            if picture == typed:
                die(f"{argv[0]}: nothing changed after signing in")
            first = gate + after
            reads += more
        memory = pss_kib(tree(proc.pid))
        return first, memory, reads, gate
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        time.sleep(1.0)  # let the WebKit processes go


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--city", action="store_true", help="also a city-scale database (50,000 people, ten years; generated once, ~1 min)")
    ap.add_argument("--keep", help="a folder to keep the generated data folders in (reused when present)")
    args = ap.parse_args()

    for exe in (JIANDU, EMPTY):
        if not os.access(exe, os.X_OK):
            die(f"{exe} is missing: run `make bench-start` (it builds the release binaries first)")
    for tool in ("Xvfb", "xwd", "xdotool"):
        if shutil.which(tool) is None:
            die(f"{tool} is missing: scripts/setup.sh test installs it")

    work = args.keep or tempfile.mkdtemp(prefix="jiandu-bench-start-")
    os.makedirs(work, exist_ok=True)
    def data_folder(name, kind):
        folder = os.path.join(work, name)
        if not os.path.exists(os.path.join(folder, "jiandu.db")):
            os.makedirs(folder, exist_ok=True)
            subprocess.run(["cargo", "run", "--quiet", "--release", "-p", "jiandu-core", "--example", "bench_db", "--",
                            kind, "--admin", f"{LOGIN}:{PASSWORD}", os.path.join(folder, "jiandu.db")], check=True, cwd=ROOT)
        return folder

    subjects = [("empty window", [EMPTY], None), ("Jiandu, demo county", [JIANDU], data_folder("demo", "--demo"))]
    if args.city:
        subjects.append(("Jiandu, city scale", [JIANDU], data_folder("city", "--city")))

    display = ":%d" % (90 + os.getpid() % 9)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", SCREEN, "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    results = {name: [] for name, _, _ in subjects}
    try:
        # Classic scrollbars: WebKitGTK's overlay scrollbars fade in and out for seconds after a
        # page is drawn, which would read as the screen still changing.
        base = dict(os.environ, DISPLAY=display, GTK_OVERLAY_SCROLLING="0")
        base.pop("WAYLAND_DISPLAY", None)
        for round_ in range(args.runs + 1):
            for name, argv, data in subjects:
                env = dict(base)
                if data:
                    env["JIANDU_DATA_DIR"] = data
                painted, memory, frames, gate = measure(display, argv, env, (LOGIN, PASSWORD) if data else None)
                label = "warm-up" if round_ == 0 else f"run {round_}"
                part = f" (sign-in screen {gate:.2f} s + after Enter {painted - gate:.2f} s)" if gate is not None else ""
                print(f"{label:8} {name:22} drawn after {painted:5.2f} s{part}, PSS {memory / 1024:6.0f} MiB ({frames} screen reads)", flush=True)
                if round_ > 0:
                    results[name].append((painted, memory))
    finally:
        xvfb.terminate()
        xvfb.wait()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    empty_t = statistics.median(t for t, _ in results["empty window"])
    empty_m = statistics.median(m for _, m in results["empty window"])
    print()
    print(f"| subject | start (median of {args.runs}) | × empty | PSS (median) | × empty |")
    print("|---|---:|---:|---:|---:|")
    for name, _, _ in subjects:
        t = statistics.median(x for x, _ in results[name])
        m = statistics.median(y for _, y in results[name])
        print(f"| {name} | {t:.2f} s | {t / empty_t:.2f}× | {m / 1024:.0f} MiB | {m / empty_m:.2f}× |")
    print("\ngoals: start ≤ 1.3× the empty window, memory ≤ 1.2×")


if __name__ == "__main__":
    main()
