/*
 * keys.h - `bobao play` as an interactive player: single keys on a
 * terminal, a status line, the position kept for --resume (keys.c).
 */
#ifndef CLI_KEYS_H
#define CLI_KEYS_H

#include "bobao.h"
#include "cli_status.h"

struct listen {
	int keys;          /* read keys: standard input is a terminal, no --no-keys */
	int quiet;         /* -q: no status line */
	int status;        /* CLI_STATUS_LINE, _PLAIN, _NONE (status.h); 0: as -q says */
	int verbose;       /* -v: response times when done */
	struct bobao_player_options po;
};

/* s seconds as M:SS or H:MM:SS into buf (cli/main.c). */
void cli_clock_str(char *buf, size_t n, double s);

/* The file keeping positions: $XDG_STATE_HOME/bobao/positions, else
 * ~/.local/state/bobao/positions; NULL when neither can be found.  Static. */
const char *cli_positions_path(void);

/* Play the inputs through the player, reading keys when l->keys.  Returns
 * the exit status: 0 after q or the end, 130 after Ctrl-C or SIGTERM. */
int cli_play(bobao *b, const char *const *inputs, size_t n,
             const struct bobao_output *out, const struct listen *l);

#endif /* CLI_KEYS_H */
