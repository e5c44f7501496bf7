// A fixed set of worker threads draining a task deque. Tasks may add tasks
// (to the front, so a table's indexes start as soon as its data is in);
// wait() returns when the deque is empty and no task is running.
//
// Thread safety: add/add_front/wait may be called from any thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace cutover {

class TaskPool {
 public:
  using Task = std::function<void()>;
  explicit TaskPool(int threads);
  ~TaskPool();
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  void add(Task task);
  void add_front(Task task);
  // Blocks until every task, including tasks added by tasks, has finished.
  void wait();

 private:
  void worker();

  std::mutex mu_;
  std::condition_variable work_cv_;
  std::condition_variable idle_cv_;
  std::deque<Task> tasks_;  // guarded by mu_
  int running_ = 0;         // guarded by mu_
  bool stopping_ = false;   // guarded by mu_
  std::vector<std::thread> threads_;
};

}  // namespace cutover
