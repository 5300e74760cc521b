// SPDX-License-Identifier: BSL-1.0
// drx: recorded HTTP exchanges, read from HAR 1.2 files or from drx's JSON Lines exchange
// format (docs/verify.md, "Recordings"):
//
//     auto file = drx::read_exchanges(text);            // HAR, or JSON Lines
//     for (auto const& x : file.exchanges) verifier.verify(x.request, x.response);
//
// HAR: log.entries[i] gives request.method, request.url, request.headers [{name, value}],
// request.postData.text, response.status, response.headers and response.content.text;
// a content (or postData) with "encoding": "base64" is decoded. JSON Lines: one exchange per
// line, {"request": {"method", "url", "headers", "body"}, "response": {"status", "headers",
// "body"}}, headers as [{name, value}] or {name: value}; "bodyBase64" instead of "body" for
// bytes. A "comment" (string) of an entry or line is kept. Blank lines are skipped.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <drx/detail/codec.hpp>
#include <drx/diagnostic.hpp>
#include <drx/tools/verify.hpp>

namespace drx {

/// One recorded exchange, with where it came from.
struct recorded_exchange {
    /// Its index in the recording, from 0 (HAR: in log.entries; JSON Lines: among the exchanges).
    std::size_t entry = 0;
    /// JSON Lines: the line, from 1; HAR: 0.
    std::size_t line = 0;
    http_request request;
    http_response response;
    /// The entry's "comment", if any.
    std::string comment;
    /// Why the entry is not a complete exchange (verify reports it as verify.entry).
    std::vector<std::string> problems;
};

/// What read_exchanges() found.
struct exchange_file {
    enum class format { har, json_lines };
    exchange_file::format format = format::json_lines;
    std::vector<recorded_exchange> exchanges;
    /// Why the recording as a whole cannot be read ("" when it can).
    std::string error;
};

namespace detail::exchanges_impl {

namespace bj = boost::json;

inline std::string_view str(bj::value const* v) {
    if (!v || !v->is_string()) return {};
    return {v->as_string().data(), v->as_string().size()};
}
inline bj::value const* at(bj::value const* v, std::string_view k) {
    if (!v || !v->is_object()) return nullptr;
    return v->as_object().if_contains(k);
}

inline std::vector<http_field> headers(bj::value const* v, std::vector<std::string>& problems, std::string_view where) {
    std::vector<http_field> out;
    if (!v || v->is_null()) return out;
    if (v->is_array()) {
        for (auto const& h : v->as_array()) {
            if (h.is_object()) {
                out.push_back({std::string(str(at(&h, "name"))), std::string(str(at(&h, "value")))});
            } else if (h.is_array() && h.as_array().size() == 2) {
                out.push_back({std::string(str(&h.as_array()[0])), std::string(str(&h.as_array()[1]))});
            } else {
                problems.push_back(std::string(where) + ": a header is not {name, value}");
            }
        }
    } else if (v->is_object()) {
        for (auto const& kv : v->as_object()) {
            if (kv.value().is_string())
                out.push_back({std::string(kv.key()), std::string(str(&kv.value()))});
            else if (kv.value().is_array())  // repeated fields
                for (auto const& x : kv.value().as_array()) out.push_back({std::string(kv.key()), std::string(str(&x))});
            else
                problems.push_back(std::string(where) + ": header " + std::string(kv.key()) + " is not a string");
        }
    } else {
        problems.push_back(std::string(where) + " is neither a list nor an object");
    }
    return out;
}

/// A body given as text (`text_key`) with an optional "encoding": "base64", or as `base64_key`.
inline std::optional<std::string> body(bj::value const* holder, std::string_view text_key, std::string_view base64_key,
                                       std::vector<std::string>& problems, std::string_view where) {
    if (!holder || !holder->is_object()) return std::nullopt;
    bj::value const* t = at(holder, text_key);
    bj::value const* b = base64_key.empty() ? nullptr : at(holder, base64_key);
    bool base64 = str(at(holder, "encoding")) == "base64";
    if (b && !b->is_null()) {
        t = b;
        base64 = true;
    }
    if (!t || t->is_null()) return std::nullopt;
    if (!t->is_string()) {
        problems.push_back(std::string(where) + " is not a string (a body is recorded as its text)");
        return std::nullopt;
    }
    if (!base64) return std::string(str(t));
    auto d = base64_decode(str(t), base64_mode::lenient);
    if (!d) problems.push_back(std::string(where) + " is not valid base64");
    return d;
}

inline int status(bj::value const* v) {
    if (v && v->is_int64()) return static_cast<int>(std::clamp<std::int64_t>(v->as_int64(), -1, 1000));
    if (v && v->is_uint64()) return 1000;
    return 0;
}

inline recorded_exchange from_har_entry(bj::value const& e, std::size_t index) {
    recorded_exchange x;
    x.entry = index;
    x.comment = std::string(str(at(&e, "comment")));
    bj::value const* rq = at(&e, "request");
    bj::value const* rs = at(&e, "response");
    if (!rq || !rq->is_object()) x.problems.push_back("the entry has no request object");
    if (!rs || !rs->is_object()) x.problems.push_back("the entry has no response object");
    x.request.method = std::string(str(at(rq, "method")));
    x.request.url = std::string(str(at(rq, "url")));
    x.request.headers = headers(at(rq, "headers"), x.problems, "the field request.headers");
    x.request.body = body(at(rq, "postData"), "text", "", x.problems, "the field request.postData.text");
    x.response.status = status(at(rs, "status"));
    x.response.headers = headers(at(rs, "headers"), x.problems, "the field response.headers");
    x.response.body = body(at(rs, "content"), "text", "", x.problems, "the field response.content.text");
    return x;
}

inline recorded_exchange from_line(bj::value const& e, std::size_t index, std::size_t line) {
    recorded_exchange x;
    x.entry = index;
    x.line = line;
    if (!e.is_object()) {
        x.problems.push_back("the line is not a JSON object");
        return x;
    }
    x.comment = std::string(str(at(&e, "comment")));
    bj::value const* rq = at(&e, "request");
    bj::value const* rs = at(&e, "response");
    if (!rq || !rq->is_object()) x.problems.push_back("the line has no request object");
    if (!rs || !rs->is_object()) x.problems.push_back("the line has no response object");
    x.request.method = std::string(str(at(rq, "method")));
    x.request.url = std::string(str(at(rq, "url")));
    x.request.headers = headers(at(rq, "headers"), x.problems, "the field request.headers");
    x.request.body = body(rq, "body", "bodyBase64", x.problems, "the field request.body");
    x.response.status = status(at(rs, "status"));
    x.response.headers = headers(at(rs, "headers"), x.problems, "the field response.headers");
    x.response.body = body(rs, "body", "bodyBase64", x.problems, "the field response.body");
    return x;
}

inline bj::value parse(std::string_view text, bj::error_code& ec) {
    bj::parse_options po;
    po.max_depth = 64;  // recordings are shallow: bodies are strings
    return bj::parse(text, ec, {}, po);
}

}  // namespace detail::exchanges_impl

/// Reads a recording: a HAR 1.2 file (a JSON object with "log"), else JSON Lines exchanges.
inline exchange_file read_exchanges(std::string_view text) {
    namespace ei = detail::exchanges_impl;
    exchange_file out;
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return out;  // empty: no exchanges
    if (text[first] == '{') {
        boost::json::error_code ec;
        boost::json::value v = ei::parse(text, ec);
        if (!ec && v.is_object() && v.as_object().contains("log")) {
            out.format = exchange_file::format::har;
            auto const* entries = ei::at(ei::at(&v, "log"), "entries");
            if (!entries || !entries->is_array()) {
                out.error = "a HAR file without log.entries";
                return out;
            }
            std::size_t i = 0;
            for (auto const& e : entries->as_array()) out.exchanges.push_back(ei::from_har_entry(e, i++));
            return out;
        }
    }
    out.format = exchange_file::format::json_lines;
    std::size_t line = 0, index = 0, pos = 0;
    while (pos < text.size()) {
        std::size_t e = text.find('\n', pos);
        if (e == std::string_view::npos) e = text.size();
        std::string_view l = text.substr(pos, e - pos);
        pos = e + 1;
        ++line;
        if (l.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        boost::json::error_code ec;
        boost::json::value v = ei::parse(l, ec);
        if (ec) {
            recorded_exchange x;
            x.entry = index++;
            x.line = line;
            x.problems.push_back("line " + std::to_string(line) + " is not JSON: " + ec.message());
            out.exchanges.push_back(std::move(x));
            continue;
        }
        out.exchanges.push_back(ei::from_line(v, index++, line));
    }
    return out;
}

/// Verifies a recorded exchange: its problems, if any, as verify.entry errors; else
/// verifier::verify().
template <int N = 0>
exchange_report verify_recorded(verifier& v, recorded_exchange const& x) {
    if (x.problems.empty()) return v.template verify<N>(x.request, x.response);
    exchange_report rep;
    for (auto const& p : x.problems)
        rep.diagnostics.push_back({"", std::string(verify_rule::entry), severity::error, p, {}, {}});
    rep.verdict = verdict::violation;
    return rep;
}

}  // namespace drx
