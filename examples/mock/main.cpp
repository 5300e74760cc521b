// SPDX-License-Identifier: BSL-1.0
// drx-mock: a mock of DataRobot's prediction server and of the clustering and
// prediction-explanations routes, for contract tests of clients (docs/mock.md).
//
// Usage:
//   drx-mock [--port N] [--port-file FILE] [--timeout SECONDS] [--scenario FILE] [--payloads DIR]
//            [--deployment ID[:KIND[:ALGORITHM]]]... [--managed-cloud] [--max-connections N]
//            [--max-body-bytes N] [--max-rows N] [--read-timeout SECONDS]
//       serves on 127.0.0.1 until SIGINT or SIGTERM (exit 0), or until SECONDS have passed when
//       --timeout is given. Either way open connections are closed, and should the server still
//       be busy answering 1 s later the process exits anyway (status 0). --port 0 (the default)
//       takes a free port; the port is printed and written to FILE (atomically, by rename).
//   drx-mock --demo [...]
//       starts the server on a free port, sends it a few good and bad requests, prints the
//       exchanges and stops (exit 0 when every answer is the expected one).
//
// What it answers, the scenario file, the deployments and the texts of its own answers are in
// docs/mock.md; the endpoints themselves are examples/mock/service.cpp. This file is the HTTP
// server (Boost.Beast, one thread), its limits and the command line.
//
// Limits (they bound the memory the server can hold, whatever its clients send):
//   --max-connections N (default 64, in [1, 10000]): connections served at once. Further
//       connections are not refused: they wait, unaccepted, in the kernel's listen queue until
//       a served connection ends.
//   --max-body-bytes N (default 1048576 = 1 MiB, in [0, 52428800]): the longest request body,
//       as sent and once gzip is decoded. A longer one is answered 413 {"message": "Request
//       body is larger than the mock's limit of N bytes (--max-body-bytes)"}, from its
//       Content-Length before it is sent, or once the limit is passed for a chunked body. A
//       Content-Length over the real server's 50 MB gets drx's 413 text ("...larger than the
//       50 MB limit (52428800 bytes)").
//   --max-rows N (default 10000, in [1, 1000000]): the most rows one predictions request may
//       send (each answered row is about 1 kB); more: 413.
//   The request line and header fields together: at most 4 MiB (more: 431), so that long
//       query strings reach drx, which answers 414 itself (its limits are documented).
//   --read-timeout SECONDS (default 10, in [1, 3600]): the time a client has to send its whole
//       request (and again to take the answer); then the connection is closed unanswered.
//
// Malformed HTTP (a bad request line, field, Content-Length or chunk) is answered
// 400 "Bad Request: <what>" in text/plain, as a front-end server would, and the connection is
// closed. Transient accept failures (out of file descriptors, ECONNABORTED, ...) are retried
// after 10 ms, doubling to at most 1 s, and never stop the server.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <pthread.h>

#include "service.hpp"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using drx_mock::answer;

struct config {
    /// Print one line per request (not in the demonstration).
    bool log = false;
    /// Connections served at once; more wait in the listen queue.
    std::size_t max_connections = 64;
    /// The longest request body, in bytes (at most the real server's 50 MB).
    std::uint64_t max_body_bytes = std::uint64_t{1} << 20;
    /// The time a client has to send its request, and again to take the answer.
    std::chrono::seconds read_timeout{10};
};

class session;

/// What the server and its sessions share. Sessions hold it by shared_ptr, so a session ended
/// after the server (its handler destroyed with the io_context) still finds it.
struct hub {
    hub(config const& c, drx_mock::service& s) : cfg(c), svc(s) {}
    config const& cfg;
    drx_mock::service& svc;
    /// The sessions alive, to close them when the server stops.
    std::unordered_map<session const*, std::weak_ptr<session>> sessions;
    /// Called when a session ends (the server resumes accepting); empty once the server is gone.
    std::function<void()> session_ended;
};

/// The 400 a front-end server gives malformed HTTP.
answer bad_request(beast::error_code ec) { return {400, "Bad Request: " + ec.message() + "\n", "text/plain", {}}; }

