/* cli.h - commands of the bobao tool that live in files of their own. */
#ifndef CLI_H
#define CLI_H

struct command;

/* bobao fetch (cli/cmd_fetch.c) */
extern const char cli_usage_fetch[];
int cli_cmd_fetch(const struct command *c, int argc, char **argv);

#endif /* CLI_H */
