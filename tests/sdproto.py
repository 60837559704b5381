#!/usr/bin/python3
"""Drive sd_bobao, the Speech Dispatcher output module, over its protocol.

    sdproto.py protocol SD_BOBAO CONF BOBAO   the protocol tests
    sdproto.py fuzz SD_BOBAO CONF SECONDS SEED  random and mutated commands
    sdproto.py bench SD_BOBAO CONF [N]         latency figures, one per line
    sdproto.py client SOCKET                   marks and cancel through a
                                               running speech-dispatcher

Prints "ok - what" / "not ok - what" / "skip - what<TAB>why" / "# note"
lines; speechd.sh turns them into TAP.  Every wait is bounded.
"""
import html
import os
import queue
import random
import re
import struct
import subprocess
import sys
import tempfile
import threading
import time
import wave

TIMEOUT = 20.0
SENTENCE = "今天天气很好，我们去公园散步，看到很多人在锻炼身体。"
# long enough (200 sentences, seconds of synthesis) that the module is still
# speaking when a STOP comes, however slow the machine
LONG = "<speak>" + SENTENCE * 200 + "</speak>"


def report(what, good, detail=""):
    print(("ok - " if good else "not ok - ") + what, flush=True)
    if detail and not good:
        print("#   " + detail, flush=True)


def note(text):
    print("# " + text, flush=True)


def unescape(data):
    """705 data: 0x7D then byte ^ 0x20 stands for 0x0A or 0x7D."""
    return re.sub(rb"\x7d(.)", lambda m: bytes([m.group(1)[0] ^ 0x20]), data, flags=re.S)


