// See child.hpp. fork + execve with two pipes, drained with poll() so that a child that
// writes a lot to one stream cannot block on the other.
#include "support/child.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>

extern char **environ;

namespace minipy::test {

namespace {

std::vector<std::string> child_environment(const EnvChanges &changes) {
    std::map<std::string, std::string> env;
    for (char **e = environ; *e != nullptr; ++e) {
        const char *eq = std::strchr(*e, '=');
        if (eq != nullptr) env[std::string(*e, static_cast<std::size_t>(eq - *e))] = eq + 1;
    }
    for (const auto &[name, value] : changes) {
        if (value)
            env[name] = *value;
        else
            env.erase(name);
    }
    std::vector<std::string> flat;
    for (const auto &[name, value] : env) {
        flat.push_back(name);
        flat.back() += '=';
        flat.back() += value;
    }
    return flat;
}

double now_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

std::vector<std::string> split_lines(const std::string &text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::vector<std::string> ChildResult::err_lines() const {
    return split_lines(err);
}

ChildResult run_child(const std::vector<std::string> &argv, const EnvChanges &env,
                      int timeout_seconds) {
    if (argv.empty()) throw std::invalid_argument("run_child: empty argv");
    std::vector<std::string> env_strings = child_environment(env);
    std::vector<char *> c_argv;
    for (const std::string &a : argv) c_argv.push_back(const_cast<char *>(a.c_str()));
    c_argv.push_back(nullptr);
    std::vector<char *> c_env;
    for (std::string &e : env_strings) c_env.push_back(e.data());
    c_env.push_back(nullptr);

    int out_pipe[2];
    int err_pipe[2];
    if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0)
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_pipe[1], STDERR_FILENO);
        close(out_pipe[0]);
        close(out_pipe[1]);
        close(err_pipe[0]);
        close(err_pipe[1]);
        execve(c_argv[0], c_argv.data(), c_env.data());
        const char *msg = "run_child: execve failed\n";
        (void)!write(STDERR_FILENO, msg, std::strlen(msg));
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);

    ChildResult result;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string *sinks[2] = {&result.out, &result.err};
    int open_fds = 2;
    const double deadline = now_seconds() + timeout_seconds;
    while (open_fds > 0) {
        const int wait_ms = static_cast<int>((deadline - now_seconds()) * 1000);
        if (wait_ms <= 0) {
            result.timed_out = true;
            kill(pid, SIGKILL);
            break;
        }
        if (poll(fds, 2, wait_ms) < 0 && errno != EINTR) break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            char buffer[4096];
            const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
            }
        }
    }
    for (pollfd &f : fds)
        if (f.fd >= 0) close(f.fd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    return result;
}

std::vector<std::string> masked_report_lines(const std::string &text) {
    std::vector<std::string> lines;
    for (const std::string &line : split_lines(text)) {
        std::string out;
        for (std::size_t i = 0; i < line.size();) {
            if (line.compare(i, 3, "=0x") == 0) {
                std::size_t j = i + 3;
                while (j < line.size() && std::isxdigit(static_cast<unsigned char>(line[j]))) ++j;
                out += "=<ptr>";
                i = j;
            } else {
                out += line[i++];
            }
        }
        lines.push_back(out);
    }
    return lines;
}

}  // namespace minipy::test
