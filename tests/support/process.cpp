#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace dossier::test {

namespace {

/// The environment of a child: ours without DOSSIER_* and proxy variables (every test server
/// is on loopback), with `extra_env` added in place of inherited variables of the same names.
std::vector<std::string> child_env(const std::vector<std::string>& extra_env) {
    auto name_of = [](std::string_view v) { return v.substr(0, v.find('=')); };
    auto overridden = [&](std::string_view v) {
        for (const auto& e : extra_env)
            if (name_of(e) == name_of(v)) return true;
        return false;
    };
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) {
        const std::string_view v(*e);
        const bool proxy = name_of(v).ends_with("_proxy") || name_of(v).ends_with("_PROXY");
        if (!v.starts_with("DOSSIER_") && !proxy && !overridden(v)) env_strings.emplace_back(v);
    }
    for (const auto& e : extra_env) env_strings.push_back(e);
    return env_strings;
}

/// Forks and execs `program` with stdin /dev/null and stdout/stderr on `out_fd`/`err_fd`.
/// Everything the child needs is built before fork: after it, only async-signal-safe calls
/// (the test process has threads, such as the loopback server's).
pid_t spawn(const std::string& program, const std::vector<std::string>& args, const ProcessOptions& options,
            int out_fd, int err_fd) {
    std::vector<std::string> env_strings = child_env(options.extra_env);
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    rlimit limit{};
    limit.rlim_cur = limit.rlim_max = static_cast<rlim_t>(options.file_size_limit);

    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        if (options.file_size_limit > 0) {
            ::signal(SIGXFSZ, SIG_IGN);  // EFBIG from write() instead of death
            if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(126);
        }
        const int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        ::dup2(devnull, 0);
        ::dup2(out_fd, 1);
        ::dup2(err_fd, 2);
        ::execve(program.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
    return pid;
}

int exit_code_of(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

}  // namespace

ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::string>& extra_env) {
    ProcessOptions options;
    options.extra_env = extra_env;
    return run_process_with(program, args, options);
}

ProcessResult run_process_with(const std::string& program, const std::vector<std::string>& args,
                               const ProcessOptions& options) {
    // O_CLOEXEC: a child started by another thread at the same moment must not inherit our
    // pipe ends, or our read would wait for that child too.
    int out_pipe[2], err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = spawn(program, args, options, out_pipe[1], err_pipe[1]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    ProcessResult r;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&r.out, &r.err};
    int open_fds = 2;
    char buf[65536];
    while (open_fds > 0) {
        if (::poll(fds, 2, -1) < 0) break;
        for (int k = 0; k < 2; ++k) {
            if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = ::read(fds[k].fd, buf, sizeof buf);
            if (n > 0) {
                sinks[k]->append(buf, static_cast<std::size_t>(n));
            } else {
                ::close(fds[k].fd);
                fds[k].fd = -1;
                --open_fds;
            }
        }
    }
    int status = 0;
    rusage usage{};
    ::wait4(pid, &status, 0, &usage);  // this child's own resources, whatever else ran before
    r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    r.peak_rss_kib = usage.ru_maxrss;  // Linux: KiB
    r.exit_code = exit_code_of(status);
    return r;
}

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args,
                           const std::filesystem::path& output_file, const ProcessOptions& options) {
    const int fd = output_file.empty() ? ::open("/dev/null", O_WRONLY | O_CLOEXEC)
                                       : ::open(output_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot open the output file of a child");
    try {
        m_pid = spawn(program, args, options, fd, fd);
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
}

ChildProcess::~ChildProcess() {
    if (running()) {
        ::kill(m_pid, SIGKILL);
        (void)wait();
    }
}

bool ChildProcess::running() {
    if (m_exit_code >= 0) return false;
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) != m_pid) return true;
    m_exit_code = exit_code_of(status);
    return false;
}

void ChildProcess::kill(int signal) {
    if (running()) ::kill(m_pid, signal);
}

int ChildProcess::wait() {
    if (m_exit_code >= 0) return m_exit_code;
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {}
    m_exit_code = exit_code_of(status);
    return m_exit_code;
}

TempDir::TempDir() {
    std::random_device rd;
    const auto base = std::filesystem::temp_directory_path();
    for (;;) {
        m_path = base / ("dossier-test-" + std::to_string(rd()));
        if (std::filesystem::create_directory(m_path)) return;
    }
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(m_path, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(m_path, ec);
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const std::filesystem::path& p, const std::string& data) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << data;
}

}  // namespace dossier::test