/// True for the parse errors of a request Beast could not read as HTTP (the client is still
/// there to be told); false for the end of the stream, timeouts and socket errors.
bool malformed(beast::error_code ec) {
    if (ec.category() != http::make_error_code(http::error::bad_method).category()) return false;
    switch (static_cast<http::error>(ec.value())) {
        case http::error::bad_line_ending:
        case http::error::bad_method:
        case http::error::bad_target:
        case http::error::bad_version:
        case http::error::bad_field:
        case http::error::bad_value:
        case http::error::bad_content_length:
        case http::error::bad_transfer_encoding:
        case http::error::bad_chunk:
        case http::error::bad_chunk_extension:
        case http::error::bad_obs_fold:
        case http::error::multiple_content_length:
        case http::error::unexpected_body:
            return true;
        default:
            return false;
    }
}

class session : public std::enable_shared_from_this<session> {
public:
    session(tcp::socket socket, std::shared_ptr<hub> h)
        : stream_(std::move(socket)), buffer_(header_limit + read_chunk), hub_(std::move(h)), cfg_(hub_->cfg) {}
    session(session const&) = delete;
    session& operator=(session const&) = delete;
    ~session() {
        hub_->sessions.erase(this);
        if (hub_->session_ended) hub_->session_ended();
    }

