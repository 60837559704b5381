# bobao-fetch.sh - FEEDS for bobao-digest: the day's news fetched from feeds
# and pages into a rundown.  Sourced by bobao-digest after sched_args, with
# C, $bobao, $out, $state, $day, $log and log() set.
#
# Articles go to FETCH_DIR/DAY/ (FETCH_DIR: STATE_DIR/fetch, never in the
# web root), and the
# day's rundown, FETCH_DIR/DAY/day.tsv, gathers every run of the day: a
# second run with new items renders the day's bulletin again with all of
# them.  The seen list and the cache of validators change only once the
# bulletin is made (fetch_commit), so an item is never marked broadcast by a
# run that failed to broadcast it.

# fetch_feeds: fetch C[FEEDS]; then C[RUNDOWN] is the day's rundown.  Exits
# 0 when nothing is new (no new bulletin), or with bobao fetch's status when
# no source could be read.
fetch_feeds() {
	local root=${C[FETCH_DIR]:-$state/fetch} feeds st new lines fetched skipped failed fails f
	fetch_root=$root
	fetch_day="$root/$day"
	mkdir -p "$fetch_day" || { log failed "message=$(sched_quote "cannot create '$fetch_day'")"; exit 73; }
	# work on copies; fetch_commit puts them in place
	if [ -e "$root/seen" ]; then cp -f "$root/seen" "$root/.seen.new"; else : >"$root/.seen.new"; fi
	if [ -e "$root/cache" ]; then cp -f "$root/cache" "$root/.cache.new"; else rm -f "$root/.cache.new"; fi
	read -ra feeds <<<"${C[FEEDS]}"
	lines=$("$bobao" fetch -v -d "$fetch_day" --seen "$root/.seen.new" --cache "$root/.cache.new" \
		"${feeds[@]}" 2>&1 >/dev/null)
	st=$?
	# what was fetched and skipped, a log line each, then the counts
	[ -z "$lines" ] || printf '%s\n' "$lines" | sed "s|^bobao: fetch: |start=$started fetch: |" \
		>>"$log" 2>/dev/null
	fetched=$(grep -c ': wrote ' <<<"$lines")
	skipped=$(grep -c ': skipped ' <<<"$lines")
	# each source that failed, with its reason, in the run's line and to syslog
	# (a source read says "N items, M new" or "unchanged"; one that failed,
	# its reason as the last line naming it)
	fails=
	for f in "${feeds[@]}"; do
		grep -qFx -e "bobao: fetch: $f: unchanged" <<<"$lines" ||
			grep -qE "^bobao: fetch: .*: [0-9]+ items?, [0-9]+ new$" <<<"$(grep -F -e "bobao: fetch: $f: " <<<"$lines")" ||
			fails+=$(grep -F -e "bobao: fetch: $f: " <<<"$lines" | grep -vE ": (wrote|skipped) |: link '.*' not followed" |
				tail -1 | sed 's/^bobao: fetch: //')$'\n'
	done
	fails=$(sed '/^$/d' <<<"$fails")
	failed=$(grep -c . <<<"$fails")
	fetch_counts="fetched=$fetched skipped=$skipped failed_sources=$failed"
	if [ "$failed" -gt 0 ]; then
		fetch_counts+=" failed=$(sched_quote "$(sed ':a;N;$!ba;s/\n/; /g' <<<"$fails")")"
		while IFS= read -r f; do
			logger -t "$prog" -- "start=$started fetch failed: $f" 2>/dev/null || true
		done <<<"$fails"
	fi
	case $st in
	0 | 75) ;;
	*)
		log failed "status=$st $fetch_counts message=$(sched_quote "$(grep -v ': \(wrote\|skipped\) ' <<<"$lines" | tail -1)")"
		exit $st
		;;
	esac
	new=$(grep -c . "$fetch_day/rundown.tsv" 2>/dev/null)
	if [ "${new:-0}" = 0 ]; then
		fetch_commit
		log unchanged "$fetch_counts message=\"nothing new in the feeds; no new bulletin\""
		exit 0
	fi
	cat "$fetch_day/day.tsv" "$fetch_day/rundown.tsv" >"$fetch_day/.day.tsv.new" 2>/dev/null ||
		cat "$fetch_day/rundown.tsv" >"$fetch_day/.day.tsv.new"
	C[RUNDOWN]="$fetch_day/.day.tsv.new"
}

# fetch_commit: the bulletin is made; keep the day's rundown, the seen list
# and the cache, and forget days older than KEEP_DAYS.
fetch_commit() {
	local d cutoff
	[ -n "${fetch_day:-}" ] || return 0
	[ ! -e "$fetch_day/.day.tsv.new" ] || mv -f "$fetch_day/.day.tsv.new" "$fetch_day/day.tsv"
	mv -f "$fetch_root/.seen.new" "$fetch_root/seen"
	[ ! -e "$fetch_root/.cache.new" ] || mv -f "$fetch_root/.cache.new" "$fetch_root/cache"
	cutoff=$(date -d "$day - $((${C[KEEP_DAYS]} - 1)) days" +%F)
	for d in "$fetch_root"/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]; do
		[ -d "$d" ] && [[ ${d##*/} < $cutoff ]] && rm -rf -- "$d"
	done
	return 0
}
