#include "loopback_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace dossier::test {

namespace {

bool iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

const char* reason_phrase(int status) {
    switch (status) {
        case 200: return "OK";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 304: return "Not Modified";
        case 404: return "Not Found";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        default: return "Whatever";
    }
}

/// Reads until the end of the request head; empty when the client left or the server stops.
std::string read_head(int fd, const std::atomic<bool>& stopping) {
    std::string head;
    char buf[4096];
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < (64u << 10)) {
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, 50);
        if (stopping.load()) return {};
        if (ready <= 0) continue;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) return {};
        head.append(buf, static_cast<std::size_t>(n));
    }
    return head;
}

SeenRequest parse_head(const std::string& head) {
    SeenRequest r;
    r.at = Clock::now();
    std::size_t pos = head.find("\r\n");
    const std::string line = head.substr(0, pos);
    const auto s1 = line.find(' ');
    const auto s2 = line.find(' ', s1 + 1);
    r.method = line.substr(0, s1);
    r.target = line.substr(s1 + 1, s2 - s1 - 1);
    r.path = r.target.substr(0, r.target.find('?'));
    while (pos != std::string::npos && pos + 2 < head.size()) {
        const auto next = head.find("\r\n", pos + 2);
        const std::string_view h(head.data() + pos + 2, (next == std::string::npos ? head.size() : next) - pos - 2);
        if (h.empty()) break;
        if (auto colon = h.find(':'); colon != std::string_view::npos) {
            r.headers.emplace_back(std::string(trim(h.substr(0, colon))), std::string(trim(h.substr(colon + 1))));
        }
        pos = next;
    }
    return r;
}

}  // namespace

std::string SeenRequest::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (iequal(k, name)) return v;
    return {};
}

std::size_t SeenRequest::header_count(std::string_view name) const {
    std::size_t n = 0;
    for (const auto& [k, v] : headers)
        if (iequal(k, name)) ++n;
    return n;
}

bool Connection::write(std::string_view bytes) {
    if (m_on_respond) {
        m_on_respond();
        m_on_respond = nullptr;
    }
    while (!bytes.empty()) {
        if (m_stopping.load()) return false;
        pollfd p{m_fd, POLLOUT, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        if (p.revents & (POLLERR | POLLHUP)) return false;
        const ssize_t n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool Connection::sleep_for(std::chrono::milliseconds d) {
    const auto until = Clock::now() + d;
    while (Clock::now() < until) {
        if (m_stopping.load()) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return !m_stopping.load();
}

void Connection::reset() { m_reset = true; }

std::string make_response(int status, std::string_view body, const HeaderPairs& headers) {
    std::string r = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
    r += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n";
    for (const auto& [k, v] : headers) r += k + ": " + v + "\r\n";
    r += "\r\n";
    r += body;
    return r;
}

LoopbackServer::LoopbackServer() {
    m_listen_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_listen_fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(m_listen_fd, 64) != 0 ||
        ::getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        ::close(m_listen_fd);
        throw std::runtime_error("bind/listen failed");
    }
    m_port = ntohs(addr.sin_port);
    m_acceptor = std::thread([this] { accept_loop(); });
}

LoopbackServer::~LoopbackServer() {
    m_stopping.store(true);
    m_acceptor.join();
    std::vector<std::thread> threads;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        threads.swap(m_threads);
    }
    for (auto& t : threads) t.join();
    ::close(m_listen_fd);
}

void LoopbackServer::on(const std::string& path, Handler handler) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_handlers[path] = std::move(handler);
}

void LoopbackServer::serve(const std::string& path, std::string raw_response) {
    on(path, [raw = std::move(raw_response)](const SeenRequest&, Connection& c) { c.write(raw); });
}

void LoopbackServer::on_connect(std::function<void(Connection&)> handler) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_on_connect = std::move(handler);
}

int LoopbackServer::hits(const std::string& path) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    int n = 0;
    for (const auto& r : m_seen)
        if (r.path == path) ++n;
    return n;
}

std::vector<SeenRequest> LoopbackServer::requests() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_seen;
}

std::size_t LoopbackServer::max_in_flight() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_max_in_flight;
}

void LoopbackServer::accept_loop() {
    while (!m_stopping.load()) {
        pollfd p{m_listen_fd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        const int fd = ::accept(m_listen_fd, nullptr, nullptr);
        if (fd < 0) continue;
        std::lock_guard<std::mutex> lock(m_mutex);
        m_threads.emplace_back([this, fd] { serve_connection(fd); });
    }
}

void LoopbackServer::serve_connection(int fd) {
    std::function<void(Connection&)> raw;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        raw = m_on_connect;
    }
    if (raw) {
        Connection conn(fd, m_stopping);
        raw(conn);
        ::close(fd);
        return;
    }
    const std::string head = read_head(fd, m_stopping);
    if (!head.empty()) {
        SeenRequest req = parse_head(head);
        Handler handler;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_seen.push_back(req);
            if (auto it = m_handlers.find(req.path); it != m_handlers.end()) handler = it->second;
            m_max_in_flight = std::max(m_max_in_flight, ++m_in_flight);
        }
        Connection conn(fd, m_stopping);
        conn.m_on_respond = [this] {
            std::lock_guard<std::mutex> lock(m_mutex);
            --m_in_flight;
        };
        if (handler) {
            handler(req, conn);
        } else {
            conn.write(make_response(404, "not found"));
        }
        if (conn.m_on_respond) conn.m_on_respond();  // the handler never answered
        if (conn.m_reset) {
            linger l{1, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        }
    }
    ::close(fd);
}

}  // namespace dossier::test
