// A cutover child process for tests that kill, interrupt or race it: started
// without a shell (posix_spawn), stdout/stderr into files, killed and reaped
// if the test leaves before it ends. Header-only: used by a few test files.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "harness.hpp"

extern char** environ;

namespace cutover::it {

// A cutover process started without a shell; killed and reaped if the test
// leaves before it ends.
class Child {
 public:
  Child(const std::vector<std::string>& args, std::string base) : base_(std::move(base)) {
    std::vector<char*> argv{const_cast<char*>(CUTOVER_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::string out = base_ + ".out", err = base_ + ".err";
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int rc = posix_spawn(&pid_, CUTOVER_BINARY, &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
      throw std::runtime_error(fmt::format("cannot start {}: errno {}", CUTOVER_BINARY, rc));
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    if (!code_) signal_and_wait(SIGKILL);
  }

  // The exit code (128 + signal when killed) if it ends within `limit_s`.
  std::optional<int> wait_for(double limit_s) {
    auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit_s);
    while (!poll() && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return code_;
  }
  int finish(double limit_s = 120) {
    if (auto code = wait_for(limit_s)) return *code;
    signal_and_wait(SIGKILL);
    throw std::runtime_error(
        fmt::format("cutover ran longer than {} s; killed it\n{}", limit_s, log()));
  }
  int signal_and_wait(int sig) {
    if (!code_) ::kill(pid_, sig);  // not yet reaped, so the pid is still ours
    int status = 0;
    while (!code_ && ::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    if (!code_) code_ = decode(status);
    return *code_;
  }
  bool running() { return !poll(); }
  // Sends `sig` without waiting (SIGSTOP and SIGCONT: freezing the run).
  void signal(int sig) {
    if (!code_) ::kill(pid_, sig);
  }
  std::string log() const {
    return fmt::format("--- stderr ---\n{}--- stdout ---\n{}", read_file(base_ + ".err"),
                       read_file(base_ + ".out"));
  }

 private:
  static int decode(int status) {
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  bool poll() {
    int status = 0;
    if (!code_ && ::waitpid(pid_, &status, WNOHANG) == pid_) code_ = decode(status);
    return code_.has_value();
  }
  std::string base_;
  pid_t pid_ = -1;
  std::optional<int> code_;
};

// Exit code of a shell command (128 when it did not exit normally).
inline int shell(const std::string& cmd) {
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

inline bool port_free(int port) {
  return shell(fmt::format("bash -c 'exec 3<>/dev/tcp/127.0.0.1/{}' 2>/dev/null", port)) != 0;
}

// A free port in [from, to), or 0. The search starts at an offset taken
// from the process id, so two suites on one machine rarely race for a port.
inline int free_port(int from, int to) {
  int span = to - from, start = static_cast<int>(::getpid()) % span;
  for (int i = 0; i < span; ++i)
    if (int port = from + (start + i) % span; port_free(port)) return port;
  return 0;
}

// A database server of a test suite's own, started with one of the
// project's scripts (pg-server.sh, mysql-server.sh) on a free port of
// [from, to): tests that restart a server cannot use the shared one, which
// the tests running beside them need.
class OwnServer {
 public:
  // Starts it; started() says whether it came up (start_log() why not).
  // A free port can still refuse the bind (a client socket of another test
  // in TIME_WAIT on it, the range being ephemeral): up to five are tried.
  void start(const std::string& script, const std::string& name, int from, int to) {
    namespace fs = std::filesystem;
    script_ = script;
    dir_ = fs::temp_directory_path() / fmt::format("{}-{}", name, ::getpid());
    fs::create_directories(dir_);
    fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
    int span = to - from, first = static_cast<int>(::getpid()) % span;
    for (int i = 0, tries = 0; i < span && tries < 5 && !started_; ++i) {
      port_ = from + (first + i) % span;
      if (!port_free(port_)) continue;
      ++tries;
      started_ = run("start " + dir_.string() + " " + std::to_string(port_), "start.log") == 0;
    }
  }
  void stop() {
    if (dir_.empty()) return;
    run("stop " + dir_.string(), "stop.log");
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    dir_.clear();
  }
  // A fast restart: every session ends. 0 on success (restart_log() else).
  int restart() const { return run("restart " + dir_.string(), "restart.log"); }
  bool started() const { return started_; }
  int port() const { return port_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::string start_log() const { return read_file(dir_.string() + "/start.log"); }
  std::string restart_log() const { return read_file(dir_.string() + "/restart.log"); }

 private:
  int run(const std::string& args, const std::string& log) const {
    return shell(fmt::format("bash {}/scripts/{} {} >>{}/{} 2>&1", CUTOVER_SOURCE_DIR, script_, args, dir_.string(), log));
  }
  std::string script_;
  std::filesystem::path dir_;
  int port_ = 0;
  bool started_ = false;
};

// Chunks committed on the target (0 before the state schema exists).
inline int64_t recorded_chunks(PgConn& pg) {
  if (pg.scalar("SELECT to_regclass('cutover_state.chunks') IS NOT NULL") != "t") return 0;
  return std::stoll(pg.scalar("SELECT count(*) FROM cutover_state.chunks").value_or("0"));
}

// Waits until the run has committed `n` chunks (false if it ended first).
inline bool wait_for_chunks(Child& child, PgConn& target, int64_t n) {
  while (child.running()) {
    try {
      if (recorded_chunks(target) >= n) return true;
    } catch (const std::exception&) {  // the state schema is being created
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

// Query rows as text, one line per row ("a b \n"), NULL as "NULL": for
// comparing catalogs after a crash test.
inline std::string joined(const Rows& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (const auto& c : row) out += c.value_or("NULL") + " ";
    out += "\n";
  }
  return out;
}

// Waits for the child's end: exit code, output and the report it wrote.
inline CutoverRun finish_run(Child& child, const std::string& report_path) {
  CutoverRun r;
  r.exit_code = child.finish();
  r.err = child.log();
  if (std::filesystem::exists(report_path)) r.report = nlohmann::json::parse(read_file(report_path));
  return r;
}

// Chunk attempts a run (not --quiet) announced as retried ("... attempt N
// failed, retrying"): each must be counted in the report's `retries`.
inline int logged_retries(const CutoverRun& r) {
  int n = 0;
  for (size_t at = r.err.find("failed, retrying"); at != std::string::npos; at = r.err.find("failed, retrying", at + 1))
    ++n;
  return n;
}

}  // namespace cutover::it
