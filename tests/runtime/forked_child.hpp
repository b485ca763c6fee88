// run_forked(): runs a function in a forked copy of the test process and collects how it ended
// and what it wrote to stderr. For what must not happen in the test process itself: a fatal
// error, a deliberate leak that the shutdown report must print, memory that can never be
// freed again. The child never returns into Boost.Test: it _exit()s after the function (status
// 0), or dies of its own fatal error.
#ifndef MINIPY_TESTS_RUNTIME_FORKED_CHILD_HPP
#define MINIPY_TESTS_RUNTIME_FORKED_CHILD_HPP

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <string>

namespace minipy::test {

struct ForkedResult {
    int exit_status = -1;  // exit code, or -1 when a signal ended the child
    int signal = 0;
    std::string err;  // everything the child wrote to stderr
};

template <typename Body>
ForkedResult run_forked(Body body) {
    ForkedResult result;
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) return result;
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid < 0) return result;
    if (pid == 0) {
        // Boost.Test's handlers would turn the child's abort into a test failure and carry on
        // running the other tests in the child: let the signals kill it.
        for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP})
            std::signal(sig, SIG_DFL);
        close(pipe_fds[0]);
        dup2(pipe_fds[1], STDERR_FILENO);
        close(pipe_fds[1]);
        body();
        std::fflush(nullptr);
        _exit(0);
    }
    close(pipe_fds[1]);
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
        if (n <= 0) break;
        result.err.append(buffer, static_cast<std::size_t>(n));
    }
    close(pipe_fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    return result;
}

}  // namespace minipy::test

#endif  // MINIPY_TESTS_RUNTIME_FORKED_CHILD_HPP
