// SPDX-License-Identifier: BSL-1.0
// drx proxy (examples/tool/proxy_command.hpp), on Boost.Beast: one thread per connection (at
// most max_connections), each request forwarded to the upstream on its own connection, the
// exchange verified under one drx::verifier (so a rename is checked against the clusters an
// earlier answer gave, a page against its record), reported, recorded, and answered.
#include "proxy_command.hpp"

#include "report.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <functional>
#include <fstream>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <drx/detail/codec.hpp>
#include <drx/detail/python_format.hpp>
#include <drx/tools/verify.hpp>

namespace drx_tool {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct endpoint {
    std::string host;
    std::string port;
    std::string prefix;  // upstream only: a path before each request's
};

/// HOST:PORT, or http://HOST:PORT[/PREFIX] for the upstream.
std::optional<endpoint> parse_endpoint(std::string s, bool url) {
    endpoint e;
    if (url) {
        if (!s.starts_with("http://")) return std::nullopt;
        s = s.substr(7);
        if (auto slash = s.find('/'); slash != std::string::npos) {
            e.prefix = s.substr(slash);
            while (!e.prefix.empty() && e.prefix.back() == '/') e.prefix.pop_back();
            s = s.substr(0, slash);
        }
    }
    auto colon = s.rfind(':');
    if (colon == std::string::npos) {
        if (!url) return std::nullopt;
        e.host = s;
        e.port = "80";
    } else {
        e.host = s.substr(0, colon);
        e.port = s.substr(colon + 1);
    }
    if (e.host.empty() || e.port.empty() || e.port.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return e;
}

bool hop_by_hop(std::string_view name) {
    for (std::string_view h : {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
                               "transfer-encoding", "upgrade", "proxy-connection"})
        if (drx::detail::verify_impl::iequals(name, h)) return true;
    return false;
}

template <class Fields>
std::vector<drx::http_field> fields_of(Fields const& f) {
    std::vector<drx::http_field> out;
    for (auto const& h : f) out.push_back({std::string(h.name_string()), std::string(h.value())});
    return out;
}

/// A HAR 1.2 entry of an exchange (bodies that are not UTF-8 text in base64).
boost::json::object har_entry(drx::http_request const& rq, drx::http_response const& rs, std::string const& started,
                              std::string const& comment) {
    namespace bj = boost::json;
    auto headers = [](std::vector<drx::http_field> const& hs) {
        bj::array a;
        for (auto const& h : hs) a.push_back(bj::object{{"name", h.name}, {"value", h.value}});
        return a;
    };
    auto text = [](bj::object& holder, std::string const& body) {
        if (drx::detail::is_valid_utf8(body)) {
            holder["text"] = body;
        } else {
            holder["text"] = drx::detail::base64_encode(body);
            holder["encoding"] = "base64";
        }
    };
    auto header_value = [](std::vector<drx::http_field> const& hs, std::string_view n) {
        return std::string(drx::detail::verify_impl::header(hs, n));
    };
    bj::object request{{"method", rq.method},      {"url", rq.url},         {"httpVersion", "HTTP/1.1"},
                       {"cookies", bj::array{}},   {"headers", headers(rq.headers)}, {"queryString", bj::array{}},
                       {"headersSize", -1},        {"bodySize", rq.body ? static_cast<std::int64_t>(rq.body->size()) : 0}};
    if (rq.body) {
        bj::object post{{"mimeType", header_value(rq.headers, "Content-Type")}};
        text(post, *rq.body);
        request["postData"] = std::move(post);
    }
    bj::object content{{"size", rs.body ? static_cast<std::int64_t>(rs.body->size()) : 0},
                       {"mimeType", header_value(rs.headers, "Content-Type")}};
    if (rs.body) text(content, *rs.body);
    bj::object response{{"status", rs.status},  {"statusText", ""},  {"httpVersion", "HTTP/1.1"},
                        {"cookies", bj::array{}}, {"headers", headers(rs.headers)}, {"content", std::move(content)},
                        {"redirectURL", ""},     {"headersSize", -1}, {"bodySize", rs.body ? static_cast<std::int64_t>(rs.body->size()) : 0}};
    return bj::object{{"startedDateTime", started}, {"time", 0},      {"request", std::move(request)},
                      {"response", std::move(response)}, {"cache", bj::object{}}, {"timings", bj::object{{"send", 0}, {"wait", 0}, {"receive", 0}}},
                      {"comment", comment}};
}

std::string now_iso8601() {
    auto t = std::chrono::system_clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    std::time_t s = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&s, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    char out[48];
    std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms % 1000));
    return out;
}

