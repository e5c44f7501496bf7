#include "session.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "clock.hpp"
#include "decode.hpp"
#include "lexer.hpp"
#include "login.hpp"
#include "router.hpp"

namespace tdstest {

namespace {

constexpr std::uint32_t k_tds74 = 0x74000004;
constexpr std::uint16_t k_proc_executesql = 10;
constexpr std::uint16_t k_tm_begin = 5;
constexpr std::uint16_t k_tm_commit = 7;
constexpr std::uint16_t k_tm_rollback = 8;

const char* isolation_name(std::uint8_t level) {
  switch (level) {
    case 1: return "READ UNCOMMITTED";
    case 3: return "REPEATABLE READ";
    case 4: return "SERIALIZABLE";
    case 5: return "SNAPSHOT";
    default: return "READ COMMITTED";
  }
}

// sp_executesql's values may come without names: they take the names of
// its @params declaration ("@P1 BIGINT,@P2 NVARCHAR(10)") in order.
void name_positional(std::vector<Param>& params) {
  if (params.size() < 3) return;
  std::vector<std::string> names;
  for (const SqlToken& t : lex_sql(value_text(params[1].value))) {
    if (t.kind == SqlToken::param) names.push_back(t.text);
  }
  for (std::size_t i = 2; i < params.size() && i - 2 < names.size(); ++i) {
    if (params[i].name.empty()) params[i].name = names[i - 2];
  }
}

void skip_all_headers(ByteReader& r) {
  std::size_t start = r.pos();
  std::uint32_t total = r.u32();
  if (total < 4) throw WireError("ALL_HEADERS shorter than its length field");
  r.seek(start + total);
}

class Session final : public Response {
 public:
  Session(int fd, const ServerConfig& c, const Router& router, ServerStats& stats, RowGate& gate)
      : io_(fd), config_(c), router_(router), stats_(stats), gate_(gate) {
    enc_.plp_chunk_bytes = c.plp_chunk_bytes;
  }
  ~Session() override { end_transaction_effects(state_); }  // a lost connection's transaction rolls back

  void run();

  SessionState& state() override { return state_; }
  void result(ResultSet rs) override;
  void message(const Message& m) override;
  void statement_done(std::uint64_t rows, bool count) override;
  void use_database(const std::string& name) override;
  void begin_transaction() override;
  void end_transaction(bool commit) override;
  bool cancelled() const override { return io_.attention(); }

 private:
  bool login();
  void login_failed(const std::string& user, const std::string& why);
  void login_succeeded(const Login7& l);
  void handle(const InMessage& m);
  void batch(std::string_view payload);
  void rpc(std::string_view payload);
  void transaction_request(std::string_view payload);
  void finish_response();
  void end_message();
  void flush_pending(bool more);
  void log(const std::string& what) const {
    if (config_.verbose) std::cerr << "tds_test_server: " << what << "\n";
  }