    void run() {
        hub_->sessions.emplace(this, weak_from_this());
        parser_.emplace();
        parser_->header_limit(header_limit);
        // Beast compares Content-Length with this as soon as the header is read: over the
        // real server's limit, drx's 413. The mock's own limit is applied after the route.
        parser_->body_limit(drx_mock::real_body_limit());
        stream_.expires_after(cfg_.read_timeout);  // for the header and the body together
        http::async_read_header(stream_, buffer_, *parser_,
                                [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
    }

    /// Ends the connection now (the server is stopping).
    void stop() {
        net::post(stream_.get_executor(), [self = shared_from_this()] { self->close(); });
    }

    /// The request line and fields together (long query strings reach drx, which answers 414).
    static constexpr std::uint32_t header_limit = 4u << 20;

private:
    static constexpr std::size_t read_chunk = 64u << 10;

    drx_mock::request request() const {
        auto const& req = parser_->get();
        return {req.method_string(), req.target(), fields_};
    }

    void on_header(beast::error_code ec) {
        if (ec == http::error::header_limit || ec == http::error::buffer_overflow) return send(drx_mock::header_too_large());
        if (ec == http::error::body_limit) return send(drx_mock::body_too_large(drx_mock::real_body_limit()));
        if (malformed(ec)) return send(bad_request(ec));
        if (ec) return close();
        auto const& req = parser_->get();
        for (auto const& f : req) fields_.emplace_back(std::string(f.name_string()), std::string(f.value()));
        if (auto refused = hub_->svc.head(request())) return send(std::move(*refused));  // before the body is read
        auto length = parser_->content_length();
        if (length && *length > cfg_.max_body_bytes) return send(drx_mock::body_too_large(cfg_.max_body_bytes));
        parser_->body_limit(cfg_.max_body_bytes);  // chunked bodies stop at it too
        buffer_.shrink_to_fit();  // the header is parsed: give back its buffer
        if (req[http::field::expect] == "100-continue") {
            static std::string const cont = "HTTP/1.1 100 Continue\r\n\r\n";
            net::async_write(stream_, net::buffer(cont), [self = shared_from_this()](beast::error_code e, std::size_t) {
                if (e) return self->close();
                self->read_body();
            });
            return;
        }
        read_body();
    }

    void read_body() {
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
    }

    void on_body(beast::error_code ec) {
        if (ec == http::error::body_limit) return send(drx_mock::body_too_large(cfg_.max_body_bytes));
        if (malformed(ec)) return send(bad_request(ec));
        if (ec) return close();
        send(hub_->svc.respond(request(), parser_->get().body()));
    }

    void send(answer a) {
        auto const& req = parser_->get();
        if (cfg_.log) {
            if (a.content_type == "text/plain")  // malformed: no method or target to speak of
                std::cout << "mock: malformed request (" << a.body.substr(0, a.body.size() - 1) << ") -> " << a.status
                          << std::endl;
            else
                std::cout << "mock: " << req.method_string() << " " << std::string_view(req.target()).substr(0, 120)
                          << (req.target().size() > 120 ? "..." : "") << " -> " << a.status << std::endl;
        }
        res_.emplace();
        res_->version(11);
        res_->result(static_cast<http::status>(a.status));
        res_->set(http::field::server, "drx-mock");
        res_->set(http::field::content_type, a.content_type);
        for (auto const& [k, v] : a.fields) res_->set(k, v);
        res_->keep_alive(false);
        res_->body() = std::move(a.body);
        res_->prepare_payload();
        stream_.expires_after(cfg_.read_timeout);
        http::async_write(stream_, *res_, [self = shared_from_this()](beast::error_code e, std::size_t) {
            if (e || self->parser_->is_done()) return self->close();
            self->linger();
        });
    }

    /// The answer went out before the whole request was read: stop sending, then read and
    /// drop what the client still sends (at most 1 s), so that closing with unread data does
    /// not reset the connection before the client has read the answer.
    void linger() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (ec) return close();
        stream_.expires_after(std::chrono::seconds(1));
        drain();
    }
    void drain() {
        stream_.async_read_some(net::buffer(drain_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->close();
            self->drain();
        });
    }

    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.close();
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;  // bounded: the header must fit, and Beast reads 64 KiB at most at once
    std::optional<http::request_parser<http::string_body>> parser_;
    std::optional<http::response<http::string_body>> res_;
    std::vector<std::pair<std::string, std::string>> fields_;
    std::array<char, 16384> drain_{};
    std::shared_ptr<hub> hub_;
    config const& cfg_;
};

class server {
public:
    server(net::io_context& ioc, config const& cfg, drx_mock::service& svc, unsigned short port)
        : ioc_(ioc),
          acceptor_(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), port)),
          retry_(ioc),
          hub_(std::make_shared<hub>(cfg, svc)) {
        hub_->session_ended = [this] {
            if (paused_ && !stopped_) {
                paused_ = false;
                accept();
            }
        };
    }
    server(server const&) = delete;
    server& operator=(server const&) = delete;
    ~server() { hub_->session_ended = nullptr; }

    unsigned short port() const { return acceptor_.local_endpoint().port(); }

    /// Accepts connections until stop(): at most cfg.max_connections served at once (the rest
    /// wait in the listen queue); a failed accept is retried after a back-off.
    void accept() {
        if (stopped_) return;
        if (hub_->sessions.size() >= hub_->cfg.max_connections) {
            auto now = std::chrono::steady_clock::now();
            if (hub_->cfg.log && now - told_full_ >= std::chrono::seconds(1)) {  // at most once a second
                told_full_ = now;
                std::cout << "mock: " << hub_->sessions.size()
                          << " connections open (--max-connections): new ones wait" << std::endl;
            }
            paused_ = true;  // resumed by the next session that ends
            return;
        }
        acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket s) {
            if (ec == net::error::operation_aborted || stopped_) return;  // the acceptor was closed
            if (ec) return retry(ec);
            backoff_ = first_backoff;
            std::make_shared<session>(std::move(s), hub_)->run();
            accept();
        });
    }

    /// Closes the acceptor and every open connection.
    void stop() {
        stopped_ = true;
        beast::error_code ec;
        acceptor_.close(ec);
        retry_.cancel();
        std::vector<std::shared_ptr<session>> open;
        for (auto const& [p, w] : hub_->sessions)
            if (auto s = w.lock()) open.push_back(std::move(s));
        for (auto const& s : open) s->stop();
    }

