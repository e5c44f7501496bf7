// Progress sinks (STYLE.md §6: what to run, how to run it and progress are
// three things). The scheduler reports events; sinks render them.
//
// Thread safety: every method may be called from any worker thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cutover {

struct ProgressTable {
  std::string name;
  int64_t estimated_rows = 0;
  int chunks = 0;
};

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual void start(const std::vector<ProgressTable>& tables) = 0;
  virtual void phase(const std::string& what) = 0;
  virtual void rows_copied(size_t table, int64_t rows, int64_t bytes) = 0;
  virtual void chunk_done(size_t table) = 0;
  virtual void message(const std::string& text) = 0;  // warnings and notes
  virtual void stop() = 0;
};

class NullProgress final : public ProgressSink {
 public:
  void start(const std::vector<ProgressTable>&) override {}
  void phase(const std::string&) override {}
  void rows_copied(size_t, int64_t, int64_t) override {}
  void chunk_done(size_t) override {}
  void message(const std::string&) override {}
  void stop() override {}
};

// Renders to stderr: a status line per second on a terminal (redrawn in
// place), or a plain line every 10 seconds when stderr is not a terminal.
std::unique_ptr<ProgressSink> make_terminal_progress();

}  // namespace cutover
