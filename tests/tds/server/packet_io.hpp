// TDS packet framing over one socket ([MS-TDS] 2.2.3): reads whole client
// messages (several packets up to EOM) and cuts responses into packets of
// the negotiated size, so tokens straddle packet boundaries as they do with
// a real server.
//
// Attention: after every packet sent, the socket is polled; an ATTENTION
// packet that arrived sets attention() (other packets are queued as the
// next request). The session checks attention() at row boundaries, stops and
// acknowledges with DONE(DONE_ATTN) at the end of the response.
//
// Thread safety: none; one instance per connection thread.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "wire.hpp"

namespace tdstest {

enum PacketType : std::uint8_t {
  k_pkt_batch = 1,
  k_pkt_rpc = 3,
  k_pkt_reply = 4,
  k_pkt_attention = 6,
  k_pkt_tm = 14,
  k_pkt_login7 = 16,
  k_pkt_prelogin = 18,
};

struct InMessage {
  std::uint8_t type = 0;
  std::string payload;
  bool ignored = false;  // the client set the ignore bit: drop the request
};

class PacketIo {
 public:
  explicit PacketIo(int fd) : fd_(fd) {}

  // The next whole message; nullopt when the client closed the connection.
  std::optional<InMessage> read_message();

  ByteWriter& out() { return out_; }
  // Sends every full packet waiting in out() (not the last partial one).
  void flush_full();
  // Sends what is left with EOM set: the response is complete.
  void end_message();

  bool attention() const { return attention_; }
  void clear_attention() { attention_ = false; }
  void set_packet_size(std::uint32_t size) { packet_size_ = size; }
  std::uint32_t packet_size() const { return packet_size_; }
  std::uint64_t packets_sent() const { return packets_sent_; }

 private:
  struct Packet {
    std::uint8_t type;
    std::uint8_t status;
    std::string body;
  };
  Packet read_packet();
  void read_exact(char* p, std::size_t n);
  void send_packet(std::string_view body, bool eom);
  void poll_attention();

  int fd_;
  std::uint32_t packet_size_ = 4096;
  ByteWriter out_;
  std::size_t out_sent_ = 0;  // bytes of out_ already sent
  std::deque<Packet> queued_;
  bool attention_ = false;
  std::uint8_t packet_id_ = 1;
  std::uint64_t packets_sent_ = 0;
};

}  // namespace tdstest
