// SPDX-License-Identifier: BSL-1.0
// A mock of DataRobot's deployment prediction endpoint, for contract tests of clients.
//
//   POST /predApi/v1.0/deployments/<id>/predictions?maxExplanations=N&...
//
// It answers like the real prediction server (seed 003): a canned XEMP or SHAP response,
// written by drx exactly as the Python server writes JSON, shaped by the request
// (maxExplanations, thresholds, passthrough columns), and the real server's exact 404 and 422
// bodies for bad requests, all decided by drx::check_predictions_request(). Each answer it
// gives is also checked against its request with the consistency rules
// (docs/reference/rule-sources.md (Consistency of responses)).
//
// Usage:
//   example_mock_prediction_server
//       runs a short demonstration: starts the server on a free port of 127.0.0.1, sends it a
//       few good and bad requests, prints the exchanges, and stops (exit 0 when every answer
//       is the expected one).
//   example_mock_prediction_server --serve [--port N] [--port-file FILE] [--timeout SECONDS]
//       [--payloads DIR] [--deployment ID[:KIND[:ALGORITHM]]]... [--managed-cloud]
//       [--max-connections N] [--max-body-bytes N] [--read-timeout SECONDS]
//       serves on 127.0.0.1 until SECONDS have passed (default 60; at most 3600) or it is
//       killed; the deadline holds whatever the connections are doing: open connections are
//       closed at it, and should the server still be busy 1 s later the process exits anyway
//       (status 0 in both cases). --port 0 (the default) takes a free port; the port is
//       printed and written to FILE. Each --deployment adds a known deployment (KIND a
//       context modelKind, default binary; ALGORITHM xemp or shap, default xemp); without
//       any, four are known:
//         5f0c1b2d3e4f5a6b7c8d9e0f binary XEMP       5f0c1b2d3e4f5a6b7c8d9e1a binary SHAP
//         5f0c1b2d3e4f5a6b7c8d9e2b multiclass XEMP   5f0c1b2d3e4f5a6b7c8d9e3c time-series XEMP
//       The canned responses are DIR/deployment-xemp-response.json and
//       DIR/deployment-shap-response.json (default examples/payloads, from the source root or
//       $DRX_SOURCE_DIR; installed, ../share/drx/payloads beside the executable).
//
// Limits (they bound the memory the server can hold, whatever its clients send):
//   --max-connections N (default 64, in [1, 10000]): connections served at once. Further
//       connections are not refused: they wait, unaccepted, in the kernel's listen queue until
//       a served connection ends.
//   --max-body-bytes N (default 1048576 = 1 MiB, in [0, 52428800]): the longest request body.
//       A longer one is answered 413 {"message": "Request body is larger than the mock's
//       limit of N bytes (--max-body-bytes)"}, from its Content-Length before it is sent, or
//       once the limit is passed for a chunked body. A Content-Length over the real server's
//       50 MB gets drx's 413 text ("...larger than the 50 MB limit (52428800 bytes)").
//   The request line and header fields together: at most 4 MiB (more: 431), so that long
//       query strings reach drx, which answers 414 itself (its limits are documented).
//   --read-timeout SECONDS (default 10, in [1, 3600]): the time a client has to send its whole
//       request (and again to take the answer); then the connection is closed unanswered.
//   So requests hold at most about max-connections x max(4.5 MB, 2 x max-body-bytes), the
//   header's buffer being given back before the body is read. Measured with the defaults:
//   64 clients each holding an unfinished 4 MiB header, 280 MB; each sending a 1 MiB body,
//   70 MB (80 MB chunked); before these limits, 16 clients sending 45 MB bodies held 742 MB.
//
// Malformed HTTP (a bad request line, field, Content-Length or chunk) is answered
// 400 "Bad Request: <what>" in text/plain, as a front-end server would, and the connection is
// closed. Transient accept failures (out of file descriptors, ECONNABORTED, ...) are retried
// after 10 ms, doubling to at most 1 s, and never stop the server.
//
// How a canned response follows the request: each row keeps its first maxExplanations
// explanations (none without maxExplanations or with 0 under XEMP; all with 0 or "all" under
// SHAP, whose remainingTotal takes in the strengths it drops, so SHAP additivity still holds);
// rows whose positive-class probability is not below thresholdLow / above thresholdHigh get no
// explanations; passthroughColumns (or passthroughColumnsSet=all) add passthroughValues taken
// from a CSV body (first line: column names; a simple comma split without quoting; null when
// absent or gzip-encoded; a name given twice in the CSV takes its last column). Only POST on
// the route is served: other paths get 404 and other methods 405 (drx texts).
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <drx/drx.hpp>

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// ---- configuration ------------------------------------------------------------------------