/// The state shared by the connections.
class proxy {
public:
    proxy(proxy_command const& cmd, endpoint up, std::ostream& out, std::ostream& err)
        : cmd_(cmd), up_(std::move(up)), out_(out), err_(err), verifier_(options(cmd)) {
        if (cmd.record && !cmd.record->ends_with(".har")) {
            jsonl_.open(*cmd.record, std::ios::binary | std::ios::trunc);
        }
    }

    /// The verifier's options; the context is cmd's, which outlives the proxy.
    static drx::verify_options options(proxy_command const& cmd) {
        drx::verify_options o;
        o.ctx = cmd.ctx ? &*cmd.ctx : nullptr;
        o.allow_bad_requests = cmd.allow_bad_requests;
        o.max_body_size = cmd.max_body;
        return o;
    }

    bool recording_ok() const { return !cmd_.record || cmd_.record->ends_with(".har") || jsonl_.is_open(); }

    /// Serves one connection until it closes.
    void serve(tcp::socket socket) {
        beast::tcp_stream client(std::move(socket));
        beast::flat_buffer buffer;
        while (!stopping_) {
            http::request_parser<http::string_body> parser;
            parser.header_limit(4u << 20);
            parser.body_limit(cmd_.max_body);
            client.expires_after(cmd_.read_timeout);
            beast::error_code ec;
            http::read(client, buffer, parser, ec);
            if (ec == http::error::end_of_stream || ec == net::error::eof || ec == beast::error::timeout) break;
            if (ec) {
                answer(client, simple(400, "text/plain", "Bad Request: " + ec.message(), 11), false);
                break;
            }
            auto req = parser.release();
            bool keep = req.keep_alive();
            auto res = exchange(req);
            res.keep_alive(keep);
            if (!answer(client, std::move(res), keep) || !keep) break;
            if (cmd_.max_exchanges && exchanges_.load() >= cmd_.max_exchanges) {
                request_stop();
                break;
            }
        }
        beast::error_code ignored;
        client.socket().shutdown(tcp::socket::shutdown_both, ignored);
    }

    void request_stop() {
        stopping_ = true;
        if (on_stop_) on_stop_();
    }
    void on_stop(std::function<void()> f) { on_stop_ = std::move(f); }
    bool violated() const { return violations_.load() > 0; }
    std::size_t count() const { return exchanges_.load(); }

    /// Writes the HAR recording, if asked for one.
    bool finish() {
        if (!cmd_.record || !cmd_.record->ends_with(".har")) return true;
        namespace bj = boost::json;
        bj::object doc{{"log", bj::object{{"version", "1.2"},
                                          {"creator", bj::object{{"name", "drx proxy"}, {"version", "1"}}},
                                          {"entries", har_}}}};
        std::ofstream f(*cmd_.record, std::ios::binary | std::ios::trunc);
        f << bj::serialize(doc) << "\n";
        f.close();
        if (!f) {
            err_ << "drx proxy: cannot write " << *cmd_.record << "\n";
            return false;
        }
        return true;
    }

private:
    using response = http::response<http::string_body>;

    static response simple(int status, std::string_view type, std::string body, int version) {
        response r{static_cast<http::status>(status), version};
        r.set(http::field::content_type, type);
        r.body() = std::move(body);
        r.prepare_payload();
        return r;
    }

    bool answer(beast::tcp_stream& client, response res, bool keep) {
        res.keep_alive(keep);
        client.expires_after(cmd_.read_timeout);
        beast::error_code ec;
        http::write(client, res, ec);
        return !ec;
    }

