// SPDX-License-Identifier: BSL-1.0
// deployment-predictions-headers (seed 003's header table; docs/reference/objects.md (Headers),
// docs/reference/limits.md, docs/reference/rule-sources.md and README.md, "The drx tool"):
// case-insensitive reading, the header rules at their boundaries, and the statuses the server entry
// point answers with.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

#include <drx/api/deployment.hpp>
#include <drx/api/deployment_headers_json.hpp>
#include <drx/api/deployment_server.hpp>

#include <string>
#include <utility>
#include <vector>

namespace {

using drx::deployment_predictions_headers;

using drx_test::errors;
using drx_test::has;

deployment_predictions_headers bearer() {
    deployment_predictions_headers h;
    h.authorization = "Bearer abc123";
    return h;
}

std::vector<drx::diagnostic> rules(deployment_predictions_headers const& h, drx::context const* ctx = nullptr) {
    return drx::check(h, {.level = drx::level::rules, .ctx = ctx}).diagnostics;
}

std::string status_of(deployment_predictions_headers const& h, drx::context const* ctx = nullptr) {
    auto r = drx::check_predictions_request(std::nullopt, "maxExplanations=1", &h, ctx);
    if (r.ok()) return "200";
    return std::to_string(r.error->status) + " " + r.error->body;
}

}  // namespace

TEST_CASE("headers: names are case-insensitive; the same header twice is an error") {
    auto r = drx::read_headers(
        R"({"authorization": "Bearer abc", "CONTENT-TYPE": "text/csv", "content-length": "10", "datarobot-key": "k", "X-Other": "1"})");
    REQUIRE(r.ok());
    CHECK(r.value().authorization == "Bearer abc");
    CHECK(r.value().content_type == "text/csv");
    CHECK(r.value().content_length == "10");
    CHECK(r.value().datarobot_key == "k");
    CHECK(has(r.diagnostics(), "schema.unknown_key", "/X-Other", drx::severity::warning));
    // Written back with the canonical names.
    CHECK(drx::to_json(r.value()) ==
          R"({"Authorization":"Bearer abc","DataRobot-Key":"k","Content-Type":"text/csv","Content-Length":"10"})");

    auto dup = drx::read_headers(R"({"Authorization": "Bearer a", "AUTHORIZATION": "Bearer b"})");
    CHECK_FALSE(dup.ok());
    CHECK(has(dup.diagnostics(), "schema.duplicate_key", "/Authorization"));
    auto type = drx::read_headers(R"({"Content-Length": 10})");
    CHECK(has(type.diagnostics(), "schema.type", "/Content-Length"));
    auto syntax = drx::read_headers(R"({"Authorization": )");
    CHECK_FALSE(syntax.ok());
    CHECK(std::any_of(syntax.diagnostics().begin(), syntax.diagnostics().end(),
                      [](drx::diagnostic const& d) { return d.rule == "schema.syntax"; }));
    auto not_object = drx::read_headers(R"(["Authorization"])");
    CHECK(has(not_object.diagnostics(), "schema.type", ""));

    std::vector<std::pair<std::string, std::string>> fields{
        {"authorization", "Bearer x"}, {"Content-type", "text/csv"}, {"Host", "localhost"}};
    auto f = drx::headers_from_fields(fields);
    REQUIRE(f.ok());
    CHECK(f.value().authorization == "Bearer x");
    CHECK(f.value().content_type == "text/csv");
    fields.emplace_back("CONTENT-TYPE", "application/json");
    auto fd = drx::headers_from_fields(fields);
    CHECK(has(fd.diagnostics(), "schema.duplicate_key", "/Content-Type"));
}

TEST_CASE("deployment.authorization: required, Bearer or the deprecated Token / Basic forms") {
    deployment_predictions_headers h;
    CHECK(has(rules(h), "deployment.authorization", "/Authorization"));
    for (char const* ok : {"Bearer abc", "bearer abc", "BEARER  abc ", "Bearer NjE0YjA0ZjQ1ZTcxNjY3ZmQ3ZjE3YzA2"}) {
        CAPTURE(ok);
        h.authorization = ok;
        CHECK(rules(h).empty());
    }
    for (char const* dep : {"Token abc", "Basic dXNlckBleGFtcGxlLmNvbTphcGlrZXk="}) {  // user@example.com:apikey
        CAPTURE(dep);
        h.authorization = dep;
        auto ds = rules(h);
        CHECK(errors(ds) == 0);
        CHECK(has(ds, "deployment.authorization", "/Authorization", drx::severity::warning));
    }
    for (char const* bad : {"", "Bearer", "Bearer ", "Bearer a b", "abc", "Digest abc", "Basic !!!!",
                            "Basic dXNlcg==" /* "user": no colon */, "Basic dXNlcjp0b2tlbg" /* no padding */}) {
        CAPTURE(bad);
        h.authorization = bad;
        CHECK(has(rules(h), "deployment.authorization", "/Authorization"));
    }
}

