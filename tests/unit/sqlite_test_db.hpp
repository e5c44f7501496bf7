// Test helper for the sqlite_*_test.cpp files: a database file in the test
// temp directory, built from SQL, removed at the end of the test.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <string_view>

#include "sources/sqlite/sqlite_catalog.hpp"
#include "sources/sqlite/sqlite_session.hpp"

namespace cutover::sqlite::testing {

class TempDb {
 public:
  explicit TempDb(std::string_view sql) {
    static int counter = 0;
    path_ = ::testing::TempDir() + "cutover_sqlite_" + std::to_string(::getpid()) + "_" +
            std::to_string(++counter) + ".db";
    std::remove(path_.c_str());
    auto s = Session::open_read_write(path_);
    if (!s) ADD_FAILURE() << s.error().describe();
    if (auto st = s->execute(sql); !st) ADD_FAILURE() << st.error().describe();
  }
  ~TempDb() { std::remove(path_.c_str()); }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;

  const std::string& path() const { return path_; }
  Session read_only() const { return std::move(Session::open_read_only(path_).value()); }
  Catalog catalog() const {
    auto s = read_only();
    auto c = load_catalog(s);
    if (!c) ADD_FAILURE() << c.error().describe();
    return c ? std::move(*c) : Catalog{};
  }
  Table table(std::string_view name) const {
    Catalog c = catalog();
    const Table* t = c.find_table("main", name);
    if (t == nullptr) ADD_FAILURE() << "no table " << name;
    return t ? *t : Table{};
  }

 private:
  std::string path_;
};

}  // namespace cutover::sqlite::testing
