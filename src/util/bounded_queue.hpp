// A FIFO bounded by bytes (and by item count), for handing batches from a
// reader thread to a writer thread with flat memory (DESIGN.md §1).
//
// Thread safety: all members are safe to call from any thread.
// An item larger than the whole budget is still accepted when the queue is
// empty, so one oversized batch cannot deadlock the pipeline.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace cutover {

template <class T>
class BoundedQueue {
 public:
  BoundedQueue(size_t max_bytes, size_t max_items) : max_bytes_(max_bytes), max_items_(max_items) {}

  // Blocks while full. Returns false (and drops the item) once closed.
  bool push(T item, size_t bytes) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] {
      return closed_ || items_.empty() ||
             (bytes_ + bytes <= max_bytes_ && items_.size() < max_items_);
    });
    if (closed_) return false;
    bytes_ += bytes;
    items_.emplace_back(std::move(item), bytes);
    not_empty_.notify_one();
    return true;
  }

  // Blocks until an item arrives; nullopt once finished and drained, or closed.
  std::optional<T> pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return closed_ || finished_ || !items_.empty(); });
    if (closed_ || items_.empty()) return std::nullopt;
    auto [item, bytes] = std::move(items_.front());
    items_.pop_front();
    bytes_ -= bytes;
    not_full_.notify_one();
    return std::move(item);
  }

  // Non-blocking pop: nullopt when nothing is queued right now.
  std::optional<T> try_pop() {
    std::lock_guard lock(mu_);
    if (items_.empty()) return std::nullopt;
    auto [item, bytes] = std::move(items_.front());
    items_.pop_front();
    bytes_ -= bytes;
    not_full_.notify_one();
    return std::move(item);
  }

  // Producer is done: consumers drain what is left, then get nullopt.
  void finish() {
    std::lock_guard lock(mu_);
    finished_ = true;
    not_empty_.notify_all();
  }

  // Either side gave up: wake everyone, drop what is queued.
  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    items_.clear();
    bytes_ = 0;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  size_t bytes() const {
    std::lock_guard lock(mu_);
    return bytes_;
  }

 private:
  const size_t max_bytes_;
  const size_t max_items_;
  mutable std::mutex mu_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<std::pair<T, size_t>> items_;
  size_t bytes_ = 0;
  bool finished_ = false;
  bool closed_ = false;
};

}  // namespace cutover