private:
    static constexpr std::chrono::milliseconds first_backoff{10};
    static constexpr std::chrono::milliseconds last_backoff{1000};

    /// A transient failure (EMFILE, ENFILE, ENOBUFS, ENOMEM, ECONNABORTED, ...): try again later.
    void retry(beast::error_code ec) {
        if (hub_->cfg.log && backoff_ == first_backoff)
            std::cout << "mock: accept failed (" << ec.message() << "): retrying, waiting " << first_backoff.count()
                      << " ms doubling to " << last_backoff.count() << " ms" << std::endl;
        retry_.expires_after(backoff_);
        backoff_ = std::min(backoff_ * 2, last_backoff);
        retry_.async_wait([this](beast::error_code e) {
            if (!e) accept();
        });
    }

    net::io_context& ioc_;
    tcp::acceptor acceptor_;
    net::steady_timer retry_;
    std::chrono::milliseconds backoff_ = first_backoff;
    bool paused_ = false;
    bool stopped_ = false;
    std::chrono::steady_clock::time_point told_full_{};
    std::shared_ptr<hub> hub_;
};

// ---- stopping ---------------------------------------------------------------------------------

/// Waits, on its own thread, for SIGINT or SIGTERM (blocked in every other thread) and for the
/// --timeout deadline, whichever comes first; then has the server stop (`stop`, run on the
/// server's thread) and, should the server still be busy 1 s later, ends the process (exit 0).
/// Destroyed when the server has stopped by itself.
class stopper {
public:
    stopper(std::function<void(std::string)> stop, std::optional<std::chrono::seconds> timeout)
        : stop_(std::move(stop)), timeout_(timeout), thread_([this] { watch(); }) {}
    stopper(stopper const&) = delete;
    stopper& operator=(stopper const&) = delete;
    ~stopper() {
        {
            std::lock_guard lock(m_);
            done_ = true;
        }
        cv_.notify_one();
        thread_.join();
    }

    /// Blocks SIGINT and SIGTERM in the calling thread and in the threads it starts later.
    static void block_signals() {
        sigset_t set = signals();
        pthread_sigmask(SIG_BLOCK, &set, nullptr);
    }

private:
    static sigset_t signals() {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        return set;
    }

    bool done() {
        std::lock_guard lock(m_);
        return done_;
    }

    void watch() {
        auto const start = std::chrono::steady_clock::now();
        sigset_t const set = signals();
        std::string why;
        while (why.empty()) {
            if (done()) return;
            timespec tick{0, 100'000'000};  // 100 ms: the time to notice done_ or the deadline
            int sig = sigtimedwait(&set, nullptr, &tick);
            if (sig == SIGINT || sig == SIGTERM)
                why = std::string(sig == SIGINT ? "SIGINT" : "SIGTERM") + " received";
            else if (timeout_ && std::chrono::steady_clock::now() - start >= *timeout_)
                why = std::to_string(timeout_->count()) + " s passed";
        }
        stop_(why);
        std::unique_lock lock(m_);
        if (cv_.wait_for(lock, std::chrono::seconds(1), [this] { return done_; })) return;
        std::fprintf(stderr, "mock: %s and a request is still being answered 1 s later: exiting\n", why.c_str());
        std::fflush(stdout);
        std::fflush(stderr);
        std::_Exit(0);
    }

    std::function<void(std::string)> stop_;
    std::optional<std::chrono::seconds> timeout_;
    std::mutex m_;
    std::condition_variable cv_;
    bool done_ = false;
    std::thread thread_;  // last: started once the members it uses exist
};

// ---- the demonstration ----------------------------------------------------------------------

struct exchange {
    std::string what;
    http::verb method;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    unsigned expected_status;
};

answer ask(unsigned short port, exchange const& x) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(10));
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> req{x.method, x.target, 11};
    req.set(http::field::host, "127.0.0.1");
    for (auto const& [k, v] : x.headers) req.set(k, v);
    req.body() = x.body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buf;
    http::response<http::string_body> res;
    http::read(stream, buf, res);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return {static_cast<unsigned>(res.result_int()), res.body(), {}, {}};
}

