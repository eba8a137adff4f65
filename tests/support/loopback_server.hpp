#pragma once
// Test support: a tiny HTTP/1.1 server on 127.0.0.1 (a free port) whose handlers write raw
// bytes, so tests can serve well-formed responses and deliberately broken ones alike
// (truncated chunking, resets mid-body, one byte at a time). One request per connection.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>


namespace dossier::test {

using Clock = std::chrono::steady_clock;
using HeaderPairs = std::vector<std::pair<std::string, std::string>>;

/// A request as the server received it.
struct SeenRequest {
    std::string method, target, path;  ///< path = target without the query
    HeaderPairs headers;
    Clock::time_point at;  ///< when its headers had arrived
    /// The first header named `name` (ASCII case-insensitive), or "".
    std::string header(std::string_view name) const;
    /// How many headers are named `name`.
    std::size_t header_count(std::string_view name) const;
};

/// The client connection as a handler sees it.
class Connection {
public:
    Connection(int fd, const std::atomic<bool>& stopping) : m_fd(fd), m_stopping(stopping) {}
    /// Writes all of `bytes`; false when the client has gone or the server is stopping.
    bool write(std::string_view bytes);
    /// Sleeps, waking early when the server stops; false when it stopped.
    bool sleep_for(std::chrono::milliseconds d);
    /// Closes the connection with a TCP reset (SO_LINGER 0) instead of an orderly close.
    void reset();
    bool stopping() const { return m_stopping.load(); }

private:
    int m_fd;
    const std::atomic<bool>& m_stopping;
    bool m_reset = false;
    /// Called once, when the response starts: from then on the client may finish the request
    /// at any moment, so the server stops counting it as in flight.
    std::function<void()> m_on_respond;
    friend class LoopbackServer;
};

using Handler = std::function<void(const SeenRequest&, Connection&)>;

/// Status line, Content-Length, Connection: close, `headers`, then `body`.
std::string make_response(int status, std::string_view body, const HeaderPairs& headers = {});

class LoopbackServer {
public:
    /// Binds 127.0.0.1 on a free port and starts accepting. Paths without a handler get 404.
    LoopbackServer();
    /// Stops accepting, wakes sleeping handlers and joins every thread.
    ~LoopbackServer();
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    /// Serves `path` (exact, query ignored) with `handler`; register before requests arrive.
    void on(const std::string& path, Handler handler);
    /// Serves `path` with a fixed response.
    void serve(const std::string& path, std::string raw_response);
    /// Hands every new connection to `handler` before reading anything (for clients that do
    /// not speak plain HTTP, such as a TLS handshake); replaces the path handlers.
    void on_connect(std::function<void(Connection&)> handler);

    int port() const { return m_port; }
    std::string authority() const { return "127.0.0.1:" + std::to_string(m_port); }
    std::string url(std::string_view target) const { return "http://" + authority() + std::string(target); }

    /// Requests received for `path` so far.
    int hits(const std::string& path) const;
    /// Every request received, in arrival order.
    std::vector<SeenRequest> requests() const;
    /// The most requests ever in flight at once: from the request's head arriving until its
    /// response starts (so a client reusing its slot right after a response is not counted twice).
    std::size_t max_in_flight() const;

private:
    void accept_loop();
    void serve_connection(int fd);

    int m_listen_fd = -1;
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    mutable std::mutex m_mutex;
    std::map<std::string, Handler> m_handlers;
    std::function<void(Connection&)> m_on_connect;
    std::vector<SeenRequest> m_seen;
    std::vector<std::thread> m_threads;
    std::size_t m_in_flight = 0, m_max_in_flight = 0;
    std::thread m_acceptor;
};

}  // namespace dossier::test
