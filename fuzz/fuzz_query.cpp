// SPDX-License-Identifier: BSL-1.0
// libFuzzer harness: the deployment predictions query string, as the library reads it and as
// the server side (drx::check_predictions_request) answers it.
//
// Input: a first line of facts, then the query string. The first line is turned into a
// drx::context with the adapter (drx/tools/fuzz.hpp), so the model kind, algorithm and known
// deployments vary with the input; the query string is everything after the first '\n'
// (an input without '\n' is all query, without context). Checked on every input:
//  - decode_query never crashes; what it decodes, encode_query encodes to a string that
//    decodes to the same parameters;
//  - read_query never crashes; a query read without errors is written by write_query to a
//    string that reads to the same object (write_query(read_query(s)) is a fixed point);
//  - the server's answer is 200, or one of the documented error statuses with a body that is
//    exactly {"message": <a JSON string>}.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <boost/json/parse.hpp>

#include <drx/api/deployment_server.hpp>
#include <drx/tools/fuzz.hpp>

namespace {

[[noreturn]] void fail(char const* what, std::string_view a, std::string_view b = {}) {
    std::fprintf(stderr, "query harness: %s\n  %.*s\n  %.*s\n", what, static_cast<int>(a.size()), a.data(),
                 static_cast<int>(b.size()), b.data());
    std::abort();
}

void check_answer(drx::predictions_request_check const& c) {
    if (!c.error) {
        if (!c.query) fail("an accepted request without its query", "");
        return;
    }
    int s = c.error->status;
    if (s != 400 && s != 401 && s != 404 && s != 413 && s != 414 && s != 415 && s != 422)
        fail("an undocumented status", std::to_string(s), c.error->body);
    boost::json::error_code ec;
    boost::json::value v = boost::json::parse(c.error->body, ec);
    if (ec || !v.is_object() || v.as_object().size() != 1 || !v.as_object().contains("message") ||
        !v.as_object().at("message").is_string())
        fail("an error body that is not {\"message\": string}", c.error->body);
    std::string_view m(v.as_object().at("message").as_string());
    if (drx::deployment_error_body(m) != c.error->body) fail("an error body not in json.dumps form", c.error->body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view in(reinterpret_cast<char const*>(data), size);
    std::optional<drx::context> ctx;
    std::string_view query = in;
    if (auto nl = in.find('\n'); nl != std::string_view::npos) {
        ctx = drx::fuzz_instance<drx::context>(data, nl);
        query = in.substr(nl + 1);
    }
    drx::query_options qo;
    qo.max_parameters = 256;

    if (auto pairs = drx::decode_query(query, qo); pairs.ok()) {
        std::string encoded = drx::encode_query(pairs.value());
        auto again = drx::decode_query(encoded, qo);
        if (!again.ok() || again.value() != pairs.value()) fail("encode/decode changed the parameters", query, encoded);
    }

    auto r = drx::read_query<drx::deployment_predictions_query>(query, qo);
    if (r.unchecked() && !drx::has_errors(r.diagnostics())) {
        std::string q = drx::write_query(*r.unchecked());
        auto back = drx::read_query<drx::deployment_predictions_query>(q, qo);
        if (!back.unchecked() || drx::has_errors(back.diagnostics())) fail("write_query's output does not read", query, q);
        std::string q2 = drx::write_query(*back.unchecked());
        if (q2 != q) fail("write_query(read_query(q)) is not a fixed point", q, q2);
        (void)drx::check(*r.unchecked(), {.level = drx::level::rules, .ctx = ctx ? &*ctx : nullptr});
    }

    drx::predictions_policy policy;
    policy.query = qo;
    std::optional<std::string_view> id;
    if (ctx && ctx->deployments && !ctx->deployments->empty()) id = ctx->deployments->front();
    check_answer(drx::check_predictions_request(id, query, nullptr, ctx ? &*ctx : nullptr, policy));
    return 0;
}
