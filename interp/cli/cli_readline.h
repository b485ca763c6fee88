/* Line editing and history for the interactive prompt, through libedit's readline-compatible
 * API (cli_readline.c). */
#ifndef MINIPY_CLI_READLINE_H
#define MINIPY_CLI_READLINE_H

/* Makes libedit the prompt's line reader (PyOS_ReadlineFunctionPointer); PyOS_Readline calls
 * it only when stdin and stdout are terminals. history_file (may be NULL) is read now and
 * written back by cli_readline_stop(). */
void cli_readline_start(const char *history_file);
void cli_readline_stop(void);

#endif /* MINIPY_CLI_READLINE_H */
