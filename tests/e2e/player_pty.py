#!/usr/bin/env python3
"""player_pty.py - drive `bobao play` through a pseudo-terminal, and find
what it played in the captured audio (for tests/e2e/player*.sh).

  player_pty.py drive DIR STEPS -- BOBAO ARGS...
      Run "stty -g; BOBAO ARGS; stty -g" in bash on a new pseudo-terminal
      and follow STEPS, separated by ';':
        wait:REGEX   until the terminal shows REGEX (10 s at most)
        sleep:S      seconds
        key:C        type C (a name: space, right, left, up, down)
        intr         Ctrl-C            term   SIGTERM to bobao
        quit         Ctrl-\            hup    SIGHUP to bobao
        tstp         SIGTSTP to bobao (run under job control; the shell
                     notes the terminal as it is then, and says "job
                     stopped", then brings bobao back with fg)
        raw:0|1      check that the terminal is (1) or is not (0) in raw mode
        open:PAT:0|1 check that bobao has (1) or has not (0) a file open
                     whose path holds PAT (counted with the raw checks)
      Writes DIR/transcript (what the terminal showed) and prints rc=N,
      stty_same=0|1 (after as before), raw_checks=ok|failed, and with tstp
      during_same=0|1 (while stopped as before).
  player_pty.py find REF.wav REF.vtt CAPTURE.wav
      For each cue K of the reference: whole_K = how many times its samples
      appear whole in the capture, at_K = where the first one starts (ms),
      starts_K = how many times its first 300 ms appear, prefix_K and
      suffix_K = ms of its longest start and end found (prefix_at_K: where),
      len_K = its length; zeros_ms = the longest run of
      digital silence in the capture.  bobao plays the very samples `synth`
      writes, so exact matches are expected.
  player_pty.py screen TRANSCRIPT COLS
      Play the transcript on a COLS-wide terminal (carriage returns, the
      escape codes bobao writes: ESC[K, ESC[nC) and print lines=N (screen
      lines used), widest=N (display columns of the widest) and
      escapes=N, crs=N (how many of each were written; \r before \n,
      the terminal's own, not counted).
  player_pty.py contains A.wav B.wav
      Exit 0 when the audible part of B is found whole in A.
"""
import os
import re
import signal
import sys
import termios
import time

KEYS = {'space': ' ', 'right': '\x1b[C', 'left': '\x1b[D', 'up': '\x1b[A', 'down': '\x1b[B'}


def child_of(pid):
    """The bash wrapper's child: bobao."""
    for _ in range(100):
        try:
            with open(f'/proc/{pid}/task/{pid}/children') as f:
                kids = f.read().split()
            if kids:
                return int(kids[0])
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit('bobao did not start')


def columns(ch):
    import unicodedata
    return 2 if unicodedata.east_asian_width(ch) in 'WF' else 1


def screen(path, cols):
    """Lay the transcript out as a terminal of cols columns that wraps."""
    data = open(path, encoding='utf-8', errors='replace', newline='').read()
    lines, col, widest = 1, 0, 0
    escapes = len(re.findall('\x1b', data))
    crs = len(re.findall('\r(?!\n)', data))   # the terminal's own \r\n aside
    i = 0
    while i < len(data):
        ch = data[i]
        m = re.match(r'\x1b\[([0-9]*)([A-Za-z])', data[i:])
        if m:
            if m.group(2) == 'C':
                col += int(m.group(1) or 1)
            i += len(m.group(0))
            continue
        i += 1
        if ch == '\r':
            col = 0
        elif ch == '\n':
            lines += 1
            col = 0
        else:
            w = columns(ch)
            if col + w > cols:   # the terminal wraps: a new screen line
                lines += 1
                col = 0
            col += w
            widest = max(widest, col)
    print(f'lines={lines}')
    print(f'widest={widest}')
    print(f'escapes={escapes}')
    print(f'crs={crs}')


def drive(folder, steps, argv):
    import pexpect
    cmd = 'stty -g >"$D/before"; "$@"; rc=$?; stty -g >"$D/after"; echo "rc=$rc"'
    if 'tstp' in steps:
        # job control, as in a login shell: the job in a process group of
        # its own, so that SIGTSTP stops it (in an orphaned group it would
        # not); when it stops, note the terminal, then fg it
        cmd = ('set -m; stty -g >"$D/before"; "$@" & fg %1 >/dev/null; '
               'stty -g >"$D/during"; echo "job stopped"; fg %1 >/dev/null; rc=$?; '
               'stty -g >"$D/after"; echo "rc=$rc"')
    # a terminal as people have: TERM=xterm, 200 columns, unless the test
    # asks for another (PTY_TERM, PTY_COLS)
    env = dict(os.environ, D=folder, TERM=os.environ.get('PTY_TERM', 'xterm'))
    c = pexpect.spawn('bash', ['-c', cmd, 'bash'] + argv, env=env, encoding='utf-8',
                      timeout=10, dimensions=(24, int(os.environ.get('PTY_COLS', '200'))))
    transcript = open(os.path.join(folder, 'transcript'), 'w')
    c.logfile_read = transcript
    bobao = None
    raw_ok = True
    for step in [s for s in steps.split(';') if s]:
        what, _, arg = step.partition(':')
        if what == 'wait':
            c.expect(arg)
        elif what == 'sleep':
            time.sleep(float(arg))
        elif what == 'key':
            c.send(KEYS.get(arg, arg))
        elif what == 'intr':
            c.sendintr()
        elif what == 'quit':
            c.sendcontrol('\\')
        elif what in ('term', 'tstp', 'hup'):
            bobao = bobao or child_of(c.pid)
            os.kill(bobao, {'term': signal.SIGTERM, 'tstp': signal.SIGTSTP,
                            'hup': signal.SIGHUP}[what])
        elif what == 'open':
            # open:PATTERN:0|1 - has bobao a file matching PATTERN open?
            pattern, _, want = arg.rpartition(':')
            bobao = bobao or child_of(c.pid)
            for _ in range(40):
                held = any(pattern in os.readlink(f'/proc/{bobao}/fd/{fd}')
                           for fd in os.listdir(f'/proc/{bobao}/fd'))
                if held == (want == '1'):
                    break
                time.sleep(0.05)
            raw_ok = raw_ok and held == (want == '1')
        elif what == 'raw':
            want = arg == '1'
            for _ in range(40):   # it takes a moment
                lflag = termios.tcgetattr(c.child_fd)[3]
                if (not lflag & termios.ICANON) == want:
                    break
                time.sleep(0.05)
            raw_ok = raw_ok and (not lflag & termios.ICANON) == want
        else:
            raise SystemExit(f'unknown step {step}')
    c.expect(r'rc=(\d+)', timeout=30)
    rc = c.match.group(1)
    c.expect(pexpect.EOF)
    transcript.close()
    with open(os.path.join(folder, 'before')) as f1, open(os.path.join(folder, 'after')) as f2:
        same = f1.read() == f2.read()
    if 'tstp' in steps:
        with open(os.path.join(folder, 'before')) as f1, open(os.path.join(folder, 'during')) as f2:
            print(f'during_same={int(f1.read() == f2.read())}')
    print(f'rc={rc}')
    print(f'stty_same={int(same)}')
    print(f'raw_checks={"ok" if raw_ok else "failed"}')