struct deployment {
    std::string id;
    drx::model_kind kind = drx::model_kind::binary;
    drx::explanation_algorithm algorithm = drx::explanation_algorithm::xemp;
};

struct config {
    std::vector<deployment> deployments;
    bool managed_cloud = false;
    /// Print one line per request (serve mode).
    bool log = false;
    /// Connections served at once; more wait in the listen queue.
    std::size_t max_connections = 64;
    /// The longest request body, in bytes (at most drx::deployment_body_limit).
    std::uint64_t max_body_bytes = std::uint64_t{1} << 20;
    /// The time a client has to send its request, and again to take the answer.
    std::chrono::seconds read_timeout{10};
    drx::deployment_xemp_response xemp;
    drx::deployment_shap_response shap;
};

std::vector<deployment> default_deployments() {
    return {{"5f0c1b2d3e4f5a6b7c8d9e0f", drx::model_kind::binary, drx::explanation_algorithm::xemp},
            {"5f0c1b2d3e4f5a6b7c8d9e1a", drx::model_kind::binary, drx::explanation_algorithm::shap},
            {"5f0c1b2d3e4f5a6b7c8d9e2b", drx::model_kind::multiclass, drx::explanation_algorithm::xemp},
            {"5f0c1b2d3e4f5a6b7c8d9e3c", drx::model_kind::time_series, drx::explanation_algorithm::xemp}};
}

std::optional<std::string> slurp(std::filesystem::path const& p) {
    std::ifstream f(p, std::ios::binary);
    if (!f) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

std::filesystem::path default_payloads() {
    if (char const* s = std::getenv("DRX_SOURCE_DIR")) return std::filesystem::path(s) / "examples/payloads";
    // Installed (cmake --install): bin/drx-mock-prediction-server beside share/drx/payloads.
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        auto installed = exe.parent_path().parent_path() / "share/drx/payloads";
        if (std::filesystem::is_directory(installed, ec)) return installed;
    }
    return "examples/payloads";
}

template <class T>
bool load(std::filesystem::path const& file, T& out) {
    auto text = slurp(file);
    if (!text) {
        std::cerr << "mock: cannot read " << file << " (run from the source root, or pass --payloads DIR)\n";
        return false;
    }
    drx::validate_options vo;
    vo.check.level = drx::level::consistency;
    auto r = drx::validate<T>(*text, vo);
    for (auto const& d : r.diagnostics()) std::cerr << "mock: " << file.string() << ": " << drx::to_line(d) << "\n";
    if (!r) return false;
    out = std::move(r).value();
    return true;
}

// ---- shaping a canned response by the request ---------------------------------------------

/// A CSV body as rows of cells (a plain comma split: enough for a mock).
std::vector<std::vector<std::string>> csv_rows(std::string const& body) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(body);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::vector<std::string> cells;
        std::size_t b = 0;
        while (true) {
            std::size_t e = line.find(',', b);
            cells.push_back(line.substr(b, e == std::string::npos ? std::string::npos : e - b));
            if (e == std::string::npos) break;
            b = e + 1;
        }
        rows.push_back(std::move(cells));
    }
    return rows;
}

/// The passthrough columns of a request and where they are in its CSV body, worked out once
/// per request so that each row costs one hash lookup per column (not columns x CSV columns).
struct passthrough {
    /// The requested columns, each once, in the order first asked for.
    std::vector<std::string_view> columns;
    /// Each CSV column name's positions, in increasing order (a name may come twice).
    std::unordered_map<std::string_view, std::vector<std::size_t>> positions;
};

/// The passthrough of `q`, or nullopt when none was asked for. Views into `q` and `csv`.
std::optional<passthrough> passthrough_of(drx::deployment_predictions_query const& q,
                                          std::vector<std::vector<std::string>> const& csv, bool have_csv) {
    passthrough p;
    std::vector<std::string> const* wanted = nullptr;
    static std::vector<std::string> const none;
    if (q.passthrough_columns_set == "all")
        wanted = have_csv && !csv.empty() ? &csv.front() : &none;
    else if (q.passthrough_columns)
        wanted = &*q.passthrough_columns;
    else
        return std::nullopt;
    std::unordered_set<std::string_view> seen;
    seen.reserve(wanted->size());
    for (auto const& c : *wanted)
        if (seen.insert(c).second) p.columns.push_back(c);
    if (have_csv && !csv.empty()) {
        auto const& header = csv.front();
        p.positions.reserve(header.size());
        for (std::size_t k = 0; k < header.size(); ++k) p.positions[header[k]].push_back(k);
    }
    return p;
}