int demo(config const& cfg, drx_mock::service& svc) {
    net::io_context ioc;
    server srv(ioc, cfg, svc, 0);
    srv.accept();
    std::thread t([&] { ioc.run(); });
    unsigned short port = srv.port();
    std::cout << "drx-mock on 127.0.0.1:" << port << ": " << svc.summary() << "\n\n";

    std::string const base = "/predApi/v1.0/deployments/";
    std::vector<std::pair<std::string, std::string>> const csv{{"Authorization", "Bearer my-api-key"},
                                                               {"Content-Type", "text/csv"}};
    std::vector<std::pair<std::string, std::string>> const json{{"Authorization", "Bearer my-api-key"},
                                                                {"Content-Type", "application/json"}};
    std::string const rows = "id,name\n1,Alice\n2,\"Smith, Bob\"\n";
    std::string const models = "/api/v2/projects/5f0c2d5a4a7ab1a6b4d7a1e1/models/5f0c2e8f4a7ab1a6b4d7a1f2/clusterNames/";
    std::vector<exchange> const xs{
        {"XEMP, two explanations per row, one row per CSV row", http::verb::post,
         base + "5f0c1b2d3e4f5a6b7c8d9e0f/predictions?maxExplanations=2", csv, rows, 200},
        {"SHAP, one explanation (remainingTotal takes the rest), a quoted CSV cell passed through", http::verb::post,
         base + "5f0c1b2d3e4f5a6b7c8d9e1a/predictions?maxExplanations=1&passthroughColumns=name", csv, rows, 200},
        {"a JSON body, its values passed through as given", http::verb::post,
         base + "5f0c1b2d3e4f5a6b7c8d9e0f/predictions?maxExplanations=1&passthroughColumnsSet=all", json,
         R"([{"id": 1, "vip": true}, {"id": 2.5, "vip": null}])", 200},
        {"a value int() refuses (seed 003's exact body)", http::verb::post,
         base + "5f0c1b2d3e4f5a6b7c8d9e0f/predictions?maxExplanations=two", csv, rows, 422},
        {"a multiclass deployment", http::verb::post, base + "5f0c1b2d3e4f5a6b7c8d9e2b/predictions?maxExplanations=3",
         csv, rows, 422},
        {"an unknown deployment", http::verb::post, base + "aaaaaaaaaaaaaaaaaaaaaaaa/predictions?maxExplanations=3", csv,
         rows, 404},
        {"no Authorization header", http::verb::post, base + "5f0c1b2d3e4f5a6b7c8d9e0f/predictions?maxExplanations=3",
         {{"Content-Type", "text/csv"}}, rows, 401},
        {"a CSV body with no rows", http::verb::post, base + "5f0c1b2d3e4f5a6b7c8d9e0f/predictions?maxExplanations=3",
         csv, "id,name\n", 400},
        {"a clustering model's clusters", http::verb::get, models, {}, "", 200},
        {"renaming a cluster that does not exist (the server's exact 422)", http::verb::patch, models,
         {{"Content-Type", "application/json"}},
         R"({"clusterNameMappings": [{"currentName": "Cluster 9", "newName": "Nine"}]})", 422},
        {"an unknown path", http::verb::get, "/api/v2/somewhere/else/", {}, "", 404},
    };
    int failures = 0;
    for (auto const& x : xs) {
        answer a;
        try {
            a = ask(port, x);
        } catch (std::exception const& e) {
            a = {0, std::string("request failed: ") + e.what(), {}, {}};
        }
        bool ok = a.status == x.expected_status;
        failures += !ok;
        std::cout << "# " << x.what << "\n" << http::to_string(x.method) << " " << x.target << "\n" << a.status << " "
                  << a.body << (ok ? "" : "   <-- expected status " + std::to_string(x.expected_status)) << "\n\n";
    }
    net::post(ioc, [&] { srv.stop(); });
    t.join();
    std::cout << (failures ? "FAILED: " + std::to_string(failures) + " unexpected answers\n"
                           : "every answer was the expected one\n");
    return failures ? 1 : 0;
}

// ---- main -----------------------------------------------------------------------------------