class Audio:
    """A 705 block: audio[0] the samples, audio[1] the rate, audio[2] whether
    its header and data agree (16-bit mono, num_samples samples)."""

    def __init__(self, meta):
        self.meta = meta
        self.decoded = None

    def __getitem__(self, i):
        if i == 1:
            return int(self.meta.get("sample_rate", 0))
        if self.decoded is None:
            data = unescape(self.meta.get("data", b""))
            fmt = ">" if self.meta.get("big_endian") == "1" else "<"
            self.decoded = struct.unpack(fmt + "%dh" % (len(data) // 2), data[:len(data) // 2 * 2])
        if i == 0:
            return self.decoded
        return len(self.decoded) == int(self.meta.get("num_samples", -1)) and \
            self.meta.get("bits") == "16" and self.meta.get("num_channels") == "1"


class Module:
    """sd_bobao as a child process; events parsed by a reader thread."""

    def __init__(self, path, conf, log):
        self.log = open(log, "ab")
        env = dict(os.environ)
        env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
        self.p = subprocess.Popen([path, conf], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=self.log, env=env)
        self.events = queue.Queue()
        self.t = threading.Thread(target=self._read, daemon=True)
        self.t.start()

    def _read(self):
        f = self.p.stdout
        meta = {}
        while True:
            line = f.readline()
            if not line:
                self.events.put((time.monotonic(), "eof", None))
                return
            now = time.monotonic()
            if line.startswith(b"705-AUDIO\0"):
                meta["data"] = line[len(b"705-AUDIO\0"):-1]   # escaped
                continue
            if line.startswith(b"705-"):
                k, _, v = line[4:-1].decode().partition("=")
                meta[k] = v
                continue
            if line == b"705 AUDIO\n":
                # decoded when looked at: the reader keeps up with the module
                self.events.put((now, "audio", Audio(meta)))
                meta = {}
                continue
            self.events.put((now, "line", line.decode("utf-8", "replace").rstrip("\n")))

    def send(self, text):
        t = time.monotonic()
        try:
            self.p.stdin.write(text.encode())
            self.p.stdin.flush()
        except (BrokenPipeError, OSError):
            pass
        return t

    def next(self, timeout=TIMEOUT):
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            return (time.monotonic(), "timeout", None)

    def until(self, pred, timeout=TIMEOUT):
        """Events up to and including the first that pred accepts."""
        got = []
        end = time.monotonic() + timeout
        while True:
            ev = self.next(max(0.0, end - time.monotonic()))
            got.append(ev)
            if ev[1] in ("eof", "timeout") or pred(ev):
                return got

    def close(self):
        try:
            self.p.stdin.close()
        except OSError:
            pass
        try:
            rc = self.p.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = "hung"
        self.log.close()
        return rc


def is_line(text):
    return lambda ev: ev[1] == "line" and ev[2] == text


def ended(ev):
    return ev[1] == "line" and ev[2] in ("702 END", "703 STOP", "704 PAUSE")


def start(path, conf, log):
    m = Module(path, conf, log)
    m.send("INIT\n")
    got = m.until(lambda ev: ev[1] == "line" and ev[2].startswith("299 "))
    m.send("AUDIO\naudio_output_method=server\n.\n")
    got += m.until(lambda ev: ev[1] == "line" and ev[2].startswith("203 "))
    return m, got


def speak(m, ssml, cmd="SPEAK"):
    """Send a message; its events up to its end, and when its '.' went."""
    m.send(cmd + "\n")
    m.until(is_line("202 OK RECEIVING MESSAGE"))
    t0 = m.send(ssml + "\n.\n")
    return t0, m.until(ended)


def speaking(m, ssml):
    """Send a message and return once its audio has started."""
    m.send("SPEAK\n")
    m.until(is_line("202 OK RECEIVING MESSAGE"))
    m.send(ssml + "\n.\n")
    return m.until(lambda ev: ev[1] == "audio")


def samples_of(events):
    out = []
    for ev in events:
        if ev[1] == "audio":
            out.extend(ev[2][0])
    return out


def wav_frames(path):
    with wave.open(path) as w:
        return w.getnframes(), w.getframerate()


def synth_frames(bobao, text, pauses):
    """What bobao synth gives for text, with no lead-in or lead-out."""
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "in.txt")
        out = os.path.join(d, "out.wav")
        with open(src, "w") as f:
            f.write(text + "\n")
        subprocess.run([bobao, "synth", "-q", "--jobs", "1", "--lead-in", "0", "--lead-out", "0",
                        "--breath-pause", str(pauses[0]), "--sentence-pause", str(pauses[1]),
                        "--paragraph-pause", str(pauses[2]), src, "-o", out],
                       check=True, timeout=60)
        return wav_frames(out)


def conf_pauses(conf):
    p = {"bobaobreathpause": 150, "bobaosentencepause": 350, "bobaoparagraphpause": 700}
    with open(conf) as f:
        for line in f:
            w = line.split()
            if len(w) == 2 and w[0].lower() in p:
                p[w[0].lower()] = int(w[1])
    return (p["bobaobreathpause"], p["bobaosentencepause"], p["bobaoparagraphpause"])


def protocol(path, conf, bobao):
    log = conf + ".log"
    pauses = conf_pauses(conf)
    m, got = start(path, conf, log)
    lines = [ev[2] for ev in got if ev[1] == "line"]
    report("INIT: 299 OK LOADED SUCCESSFULLY", "299 OK LOADED SUCCESSFULLY" in lines, str(lines))
    report("AUDIO server: 203 OK AUDIO INITIALIZED", "203 OK AUDIO INITIALIZED" in lines,
           str(lines))

    m.send("LIST VOICES\n")
    got = m.until(lambda ev: ev[1] == "line" and not ev[2].startswith("200-"))
    voices = [ev[2] for ev in got if ev[1] == "line"]
    report("LIST VOICES: bobao-cmn in zh, the eSpeak variants, 200 OK VOICE LIST SENT",
           "200-bobao-cmn\tzh\tnone" in voices and "200-bobao-cmn+f2\tzh\tf2" in voices
           and voices[-1] == "200 OK VOICE LIST SENT", str(voices))

    m.send("AUDIO\naudio_output_method=pulse\n.\n")
    got = m.until(lambda ev: ev[1] == "line" and not ev[2].startswith("300-")
                  and not ev[2].startswith("207"))
    report("AUDIO other than server: 300 MODULE ERROR", got[-1][2] == "300 MODULE ERROR",
           str(got[-1]))

    m.send("SET\nrate=0\npitch=0\nvolume=0\npunctuation_mode=none\nspelling_mode=off\n"
           "voice_type=MALE1\nlanguage=zh\ncap_let_recogn=none\n.\n")
    got = m.until(lambda ev: ev[1] == "line" and ev[2] != "203 OK RECEIVING SETTINGS")
    report("SET: 203 OK SETTINGS RECEIVED", got[-1][2] == "203 OK SETTINGS RECEIVED", str(got[-1]))
    m.send("SET\nrate=fast\n.\n")
    got = m.until(lambda ev: ev[1] == "line" and ev[2] != "203 OK RECEIVING SETTINGS")
    report("SET rate=fast: 303 invalid value", got[-1][2].startswith("303"), str(got[-1]))

    m.send("WHATEVER\n")
    got = m.until(lambda ev: ev[1] == "line")
    report("unknown command: 300 ERR UNKNOWN COMMAND", got[-1][2] == "300 ERR UNKNOWN COMMAND",
           str(got[-1]))

    # a sentence: its audio has the duration bobao synth gives it
    sentence = "银行行长说，增长了5%。"
    t0, got = speak(m, "<speak>%s</speak>" % sentence)
    lines = [ev[2] for ev in got if ev[1] == "line"]
    audio = [ev for ev in got if ev[1] == "audio"]
    report("SPEAK: 200 OK SPEAKING, 701 BEGIN, audio, 702 END",
           lines[:2] == ["200 OK SPEAKING", "701 BEGIN"] and lines[-1] == "702 END" and audio,
           str(lines))
    report("705 blocks decode to their num_samples, 16-bit mono at 22050 Hz",
           audio and all(ev[2][2] and ev[2][1] == 22050 for ev in audio))
    frames, rate = synth_frames(bobao, sentence, pauses)
    n = len(samples_of(got))
    report("the sentence lasts what bobao synth gives it (%d vs %d samples)" % (n, frames),
           abs(n - frames) <= 0.03 * frames, "%d vs %d" % (n, frames))
    report("its audio is speech, not silence",
           max(abs(x) for x in samples_of(got)) > 3000 if n else False)

    # marks: in order, each where the text before it ends
    texts = ["第一句。", "第二句话长一些。", "第三句。"]
    ssml = "<speak>%s<mark name=\"a\"/>%s<mark name=\"b\"/>%s</speak>" % tuple(texts)
    _, got = speak(m, ssml)
    pos, marks, count = {}, [], 0
    for ev in got:
        if ev[1] == "audio":
            count += len(ev[2][0])
        elif ev[1] == "line" and ev[2].startswith("700-"):
            marks.append(ev[2][4:])
            pos[ev[2][4:]] = count
    report("marks arrive in order", marks == ["a", "b"], str(marks))
    _, nl = speak(m, "<speak>你<mark name=\"x&#10;702 END\"/>好</speak>")
    lines = [ev[2] for ev in nl if ev[1] == "line"]
    report("a mark's name cannot break the protocol's lines",
           "700-x 702 END" in lines and lines.count("702 END") == 1, str(lines))
    f1 = synth_frames(bobao, texts[0], pauses)[0]
    f12 = synth_frames(bobao, texts[0] + texts[1], pauses)[0]
    report("mark a comes after the first sentence (%d vs %d)" % (pos.get("a", -1), f1),
           abs(pos.get("a", -1) - f1) <= 0.03 * f1 + 0.02 * rate)
    report("mark b comes after the second sentence (%d vs %d)" % (pos.get("b", -1), f12),
           abs(pos.get("b", -1) - f12) <= 0.03 * f12 + 0.02 * rate)
    total = synth_frames(bobao, "".join(texts), pauses)[0]
    report("text with marks lasts as long as without (%d vs %d)" % (count, total),
           abs(count - total) <= 0.03 * total)

    # break, spelling, punctuation, CHAR, KEY
    _, plain = speak(m, "<speak>你好世界</speak>")
    _, brk = speak(m, "<speak>你好<break time=\"500ms\"/>世界</speak>")
    d = len(samples_of(brk)) - len(samples_of(plain))
    report("<break time=500ms> adds half a second (%.3f s)" % (d / rate),
           0.45 * rate <= d <= 0.6 * rate)
    _, word = speak(m, "<speak>ABC</speak>")
    _, spelt = speak(m, "<speak><say-as interpret-as=\"characters\">ABC</say-as></speak>")
    report("say-as characters spells: longer than the word",
           len(samples_of(spelt)) > len(samples_of(word)) + 0.2 * rate)
    m.send("SET\nspelling_mode=on\n.\n")
    m.until(lambda ev: ev[1] == "line" and ev[2] != "203 OK RECEIVING SETTINGS")
    _, spelt2 = speak(m, "<speak>ABC</speak>")
    m.send("SET\nspelling_mode=off\n.\n")
    m.until(lambda ev: ev[1] == "line" and ev[2] != "203 OK RECEIVING SETTINGS")
    report("spelling_mode on spells as say-as does (%d vs %d samples)"
           % (len(samples_of(spelt2)), len(samples_of(spelt))),
           abs(len(samples_of(spelt2)) - len(samples_of(spelt))) <= 0.03 * rate)
    _, none = speak(m, "<speak>你好，世界！a@b</speak>")
    m.send("SET\npunctuation_mode=some\n.\n")
    m.until(lambda ev: ev[1] == "line" and ev[2] != "203 OK RECEIVING SETTINGS")
    _, some = speak(m, "<speak>你好，世界！a@b</speak>")
    m.send("SET\npunctuation_mode=all\n.\n")
    m.until(lambda ev: ev[1] == "line" and ev[2] != "203 OK RECEIVING SETTINGS")
    _, every = speak(m, "<speak>你好，世界！a@b</speak>")
    m.send("SET\npunctuation_mode=none\n.\n")
    m.until(lambda ev: ev[1] == "line" and ev[2] != "203 OK RECEIVING SETTINGS")
    a, b, c = len(samples_of(none)), len(samples_of(some)), len(samples_of(every))
    report("punctuation some names @, all names ，and ！ too (%d < %d < %d)" % (a, b, c),
           a + 0.2 * rate < b and b + 0.4 * rate < c)
    _, ch = speak(m, "a", "CHAR")
    _, key = speak(m, "shift_a", "KEY")
    report("CHAR and KEY speak and end",
           samples_of(ch) and samples_of(key) and ended(ch[-1]) and ch[-1][2] == "702 END"
           and key[-1][2] == "702 END" and len(samples_of(key)) > len(samples_of(ch)))
    _, sp = speak(m, "space", "CHAR")
    report("CHAR space says the key's name", len(samples_of(sp)) > 0.2 * rate)
    _, lt = speak(m, "<", "CHAR")
    _, lt2 = speak(m, "<speak>&lt;</speak>", "CHAR")
    report("CHAR < says its name, as text or as SSML",
           len(samples_of(lt)) > 0.2 * rate
           and abs(len(samples_of(lt)) - len(samples_of(lt2))) <= 0.05 * len(samples_of(lt)))

    # rate: faster is shorter
    m.send("SET\nrate=60\n.\n")
    m.until(lambda ev: ev[1] == "line" and ev[2] != "203 OK RECEIVING SETTINGS")
    _, fast = speak(m, "<speak>%s</speak>" % sentence)
    m.send("SET\nrate=0\n.\n")
    m.until(lambda ev: ev[1] == "line" and ev[2] != "203 OK RECEIVING SETTINGS")
    report("SET rate=60 speaks faster (%d < %d)" % (len(samples_of(fast)), n),
           len(samples_of(fast)) < 0.8 * n)

    # first audio: resident engine, no process per message
    lat = []
    for _ in range(5):
        t0, got = speak(m, "<speak>你好</speak>")
        first = next((ev[0] for ev in got if ev[1] == "audio"), None)
        if first is not None:
            lat.append((first - t0) * 1000)
    lat.sort()
    note("first audio of a two-character SPEAK: median %.1f ms" % (lat[len(lat) // 2] if lat else -1))
    report("first audio of a two-character SPEAK within 100 ms (this build; bench: 30 ms)",
           len(lat) == 5 and lat[2] <= 100, str(lat))

    # STOP: 703 STOP at once, then nothing more of the message
    speaking(m, LONG)
    t0 = m.send("STOP\n")
    got = m.until(ended)
    stop_ms = (got[-1][0] - t0) * 1000
    report("STOP: 703 STOP within 20 ms (%.1f ms)" % stop_ms,
           got[-1][2] == "703 STOP" and stop_ms <= 20)
    after = m.until(lambda ev: False, timeout=0.5)
    report("nothing after 703 STOP", all(ev[1] == "timeout" for ev in after),
           str([ev[1:2] for ev in after]))

    # STOP then SPEAK at once: only the new message is heard
    _, ref = speak(m, "<speak>新消息。</speak>")
    speaking(m, LONG)
    m.send("STOP\nSPEAK\n<speak>新消息。</speak>\n.\n")
    got = m.until(lambda ev: ev[1] == "line" and ev[2] == "702 END")
    kinds = [ev[2] if ev[1] == "line" else ev[1] for ev in got]
    i_stop = kinds.index("703 STOP") if "703 STOP" in kinds else -1
    i_begin = kinds.index("701 BEGIN") if "701 BEGIN" in kinds else -1
    fresh = samples_of(got[i_begin:]) if i_begin >= 0 else []
    report("STOP then SPEAK: 703 STOP, then the new message only",
           0 <= i_stop < i_begin and "audio" not in kinds[i_stop:i_begin]
           and fresh and abs(len(fresh) - len(samples_of(ref))) <= 0.02 * len(samples_of(ref)),
           "%s; %d samples, alone %d" % ([k for k in kinds if k != "audio"], len(fresh),
                                         len(samples_of(ref))))

    # PAUSE: stops after the next mark with 704 PAUSE
    speaking(m, "<speak>" + "".join("第%d句话。<mark name=\"p%d\"/>" % (i, i) for i in range(200))
             + "</speak>")
    m.send("PAUSE\n")
    got = m.until(ended)
    kinds = [ev[2] for ev in got if ev[1] == "line"]
    report("PAUSE: stops after the next mark, 704 PAUSE",
           len(kinds) >= 3 and kinds[-3].startswith("700-p") and kinds[-2:] == ["700 INDEX MARK",
                                                                               "704 PAUSE"],
           str(kinds[-5:]))

    # malformed SSML and control characters are still read
    _, bad = speak(m, "<speak>你好<mark name=</speak>世界<b>\x01")
    report("malformed SSML: spoken leniently, 702 END", bad[-1][2] == "702 END" and samples_of(bad))
    _, dtd = speak(m, "<!DOCTYPE speak [<!ENTITY a \"你好你好你好你好\"><!ENTITY b \"&a;&a;&a;&a;"
                   "&a;&a;&a;&a;\">]><speak>&b;&b;&b;</speak>")
    report("entities are not expanded (no billion laughs)", dtd[-1][2] == "702 END")

    # a real article: as long as bobao synth makes it (paragraphs joined:
    # SSML collapses line breaks)
    sample = os.environ.get("SAMPLE", "")
    if os.path.exists(sample):
        with open(sample, encoding="utf-8") as f:
            article = " ".join(f.read().split("\n"))
        m.send("SPEAK\n")
        m.until(is_line("202 OK RECEIVING MESSAGE"))
        m.send("<speak>" + html.escape(article) + "</speak>\n.\n")
        got = m.until(ended, timeout=300)
        n = len(samples_of(got))
        frames = synth_frames(bobao, article, pauses)[0]
        report("the shared sample lasts what bobao synth gives it (%.1f vs %.1f s)"
               % (n / rate, frames / rate),
               got[-1][2] == "702 END" and abs(n - frames) <= 0.01 * frames)
    else:
        print("skip - the shared sample\tnot found at %r" % sample, flush=True)

    # a huge message is cut, said so in the log, and the module lives on
    huge = "<speak>" + "大" * 200000 + "</speak>"
    speaking(m, huge)
    m.send("STOP\n")
    got = m.until(ended)
    report("huge message: spoken, stopped", got[-1][2] == "703 STOP")
    m.send("QUIT\n")
    got = m.until(is_line("210 OK QUIT"))
    report("QUIT: 210 OK QUIT", got[-1][2] == "210 OK QUIT")
    rc = m.close()
    report("exits 0 after QUIT", rc == 0, "status %s" % rc)
    with open(log, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    report("the log says the huge message was cut", "cut" in text, text[-400:])
    report("no sanitizer report", "Sanitizer" not in text, text[-2000:])

    # end of input while speaking: exits 0 at once
    m, _ = start(path, conf, log)
    m.send("SPEAK\n" + LONG + "\n.\n")
    m.until(lambda ev: ev[1] == "audio")
    t0 = time.monotonic()
    rc = m.close()
    report("EOF while speaking: exits 0 (%.0f ms)" % ((time.monotonic() - t0) * 1000), rc == 0,
           "status %s" % rc)


def fuzz(path, conf, seconds, seed):
    """Random and mutated protocol lines; the module must answer or ignore
    each and exit cleanly at the end of its input."""
    rnd = random.Random(seed)
    log = conf + ".fuzz.log"
    commands = ["INIT", "SPEAK", "CHAR", "KEY", "SOUND_ICON", "STOP", "PAUSE", "SET", "AUDIO",
                "LOGLEVEL", "LIST VOICES", "DEBUG ON /tmp/x", "DEBUG OFF", "", ".", "..",
                "HELLO", "SPEAK " * 3]
    pieces = ["<speak>", "</speak>", "你好", "<mark name=\"m\"/>", "<break time=\"10ms\"/>",
              "<say-as interpret-as=\"characters\">ab</say-as>", "<", ">", "&amp;", "&#0;",
              "&#xD800;", "<p>", "</p>", "\x00", "\x7f", "\xff", "5%", "。", "<!--", "]]>",
              "<![CDATA[x]]>", "<?xml version=\"1.0\"?>", "<sub alias=\"甲\">乙</sub>",
              "<break time=\"99999999999s\"/>", "<break strength=\"x-strong\"/>",
              "<mark/>", "<mark name=\"\"/>", "rate=", "=", "rate=-1000", "pitch=abc",
              "punctuation_mode=all", "spelling_mode=on", "synthesis_voice=bobao-cmn+f2",
              "synthesis_voice=nonsense", "voice_type=FEMALE2", "log_level=5", "kp-enter",
              "shift__", "_", "control_alt_delete", "f12", "space"]
    m = Module(path, conf, log)
    end = time.monotonic() + seconds
    sent = 0
    while time.monotonic() < end and m.p.poll() is None:
        r = rnd.random()
        if r < 0.35:
            line = rnd.choice(commands)
        elif r < 0.8:
            line = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6)))
        else:
            raw = bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 40)))
            line = raw.decode("latin-1").replace("\n", "")
        m.p.stdin.write(line.encode("utf-8", "surrogateescape") + b"\n")
        sent += 1
        if sent % 50 == 0:
            try:
                m.p.stdin.flush()
            except OSError:
                break
            while not m.events.empty():
                m.events.get()
            time.sleep(0.01)
    alive = m.p.poll() is None
    rc = m.close()
    with open(log, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    report("fuzz: %d random and mutated lines (seed %d), still running at the end" % (sent, seed),
           alive, "exited early with %s" % m.p.returncode)
    report("fuzz: exits 0 at the end of input, no sanitizer report",
           rc == 0 and "Sanitizer" not in text and "runtime error" not in text,
           "status %s; %s" % (rc, text[-1500:]))


def bench(path, conf, n):
    log = conf + ".bench.log"
    m, _ = start(path, conf, log)
    first, stops, fresh = [], [], []
    for _ in range(n):
        t0, got = speak(m, "<speak>你好</speak>")
        a = next((ev[0] for ev in got if ev[1] == "audio"), None)
        if a:
            first.append((a - t0) * 1000)
        speaking(m, LONG)
        time.sleep(random.random() * 0.2)
        t0 = m.send("STOP\n")
        got = m.until(ended)
        stops.append((got[-1][0] - t0) * 1000)
        speaking(m, LONG)
        time.sleep(random.random() * 0.2)
        t0 = m.send("STOP\nSPEAK\n<speak>你好</speak>\n.\n")
        got = m.until(lambda ev: ev[1] == "line" and ev[2] == "702 END")
        seen = False
        for ev in got:
            if ev[1] == "line" and ev[2] == "701 BEGIN":
                seen = True
            if seen and ev[1] == "audio":
                fresh.append((ev[0] - t0) * 1000)
                break
    m.send("QUIT\n")
    m.close()
    # the baseline: a process per message, as sd_generic runs espeak-ng
    fork = []
    for _ in range(n):
        t0 = time.monotonic()
        p = subprocess.Popen(["espeak-ng", "-v", "cmn-latn-pinyin", "--stdout", "ni3 hao3"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        p.stdout.read(1)
        fork.append((time.monotonic() - t0) * 1000)
        p.stdout.read()
        p.wait()

    def median(v):
        v = sorted(v)
        return v[len(v) // 2] if v else float("nan")

    def stats(name, v, target=None):
        v = sorted(v)
        if not v:
            print("%s: no data" % name)
            return True
        met = target is None or median(v) <= target
        print("%-58s median %6.1f ms, 90th %6.1f ms, max %6.1f ms (%d runs)%s" %
              (name + ":", median(v), v[max(0, int(len(v) * 0.9) - 1)], v[-1], len(v),
               "" if target is None else ", target %d ms: %s" % (target, "met" if met else "MISSED")))
        return met
    ok = stats("first audio of a two-character SPEAK after its '.'", first, 30)
    ok &= stats("703 STOP after STOP, mid-message", stops, 20)
    stats("first audio of a SPEAK sent right after STOP", fresh)
    stats("baseline: first byte of espeak-ng --stdout, a process", fork)
    print("ratio first audio / baseline: %.3f" % (median(first) / median(fork)))
    return ok


def keep_early_events(c):
    """python3-speechd (0.11) adds speak()'s callback only once the server
    has answered, and drops the events that come before (its TODO says so):
    under load the BEGIN and the first index mark were lost.  Keep them
    until the callback is there, then hand them over in order."""
    import speechd.client

    class Kept(speechd.client._CallbackHandler):
        def __call__(self, msg_id, client_id, type, **kwargs):
            with self._lock:
                if msg_id not in self._callbacks:
                    self.__dict__.setdefault("early", []).append((msg_id, client_id, type, kwargs))
                    return
            super().__call__(msg_id, client_id, type, **kwargs)

        def add_callback(self, msg_id, callback, event_types):
            with self._lock:
                self._callbacks[msg_id] = (callback, event_types)
                early = self.__dict__.pop("early", [])
                for m, _, kind, kwargs in early:
                    if m == msg_id and (event_types is None or kind in event_types):
                        callback(kind, **kwargs)
    c._callback_handler.__class__ = Kept


def client(sock):
    """Index marks and cancel through the daemon, with python3-speechd."""
    import speechd
    os.environ["SPEECHD_ADDRESS"] = "unix_socket:" + sock
    c = speechd.SSIPClient("bobao-test", autospawn=False)
    keep_early_events(c)
    c.set_output_module("bobao")
    c.set_language("zh")
    c.set_data_mode(speechd.DataMode.SSML)
    events, done = [], threading.Event()

    def cb(kind, index_mark=None):
        events.append((time.monotonic(), kind, index_mark))
        if kind in (speechd.CallbackType.END, speechd.CallbackType.CANCEL):
            done.set()
    ev_types = [speechd.CallbackType.BEGIN, speechd.CallbackType.END,
                speechd.CallbackType.CANCEL, speechd.CallbackType.INDEX_MARK]
    c.speak("<speak>第一句。<mark name=\"one\"/>第二句。<mark name=\"two\"/>第三句。</speak>",
            callback=cb, event_types=ev_types)
    done.wait(TIMEOUT)
    marks = [e for e in events if e[1] == speechd.CallbackType.INDEX_MARK]
    report("daemon: index marks arrive in order through python3-speechd",
           [e[2] for e in marks] == ["one", "two"], str(events))
    report("daemon: the message ends (END event)",
           any(e[1] == speechd.CallbackType.END for e in events), str(events))
    events.clear()
    done.clear()
    # long enough that the module is still speaking when the cancel comes:
    # the test's sound device plays everything at once
    c.speak("<speak>" + SENTENCE * 400 + "</speak>",
            callback=cb, event_types=ev_types)
    # (a BEGIN before speak() returns is kept: keep_early_events)
    time.sleep(0.5)
    speaking = not done.is_set()
    t0 = time.monotonic()
    c.cancel()
    done.wait(TIMEOUT)
    cancel = [e for e in events if e[1] == speechd.CallbackType.CANCEL]
    ms = (cancel[0][0] - t0) * 1000 if cancel else -1
    note("cancel through the server: CANCEL after %.0f ms" % ms)
    report("daemon: a client's cancel mid-message stops it within 500 ms (%.0f ms)" % ms,
           speaking and bool(cancel) and ms <= 500, str(events))
    report("daemon: a cancelled message does not end (no END event)",
           not any(e[1] == speechd.CallbackType.END for e in events), str(events))
    c.close()


def main():
    cmd = sys.argv[1]
    if cmd == "protocol":
        protocol(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "fuzz":
        fuzz(sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5]))
    elif cmd == "bench":
        sys.exit(0 if bench(sys.argv[2], sys.argv[3],
                            int(sys.argv[4]) if len(sys.argv) > 4 else 20) else 1)
    elif cmd == "client":
        client(sys.argv[2])
    else:
        sys.exit("usage: sdproto.py protocol|fuzz|bench|client ...")


if __name__ == "__main__":
    main()