template <class Row>
void shape_row(Row& row, drx::deployment_predictions_query const& q, drx::explanation_algorithm alg,
               std::vector<std::vector<std::string>> const& csv, std::optional<passthrough> const& pt) {
    auto& ex = row.prediction_explanations;
    auto limit = drx::explanation_limit(q, alg);
    std::size_t keep = limit ? static_cast<std::size_t>(*limit) : ex.size();
    // Thresholds: only rows whose positive-class probability lies outside them are explained.
    if ((q.threshold_low || q.threshold_high) && !row.prediction_values.empty()) {
        double p = row.prediction_values.front().value.value();
        for (auto const& pv : row.prediction_values)
            if (!ex.empty() && drx::same_class_label(pv.label, ex.front().label)) p = pv.value.value();
        bool outside = (q.threshold_low && p < *q.threshold_low) || (q.threshold_high && p > *q.threshold_high);
        if (!outside) keep = 0;
    }
    if (keep < ex.size()) {
        if constexpr (std::is_same_v<Row, drx::deployment_shap_row>) {
            double rest = row.shap_explanations_metadata.remaining_total.value();
            for (std::size_t i = keep; i < ex.size(); ++i) rest = rest + ex[i].strength.value();
            row.shap_explanations_metadata.remaining_total = drx::number(rest);
        }
        ex.resize(keep);
    }
    // Passthrough values from the CSV body: a column's value is its cell in the row's line
    // (the last such column when the name comes twice and the line reaches it), else null.
    if (!pt) return;
    drx::object_map<drx::scalar> values;
    std::size_t line = static_cast<std::size_t>(row.row_id) + 1;
    std::vector<std::string> const* cells = line < csv.size() ? &csv[line] : nullptr;
    for (auto c : pt->columns) {
        drx::scalar v;
        auto it = cells ? pt->positions.find(c) : pt->positions.end();
        if (it != pt->positions.end()) {
            auto const& ks = it->second;
            auto past = std::lower_bound(ks.begin(), ks.end(), cells->size());  // the first k out of the line
            if (past != ks.begin()) v = drx::scalar((*cells)[*std::prev(past)]);
        }
        values.append(std::string(c), std::move(v));  // columns are distinct: no lookup needed
    }
    row.passthrough_values = std::move(values);
}

// ---- one request ----------------------------------------------------------------------------

struct answer {
    unsigned status = 200;
    std::string body;
    std::string_view content_type = "application/json";
};

answer route(config const& cfg, std::string_view method, std::string_view target,
             drx::deployment_predictions_headers const& headers, std::string const& body, bool body_read) {
    std::string_view path = target.substr(0, target.find('?'));
    std::string_view query = path.size() < target.size() ? target.substr(path.size() + 1) : std::string_view();
    constexpr std::string_view prefix = "/predApi/v1.0/deployments/";
    constexpr std::string_view suffix = "/predictions";
    if (path.size() <= prefix.size() + suffix.size() || path.substr(0, prefix.size()) != prefix ||
        path.substr(path.size() - suffix.size()) != suffix)
        return {404, drx::deployment_error_body("Not found")};
    std::string_view id = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
    if (id.find('/') != std::string_view::npos) return {404, drx::deployment_error_body("Not found")};
    if (method != "POST") return {405, drx::deployment_error_body("Method not allowed")};

    drx::context ctx;
    ctx.managed_cloud = cfg.managed_cloud;
    ctx.deployments.emplace();
    deployment const* dep = nullptr;
    for (auto const& d : cfg.deployments) {
        ctx.deployments->push_back(d.id);
        if (std::equal(d.id.begin(), d.id.end(), id.begin(), id.end(),
                       [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) ==
                                                   std::tolower(static_cast<unsigned char>(b)); }))
            dep = &d;
    }
    if (dep) {
        ctx.model_kind = dep->kind;
        ctx.algorithm = dep->algorithm;
    }
    auto checked = drx::check_predictions_request(id, query, &headers, &ctx);
    for (auto const& d : checked.diagnostics)
        if (d.severity == drx::severity::warning) std::cerr << "mock: " << drx::to_line(d) << "\n";
    if (!checked.ok()) return {static_cast<unsigned>(checked.error->status), checked.error->body};
    if (!body_read) return {0, {}};  // headers and query accepted: read the body, then answer

    bool gzip = headers.content_encoding.has_value();
    auto csv = gzip ? std::vector<std::vector<std::string>>{} : csv_rows(body);
    auto const& q = *checked.query;
    drx::write_options wo = drx::write_options::python();  // json.dumps defaults, as the server
    auto respond = [&](auto response) -> answer {
        auto pt = passthrough_of(q, csv, !gzip);
        for (auto& row : response.data) shape_row(row, q, checked.algorithm, csv, pt);
        auto rep = drx::check(response, {.level = drx::level::consistency, .ctx = &ctx}, q);
        for (auto const& d : rep.diagnostics) std::cerr << "mock: own answer: " << drx::to_line(d) << "\n";
        auto w = drx::write(response, wo);
        if (!w) return {500, drx::deployment_error_body("mock: cannot write the canned response")};
        return {200, std::move(w).value()};
    };
    if (checked.algorithm == drx::explanation_algorithm::shap) return respond(cfg.shap);
    return respond(cfg.xemp);
}

