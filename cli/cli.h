/* cli.h - commands of the bobao tool that live in files of their own. */
#ifndef CLI_H
#define CLI_H

#include <stddef.h>

#include "bobao.h"
#include "cli_keys.h"
#include "cli_rundown.h"

struct command;

/* What a command's options say (cli/main.c parses them). */
struct progress {
	int shown;
};

struct cli {
	struct progress progress;
	struct bobao_options opt;
	struct bobao_output out;
	const char **driver_options;
	size_t n_driver_options;
	const char **lexicons;
	size_t n_lexicons;
	const char *rundown;
	struct cli_rundown rd;     /* the rundown's paths and titles */
	const char *reads[2];  /* the rundown: no output may land on it */
	unsigned text_flags;
	int all, quiet, verbose;
	const char **inputs;
	size_t n_inputs;
	struct listen listen;  /* play: keys, --from, --resume, --realtime */
	int no_keys;
};

/* The start of every command: parse its options, open a handle.  Non-zero:
 * the exit status to return at once (after cli_end()). */
int cli_begin(const struct command *c, int argc, char **argv, struct cli *cl,
              enum bobao_output_kind kind, bobao **b);
/* The end of every command: report rc, release everything. */
int cli_end(struct cli *cl, bobao *b, bobao_code rc, int status, const char *what);
/* Does path name an audio file (by its extension)? */
int cli_is_audio(const char *path);

/* bobao fetch (cli/cmd_fetch.c) */
extern const char cli_usage_fetch[];
int cli_cmd_fetch(const struct command *c, int argc, char **argv);

/* bobao stream (cli/cmd_stream.c) */
extern const char cli_usage_stream[];
int cli_cmd_stream(const struct command *c, int argc, char **argv);

#endif /* CLI_H */