    /// Forwards a request; the upstream's answer, or std::nullopt with the reason.
    std::optional<response> forward(http::request<http::string_body> req, std::string& why) {
        try {
            net::io_context io;
            tcp::resolver resolver(io);
            beast::tcp_stream up(io);
            up.expires_after(cmd_.read_timeout);
            up.connect(resolver.resolve(up_.host, up_.port));
            for (auto it = req.begin(); it != req.end();) {
                if (hop_by_hop(it->name_string()))
                    it = req.erase(it);
                else
                    ++it;
            }
            req.set(http::field::host, up_.host + ":" + up_.port);
            req.target(up_.prefix + std::string(req.target()));
            req.keep_alive(false);
            req.prepare_payload();
            http::write(up, req);
            beast::flat_buffer b;
            http::response_parser<http::string_body> p;
            p.header_limit(4u << 20);
            p.body_limit(cmd_.max_body);
            http::read(up, b, p);
            beast::error_code ignored;
            up.socket().shutdown(tcp::socket::shutdown_both, ignored);
            return p.release();
        } catch (std::exception const& e) {
            why = e.what();
            return std::nullopt;
        }
    }

    response exchange(http::request<http::string_body> const& req) {
        drx::http_request rq;
        rq.method = std::string(req.method_string());
        rq.url = std::string(req.target());
        rq.headers = fields_of(req.base());
        if (!req.body().empty() || req.find(http::field::content_length) != req.end() || req.chunked()) rq.body = req.body();

        std::string why;
        auto got = forward(req, why);
        if (!got) {
            std::lock_guard lock(mutex_);
            err_ << "drx proxy: cannot reach the upstream " << up_.host << ":" << up_.port << ": " << why << "\n";
            std::string body = "{\"message\": ";
            drx::detail::append_json_string(body, "drx proxy: the upstream cannot be reached: " + why, true);
            body += "}";
            return simple(502, "application/json", body, req.version());
        }
        response res = std::move(*got);
        for (auto it = res.begin(); it != res.end();) {
            if (hop_by_hop(it->name_string()))
                it = res.erase(it);
            else
                ++it;
        }
        drx::http_response rs;
        rs.status = static_cast<int>(res.result_int());
        rs.headers = fields_of(res.base());
        if (!res.body().empty()) rs.body = res.body();

        drx::exchange_report rep;
        std::size_t index = 0;
        {
            std::lock_guard lock(mutex_);
            rep = verifier_.verify(rq, rs);
            index = exchanges_++;
            if (rep.verdict == drx::verdict::violation) ++violations_;
            if (!cmd_.quiet) {
                if (cmd_.json)
                    out_ << exchange_record("proxy", index, rq, rs.status, rep) << "\n";
                else
                    out_ << exchange_text("", index, rq, rep);
                out_.flush();
            }
            std::string comment = "drx proxy: " + std::string(verdict_name(rep.verdict));
            if (cmd_.record && cmd_.record->ends_with(".har")) {
                har_.push_back(har_entry(rq, rs, now_iso8601(), comment));
            } else if (jsonl_.is_open()) {
                namespace bj = boost::json;
                auto side = [](std::vector<drx::http_field> const& hs, std::optional<std::string> const& body, bj::object o) {
                    bj::array a;
                    for (auto const& h : hs) a.push_back(bj::object{{"name", h.name}, {"value", h.value}});
                    o["headers"] = std::move(a);
                    if (body) {
                        if (drx::detail::is_valid_utf8(*body))
                            o["body"] = *body;
                        else
                            o["bodyBase64"] = drx::detail::base64_encode(*body);
                    }
                    return o;
                };
                bj::object line{{"comment", comment},
                                {"request", side(rq.headers, rq.body, bj::object{{"method", rq.method}, {"url", rq.url}})},
                                {"response", side(rs.headers, rs.body, bj::object{{"status", rs.status}})}};
                jsonl_ << bj::serialize(line) << "\n";
                jsonl_.flush();
            }
        }
        res.set("X-Drx-Verdict", verdict_name(rep.verdict));
        if (rep.verdict == drx::verdict::violation && cmd_.fail_on_violation) {
            drx::write_options wo;
            wo.ensure_ascii = false;
            std::string body = "{\"message\": \"drx proxy: the exchange violates the contract\", \"diagnostics\": " +
                               drx::to_json(rep.diagnostics, wo) + "}";
            auto bad = simple(502, "application/json", std::move(body), req.version());
            bad.set("X-Drx-Verdict", "violation");
            return bad;
        }
        res.prepare_payload();
        return res;
    }