// ---- the HTTP server (Boost.Beast, one thread) ----------------------------------------------

/// The headers drx checks, from the request's fields (names case-insensitive).
template <class Fields>
drx::deployment_predictions_headers headers_of(Fields const& fields, std::optional<answer>& duplicate) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (auto const& f : fields) pairs.emplace_back(std::string(f.name_string()), std::string(f.value()));
    auto r = drx::headers_from_fields(pairs);
    if (!r) {
        duplicate = answer{400, drx::deployment_error_body(r.diagnostics().front().message)};
        return {};
    }
    return std::move(r).value();
}

class session;

/// What the server and its sessions share. Sessions hold it by shared_ptr, so a session ended
/// after the server (its handler destroyed with the io_context) still finds it.
struct hub {
    explicit hub(config const& c) : cfg(c) {}
    config const& cfg;
    /// The sessions alive, to close them when the server stops.
    std::unordered_map<session const*, std::weak_ptr<session>> sessions;
    /// Called when a session ends (the server resumes accepting); empty once the server is gone.
    std::function<void()> session_ended;
};

/// The 400 a front-end server gives malformed HTTP.
answer bad_request(beast::error_code ec) { return {400, "Bad Request: " + ec.message() + "\n", "text/plain"}; }

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
        parser_->body_limit(drx::deployment_body_limit);
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

    void on_header(beast::error_code ec) {
        if (ec == http::error::header_limit || ec == http::error::buffer_overflow)
            return send({431, drx::deployment_error_body("Request header too large")});
        if (ec == http::error::body_limit)
            return send({413, drx::deployment_error_body(drx::deployment_text::body_too_large)});
        if (malformed(ec)) return send(bad_request(ec));
        if (ec) return close();
        auto const& req = parser_->get();
        std::optional<answer> dup;
        headers_ = headers_of(req, dup);
        if (dup) return send(*dup);
        answer a = route(cfg_, req.method_string(), req.target(), headers_, {}, false);
        if (a.status != 0) return send(a);  // refused before the body is read
        auto length = parser_->content_length();
        if (length && *length > cfg_.max_body_bytes) return send(too_large());
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

    answer too_large() const {
        if (cfg_.max_body_bytes >= drx::deployment_body_limit)
            return {413, drx::deployment_error_body(drx::deployment_text::body_too_large)};
        return {413, drx::deployment_error_body("Request body is larger than the mock's limit of " +
                                                std::to_string(cfg_.max_body_bytes) + " bytes (--max-body-bytes)")};
    }

    void read_body() {
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
    }

    void on_body(beast::error_code ec) {
        if (ec == http::error::body_limit) return send(too_large());
        if (malformed(ec)) return send(bad_request(ec));
        if (ec) return close();
        auto const& req = parser_->get();
        send(route(cfg_, req.method_string(), req.target(), headers_, req.body(), true));
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
    drx::deployment_predictions_headers headers_;
    std::array<char, 16384> drain_{};
    std::shared_ptr<hub> hub_;
    config const& cfg_;
};

class server {
public:
    server(net::io_context& ioc, config const& cfg, unsigned short port)
        : ioc_(ioc),
          acceptor_(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), port)),
          retry_(ioc),
          hub_(std::make_shared<hub>(cfg)) {
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

// ---- the demonstration ----------------------------------------------------------------------

struct exchange {
    std::string what;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers;
    unsigned expected_status;
};

answer ask(unsigned short port, exchange const& x) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(10));
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> req{http::verb::post, x.target, 11};
    req.set(http::field::host, "127.0.0.1");
    for (auto const& [k, v] : x.headers) req.set(k, v);
    req.body() = "id,name\n1,Alice\n";
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buf;
    http::response<http::string_body> res;
    http::read(stream, buf, res);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return {static_cast<unsigned>(res.result_int()), res.body()};
}

