#include "packet_io.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace tdstest {

namespace {

constexpr std::uint8_t k_eom = 0x01;
constexpr std::uint8_t k_ignore = 0x02;
constexpr std::size_t k_header = 8;

}  // namespace

void PacketIo::read_exact(char* p, std::size_t n) {
  while (n > 0) {
    ssize_t got = ::recv(fd_, p, n, 0);
    if (got == 0) throw WireError("connection closed by the client");
    if (got < 0) {
      if (errno == EINTR) continue;
      throw WireError("read failed");
    }
    p += got;
    n -= static_cast<std::size_t>(got);
  }
}

PacketIo::Packet PacketIo::read_packet() {
  char h[k_header];
  read_exact(h, k_header);
  std::size_t len = (static_cast<unsigned char>(h[2]) << 8) | static_cast<unsigned char>(h[3]);
  if (len < k_header) throw WireError("packet length below the header size");
  Packet p{static_cast<std::uint8_t>(h[0]), static_cast<std::uint8_t>(h[1]),
           std::string(len - k_header, '\0')};
  read_exact(p.body.data(), p.body.size());
  return p;
}

std::optional<InMessage> PacketIo::read_message() {
  InMessage m;
  for (bool first = true;; first = false) {
    Packet p;
    if (!queued_.empty()) {
      p = std::move(queued_.front());
      queued_.pop_front();
    } else {
      try {
        p = read_packet();
      } catch (const WireError&) {
        if (first) return std::nullopt;
        throw;
      }
    }
    m.type = p.type;
    m.payload += p.body;
    if (p.status & k_ignore) m.ignored = true;
    if (p.status & k_eom) return m;
  }
}

void PacketIo::send_packet(std::string_view body, bool eom) {
  ByteWriter w;
  w.u8(k_pkt_reply);
  w.u8(eom ? k_eom : 0);
  w.u16be(static_cast<std::uint16_t>(body.size() + k_header));
  w.u16be(51);  // SPID
  w.u8(packet_id_++);
  w.u8(0);
  w.bytes(body);
  std::string_view data = w.data();
  while (!data.empty()) {
    ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw WireError("write failed: the client went away");
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  ++packets_sent_;
  poll_attention();
}

void PacketIo::poll_attention() {
  pollfd pfd{fd_, POLLIN, 0};
  while (::poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN)) {
    Packet p = read_packet();
    if (p.type == k_pkt_attention) {
      attention_ = true;
    } else {
      queued_.push_back(std::move(p));
    }
  }
}

void PacketIo::flush_full() {
  std::size_t payload = packet_size_ - k_header;
  const std::string& data = out_.data();
  while (data.size() - out_sent_ > payload) {
    send_packet(std::string_view(data).substr(out_sent_, payload), false);
    out_sent_ += payload;
  }
  if (out_sent_ > (1u << 20)) {  // drop what was sent, keep memory bounded
    std::string rest = data.substr(out_sent_);
    out_ = ByteWriter();
    out_.bytes(rest);
    out_sent_ = 0;
  }
}

void PacketIo::end_message() {
  flush_full();
  send_packet(std::string_view(out_.data()).substr(out_sent_), true);
  out_ = ByteWriter();
  out_sent_ = 0;
}

}  // namespace tdstest
