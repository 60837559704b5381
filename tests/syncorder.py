#!/usr/bin/env python3
"""syncorder.py - read an strace log (strace -f -y -e trace=openat,fsync,
fdatasync,linkat,rename,renameat,renameat2) and check that every file put in
place under DIR went to disk first, as base/out.c promises:

  - an O_TMPFILE is fsync'd (the real call, on that very file) before it is
    linked to a name;
  - a named temporary is fsync'd before it is renamed over the target;
  - after the last placement in a folder, the folder itself is fsync'd.

    syncorder.py DIR TRACE [MIN]

Prints one line per placement and "ok N" or what is wrong; exits 1 when
something is wrong or fewer than MIN (default 1) files were placed.  The
fault build's hook is not the call: only system calls count here.
"""
import os
import re
import sys

CALL = re.compile(r'^(?:\[pid\s+)?(\d+)\]?\s+(\w+)\((.*)\)\s+=\s+(-?\d+)')
ANNOT = re.compile(r'^(-?\d+|AT_FDCWD)(?:<(.*?)>(?:\(deleted\))?)?$')


def args_of(s):
    """Split strace's argument list at top-level commas."""
    out, depth, cur, quoted, esc = [], 0, '', False, False
    for c in s:
        if quoted:
            cur += c
            if esc:
                esc = False
            elif c == '\\':
                esc = True
            elif c == '"':
                quoted = False
            continue
        if c == '"':
            quoted = True
        elif c in '<([{':
            depth += 1
        elif c in '>)]}':
            depth -= 1
        elif c == ',' and depth == 0:
            out.append(cur.strip())
            cur = ''
            continue
        cur += c
    if cur.strip():
        out.append(cur.strip())
    return out


def unquote(s):
    return s[1:-1] if len(s) >= 2 and s[0] == '"' else s


def main():
    top = os.path.realpath(sys.argv[1])
    lines = open(sys.argv[2], errors='replace').read().splitlines()
    want = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    fds = {}          # (pid, fd) -> identity, from openat
    synced = set()    # identities fsync'd
    safe = set()      # names that hold synced data (linked from a synced file)
    placed = []       # (index, target)
    dir_syncs = []    # (index, folder)
    renamed = []      # sources of renames
    bad = []

    def ident(pid, a):
        m = ANNOT.match(a)
        if not m:
            return None
        if m.group(2):
            return m.group(2)
        return fds.get((pid, m.group(1)))

    pending = {}      # pid -> the first half of a call another one interrupted
    for i, line in enumerate(lines):
        r = re.match(r'^(\d+)\s+(.*?)\s*<unfinished \.\.\.>$', line)
        if r:
            pending[r.group(1)] = r.group(1) + ' ' + r.group(2)
            continue
        r = re.match(r'^(\d+)\s+<\.\.\. \w+ resumed>\s*(.*)$', line)
        if r:
            line = pending.pop(r.group(1), '') + r.group(2)
        m = CALL.match(line)
        if not m:
            continue
        pid, name, rest, ret = m.group(1), m.group(2), m.group(3), int(m.group(4))
        a = args_of(rest)
        if name == 'openat' and ret >= 0:
            r = re.search(r'=\s+(\d+)<(.*?)>', line)
            if r:
                fds[(pid, r.group(1))] = r.group(2)
        elif name in ('fsync', 'fdatasync') and ret == 0:
            who = ident(pid, a[0])
            if who:
                synced.add(who)
                dir_syncs.append((i, who))
        elif name == 'linkat' and ret == 0:
            src = unquote(a[1])
            if src.startswith('/proc/self/fd/'):
                who = fds.get((pid, src[len('/proc/self/fd/'):]))
            else:
                who = ident(pid, a[0])
            dst = unquote(a[3])
            if not dst.startswith(top):
                continue
            if who not in synced:
                bad.append('%s linked into place before its data was fsync\'d (%s)'
                           % (dst, who))
            safe.add(dst)
            placed.append((i, dst))
        elif name in ('rename', 'renameat', 'renameat2') and ret == 0:
            if name == 'rename':
                src, dst = unquote(a[0]), unquote(a[1])
            else:
                src, dst = unquote(a[1]), unquote(a[3])
            if not dst.startswith(top):
                continue
            renamed.append(src)
            if src not in safe and src not in synced:
                bad.append('%s renamed over %s before its data was fsync\'d' % (src, dst))
            placed.append((i, dst))
    # a name linked beside the target, then renamed over it, is one placement
    renamed_away = set(r_src for r_src in renamed)
    final = [(i, dst) for i, dst in placed if dst not in renamed_away]
    for i, dst in final:
        folder = os.path.dirname(dst)
        if not any(j > i and d == folder for j, d in dir_syncs):
            bad.append('%s: its folder not fsync\'d after it was put in place' % dst)
        print('placed %s' % dst[len(top):].lstrip('/'))
    if len(final) < want:
        bad.append('%d files put in place, %d expected' % (len(final), want))
    for b in bad:
        print('bad: ' + b)
    if not bad:
        print('ok %d' % len(final))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