int demo(config const& cfg) {
    net::io_context ioc;
    server srv(ioc, cfg, 0);
    srv.accept();
    std::thread t([&] { ioc.run(); });
    unsigned short port = srv.port();
    std::cout << "mock prediction server on 127.0.0.1:" << port << " (known deployments:";
    for (auto const& d : cfg.deployments) std::cout << " " << d.id;
    std::cout << ")\n\n";

    std::string const base = "/predApi/v1.0/deployments/";
    std::vector<std::pair<std::string, std::string>> const auth{{"Authorization", "Bearer my-api-key"},
                                                                {"Content-Type", "text/csv"}};
    std::vector<exchange> const xs{
        {"XEMP, two explanations per row", base + "5f0c1b2d3e4f5a6b7c8d9e0f/predictions?maxExplanations=2", auth, 200},
        {"SHAP, one explanation (remainingTotal takes the rest), passthrough of a CSV column",
         base + "5f0c1b2d3e4f5a6b7c8d9e1a/predictions?maxExplanations=1&passthroughColumns=name", auth, 200},
        {"a value int() refuses (seed 003's exact body)",
         base + "5f0c1b2d3e4f5a6b7c8d9e0f/predictions?maxExplanations=two", auth, 422},
        {"several bad values: one message, in the documented order",
         base + "5f0c1b2d3e4f5a6b7c8d9e0f/predictions?thresholdLow=low&maxExplanations=x", auth, 422},
        {"a multiclass deployment", base + "5f0c1b2d3e4f5a6b7c8d9e2b/predictions?maxExplanations=3", auth, 422},
        {"a malformed deployment id", base + "12345/predictions?maxExplanations=3", auth, 404},
        {"an unknown deployment", base + "aaaaaaaaaaaaaaaaaaaaaaaa/predictions?maxExplanations=3", auth, 404},
        {"no Authorization header", base + "5f0c1b2d3e4f5a6b7c8d9e0f/predictions?maxExplanations=3",
         {{"Content-Type", "text/csv"}}, 401},
    };
    int failures = 0;
    for (auto const& x : xs) {
        answer a;
        try {
            a = ask(port, x);
        } catch (std::exception const& e) {
            a = {0, std::string("request failed: ") + e.what()};
        }
        bool ok = a.status == x.expected_status;
        failures += !ok;
        std::cout << "# " << x.what << "\nPOST " << x.target << "\n" << a.status << " " << a.body
                  << (ok ? "" : "   <-- expected status " + std::to_string(x.expected_status)) << "\n\n";
    }
    net::post(ioc, [&] { srv.stop(); });
    t.join();
    std::cout << (failures ? "FAILED: " + std::to_string(failures) + " unexpected answers\n"
                           : "every answer was the expected one\n");
    return failures ? 1 : 0;
}

// ---- main -----------------------------------------------------------------------------------

/// Ends the process at a time point unless destroyed before it: the serve mode's deadline
/// holds even while its one thread is busy with a request.
class watchdog {
public:
    watchdog(std::chrono::steady_clock::time_point at, unsigned long timeout)
        : thread_([this, at, timeout] {
              std::unique_lock lock(m_);
              if (cv_.wait_until(lock, at, [this] { return done_; })) return;
              std::fprintf(stderr, "mock: %lu s passed and a request is still being answered: exiting\n", timeout);
              std::fflush(stdout);
              std::fflush(stderr);
              std::_Exit(0);
          }) {}
    watchdog(watchdog const&) = delete;
    watchdog& operator=(watchdog const&) = delete;
    ~watchdog() {
        {
            std::lock_guard lock(m_);
            done_ = true;
        }
        cv_.notify_one();
        thread_.join();
    }

private:
    std::mutex m_;
    std::condition_variable cv_;
    bool done_ = false;
    std::thread thread_;  // last: started once the members it uses exist
};