    proxy_command const& cmd_;
    endpoint up_;
    std::ostream& out_;
    std::ostream& err_;
    std::mutex mutex_;
    drx::verifier verifier_;
    std::atomic<std::size_t> exchanges_{0};
    std::atomic<std::size_t> violations_{0};
    std::atomic<bool> stopping_{false};
    std::function<void()> on_stop_;
    std::ofstream jsonl_;
    boost::json::array har_;
};

}  // namespace

std::optional<std::string> proxy_usage_problem(proxy_command const& cmd) {
    if (cmd.upstream.empty()) return "missing --upstream";
    if (!parse_endpoint(cmd.upstream, true)) return "--upstream is http://HOST:PORT[/PREFIX], got '" + cmd.upstream + "'";
    if (!parse_endpoint(cmd.listen, false)) return "--listen is HOST:PORT, got '" + cmd.listen + "'";
    return std::nullopt;
}

int run_proxy(proxy_command const& cmd, std::ostream& out, std::ostream& err) {
    if (auto problem = proxy_usage_problem(cmd)) {
        err << "drx: " << *problem << " (see drx proxy --help)\n";
        return 2;
    }
    auto up = parse_endpoint(cmd.upstream, true);
    auto at = parse_endpoint(cmd.listen, false);
    proxy_command const& c = cmd;
    net::io_context io;
    tcp::acceptor acceptor(io);
    try {
        tcp::endpoint ep(net::ip::make_address(at->host), static_cast<unsigned short>(std::stoi(at->port)));
        acceptor.open(ep.protocol());
        acceptor.set_option(net::socket_base::reuse_address(true));
        acceptor.bind(ep);
        acceptor.listen();
    } catch (std::exception const& e) {
        err << "drx proxy: cannot listen on " << cmd.listen << ": " << e.what() << "\n";
        return 2;
    }
    proxy p(c, *up, out, err);
    if (!p.recording_ok()) {
        err << "drx proxy: cannot write " << *cmd.record << "\n";
        return 2;
    }
    unsigned short port = acceptor.local_endpoint().port();
    err << "drx proxy: listening on " << at->host << ":" << port << ", forwarding to " << cmd.upstream << "\n";
    if (cmd.port_file) {
        std::ofstream f(*cmd.port_file, std::ios::trunc);
        f << port << "\n";
    }

    std::mutex m;
    std::condition_variable cv;
    std::size_t active = 0;
    net::signal_set signals(io, SIGINT, SIGTERM);
    net::steady_timer deadline(io);
    auto stop = [&] {
        net::post(io, [&] {
            beast::error_code ignored;
            acceptor.close(ignored);
            signals.cancel(ignored);
            deadline.cancel();
        });
    };
    p.on_stop(stop);
    signals.async_wait([&](beast::error_code ec, int) {
        if (!ec) p.request_stop();
    });
    if (cmd.timeout.count() > 0) {
        deadline.expires_after(cmd.timeout);
        deadline.async_wait([&](beast::error_code ec) {
            if (!ec) p.request_stop();
        });
    }
    std::function<void()> accept = [&] {
        acceptor.async_accept([&](beast::error_code ec, tcp::socket s) {
            if (ec) {
                if (acceptor.is_open()) accept();  // a transient failure: go on
                return;
            }
            {
                std::unique_lock lock(m);
                cv.wait(lock, [&] { return active < c.max_connections; });
                ++active;
            }
            std::thread([&, sock = std::move(s)]() mutable {
                p.serve(std::move(sock));
                std::lock_guard lock(m);
                --active;
                cv.notify_all();
            }).detach();
            if (acceptor.is_open()) accept();
        });
    };
    accept();
    io.run();
    // Let the connections being served finish: each read and write has the read timeout, and a
    // connection ends after its exchange once stopping, so this wait is bounded.
    {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return active == 0; });
    }
    bool wrote = p.finish();
    err << "drx proxy: " << p.count() << " exchanges" << (p.violated() ? ", with violations" : "") << "\n";
    if (!wrote) return 2;
    return p.violated() ? 1 : 0;
}

}  // namespace drx_tool
