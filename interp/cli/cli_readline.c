/* Line editing and history through libedit (cli_readline.h), the way CPython's readline
 * module drives GNU readline or libedit: the callback interface under a pselect() loop, so
 * that Ctrl-C (SIGINT, whose handler makes select fail with EINTR) ends the line at once:
 * the line is dropped, the terminal put back, and PyOS_Readline raises KeyboardInterrupt.
 * Tab inserts itself (indentation matters more here than file-name completion). */
#include "cli_readline.h"

#include <editline/readline.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>

#include "minipy/Python.h"
#include "minipy/intrcheck.h"
#include "minipy/pythonrun.h"

enum { kHistoryLength = 1000 };

static const char *g_history_file = NULL;
static char *g_completed = NULL; /* the line the handler got, NULL at end of input */
static int g_line_done = 0;

static void on_line(char *line) {
    g_completed = line;
    g_line_done = 1;
    rl_callback_handler_remove();
}

/* A PyMem_RawMalloc'd copy of text + suffix. */
static char *raw_copy(const char *text, const char *suffix) {
    const size_t size = strlen(text) + strlen(suffix) + 1;
    char *copy = PyMem_RawMalloc(size);
    if (copy != NULL) snprintf(copy, size, "%s%s", text, suffix);
    return copy;
}

static char *edit_line(FILE *in, FILE *out, const char *prompt) {
    rl_instream = in;
    rl_outstream = out;
    g_completed = NULL;
    g_line_done = 0;
    rl_callback_handler_install(prompt, on_line);
    const int fd = fileno(in);
    /* SIGINT stays blocked but while pselect waits (which unblocks it atomically), so one
     * that comes between the check and the wait still ends the wait. */
    sigset_t sigint, previous;
    sigemptyset(&sigint);
    sigaddset(&sigint, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigint, &previous);
    while (!g_line_done) {
        if (PyOS_InterruptOccurred()) {
            pthread_sigmask(SIG_SETMASK, &previous, NULL);
            rl_free_line_state();
            rl_cleanup_after_signal();
            rl_callback_handler_remove();
            fputc('\n', out);
            fflush(out);
            return NULL;
        }
        fd_set readable;
        FD_ZERO(&readable);
        FD_SET(fd, &readable);
        const int ready = pselect(fd + 1, &readable, NULL, NULL, NULL, &previous);
        if (ready < 0 && errno != EINTR) {
            pthread_sigmask(SIG_SETMASK, &previous, NULL);
            rl_callback_handler_remove();
            return raw_copy("", ""); /* the terminal went away: end of input */
        }
        if (ready > 0) rl_callback_read_char();
    }
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    if (g_completed == NULL) return raw_copy("", "");
    if (g_completed[0] != '\0') add_history(g_completed);
    char *line = raw_copy(g_completed, "\n");
    free(g_completed);
    return line;
}

void cli_readline_start(const char *history_file) {
    rl_readline_name = "minipy";
    rl_initialize();
    using_history();
    stifle_history(kHistoryLength);
    rl_bind_key('\t', rl_insert);
    g_history_file = history_file;
    if (g_history_file != NULL) read_history(g_history_file);
    PyOS_ReadlineFunctionPointer = edit_line;
}

void cli_readline_stop(void) {
    if (g_history_file != NULL && write_history(g_history_file) == 0)
        history_truncate_file(g_history_file, kHistoryLength);
    g_history_file = NULL;
}