int usage(std::string const& msg) {
    std::cerr << "mock: " << msg
              << "\nusage: example_mock_prediction_server [--serve [--port N] [--port-file FILE] [--timeout SECONDS]\n"
                 "       [--payloads DIR] [--deployment ID[:KIND[:ALGORITHM]]]... [--managed-cloud]\n"
                 "       [--max-connections N] [--max-body-bytes N] [--read-timeout SECONDS]]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    bool serve = false;
    unsigned long port = 0, timeout = 60;
    std::string port_file;
    std::filesystem::path payloads = default_payloads();
    config cfg;
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
        if (a == "--serve") {
            serve = true;
        } else if (a == "--port") {
            if (!number(65535, port)) return usage("--port needs a number in [0, 65535]");
        } else if (a == "--timeout") {
            if (!number(3600, timeout) || timeout == 0) return usage("--timeout needs a number of seconds in [1, 3600]");
        } else if (a == "--port-file") {
            auto v = value();
            if (!v) return usage("--port-file needs a file");
            port_file = *v;
        } else if (a == "--payloads") {
            auto v = value();
            if (!v) return usage("--payloads needs a directory");
            payloads = *v;
        } else if (a == "--max-connections") {
            if (!number(10000, n) || n == 0) return usage("--max-connections needs a number in [1, 10000]");
            cfg.max_connections = n;
        } else if (a == "--max-body-bytes") {
            if (!number(drx::deployment_body_limit, n))
                return usage("--max-body-bytes needs a number in [0, " + std::to_string(drx::deployment_body_limit) + "]");
            cfg.max_body_bytes = n;
        } else if (a == "--read-timeout") {
            if (!number(3600, n) || n == 0) return usage("--read-timeout needs a number of seconds in [1, 3600]");
            cfg.read_timeout = std::chrono::seconds(n);
        } else if (a == "--managed-cloud") {
            cfg.managed_cloud = true;
        } else if (a == "--deployment") {
            auto v = value();
            if (!v) return usage("--deployment needs ID[:KIND[:ALGORITHM]]");
            deployment d;
            std::vector<std::string> parts;
            std::size_t b = 0;
            while (true) {
                std::size_t e = v->find(':', b);
                parts.push_back(v->substr(b, e == std::string::npos ? std::string::npos : e - b));
                if (e == std::string::npos) break;
                b = e + 1;
            }
            d.id = parts[0];
            if (parts.size() > 3 || (parts.size() > 1 && !drx::enum_from_wire(parts[1], d.kind)) ||
                (parts.size() > 2 && !drx::enum_from_wire(parts[2], d.algorithm)))
                return usage("--deployment is ID[:KIND[:ALGORITHM]], got '" + *v + "'");
            cfg.deployments.push_back(d);
        } else {
            return usage("unknown argument '" + a + "'");
        }
    }
    if (cfg.deployments.empty()) cfg.deployments = default_deployments();
    if (!load(payloads / "deployment-xemp-response.json", cfg.xemp) ||
        !load(payloads / "deployment-shap-response.json", cfg.shap))
        return 2;
    try {
        if (!serve) return demo(cfg);
        cfg.log = true;
        net::io_context ioc;
        server srv(ioc, cfg, static_cast<unsigned short>(port));
        srv.accept();
        std::cout << "mock: listening on 127.0.0.1:" << srv.port() << " for at most " << timeout << " s" << std::endl;
        if (!port_file.empty()) {
            std::string tmp = port_file + ".tmp";
            std::ofstream(tmp) << srv.port() << "\n";
            std::filesystem::rename(tmp, port_file);
        }
        // The deadline: the timer closes the acceptor and every connection; should the one
        // thread still be busy answering 1 s later, the watchdog ends the process.
        auto const end = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
        net::steady_timer deadline(ioc, end);
        deadline.async_wait([&](beast::error_code) {
            std::cout << "mock: " << timeout << " s passed, stopping" << std::endl;
            srv.stop();
            ioc.stop();
        });
        watchdog guard(end + std::chrono::seconds(1), timeout);
        ioc.run();
        return 0;
    } catch (std::exception const& e) {
        std::cerr << "mock: " << e.what() << "\n";
        return 2;
    }
}
