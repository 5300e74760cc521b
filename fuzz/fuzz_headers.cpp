// SPDX-License-Identifier: BSL-1.0
// libFuzzer harness: the request headers of the deployment predictions endpoint.
//
// The input is read twice: as HTTP header fields ("Name: value" lines, split at the first
// ':'; optional whitespace around the value trimmed, as HTTP parsers do) and as the JSON object
// form of `drx check deployment-predictions-headers` (drx::read_headers). Checked on every
// input:
//  - building, reading and checking the headers never crash;
//  - headers built from fields write to JSON that read_headers reads back to the same JSON;
//  - the server's answer to a valid query with these headers is 200, or one of the documented
//    header statuses (400, 401, 413, 415) with a {"message": ...} body, and a request the
//    header rules find no error in is not refused for its headers.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/parse.hpp>

#include <drx/api/deployment_headers_json.hpp>
#include <drx/api/deployment_server.hpp>

namespace {

[[noreturn]] void fail(char const* what, std::string_view a, std::string_view b = {}) {
    std::fprintf(stderr, "headers harness: %s\n  %.*s\n  %.*s\n", what, static_cast<int>(a.size()), a.data(),
                 static_cast<int>(b.size()), b.data());
    std::abort();
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

void serve(drx::deployment_predictions_headers const& h, drx::context const& ctx, std::string_view input) {
    auto rep = drx::check(h, {.level = drx::level::rules, .ctx = &ctx});
    auto c = drx::check_predictions_request(std::nullopt, "maxExplanations=3", &h, &ctx);
    if (!c.error) {
        if (drx::has_errors(rep.diagnostics)) fail("headers with rule errors were accepted", input);
        return;
    }
    int s = c.error->status;
    if (s != 400 && s != 401 && s != 413 && s != 415) fail("an undocumented header status", std::to_string(s), c.error->body);
    boost::json::error_code ec;
    boost::json::value v = boost::json::parse(c.error->body, ec);
    if (ec || !v.is_object() || !v.as_object().contains("message")) fail("an error body that is not {\"message\": ...}", c.error->body);
    if (!drx::has_errors(rep.diagnostics)) fail("headers without rule errors were refused", input, c.error->body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view in(reinterpret_cast<char const*>(data), size);
    drx::context ctx;
    ctx.managed_cloud = size > 0 && (data[0] & 1);

    std::vector<std::pair<std::string, std::string>> fields;
    for (std::size_t start = 0; start < in.size();) {
        std::size_t nl = in.find('\n', start);
        std::string_view line = in.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        start = nl == std::string_view::npos ? in.size() : nl + 1;
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        fields.emplace_back(std::string(line.substr(0, colon)), std::string(trim(line.substr(colon + 1))));
    }
    auto built = drx::headers_from_fields(fields);
    if (built.unchecked()) {
        serve(*built.unchecked(), ctx, in);
        drx::result<std::string> json = drx::write(*built.unchecked());
        if (json) {
            auto back = drx::read_headers(json.value());
            if (!back.unchecked() || drx::has_errors(back.diagnostics())) fail("written headers do not read back", json.value());
            drx::result<std::string> again = drx::write(*back.unchecked());
            if (!again || again.value() != json.value()) fail("headers changed in a round trip", json.value());
        }
    }

    auto read = drx::read_headers(in);
    if (read.unchecked() && !drx::has_errors(read.diagnostics())) serve(*read.unchecked(), ctx, in);
    return 0;
}
