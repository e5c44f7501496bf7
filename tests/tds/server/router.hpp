// Routes a batch (or sp_executesql statement) to what answers it:
//   - a batch whose first line is a tag comment `-- cutover:<name>` goes
//     whole to the handler registered for <name> (the adapter's catalog .sql
//     files start with such tags); `-- cutover:session` is built in and
//     returns the session state (database, textsize, isolation, trancount,
//     packet size, user);
//   - otherwise the batch is split at top-level ';' and each statement runs:
//     SET TEXTSIZE n, SET TRANSACTION ISOLATION LEVEL ..., other SET (accepted),
//     USE db, BEGIN/COMMIT/ROLLBACK TRAN[SACTION], IF @@TRANCOUNT > 0
//     COMMIT|ROLLBACK, SELECT @@VERSION|@@SPID|@@TRANCOUNT, PRINT 'x',
//     RAISERROR('msg', severity, state), and the SELECT grammar of select.hpp.
// Anything else gets error 102, as SQL Server answers bad syntax.
//
// Thread safety: register handlers before the server starts; execute() is
// then called from every connection thread at once.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lexer.hpp"
#include "model.hpp"

namespace tdstest {

struct Query {
  std::string sql;
  std::vector<Param> params;
};

class Router {
 public:
  using TagHandler = std::function<void(const Query& q, Response& r)>;

  explicit Router(Catalog catalog) : catalog_(std::move(catalog)) {}

  void on_tag(const std::string& name, TagHandler handler);
  void execute(const std::string& sql, const std::vector<Param>& params, Response& r) const;
  bool has_database(const std::string& name) const {
    return catalog_.find_database(name) != nullptr;
  }
  const Catalog& catalog() const { return catalog_; }

  // The tag of a batch ("catalog_tables" for "-- cutover:catalog_tables\n..."), or "".
  static std::string tag_of(std::string_view sql);

 private:
  void statement(const std::string& sql, const std::vector<Param>& params, Response& r) const;
  bool builtin(const std::vector<SqlToken>& t, Response& r) const;

  Catalog catalog_;
  std::map<std::string, TagHandler> tags_;
};

}  // namespace tdstest