  PacketIo io_;
  const ServerConfig& config_;
  const Router& router_;
  ServerStats& stats_;
  RowGate& gate_;
  SessionState state_;
  EncodeOptions enc_;
  bool in_proc_ = false;
  bool pending_ = false;  // a statement's DONE waits to learn whether more follows
  std::uint16_t pending_status_ = 0;
  std::uint64_t pending_rows_ = 0;
  std::uint64_t next_transaction_ = 1;
};

void Session::flush_pending(bool more) {
  if (!pending_) return;
  pending_ = false;
  std::uint16_t status = static_cast<std::uint16_t>(pending_status_ | (more ? k_done_more : 0));
  if (state_.transaction != 0) status |= k_done_inxact;
  write_done(io_.out(), in_proc_ ? k_tok_doneinproc : k_tok_done, status, 0xC1, pending_rows_);
}

void Session::statement_done(std::uint64_t rows, bool count) {
  flush_pending(true);
  pending_ = true;
  pending_status_ = count ? k_done_count : 0;
  pending_rows_ = rows;
}

void Session::message(const Message& m) {
  flush_pending(true);
  bool error = m.severity > 10;
  write_message(io_.out(), error ? k_tok_error : k_tok_info, m, config_.server_name);
  if (error) {
    pending_ = true;
    pending_status_ = k_done_error;
    pending_rows_ = 0;
  }
}

void Session::result(ResultSet rs) {
  flush_pending(true);
  ByteWriter& w = io_.out();
  write_colmetadata(w, rs.columns, rs.table);
  enc_.textsize = state_.textsize;
  std::uint64_t rows = 0;
  Row row;
  Message error;
  for (;;) {
    if (io_.attention()) return;
    gate_.pass(rows);
    RowStep step = rs.next(row, error);
    if (step == RowStep::end) break;
    if (step == RowStep::error) {
      write_message(w, k_tok_error, error, config_.server_name);
      pending_ = true;
      pending_status_ = k_done_error | k_done_count;
      pending_rows_ = rows;
      return;
    }
    bool has_null = std::ranges::any_of(row, [](const Value& v) { return is_null(v); });
    bool nbc = rs.form == RowForm::nbcrow || (rs.form == RowForm::automatic && has_null);
    ByteWriter one;
    try {
      write_row(one, rs.columns, row, nbc, enc_);
    } catch (const std::exception& e) {  // a fixture value that its type cannot hold
      write_message(w, k_tok_error, {50000, 1, 16, fmt::format("fixture row {}: {}", rows + 1, e.what())},
                    config_.server_name);
      pending_ = true;
      pending_status_ = k_done_error | k_done_count;
      pending_rows_ = rows;
      return;
    }
    w.bytes(one.data());
    ++rows;
    io_.flush_full();
  }
  stats_.rows_sent += rows;
  statement_done(rows, true);
}

void Session::use_database(const std::string& name) {
  flush_pending(true);
  write_env_strings(io_.out(), k_env_database, name, state_.database);
  Message m{5701, 2, 0, fmt::format("Changed database context to '{}'.", name), "", 1};
  write_message(io_.out(), k_tok_info, m, config_.server_name);
  state_.database = name;
}

void Session::begin_transaction() {
  flush_pending(true);
  state_.transaction = next_transaction_++;
  ByteWriter d;
  d.u64(state_.transaction);
  write_env_bytes(io_.out(), k_env_begin_tran, d.data(), "");
}

void Session::end_transaction(bool commit) {
  if (state_.transaction == 0) return;
  flush_pending(true);
  ByteWriter d;
  d.u64(state_.transaction);
  write_env_bytes(io_.out(), commit ? k_env_commit_tran : k_env_rollback_tran, "", d.data());
  state_.transaction = 0;
  end_transaction_effects(state_);
}

void Session::finish_response() {
  if (io_.attention()) {
    log("attention during the response");
    flush_pending(true);
    write_done(io_.out(), k_tok_done, k_done_attn, 0, 0);
    io_.clear_attention();
    ++stats_.attentions;
  } else if (in_proc_) {
    flush_pending(true);
    write_return_status(io_.out(), 0);
    write_done(io_.out(), k_tok_doneproc, 0, 0xE0, 0);
  } else if (pending_) {
    flush_pending(false);
  } else {
    write_done(io_.out(), k_tok_done, 0, 0, 0);
  }
  in_proc_ = false;
  end_message();
}

// Sends the response's last packet. An ATTENTION that arrived while it was
// being sent came after the request completed: it still gets its own
// acknowledgment, or the client would wait for it forever.
void Session::end_message() {
  io_.end_message();
  if (!io_.attention()) return;
  log("attention after the response");
  io_.clear_attention();
  ++stats_.attentions;
  write_done(io_.out(), k_tok_done, k_done_attn, 0, 0);
  io_.end_message();
}

void Session::batch(std::string_view payload) {
  ByteReader r(payload);
  skip_all_headers(r);
  std::string sql = utf16le_to_utf8(r.bytes(r.remaining()));
  log("batch: " + sql);
  ++stats_.batches;
  router_.execute(sql, {}, *this);
}

void Session::rpc(std::string_view payload) {
  ByteReader r(payload);
  skip_all_headers(r);
  std::uint16_t name_len = r.u16();
  std::string proc;
  std::uint16_t proc_id = 0;
  if (name_len == 0xFFFF) {
    proc_id = r.u16();
  } else {
    proc = utf16le_to_utf8(r.bytes(2u * name_len));
  }
  r.u16();  // option flags
  std::vector<Param> params;
  while (r.remaining() > 0) {
    Param p;
    p.name = r.b_varchar();
    r.u8();  // status flags
    p.type = read_type_info(r);
    p.value = read_value(r, p.type);
    params.push_back(std::move(p));
  }
  ++stats_.rpcs;
  in_proc_ = true;
  bool executesql = proc_id == k_proc_executesql || proc == "sp_executesql";
  if (!executesql || params.empty()) {
    message({2812, 62, 16,
             fmt::format("Could not find stored procedure '{}' (the TDS test server runs only "
                         "sp_executesql).",
                         proc.empty() ? std::to_string(proc_id) : proc)});
    return;
  }
  std::string sql = value_text(params[0].value);
  name_positional(params);
  params.erase(params.begin(), params.begin() + std::min<std::size_t>(2, params.size()));
  log("sp_executesql: " + sql);
  router_.execute(sql, params, *this);
}

void Session::transaction_request(std::string_view payload) {
  ByteReader r(payload);
  skip_all_headers(r);
  std::uint16_t type = r.u16();
  log(fmt::format("transaction manager request {}", type));
  if (type == k_tm_begin) {
    std::uint8_t iso = r.u8();
    if (iso != 0) state_.isolation = isolation_name(iso);
    begin_transaction();
  } else if (type == k_tm_commit || type == k_tm_rollback) {
    r.b_varchar();
    bool begin_again = r.remaining() > 0 && (r.u8() & 0x01) != 0;
    end_transaction(type == k_tm_commit);
    if (begin_again) {
      std::uint8_t iso = r.u8();
      if (iso != 0) state_.isolation = isolation_name(iso);
      begin_transaction();
    }
  } else {
    message({8509, 1, 16, fmt::format("Transaction manager request {} is not supported.", type)});
  }
}

void Session::handle(const InMessage& m) {
  if (m.ignored) {
    write_done(io_.out(), k_tok_done, k_done_error, 0, 0);
    end_message();
    return;
  }
  switch (m.type) {
    case k_pkt_batch: batch(m.payload); break;
    case k_pkt_rpc: rpc(m.payload); break;
    case k_pkt_tm: transaction_request(m.payload); break;
    case k_pkt_attention:
      log("attention while idle");
      io_.clear_attention();
      ++stats_.attentions;
      write_done(io_.out(), k_tok_done, k_done_attn, 0, 0);
      end_message();
      return;
    default: throw WireError(fmt::format("unexpected packet type {}", m.type));
  }
  finish_response();
}

void Session::login_failed(const std::string& user, const std::string& why) {
  log("login failed: " + why);
  ++stats_.failed_logins;
  Message m{18456, 1, 14, fmt::format("Login failed for user '{}'.", user), "", 1};
  write_message(io_.out(), k_tok_error, m, config_.server_name);
  write_done(io_.out(), k_tok_done, k_done_error, 0, 0);
  io_.end_message();
}

void Session::login_succeeded(const Login7& l) {
  ByteWriter& w = io_.out();
  state_.user = l.user;
  state_.textsize = l.odbc ? -1 : 4096;
  state_.database = l.database.empty() ? "master" : l.database;
  write_env_strings(w, k_env_database, state_.database, "master");
  write_message(w, k_tok_info,
                {5701, 2, 0, fmt::format("Changed database context to '{}'.", state_.database)},
                config_.server_name);
  Collation c = collation_named("");
  ByteWriter coll;
  coll.u32(c.info);
  coll.u8(c.sort_id);
  write_env_bytes(w, k_env_collation, coll.data(), "");
  write_env_strings(w, k_env_language, "us_english", "");
  write_message(w, k_tok_info, {5703, 1, 0, "Changed language setting to us_english."},
                config_.server_name);
  write_loginack(w, k_tds74, "Microsoft SQL Server");
  if (l.feature_ext) {
    w.u8(k_tok_featureextack);
    if (l.wants_utf8) {
      w.u8(0x0A);
      w.u32(1);
      w.u8(1);
    }
    w.u8(0xFF);
  }
  std::uint32_t asked = config_.packet_size != 0 ? config_.packet_size : l.packet_size;
  std::uint32_t size = asked == 0 ? 4096 : std::clamp<std::uint32_t>(asked, 512, 32767);
  write_env_strings(w, k_env_packet_size, std::to_string(size), "4096");
  write_done(w, k_tok_done, 0, 0, 0);
  io_.end_message();
  io_.set_packet_size(size);
  state_.packet_size = size;
  ++stats_.logins;
}

bool Session::login() {
  std::optional<InMessage> m = io_.read_message();
  if (!m || m->type != k_pkt_prelogin) return false;
  log(fmt::format("prelogin, client encryption {}", prelogin_client_encryption(m->payload)));
  io_.out().bytes(prelogin_reply());
  io_.end_message();
  m = io_.read_message();
  if (!m || m->type != k_pkt_login7) return false;
  Login7 l = parse_login7(m->payload);
  log(fmt::format("login user={} db={} app={} tds=0x{:08X} packet={} odbc={}", l.user,
                  l.database, l.app, l.tds_version, l.packet_size, l.odbc));
  auto user = config_.users.find(l.user);
  if (user == config_.users.end() || user->second != l.password) {
    login_failed(l.user, user == config_.users.end() ? "unknown user" : "wrong password");
    return false;
  }
  if (!l.database.empty() && !router_.has_database(l.database)) {
    write_message(io_.out(), k_tok_error,
                  {4060, 1, 11,
                   fmt::format("Cannot open database \"{}\" requested by the login. The login "
                               "failed.",
                               l.database)},
                  config_.server_name);
    login_failed(l.user, "unknown database " + l.database);
    return false;
  }
  login_succeeded(l);
  return true;
}

void Session::run() {
  if (!login()) return;
  while (std::optional<InMessage> m = io_.read_message()) handle(*m);
}

}  // namespace

void RowGate::pass(std::uint64_t rows_sent) {
  if (!hold || rows_sent < after_rows) return;
  ++held;
  while (hold) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  --held;
}

void serve_connection(int fd, const ServerConfig& config, const Router& router,
                      ServerStats& stats, RowGate& gate) {
  Session s(fd, config, router, stats, gate);
  try {
    s.run();
  } catch (const std::exception& e) {
    if (config.verbose) std::cerr << "tds_test_server: connection ended: " << e.what() << "\n";
  }
}

}  // namespace tdstest
