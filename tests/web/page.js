#!/usr/bin/env node
/*
 * page.js - bobao's web page in a real browser: headless Chromium (Debian's
 * chromium) driven by puppeteer-core, checked by axe-core.
 *
 *   node tests/web/page.js DIR PAGE.html [--title TEXT] [--screenshot FILE]
 *       [--extras N]              N chapters are intro and outro, not articles
 *   node tests/web/page.js DIR PAGE.html --no-range URL
 *       the page at URL/PAGE.html (a server without HTTP Range) says that
 *       its audio cannot seek
 *
 * Serves DIR on 127.0.0.1 (with byte ranges, as a web server does for
 * media) and prints one line per check: "ok<TAB>what" or
 * "not ok<TAB>what<TAB>detail"; tests/e2e/web.sh turns them into TAP.
 * Exit status 0 when the browser ran (checks may still have failed), 2 when
 * it could not.
 */
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const puppeteer = require('puppeteer-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = process.argv.slice(2);
const dir = args[0], pageName = args[1];
const opt = (name) => { const i = args.indexOf(name); return i > 0 ? args[i + 1] : null; };
const title = opt('--title');
const shot = opt('--screenshot');
const axeOnly = args.includes('--axe-only');
const noRange = opt('--no-range');      /* the same page served without HTTP Range */
const extras = +(opt('--extras') || 0);   /* chapters that are not articles */

function report(pass, what, detail) {
	console.log(pass ? `ok\t${what}` : `not ok\t${what}\t${detail === undefined ? '' : detail}`);
}

const types = { '.html': 'text/html; charset=utf-8', '.vtt': 'text/vtt; charset=utf-8',
	'.ogg': 'audio/ogg', '.opus': 'audio/ogg', '.mp3': 'audio/mpeg', '.wav': 'audio/wav',
	'.flac': 'audio/flac' };

/* A static server for DIR, with Range requests, on 127.0.0.1 only. */
function serve(root) {
	const server = http.createServer((req, res) => {
		const file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
		if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
			res.writeHead(404);
			return res.end();
		}
		const size = fs.statSync(file).size;
		const type = types[path.extname(file)] || 'application/octet-stream';
		const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || '');
		if (m) {
			const start = m[1] ? +m[1] : size - +m[2];
			const end = m[1] && m[2] ? Math.min(+m[2], size - 1) : size - 1;
			res.writeHead(206, { 'Content-Type': type, 'Accept-Ranges': 'bytes',
				'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
			return fs.createReadStream(file, { start, end }).pipe(res);
		}
		res.writeHead(200, { 'Content-Type': type, 'Accept-Ranges': 'bytes', 'Content-Length': size });
		fs.createReadStream(file).pipe(res);
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(page, fn, arg, ms) {
	try {
		await page.waitForFunction(fn, { timeout: ms, polling: 50 }, arg);
		return true;
	} catch (e) {
		return false;
	}
}

async function withJavaScript(browser, url) {
	const page = await browser.newPage();
	const violations = [], errors = [];
	let dialogs = 0;
	page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('console', (m) => { if (/Content.Security.Policy|Refused/i.test(m.text())) violations.push(m.text()); });
	await page.evaluateOnNewDocument(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			(window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI);
		});
	});
	await page.setViewport({ width: 900, height: 700 });
	await page.goto(url, { waitUntil: 'load' });
	/* the time the page's click handler sought to, before playing moves it */
	await page.evaluate(() => window.addEventListener('click', () => {
		window.__sought = document.getElementById('audio').currentTime;
	}));
	const sought = () => page.evaluate(() => window.__sought);

	const csp = await page.evaluate(() => window.__csp || []);
	report(!csp.length && !violations.length, 'the Content-Security-Policy blocks nothing of the page\'s own',
		JSON.stringify(csp.concat(violations)));
	report(!errors.length, 'no script errors', errors.join('; '));
	report(await page.$eval('#controls', (e) => !e.hidden && getComputedStyle(e).display !== 'none'),
		'the script ran (its hash is allowed): the speed control is shown');

	const media = await waitFor(page, () => {
		const a = document.getElementById('audio');
		return a.readyState >= 1 && isFinite(a.duration) && a.duration > 0;
	}, null, 15000);
	const duration = await page.$eval('#audio', (a) => a.duration);
	report(media, 'the audio loads over http (relative URL)', `readyState ${await page.$eval('#audio', (a) => a.readyState)}`);

	const tracked = await waitFor(page, () => {
		const t = document.querySelector('track');
		return t.readyState === 2 && t.track.cues && t.track.cues.length > 0;
	}, null, 10000);
	const cues = await page.evaluate(() => {
		const t = document.querySelector('track').track;
		return t.cues ? Array.from(t.cues, (c) => [c.startTime, c.endTime, c.text]) : [];
	});
	const spans = await page.$$eval('#transcript .s', (ss) => ss.map((s) =>
		[parseFloat(s.dataset.start), parseFloat(s.dataset.end), s.textContent.replace(/^\S+ /, '')]));
	report(tracked && cues.length === spans.length, 'the captions track loads: a cue per sentence of the transcript',
		`${cues.length} cues, ${spans.length} sentences`);
	const same = cues.length === spans.length && cues.every((c, i) =>
		Math.abs(c[0] - spans[i][0]) < 0.002 && Math.abs(c[1] - spans[i][1]) < 0.002 && c[2] === spans[i][2]);
	report(same, 'each sentence has its cue\'s start, end and text');
	report(spans.length && spans[spans.length - 1][1] <= duration + 0.05,
		'the last sentence ends within the audio', `${spans.length && spans[spans.length - 1][1]} > ${duration}`);

	/* axe-core: WCAG 2.x A and AA and best practices */
	await page.evaluate(axeSource);
	const axe = await page.evaluate(async () => {
		const r = await window.axe.run(document, { resultTypes: ['violations'] });
		return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].target}`);
	});
	report(axe.length === 0, 'axe-core: 0 violations', axe.join('; '));
	/* the dark scheme's colours, and a phone-sized window at 400 % zoom */
	await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
	const dark = await page.evaluate(async () => [getComputedStyle(document.body).backgroundColor,
		...(await window.axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => v.id)]);
	report(dark.length === 1 && dark[0] === 'rgb(22, 22, 22)', 'dark colour scheme: axe-core 0 violations', dark.join(' '));
	await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
	await page.setViewport({ width: 320, height: 256 });
	const reflow = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth,
		getComputedStyle(document.querySelector('.player')).position]);
	report(reflow[0] <= reflow[1] && reflow[2] !== 'sticky',
		'320 × 256 px (1280 × 1024 at 400 %): no horizontal scrolling, the player does not stay on top', reflow.join(' '));
	await page.setViewport({ width: 900, height: 700 });

	/* the 5th sentence, clicked */
	const fifth = spans.length >= 5 ? cues[4][0] : NaN;
	const clicked = await page.evaluate(() => new Promise((resolve) => {
		const a = document.getElementById('audio');
		const s = document.querySelectorAll('#transcript .s')[4];
		s.lastChild.parentNode.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
		resolve(a.currentTime);
	}));
	await page.$eval('#audio', (a) => a.pause());
	report(Math.abs(clicked - fifth) <= 0.05, 'a click on the 5th sentence seeks to its cue\'s start (within 0.05 s)',
		`currentTime ${clicked}, cue ${fifth}`);
	const el = (await page.$$('#transcript .s'))[4];
	await page.$eval('#audio', (a) => { a.currentTime = 0; });
	await el.click();   /* a real mouse click at its middle */
	const real = await sought();
	await page.$eval('#audio', (a) => a.pause());
	report(Math.abs(real - fifth) <= 0.05, 'a mouse click on the 5th sentence seeks there', `${real} vs ${fifth}`);
	report(await page.$$eval('[aria-current]', (e) => e.length === 1 && e[0].id === 's5'),
		'aria-current marks that sentence, and only it');
	await sleep(300);
	report(await page.$eval('#noseek', (n) => !n.textContent && n.offsetHeight === 0),
		'a server with HTTP Range: the audio seeks, no notice shown');

	/* what a screen reader hears: the accessible tree */
	const tree = await page.accessibility.snapshot({ interestingOnly: true });
	const nodes = [];
	(function walk(n) { if (!n) return; nodes.push(n); (n.children || []).forEach(walk); }(tree));
	const texts = await page.$$eval('#transcript .s', (ss) => ss.map((e) =>
		[e.querySelector('.t').textContent, e.textContent.replace(/^\S+\s*/, '')]));
	const links = nodes.filter((n) => n.role === 'link' && /^\d+:\d\d/.test(n.name || ''));
	const named = links.filter((n, i) => texts[i] && n.name === `${texts[i][0]} ${texts[i][1]}`);
	report(links.length === texts.length && named.length === texts.length,
		'each time link is named by its time and its sentence ("0:06 今天…", not "0:06")',
		`${named.length} of ${links.length} links, ${texts.length} sentences; first: ${links[0] && links[0].name}`);
	const twice = await page.$$eval('#transcript h3', (hs) => hs.filter((h) => {
		const next = h.nextElementSibling && h.nextElementSibling.querySelector('.s');
		const words = (t) => t.replace(/^\d+:\d\d\s*/, '').replace(/[。.！!？?\s]+$/, '');
		return next && words(next.textContent) === words(h.textContent);
	}).length);
	report(twice === 0, 'no headline read twice (as the heading, then as the sentence after it)', `${twice}`);
	const meta = await page.$eval('.meta', (m) => m.textContent);
	const articles = await page.$$eval('#transcript section.article', (ss) => ss.length);
	report(meta.includes(` ${articles - extras} 篇`),
		'the meta line counts the articles, not the intro and outro', `${meta} (${articles} sections)`);

	/* the characters drawn with a CJK font, named in the page's font stack */
	const fontCdp = await page.createCDPSession();
	await fontCdp.send('DOM.enable');
	await fontCdp.send('CSS.enable');
	const doc = await fontCdp.send('DOM.getDocument', { depth: -1 });
	const span = await fontCdp.send('DOM.querySelector', { nodeId: doc.root.nodeId, selector: '#x1' });
	const used = await fontCdp.send('CSS.getPlatformFontsForNode', { nodeId: span.nodeId });
	const stack = await page.$eval('body', (b) => getComputedStyle(b).fontFamily);
	report(/Noto Sans CJK|Source Han|WenQuanYi|PingFang|YaHei/.test(stack) &&
		used.fonts.length && used.fonts.every((f) => /CJK|Han|WenQuanYi|Droid/i.test(f.familyName)),
		'the font stack names CJK fonts, and the transcript is drawn with one (not boxes)',
		`${stack} / ${JSON.stringify(used.fonts)}`);

	/* the keyboard: Tab reaches the links; Enter on a time seeks */
	await page.focus('#s7 .t').catch(() => {});
	await page.keyboard.press('Enter');
	const entered = await sought();
	await page.$eval('#audio', (a) => a.pause());
	report(spans.length >= 7 && Math.abs(entered - spans[6][0]) <= 0.05, 'Enter on the 7th sentence\'s time seeks there',
		`${entered} vs ${spans.length >= 7 && spans[6][0]}`);
	await page.evaluate(() => document.activeElement.blur());
	await page.keyboard.press('Tab');
	const first = await page.evaluate(() => [document.activeElement.className,
		getComputedStyle(document.activeElement).outlineStyle,
		getComputedStyle(document.activeElement).outlineWidth]);
	report(first[1] !== 'none' && parseFloat(first[2]) >= 2, 'a keyboard focus is visible (outline)', first.join(' '));
	let reached = new Set();
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press('Tab');
		reached.add(await page.evaluate(() => {
			const e = document.activeElement;
			return e.classList.contains('t') ? 't' : e.id || e.className || e.tagName;
		}));
	}
	report(reached.has('speed') && reached.has('follow') && reached.has('t') && reached.has('audio'),
		'Tab reaches the player, the speed, the follow switch and the sentences', [...reached].join(' '));

	/* a chapter, by keyboard */
	const chapters = await page.$$eval('nav a[data-start]', (as) => as.map((a) => parseFloat(a.dataset.start)));
	if (chapters.length >= 2) {
		await page.focus('nav li:nth-child(2) a');
		await page.keyboard.press('Enter');
		const t = await sought();
		await page.$eval('#audio', (a) => a.pause());
		const inside = await page.evaluate(() => !!document.activeElement.closest('#transcript section'));
		report(Math.abs(t - chapters[1]) <= 0.05 && inside,
			'Enter on the 2nd chapter seeks to it and takes the focus into its article', `${t} vs ${chapters[1]}`);
	}

	/* speed */
	await page.select('#speed', '1.5');
	report(await page.$eval('#audio', (a) => a.playbackRate === 1.5), 'the speed control sets 1.5×');
	const rates = await page.$$eval('#speed option', (o) => o.map((x) => parseFloat(x.value)));
	report(Math.min(...rates) === 0.75 && Math.max(...rates) === 2, 'speeds from 0.75× to 2×', rates.join(' '));
	await page.select('#speed', '2');

	/* playing moves the highlight and keeps it in view: from a second
	 * before the 3rd sentence to past the start of the 4th */
	const from = spans.length >= 4 ? Math.max(0, spans[2][0] - 1) : 0;
	const target = spans.length >= 4 ? spans[3][0] : 0;
	await page.evaluate((t) => {
		const a = document.getElementById('audio');
		a.currentTime = t;
		window.scrollTo(0, 0);
		window.__heard = [];
		a.addEventListener('timeupdate', () => {
			const c = document.querySelector('[aria-current]');
			if (c && window.__heard[window.__heard.length - 1] !== c.id)
				window.__heard.push(c.id);
		});
		return a.play();
	}, from).catch((e) => report(false, 'play()', String(e)));
	const moved = await waitFor(page, (t) => document.getElementById('audio').currentTime > t + 0.3, target, 20000);
	const heard = await page.evaluate(() => window.__heard);
	await page.$eval('#audio', (a) => a.pause());
	await sleep(1000);   /* a smooth scroll takes its time */
	const now = await page.evaluate(() => {
		const a = document.getElementById('audio');
		const bar = document.querySelector('.player').getBoundingClientRect().bottom;
		const c = document.querySelector('[aria-current]');
		const r = c.getBoundingClientRect();
		return { t: a.currentTime, id: c.id, start: parseFloat(c.dataset.start),
			next: c.nextElementSibling ? parseFloat(c.nextElementSibling.dataset.start) : Infinity,
			inView: r.top >= bar && r.bottom <= innerHeight };
	});
	report(moved && heard.length >= 3, 'playing moves the highlight from sentence to sentence', heard.join(' '));
	report(now.start <= now.t + 0.3, 'the sentence marked is the one being spoken', JSON.stringify(now));
	report(now.inView, 'the sentence being spoken is in view', JSON.stringify(now));

	/* the reader's font size: everything scales with it */
	const cdp = await page.createCDPSession();
	const before = await page.$eval('.s', (e) => parseFloat(getComputedStyle(e).fontSize));
	await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32 } });
	const after = await page.$eval('.s', (e) => parseFloat(getComputedStyle(e).fontSize));
	report(Math.abs(after / before - 2) < 0.05, 'the text follows the reader\'s font size (16 → 32 px: twice)', `${before} → ${after}`);
	await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 } });

	/* prefers-reduced-motion: no transitions, no smooth scrolling */
	await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
	await page.setViewport({ width: 900, height: 300 });
	const still = await page.evaluate(() => {
		const calls = [];
		const orig = Element.prototype.scrollIntoView;
		Element.prototype.scrollIntoView = function (o) { calls.push(o && o.behavior); return orig.call(this, o); };
		window.scrollTo(0, document.body.scrollHeight);
		const last = document.querySelectorAll('#transcript .s');
		last[0].click();
		document.getElementById('audio').pause();
		document.getElementById('follow').click();   /* off, then on: reveals the sentence */
		document.getElementById('follow').click();
		Element.prototype.scrollIntoView = orig;
		return { calls, transition: getComputedStyle(last[0]).transitionDuration };
	});
	report(still.calls.length && still.calls.every((b) => b === 'auto') && still.transition === '0s',
		'prefers-reduced-motion: scrolling jumps, no transition', JSON.stringify(still));
	await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'no-preference' }]);
	await page.setViewport({ width: 900, height: 700 });

	/* a title with markup is shown, never run */
	if (title !== null) {
		const shown = await page.evaluate(() => [document.title, document.querySelector('h1').textContent,
			document.scripts.length]);
		report(shown[0] === title && shown[1] === title && shown[2] === 1 && dialogs === 0,
			'the title with <script> is shown as text, and nothing of it runs', JSON.stringify(shown));
	}
	if (shot) {
		await page.setViewport({ width: 900, height: 1100 });
		await page.evaluate(() => {
			const a = document.getElementById('audio');
			window.scrollTo(0, 0);
			a.currentTime = parseFloat(document.querySelectorAll('#transcript .s')[2].dataset.start) + 0.1;
		});
		await sleep(300);
		await page.evaluate(() => window.scrollTo(0, 0));
		await page.screenshot({ path: shot });
	}
	await page.close();
}

async function withoutJavaScript(browser, url) {
	const page = await browser.newPage();
	await page.setJavaScriptEnabled(false);
	await page.goto(url, { waitUntil: 'load' });
	const r = await page.evaluate(() => {
		const a = document.querySelector('audio[controls]');
		const t = a && a.querySelector('track[kind="captions"][srclang="zh"][default]');
		return { audio: !!a && !!a.getAttribute('src'), track: !!t && !!t.getAttribute('src'),
			sentences: document.querySelectorAll('#transcript .s[data-start] a[href]').length,
			chapters: document.querySelectorAll('nav ol li a').length,
			controlsHidden: document.getElementById('controls').hidden,
			ran: !!document.querySelector('[aria-current]') };
	});
	report(r.audio && r.track, 'without JavaScript: the audio with its captions track');
	report(r.sentences > 0 && r.chapters > 0, 'without JavaScript: chapters and the transcript, each sentence with its time', JSON.stringify(r));
	report(r.controlsHidden && !r.ran, 'without JavaScript: no control that cannot work');
	await page.close();
}

/* The page from a server without HTTP Range (python3 -m http.server): a
 * sentence chosen cannot be sought to; the page says so. */
async function withoutRange(browser, url) {
	const page = await browser.newPage();
	await page.goto(url, { waitUntil: 'load' });
	await waitFor(page, () => document.getElementById('audio').readyState >= 1, null, 10000);
	await page.evaluate(() => document.querySelectorAll('#transcript .s')[4].click());
	const said = await waitFor(page, () => document.getElementById('noseek').textContent.length > 0, null, 8000);
	const r = await page.$eval('#noseek', (n) => ({ text: n.textContent, role: n.getAttribute('role'),
		shown: n.offsetHeight > 0, t: document.getElementById('audio').currentTime,
		current: (document.querySelector('[aria-current]') || {}).id }));
	report(said && r.shown && r.role === 'status' && /Range/.test(r.text),
		'a server without HTTP Range: the page says the audio cannot seek, in a status', JSON.stringify(r));
	if (shot)
		await page.screenshot({ path: shot.replace(/(\.png)?$/, '-norange.png') });
	await page.close();
}

/* Another page (index.html): axe-core, the CSP, and every link found. */
async function axeCheck(browser, url) {
	const page = await browser.newPage();
	const missing = [];
	page.on('response', (r) => { if (r.status() >= 400) missing.push(r.url()); });
	await page.evaluateOnNewDocument(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			(window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI);
		});
	});
	await page.goto(url, { waitUntil: 'load' });
	report((await page.evaluate(() => window.__csp || [])).length === 0,
		`${pageName}: the Content-Security-Policy blocks nothing of the page's own`);
	await page.evaluate(axeSource);
	const axe = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
		.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].target}`));
	report(axe.length === 0, `${pageName}: axe-core 0 violations`, axe.join('; '));
	await page.setViewport({ width: 320, height: 256 });
	const reflow = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
	report(reflow[0] <= reflow[1], `${pageName}: no horizontal scrolling at 320 px`, reflow.join(' '));
	const links = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
	for (const l of links) {
		const r = (await fetch(l, { method: 'HEAD' }).catch(() => ({ status: 0 }))).status;
		if (r !== 200)
			missing.push(`${l} (${r})`);
	}
	report(links.length > 0 && missing.length === 0, `${pageName}: every link leads to a file that is there`, missing.join(' '));
	await page.close();
}

(async () => {
	const root = fs.realpathSync(dir);
	const server = await serve(root);
	const url = `http://127.0.0.1:${server.address().port}/${encodeURIComponent(pageName)}`;
	let browser;
	try {
		browser = await puppeteer.launch({
			executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
			headless: true,
			args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--mute-audio',
				'--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
			timeout: 60000,
		});
	} catch (e) {
		console.error(`page.js: cannot start chromium: ${e.message}`);
		server.close();
		process.exit(2);
	}
	try {
		if (axeOnly) {
			await axeCheck(browser, url);
		} else if (noRange) {
			await withoutRange(browser, `${noRange}/${encodeURIComponent(pageName)}`);
		} else {
			await withJavaScript(browser, url);
			await withoutJavaScript(browser, url);
		}
	} catch (e) {
		report(false, 'the browser session', e.stack);
	} finally {
		await browser.close();
		server.close();
	}
})();