TEST_CASE("deployment.authorization: DataRobot-Key when the context says managed cloud") {
    auto h = bearer();
    drx::context cloud;
    cloud.managed_cloud = true;
    CHECK(has(rules(h, &cloud), "deployment.authorization", "/DataRobot-Key"));
    h.datarobot_key = " ";
    CHECK(has(rules(h, &cloud), "deployment.authorization", "/DataRobot-Key"));
    h.datarobot_key = "DR-key-12345abcdb-xyz6789";  // seed 003's example
    CHECK(rules(h, &cloud).empty());
    drx::context self_managed;
    self_managed.managed_cloud = false;
    CHECK(rules(bearer(), &self_managed).empty());
    auto rep = drx::check(bearer(), {.level = drx::level::rules});
    CHECK(std::any_of(rep.skipped.begin(), rep.skipped.end(), [](drx::skipped_rule const& s) {
        return s.rule == "deployment.authorization" && s.needs == "managedCloud";
    }));
}

TEST_CASE("deployment.body_size: Content-Length at most 52428800") {
    auto h = bearer();
    for (char const* ok : {"0", "52428800", " 10 ", "00052428800"}) {
        CAPTURE(ok);
        h.content_length = ok;
        CHECK(rules(h).empty());
    }
    for (char const* bad : {"52428801", "99999999999999999999999999", "", "abc", "-1", "1e3", "10.0", "+10"}) {
        CAPTURE(bad);
        h.content_length = bad;
        CHECK(has(rules(h), "deployment.body_size", "/Content-Length"));
    }
}

TEST_CASE("deployment.content_type: the documented set") {
    auto h = bearer();
    for (char const* ok : {"text/plain; charset=UTF-8", "text/plain", "text/csv", "TEXT/CSV; charset=\"utf-8\"",
                           "application/json", "multipart/form-data; boundary=----x", "text/csv;"}) {
        CAPTURE(ok);
        h.content_type = ok;
        CHECK(rules(h).empty());
    }
    for (char const* bad : {"text/html", "text/plain; charset=latin-1", "multipart/form-data",
                            "application/x-www-form-urlencoded", "", "text/csv; charset", "application/json5"}) {
        CAPTURE(bad);
        h.content_type = bad;
        CHECK(has(rules(h), "deployment.content_type", "/Content-Type"));
    }
}

TEST_CASE("deployment.content_encoding: gzip only") {
    auto h = bearer();
    for (char const* ok : {"gzip", "GZIP", " gzip "}) {
        h.content_encoding = ok;
        CHECK(rules(h).empty());
    }
    for (char const* bad : {"deflate", "br", "identity", "gzip, gzip", "x-gzip", ""}) {
        CAPTURE(bad);
        h.content_encoding = bad;
        CHECK(has(rules(h), "deployment.content_encoding", "/Content-Encoding"));
    }
}

TEST_CASE("the server's answers to bad headers (drx texts, documented), in stage order") {
    deployment_predictions_headers none;
    CHECK(status_of(none) ==
          "401 {\"message\": \"Missing Authorization header: send \\\"Authorization: Bearer <API key>\\\"\"}");
    auto h = bearer();
    CHECK(status_of(h) == "200");
    h.authorization = "Bearer";
    CHECK(status_of(h).rfind("401 {\"message\": \"Invalid Authorization header", 0) == 0);
    h = bearer();
    drx::context cloud;
    cloud.managed_cloud = true;
    CHECK(status_of(h, &cloud) ==
          "401 {\"message\": \"Missing DataRobot-Key header: the managed AI Platform requires it\"}");
    h.content_length = "52428801";
    CHECK(status_of(h) == "413 {\"message\": \"Request body is larger than the 50 MB limit (52428800 bytes)\"}");
    h.content_length = "ten";
    CHECK(status_of(h) == "400 {\"message\": \"Invalid Content-Length header: expected a decimal number\"}");
    h = bearer();
    h.content_type = "text/html";
    CHECK(status_of(h).rfind("415 {\"message\": \"Unsupported Content-Type", 0) == 0);
    h = bearer();
    h.content_encoding = "br";
    CHECK(status_of(h) == "415 {\"message\": \"Unsupported Content-Encoding: only gzip is supported\"}");
    // Authorization is checked first.
    deployment_predictions_headers many;
    many.content_type = "text/html";
    many.content_length = "52428801";
    CHECK(status_of(many).rfind("401 ", 0) == 0);
    // Headers come before the query: a bad query with a missing Authorization is a 401.
    auto r = drx::check_predictions_request(std::nullopt, "maxExplanations=x", &none, nullptr);
    CHECK(r.error->status == 401);
}