def samples(path):
    """Rate and 16-bit mono samples of a WAV file (libao writes the
    extensible header, which the wave module does not read)."""
    data = open(path, 'rb').read()
    assert data[:4] == b'RIFF' and data[8:12] == b'WAVE', path
    i, rate, pcm = 12, 0, b''
    while i + 8 <= len(data):
        cid, size = data[i:i + 4], int.from_bytes(data[i + 4:i + 8], 'little')
        body = data[i + 8:i + 8 + size]
        if cid == b'fmt ':
            assert int.from_bytes(body[2:4], 'little') == 1, 'mono'
            assert int.from_bytes(body[14:16], 'little') == 16, '16-bit'
            rate = int.from_bytes(body[4:8], 'little')
        elif cid == b'data':
            pcm = body
        i += 8 + size + (size & 1)
    return rate, pcm


def cues(path):
    out = []
    for m in re.finditer(r'(\d+):(\d+):(\d+)\.(\d+) --> (\d+):(\d+):(\d+)\.(\d+)', open(path).read()):
        g = [int(x) for x in m.groups()]
        out.append(((g[0] * 3600 + g[1] * 60 + g[2]) * 1000 + g[3],
                    (g[4] * 3600 + g[5] * 60 + g[6]) * 1000 + g[7]))
    return out


def find(ref, vtt, cap):
    rate, r = samples(ref)
    crate, c = samples(cap)
    assert rate == crate
    ms = lambda frames: frames * 1000.0 / rate
    for k, (a, b) in enumerate(cues(vtt), 1):
        s = r[a * rate // 1000 * 2:b * rate // 1000 * 2]
        count, pos = 0, c.find(s)
        first = pos
        while pos >= 0:
            count += 1
            pos = c.find(s, pos + 2)
        step = rate // 20 * 2   # 50 ms
        # the longest start of the sentence found, and the longest end
        n, at, first_step = 0, -1, 4 * step   # 200 ms: less may be found by chance
        while n + (step if n else first_step) <= len(s):
            p = c.find(s[:n + (step if n else first_step)])
            if p < 0:
                break
            n, at = n + (step if n else first_step), p
        e = 0
        while e + (step if e else first_step) <= len(s) and \
                c.find(s[len(s) - e - (step if e else first_step):]) >= 0:
            e += step if e else first_step
        starts, p = 0, c.find(s[:6 * step])
        while p >= 0:
            starts += 1
            p = c.find(s[:6 * step], p + 2)
        print(f'whole_{k}={count}')
        print(f'at_{k}={ms(first // 2) if first >= 0 else -1:.0f}')
        print(f'starts_{k}={starts}')
        print(f'prefix_{k}={ms(n // 2):.0f}')
        print(f'prefix_at_{k}={ms(at // 2) if at >= 0 else -1:.0f}')
        print(f'suffix_{k}={ms(e // 2):.0f}')
        print(f'len_{k}={ms(len(s) // 2):.0f}')
    longest = run = 0
    for i in range(0, len(c), 2):
        if c[i] == 0 and c[i + 1] == 0:
            run += 1
            longest = max(longest, run)
        else:
            run = 0
    print(f'zeros_ms={ms(longest):.0f}')


if __name__ == '__main__':
    if sys.argv[1] == 'drive':
        sep = sys.argv.index('--')
        drive(sys.argv[2], sys.argv[3], sys.argv[sep + 1:])
    elif sys.argv[1] == 'find':
        find(*sys.argv[2:5])
    elif sys.argv[1] == 'screen':
        screen(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == 'contains':
        # is the speech of B (its audible part) in A?
        _, a = samples(sys.argv[2])
        _, b = samples(sys.argv[3])
        nz = [i for i in range(0, len(b), 2) if abs(int.from_bytes(b[i:i + 2], 'little', signed=True)) > 200]
        sys.exit(0 if nz and a.find(b[nz[0]:nz[-1] + 2]) >= 0 else 1)
    else:
        raise SystemExit(__doc__)
