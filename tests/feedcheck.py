#!/usr/bin/env python3
"""feedcheck - does a podcast feed hold what the directories require?

    tests/feedcheck.py FEED.xml [--self URL] [--files DIR]

Checks the tags Apple Podcasts requires of a show and its episodes (RSS 2.0
with the itunes namespace: title, description, language, itunes:image,
itunes:category from Apple's list, itunes:explicit; each item's title,
enclosure with an absolute URL, byte length and a type Apple takes, guid)
and what Podcast Index reads (atom:link rel="self" naming the feed, unique
guids, RFC 2822 dates that are not in the future).  --self: the URL the
feed must name itself by; --files: the folder the enclosures are served
from, to compare their lengths with the files.  Prints one line per
problem, "FEED: what is wrong", and exits 1 when there is one, else 0.
"""
import email.utils
import os
import re
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ET

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
ATOM = "{http://www.w3.org/2005/Atom}"
# Apple Podcasts categories and subcategories (podcasters.apple.com, 2023)
CATEGORIES = {
    "Arts": {"Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"},
    "Business": {"Careers", "Entrepreneurship", "Investing", "Management", "Marketing",
                 "Non-Profit"},
    "Comedy": {"Comedy Interviews", "Improv", "Stand-Up"},
    "Education": {"Courses", "How To", "Language Learning", "Self-Improvement"},
    "Fiction": {"Comedy Fiction", "Drama", "Science Fiction"},
    "Government": set(),
    "History": set(),
    "Health & Fitness": {"Alternative Health", "Fitness", "Medicine", "Mental Health",
                         "Nutrition", "Sexuality"},
    "Kids & Family": {"Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"},
    "Leisure": {"Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
                "Home & Garden", "Video Games"},
    "Music": {"Music Commentary", "Music History", "Music Interviews"},
    "News": {"Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
             "Sports News", "Tech News"},
    "Religion & Spirituality": {"Buddhism", "Christianity", "Hinduism", "Islam", "Judaism",
                                "Religion", "Spirituality"},
    "Science": {"Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
                "Natural Sciences", "Nature", "Physics", "Social Sciences"},
    "Society & Culture": {"Documentary", "Personal Journals", "Philosophy", "Places & Travel",
                          "Relationships"},
    "Sports": {"Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf",
               "Hockey", "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball",
               "Wilderness", "Wrestling"},
    "Technology": set(),
    "True Crime": set(),
    "TV & Film": {"After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"},
}
# what Apple Podcasts plays (audio)
APPLE_TYPES = {"audio/mpeg", "audio/x-m4a", "audio/mp4", "audio/aac"}


def main(argv):
    args = argv[1:]
    self_url = files = None
    if "--self" in args:
        i = args.index("--self"); self_url = args[i + 1]; del args[i:i + 2]
    if "--files" in args:
        i = args.index("--files"); files = args[i + 1]; del args[i:i + 2]
    if len(args) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = args[0]
    problems = []

    def bad(what):
        problems.append(what)

    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        print(f"{path}: not XML: {e}")
        return 1
    if root.tag != "rss" or root.get("version") != "2.0":
        bad("not RSS 2.0")
    ch = root.find("channel")
    if ch is None:
        print(f"{path}: no channel")
        return 1

    def text(el, tag):
        t = el.find(tag)
        return (t.text or "").strip() if t is not None else ""

    for tag in ("title", "description", "language", "link"):
        if not text(ch, tag):
            bad(f"channel: no <{tag}>")
    if text(ch, "language") and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", text(ch, "language")):
        bad(f"channel: language {text(ch, 'language')!r} is not a language code")
    img = ch.find(ITUNES + "image")
    href = img.get("href", "") if img is not None else ""
    if not re.fullmatch(r"https?://\S+\.(jpe?g|png)", href, re.I):
        bad("channel: no itunes:image href (an http(s) JPEG or PNG)")
    cats = ch.findall(ITUNES + "category")
    if not cats:
        bad("channel: no itunes:category")
    for c in cats:
        top = c.get("text", "")
        if top not in CATEGORIES:
            bad(f"channel: itunes:category {top!r} is not one of Apple's")
            continue
        for sub in c.findall(ITUNES + "category"):
            if sub.get("text", "") not in CATEGORIES[top]:
                bad(f"channel: {sub.get('text')!r} is not a subcategory of {top!r}")
    if text(ch, ITUNES + "explicit") not in ("true", "false"):
        bad("channel: itunes:explicit is not true or false")
    if not text(ch, ITUNES + "author"):
        bad("channel: no itunes:author")
    selfs = [a for a in ch.findall(ATOM + "link") if a.get("rel") == "self"]
    if not selfs:
        bad('channel: no atom:link rel="self"')
    elif selfs[0].get("type") != "application/rss+xml":
        bad('channel: atom:link rel="self" is not type application/rss+xml')
    elif self_url and selfs[0].get("href") != self_url:
        bad(f"channel: atom:link names {selfs[0].get('href')!r}, not {self_url!r}")

    items = ch.findall("item")
    if not items:
        bad("channel: no item")
    guids = set()
    now = time.time()
    for n, it in enumerate(items, 1):
        where = f"item {n}"
        if not text(it, "title"):
            bad(f"{where}: no <title>")
        if not text(it, "description"):
            bad(f"{where}: no <description>")
        enc = it.find("enclosure")
        if enc is None:
            bad(f"{where}: no enclosure")
        else:
            url, length, typ = enc.get("url", ""), enc.get("length", ""), enc.get("type", "")
            if not re.fullmatch(r"https?://[^\s/]+/\S*", url):
                bad(f"{where}: enclosure url {url!r} is not an absolute http(s) URL")
            if not length.isdigit() or int(length) <= 0:
                bad(f"{where}: enclosure length {length!r} is not a byte count")
            elif files:
                name = urllib.parse.unquote(url.rsplit("/", 1)[-1])
                f = os.path.join(files, name)
                if not os.path.isfile(f) or os.path.getsize(f) != int(length):
                    bad(f"{where}: enclosure length {length} is not the size of {name}")
            if typ not in APPLE_TYPES:
                bad(f"{where}: enclosure type {typ!r} is not one Apple Podcasts plays")
        guid = text(it, "guid")
        if not guid:
            bad(f"{where}: no guid")
        elif guid in guids:
            bad(f"{where}: guid {guid!r} twice")
        guids.add(guid)
        date = text(it, "pubDate")
        try:
            when = email.utils.parsedate_to_datetime(date).timestamp()
            if when > now + 60:
                bad(f"{where}: pubDate {date!r} is in the future")
        except (TypeError, ValueError):
            bad(f"{where}: pubDate {date!r} is not an RFC 2822 date")
        dur = text(it, ITUNES + "duration")
        if dur and not re.fullmatch(r"\d+|(\d+:)?\d{1,2}:\d{2}", dur):
            bad(f"{where}: itunes:duration {dur!r}")
    for p in problems:
        print(f"{path}: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