int usage(std::string const& msg) {
    std::cerr << "drx-mock: " << msg
              << "\nusage: drx-mock [--demo] [--port N] [--port-file FILE] [--timeout SECONDS] [--scenario FILE]\n"
                 "       [--payloads DIR] [--deployment ID[:KIND[:ALGORITHM]]]... [--managed-cloud]\n"
                 "       [--max-connections N] [--max-body-bytes N] [--max-rows N] [--read-timeout SECONDS]\n"
                 "(docs/mock.md)\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    bool run_demo = false;
    unsigned long port = 0;
    std::optional<std::chrono::seconds> timeout;
    std::string port_file;
    config cfg;
    drx_mock::settings st;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string const& a = args[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= args.size()) return std::nullopt;
            return args[++i];
        };
        auto number = [&](unsigned long max, unsigned long& out) {
            auto v = value();
            if (!v || v->empty() || v->find_first_not_of("0123456789") != std::string::npos || v->size() > 9) return false;
            out = std::stoul(*v);
            return out <= max;
        };
        unsigned long n = 0;
        if (a == "--help" || a == "-h") {
            usage("a mock of DataRobot's prediction server and clustering routes");
            return 0;
        } else if (a == "--demo") {
            run_demo = true;
        } else if (a == "--port") {
            if (!number(65535, port)) return usage("--port needs a number in [0, 65535]");
        } else if (a == "--timeout") {
            if (!number(999999999, n) || n == 0) return usage("--timeout needs a number of seconds in [1, 999999999]");
            timeout = std::chrono::seconds(n);
        } else if (a == "--port-file") {
            auto v = value();
            if (!v) return usage("--port-file needs a file");
            port_file = *v;
        } else if (a == "--payloads") {
            auto v = value();
            if (!v) return usage("--payloads needs a directory");
            st.payloads = *v;
        } else if (a == "--scenario") {
            auto v = value();
            if (!v) return usage("--scenario needs a file");
            st.scenario = *v;
        } else if (a == "--max-connections") {
            if (!number(10000, n) || n == 0) return usage("--max-connections needs a number in [1, 10000]");
            cfg.max_connections = n;
        } else if (a == "--max-body-bytes") {
            if (!number(drx_mock::real_body_limit(), n))
                return usage("--max-body-bytes needs a number in [0, " + std::to_string(drx_mock::real_body_limit()) + "]");
            cfg.max_body_bytes = st.max_body_bytes = n;
        } else if (a == "--max-rows") {
            if (!number(1000000, n) || n == 0) return usage("--max-rows needs a number in [1, 1000000]");
            st.max_rows = n;
        } else if (a == "--read-timeout") {
            if (!number(3600, n) || n == 0) return usage("--read-timeout needs a number of seconds in [1, 3600]");
            cfg.read_timeout = std::chrono::seconds(n);
        } else if (a == "--managed-cloud") {
            st.managed_cloud = true;
        } else if (a == "--deployment") {
            auto v = value();
            if (!v) return usage("--deployment needs ID[:KIND[:ALGORITHM]]");
            if (!drx_mock::valid_deployment_option(*v))
                return usage("--deployment is ID[:KIND[:ALGORITHM]] (KIND a context modelKind, ALGORITHM xemp or shap), got '" +
                             *v + "'");
            st.deployments.push_back(*v);
        } else {
            return usage("unknown argument '" + a + "'");
        }
    }
    auto svc = drx_mock::service::load(st);
    if (!svc) return 2;
    try {
        if (run_demo) return demo(cfg, *svc);
        cfg.log = true;
        stopper::block_signals();  // before any thread starts: only the stopper takes them
        net::io_context ioc;
        server srv(ioc, cfg, *svc, static_cast<unsigned short>(port));
        srv.accept();
        std::cout << "mock: listening on 127.0.0.1:" << srv.port()
                  << (timeout ? " for at most " + std::to_string(timeout->count()) + " s" : std::string(" until stopped"))
                  << "\nmock: " << svc->summary() << std::endl;
        if (!port_file.empty()) {
            std::string tmp = port_file + ".tmp";
            std::ofstream(tmp) << srv.port() << "\n";
            std::filesystem::rename(tmp, port_file);
        }
        stopper guard(
            [&](std::string why) {
                net::post(ioc, [&srv, &ioc, why] {
                    std::cout << "mock: " << why << ", stopping" << std::endl;
                    srv.stop();
                    ioc.stop();
                });
            },
            timeout);
        ioc.run();
        return 0;
    } catch (std::exception const& e) {
        std::cerr << "mock: " << e.what() << "\n";
        return 2;
    }
}
