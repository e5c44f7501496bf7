// What changes in a fixture database while the server runs, so snapshot
// reads can be told apart from statement reads without a real engine: a
// commit counter (the database's version) that a simulated writer advances
// before every statement reading data from the database, unless a session
// holds shared table locks (SELECT ... WITH (TABLOCK, HOLDLOCK) inside a
// transaction), which hold that writer off until its transaction ends.
// "Live" fixture tables generate their rows from the version a statement
// sees: the current one, or in a SNAPSHOT transaction the version of the
// transaction's first data access (SQL Server takes the snapshot there, not
// at BEGIN TRANSACTION).
//
// Thread safety: all members are thread safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>

namespace tdstest {

struct SessionState;

class DatabaseClock {
 public:
  // The writer commits (the version advances) unless table locks are held;
  // returns the version a statement now sees.
  std::int64_t write_commit();
  void lock();
  void unlock();

 private:
  std::mutex mu_;
  std::int64_t version_ = 1;  // guarded by mu_
  int locks_ = 0;             // guarded by mu_
};

// Ends what a transaction held: its snapshot and its table locks.
void end_transaction_effects(SessionState& state);

}  // namespace tdstest
