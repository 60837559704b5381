/* bobao's page script: follow the speech in the transcript, seek where a
 * sentence or chapter is clicked (or Enter is pressed on its link), set the
 * speed.  The page works without it; it loads nothing and stores only the
 * listener's speed and follow choice. */
(function () {
	'use strict';
	var audio = document.getElementById('audio');
	var transcript = document.getElementById('transcript');
	if (!audio || !transcript || !document.querySelectorAll)
		return;
	var sentences = Array.prototype.slice.call(transcript.querySelectorAll('.s[data-start]'));
	var starts = sentences.map(function (s) {
		return parseFloat(s.getAttribute('data-start')) || 0;
	});
	var speed = document.getElementById('speed');
	var follow = document.getElementById('follow');
	var still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)');
	var current = -1;

	function load(key) {
		try {
			return window.localStorage.getItem('bobao.' + key);
		} catch (e) {
			return null;
		}
	}

	function store(key, value) {
		try {
			window.localStorage.setItem('bobao.' + key, value);
		} catch (e) { /* storage off: the choice lasts the visit */ }
	}

	/* The sentence being spoken at t: the last one started, -1 before. */
	function at(t) {
		var lo = 0, hi = starts.length - 1, mid, found = -1;

		while (lo <= hi) {
			mid = (lo + hi) >> 1;
			if (starts[mid] <= t + 0.001) {
				found = mid;
				lo = mid + 1;
			} else {
				hi = mid - 1;
			}
		}
		return found;
	}

	/* Is el on screen, and not under the player when that stays on top? */
	function inView(el) {
		var r = el.getBoundingClientRect();
		var h = window.innerHeight || document.documentElement.clientHeight;
		var bar = document.querySelector('.player');
		var top = bar && getComputedStyle(bar).position === 'sticky' ?
		          bar.getBoundingClientRect().bottom : 0;

		return r.top >= top && r.bottom <= h;
	}

	function reveal(el) {
		if (!inView(el))
			el.scrollIntoView({ block: 'center', behavior: still && still.matches ? 'auto' : 'smooth' });
	}

	function mark(i, scroll) {
		if (i === current)
			return;
		if (current >= 0)
			sentences[current].removeAttribute('aria-current');
		current = i;
		if (i < 0)
			return;
		sentences[i].setAttribute('aria-current', 'true');
		if (scroll && (!follow || follow.checked))
			reveal(sentences[i]);
	}

	function update() {
		mark(at(audio.currentTime), !audio.paused);
	}

	/* A server without HTTP Range (python3 -m http.server) gives audio
	 * that cannot seek: a choice would start again at 0:00.  Say so, once,
	 * in the status region under the player. */
	var noseek = document.getElementById('noseek');

	function cannotSeek() {
		if (noseek && !noseek.textContent)
			noseek.textContent = noseek.getAttribute('data-text');
	}

	var seeks = 0;   /* seeking events: a later seek makes an earlier one moot */

	audio.addEventListener('seeking', function () {
		seeks++;
	});

	function checkSeekable() {
		var s = audio.seekable;

		if (isFinite(audio.duration) && audio.duration > 1 &&
		    (!s || !s.length || s.end(s.length - 1) < audio.duration - 0.5 || s.start(0) > 0.5))
			cannotSeek();
	}

	function seek(t, play) {
		if (!isFinite(t))
			return;
		var mine = seeks + 1;

		audio.currentTime = t;
		if (t > 0.5 && Math.abs(audio.currentTime - t) > 0.5)
			cannotSeek();   /* refused at once */
		audio.addEventListener('seeked', function landed() {
			audio.removeEventListener('seeked', landed);
			/* judged only when no other seek came after this one */
			if (seeks === mine && t > 0.5 && Math.abs(audio.currentTime - t) > 0.5) {
				cannotSeek();
				mark(at(audio.currentTime), false);
			}
		});
		mark(at(t), false);
		if (play) {
			var p = audio.play();

			if (p && p.catch)
				p.catch(function () { /* the browser wants a gesture first */ });
		}
	}

	/* A click (or Enter on a link) on a sentence or a chapter: play from
	 * there.  Modified clicks and text selections are left alone. */
	document.addEventListener('click', function (ev) {
		var el = ev.target.closest && ev.target.closest('[data-start]');
		var sel = window.getSelection && window.getSelection();
		var href, section, first;

		if (!el || ev.defaultPrevented || ev.button || ev.ctrlKey || ev.metaKey ||
		    ev.shiftKey || ev.altKey)
			return;
		if (sel && !sel.isCollapsed && el.contains(sel.anchorNode))
			return;
		ev.preventDefault();
		seek(parseFloat(el.getAttribute('data-start')), true);
		href = el.id ? '#' + el.id : el.getAttribute('href');
		if (href && window.history && history.replaceState)
			history.replaceState(null, '', href);
		if (el.classList.contains('s'))
			return;
		/* a chapter: on to its article, the keyboard focus with it */
		section = document.getElementById(href.slice(1));
		section = section && section.closest('section');
		first = section && section.querySelector('.s .t');
		if (first) {
			first.focus({ preventScroll: true });
			reveal(section.querySelector('h3') || first);
		}
	});

	audio.addEventListener('loadedmetadata', checkSeekable);
	if (audio.readyState >= 1)
		checkSeekable();
	audio.addEventListener('timeupdate', update);
	audio.addEventListener('seeked', update);
	audio.addEventListener('play', update);

	if (speed) {
		var saved = load('speed');

		if (saved && speed.querySelector('option[value="' + saved + '"]'))
			speed.value = saved;
		audio.playbackRate = audio.defaultPlaybackRate = parseFloat(speed.value) || 1;
		speed.addEventListener('change', function () {
			audio.playbackRate = audio.defaultPlaybackRate = parseFloat(speed.value) || 1;
			store('speed', speed.value);
		});
		/* the browser's own menu may change it too */
		audio.addEventListener('ratechange', function () {
			var v = String(audio.playbackRate);

			if (speed.querySelector('option[value="' + v + '"]'))
				speed.value = v;
		});
	}
	if (follow) {
		follow.checked = load('follow') !== 'off';
		follow.addEventListener('change', function () {
			store('follow', follow.checked ? 'on' : 'off');
			if (follow.checked && current >= 0)
				reveal(sentences[current]);
		});
	}
	document.getElementById('controls').hidden = false;

	/* a link to a sentence or chapter (page.html#s12, #c2) starts there */
	var m = /^#([sc])([0-9]+)$/.exec(location.hash);
	var from = m && (m[1] === 's' ? document.getElementById('s' + m[2]) :
	                 document.querySelector('nav a[href="#c' + m[2] + '"]'));
	if (from)
		seek(parseFloat(from.getAttribute('data-start')), false);
}());
