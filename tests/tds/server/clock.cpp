#include "clock.hpp"

#include "response.hpp"

namespace tdstest {

std::int64_t DatabaseClock::write_commit() {
  std::lock_guard lock(mu_);
  if (locks_ == 0) ++version_;
  return version_;
}

void DatabaseClock::lock() {
  std::lock_guard lock(mu_);
  ++locks_;
}

void DatabaseClock::unlock() {
  std::lock_guard lock(mu_);
  if (locks_ > 0) --locks_;
}

void end_transaction_effects(SessionState& state) {
  state.snapshot_version.reset();
  if (state.locked) state.locked->unlock();
  state.locked.reset();
}

}  // namespace tdstest
