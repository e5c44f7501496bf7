#include "exec/task_pool.hpp"

namespace cutover {

TaskPool::TaskPool(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { worker(); });
}

TaskPool::~TaskPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void TaskPool::add(Task task) {
  std::lock_guard lock(mu_);
  tasks_.push_back(std::move(task));
  work_cv_.notify_one();
}

void TaskPool::add_front(Task task) {
  std::lock_guard lock(mu_);
  tasks_.push_front(std::move(task));
  work_cv_.notify_one();
}

void TaskPool::wait() {
  std::unique_lock lock(mu_);
  idle_cv_.wait(lock, [&] { return tasks_.empty() && running_ == 0; });
}

void TaskPool::worker() {
  for (;;) {
    Task task;
    {
      std::unique_lock lock(mu_);
      work_cv_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
      if (stopping_ && tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
      ++running_;
    }
    task();
    {
      std::lock_guard lock(mu_);
      --running_;
      if (tasks_.empty() && running_ == 0) idle_cv_.notify_all();
    }
  }
}

}  // namespace cutover
