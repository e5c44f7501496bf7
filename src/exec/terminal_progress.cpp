#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <algorithm>
#include <cstdio>
#include <mutex>
#include <thread>

#include "exec/progress.hpp"

namespace cutover {

namespace {

using Clock = std::chrono::steady_clock;

std::string human_count(double v) {
  if (v >= 1e6) return fmt::format("{:.1f}M", v / 1e6);
  if (v >= 1e4) return fmt::format("{:.0f}k", v / 1e3);
  return fmt::format("{:.0f}", v);
}

class TerminalProgress final : public ProgressSink {
 public:
  TerminalProgress() : tty_(isatty(STDERR_FILENO) != 0) {}
  ~TerminalProgress() override { stop(); }

  void start(const std::vector<ProgressTable>& tables) override {
    std::lock_guard lock(mu_);
    tables_ = tables;
    rows_ = std::vector<std::atomic<int64_t>>(tables.size());
    chunks_ = std::vector<std::atomic<int>>(tables.size());
    started_ = Clock::now();
    for (const auto& t : tables) total_rows_ += t.estimated_rows;
    if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
  }
  void phase(const std::string& what) override { print_line(fmt::format("cutover: {}", what)); }
  void rows_copied(size_t table, int64_t rows, int64_t bytes) override {
    rows_[table] += rows;
    bytes_ += bytes;
  }
  void chunk_done(size_t table) override { ++chunks_[table]; }
  void message(const std::string& text) override { print_line("  " + text); }
  void stop() override {
    {
      std::lock_guard lock(mu_);
      if (stopped_) return;
      stopped_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (tty_ && drawn_) std::fputs("\r\033[K", stderr);
  }

 private:
  void print_line(const std::string& line) {
    std::lock_guard lock(out_mu_);
    std::fprintf(stderr, "%s%s\n", tty_ && drawn_ ? "\r\033[K" : "", line.c_str());
    drawn_ = false;
  }

  std::string status() const {
    int64_t done = 0;
    for (const auto& r : rows_) done += r;
    double secs = std::chrono::duration<double>(Clock::now() - started_).count();
    double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
    std::string eta = "--";
    if (rate > 0 && total_rows_ > done)
      eta = fmt::format("{:.0f}s", static_cast<double>(total_rows_ - done) / rate);
    size_t tables_done = 0;
    for (size_t i = 0; i < tables_.size(); ++i)
      if (chunks_[i] >= tables_[i].chunks) ++tables_done;
    return fmt::format("copying: {}/{} rows, {} rows/s, {:.1f} MB/s, tables {}/{}, ETA {}{}",
                       human_count(static_cast<double>(done)),
                       human_count(static_cast<double>(total_rows_)), human_count(rate),
                       secs > 0 ? static_cast<double>(bytes_) / secs / 1e6 : 0.0, tables_done,
                       tables_.size(), eta, active_tables());
  }

  // " | orders 45%, order_items 12%": up to three tables being copied.
  std::string active_tables() const {
    std::string out;
    int shown = 0;
    for (size_t i = 0; i < tables_.size() && shown < 3; ++i) {
      int64_t rows = rows_[i];
      if (rows <= 0 || chunks_[i] >= tables_[i].chunks) continue;
      int64_t pct = tables_[i].estimated_rows > 0 ? std::min<int64_t>(99, rows * 100 / tables_[i].estimated_rows) : 0;
      out += fmt::format("{}{} {}%", shown++ ? ", " : " | ", tables_[i].name, pct);
    }
    return out;
  }

  void loop() {
    auto period = tty_ ? std::chrono::seconds(1) : std::chrono::seconds(10);
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, period, [&] { return stopped_; })) {
      std::string line = status();
      std::lock_guard out(out_mu_);
      if (tty_) std::fprintf(stderr, "\r\033[K%s", line.c_str());
      else std::fprintf(stderr, "%s\n", line.c_str());
      drawn_ = tty_;
    }
  }

  bool tty_;
  std::mutex mu_, out_mu_;
  std::condition_variable cv_;
  std::thread thread_;
  bool stopped_ = false;
  bool drawn_ = false;
  std::vector<ProgressTable> tables_;
  std::vector<std::atomic<int64_t>> rows_;
  std::vector<std::atomic<int>> chunks_;
  std::atomic<int64_t> bytes_{0};
  int64_t total_rows_ = 0;
  Clock::time_point started_;
};

}  // namespace

std::unique_ptr<ProgressSink> make_terminal_progress() { return std::make_unique<TerminalProgress>(); }

}  // namespace cutover
