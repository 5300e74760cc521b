// SPDX-License-Identifier: BSL-1.0
// drx/tools/verify.hpp and drx/detail/codec.hpp: base64 against RFC 4648's test vectors, gzip
// against bytes Python's gzip module wrote, CSV row counting, routing (the operation ids are the
// OpenAPI document's), and verify_exchange() on exchanges built from examples/payloads. The
// labelled corpus of whole recordings is tests/cli/t_verify.sh's.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <drx/tools/exchanges.hpp>
#include <drx/tools/openapi.hpp>
#include <drx/tools/verify.hpp>

namespace {

std::string slurp(std::string const& rel) {
    std::ifstream f(rel, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::string bytes(std::initializer_list<unsigned char> b) { return std::string(b.begin(), b.end()); }

std::vector<std::string> error_rules(drx::exchange_report const& r) {
    std::vector<std::string> out;
    for (auto const& d : r.diagnostics)
        if (d.severity == drx::severity::error) out.push_back(d.rule);
    return out;
}

}  // namespace

TEST_CASE("base64: RFC 4648 section 10's test vectors, and what is not base64") {
    auto base64_decode = [](std::string_view s) { return drx::detail::base64_decode(s, drx::detail::base64_mode::lenient); };
    CHECK(base64_decode("") == std::string());
    CHECK(base64_decode("Zg==") == std::string("f"));
    CHECK(base64_decode("Zm8=") == std::string("fo"));
    CHECK(base64_decode("Zm9v") == std::string("foo"));
    CHECK(base64_decode("Zm9vYg==") == std::string("foob"));
    CHECK(base64_decode("Zm9vYmE=") == std::string("fooba"));
    CHECK(base64_decode("Zm9vYmFy") == std::string("foobar"));
    CHECK(base64_decode("Zm9v\r\nYmFy") == std::string("foobar"));  // MIME line breaks
    CHECK(base64_decode("Zm8") == std::string("fo"));                // padding left out
    CHECK_FALSE(base64_decode("Zm9v!").has_value());
    CHECK_FALSE(base64_decode("Zg=a").has_value());   // data after the padding
    CHECK(base64_decode("Zh==") == std::string("f"));   // non-zero padding bits, as Python's b64decode
    CHECK_FALSE(base64_decode("Z").has_value());      // 6 bits are no byte
    CHECK_FALSE(base64_decode("Zg===").has_value());
    // Strict (Authorization: Basic): padded, a multiple of 4, nothing else.
    using drx::detail::base64_mode;
    CHECK(drx::detail::base64_decode("Zm8=", base64_mode::strict) == std::string("fo"));
    CHECK_FALSE(drx::detail::base64_decode("Zm8", base64_mode::strict).has_value());
    CHECK_FALSE(drx::detail::base64_decode("Zm9v\r\nYmFy", base64_mode::strict).has_value());
    CHECK_FALSE(drx::detail::base64_decode("", base64_mode::strict).has_value());
    // Encoding: RFC 4648's vectors back.
    CHECK(drx::detail::base64_encode("") == "");
    CHECK(drx::detail::base64_encode("f") == "Zg==");
    CHECK(drx::detail::base64_encode("fo") == "Zm8=");
    CHECK(drx::detail::base64_encode("foobar") == "Zm9vYmFy");
}

TEST_CASE("gunzip: Python's gzip.compress output, members, truncation and the size limit") {
    using drx::detail::gunzip;
    // gzip.compress(b'rowId,x\n0,1\n', mtime=0)
    std::string one = bytes({0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x2b, 0xca, 0x2f, 0xf7, 0x4c, 0xd1,
                             0xa9, 0xe0, 0x32, 0xd0, 0x31, 0xe4, 0x02, 0x00, 0x6a, 0x53, 0xa5, 0x00, 0x0c, 0x00, 0x00, 0x00});
    auto r = gunzip(one, 1024);
    REQUIRE(r.bytes.has_value());
    CHECK(*r.bytes == "rowId,x\n0,1\n");
    // gzip.compress(b'a,b\n', mtime=0) + gzip.compress(b'1,2\n', mtime=0): one stream (RFC 1952)
    std::string two = bytes({0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x4b, 0xd4, 0x49, 0xe2, 0x02, 0x00,
                             0xc5, 0x10, 0x97, 0x24, 0x04, 0x00, 0x00, 0x00, 0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00,
                             0x02, 0x03, 0x33, 0xd4, 0x31, 0xe2, 0x02, 0x00, 0x33, 0x42, 0x21, 0x55, 0x04, 0x00, 0x00, 0x00});
    r = gunzip(two, 1024);
    REQUIRE(r.bytes.has_value());
    CHECK(*r.bytes == "a,b\n1,2\n");
    r = gunzip(one.substr(0, 20), 1024);
    CHECK_FALSE(r.bytes.has_value());
    CHECK(r.error == "truncated gzip data");
    r = gunzip(one, 11);
    CHECK_FALSE(r.bytes.has_value());
    CHECK(r.error == "the decompressed body is larger than 11 bytes");
    r = gunzip(one + "xy", 1024);
    CHECK_FALSE(r.bytes.has_value());
    CHECK(r.error == "bytes after the end of the gzip data");
    r = gunzip("rowId\n0\n", 1024);
    CHECK_FALSE(r.bytes.has_value());
    std::string corrupt = one;
    corrupt[12] = static_cast<char>(0xff);
    CHECK_FALSE(gunzip(corrupt, 1024).bytes.has_value());
}

TEST_CASE("CSV rows: a header, quoted line breaks, CRLF and blank lines") {
    using drx::detail::verify_impl::csv_data_rows;
    CHECK(csv_data_rows("a,b\n1,2\n3,4\n") == 2);
    CHECK(csv_data_rows("a,b\r\n1,2\r\n3,4") == 2);
    CHECK(csv_data_rows("a,b\n\"x\ny\",2\n\n3,4\n\n") == 2);
    CHECK(csv_data_rows("a,b\n\"say \"\"hi\"\"\n\",2\n") == 1);
    CHECK(csv_data_rows("a,b\n") == 0);
    CHECK(csv_data_rows("") == 0);
}

TEST_CASE("routing: every route's operation id is the OpenAPI document's for its method and path") {
    boost::json::object doc = drx::openapi_object();
    auto const& paths = doc.at("paths").as_object();
    for (auto const& r : drx::detail::verify_impl::routes) {
        CAPTURE(r.path);
        std::string m(r.method);
        for (auto& ch : m) ch = static_cast<char>(ch - 'A' + 'a');
        bool found = false;
        for (auto const& kv : paths) {
            std::string p(kv.key());
            if (p.ends_with("/")) p.pop_back();
            std::string want = "/" + std::string(r.path);
            if (p != want) continue;
            auto const* op = kv.value().as_object().if_contains(m);
            REQUIRE(op != nullptr);
            CHECK(op->as_object().at("operationId").as_string() == r.operation);
            found = true;
        }
        CHECK(found);
    }
    using drx::detail::verify_impl::find_route;
    CHECK(find_route("GET", "/custom/prefix/api/v2/projects/p/models/m/clusterNames/").r != nullptr);
    CHECK(find_route("GET", "/api/v2/projects/p/models/m/clusterNames").r != nullptr);  // no trailing slash
    auto d = find_route("DELETE", "/api/v2/projects/p/models/m/clusterNames/");
    CHECK(d.r == nullptr);
    CHECK(d.methods == std::vector<std::string_view>{"GET", "PATCH"});
    CHECK(find_route("GET", "/api/v2/version/").r == nullptr);
    CHECK(find_route("POST", "/api/v2/deployments/5f0c2b3a9e1d4c7b8a6f0e12/predictions").serverless);
}

TEST_CASE("verify_exchange: a deployment response against the request that produced it") {
    std::string const xemp = slurp("examples/payloads/deployment-xemp-response.json");  // 1 row, 3 explanations
    REQUIRE_FALSE(xemp.empty());
    drx::http_request rq{"POST", "https://example.orm.datarobot.com/predApi/v1.0/deployments/5f0c2b3a9e1d4c7b8a6f0e12/predictions?maxExplanations=3",
                         {{"Authorization", "Bearer k"}, {"Content-Type", "text/csv"}}, "a,b\n1,2\n"};
    drx::http_response rs{200, {{"Content-Type", "application/json"}}, xemp};
    auto r = drx::verify_exchange(rq, rs);
    CHECK(r.endpoint == "deploymentPredictions");
    CHECK(r.verdict == drx::verdict::ok);
    CHECK(error_rules(r).empty());

    rq.url = "/predApi/v1.0/deployments/5f0c2b3a9e1d4c7b8a6f0e12/predictions?maxExplanations=2";
    r = drx::verify_exchange(rq, rs);
    CHECK(r.verdict == drx::verdict::violation);
    CHECK(error_rules(r) == std::vector<std::string>{"response.explanations.count"});
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics.front().pointer.starts_with("/response/body/data/0/predictionExplanations"));

    // A model kind the server refuses: the exact 422 of seed 003 is expected.
    drx::context ctx;
    ctx.model_kind = drx::model_kind::multiclass;
    rs = {422, {}, R"({"message": "Multiclass models cannot be used for Prediction Explanations"})"};
    r = drx::verify_exchange(rq, rs, {.ctx = &ctx});
    CHECK(error_rules(r) == std::vector<std::string>{"deployment.multiclass"});
    r = drx::verify_exchange(rq, rs, {.ctx = &ctx, .allow_bad_requests = true});
    CHECK(r.verdict == drx::verdict::ok);
    rs.body = R"({"message":"Multiclass models cannot be used for Prediction Explanations"})";  // not json.dumps' spacing
    r = drx::verify_exchange(rq, rs, {.ctx = &ctx, .allow_bad_requests = true});
    CHECK(error_rules(r) == std::vector<std::string>{"deployment.multiclass", "verify.error_body"});
}

TEST_CASE("verify_exchange: a body in a coding drx does not decode is not passed") {
    std::string const list = slurp("examples/payloads/cluster-list.json");
    drx::http_request rq{"GET", "/api/v2/projects/p/models/m/clusterNames/", {}, std::nullopt};
    // Decoded text under Content-Encoding: br (as HAR files hold it): checked as it is.
    auto r = drx::verify_exchange(rq, {200, {{"Content-Encoding", "br"}}, list});
    CHECK(r.verdict == drx::verdict::ok);
    // Encoded bytes: verify.body, a violation rather than a pass.
    r = drx::verify_exchange(rq, {200, {{"Content-Encoding", "br"}}, std::string("\x8b\x05\x80\xff\xfe", 5)});
    CHECK(error_rules(r) == std::vector<std::string>{"verify.body"});
}

TEST_CASE("verifier: a rename is checked against the clusters an earlier answer gave") {
    std::string const list = slurp("examples/payloads/cluster-list.json");  // Cluster 1, 2, 3
    std::string const url = "/api/v2/projects/p/models/m/clusterNames/";
    drx::verifier v;
    CHECK(v.verify({"GET", url, {}, std::nullopt}, {200, {}, list}).verdict == drx::verdict::ok);
    // Without the earlier answer, an unknown cluster cannot be told.
    auto alone = drx::verify_exchange({"PATCH", url, {}, R"({"clusterNameMappings":[{"currentName":"Cluster 7","newName":"x"}]})"},
                                      {200, {}, list});
    CHECK(alone.verdict == drx::verdict::ok);
    CHECK_FALSE(alone.notes.empty());
    auto r = v.verify({"PATCH", url, {}, R"({"clusterNameMappings":[{"currentName":"Cluster 7","newName":"x"}]})"},
                      {422, {}, R"({"message": "No current cluster with name Cluster 7"})"});
    CHECK(error_rules(r) == std::vector<std::string>{"rename.current.exists"});
    // The answer to a good rename must carry it, in order.
    std::string renamed = list;
    renamed.replace(renamed.find("Cluster 2"), 9, "Loyal");
    r = v.verify({"PATCH", url, {}, R"({"clusterNameMappings":[{"currentName":"Cluster 2","newName":"Loyal"}]})"}, {200, {}, list});
    CHECK(error_rules(r) == std::vector<std::string>{"verify.rename"});
    r = v.verify({"PATCH", url, {}, R"({"clusterNameMappings":[{"currentName":"Cluster 2","newName":"Loyal"}]})"}, {200, {}, renamed});
    CHECK(r.verdict == drx::verdict::ok);
    // ... and the next rename starts from the renamed clusters.
    r = v.verify({"PATCH", url, {}, R"({"clusterNameMappings":[{"currentName":"Cluster 2","newName":"y"}]})"},
                 {422, {}, R"({"message": "No current cluster with name Cluster 2"})"});
    CHECK(error_rules(r) == std::vector<std::string>{"rename.current.exists"});
}

TEST_CASE("read_exchanges: HAR 1.2 and JSON Lines, base64 bodies, and entries that are not exchanges") {
    auto har = drx::read_exchanges(R"({"log": {"version": "1.2", "entries": [
        {"request": {"method": "GET", "url": "https://h/api/v2/x", "headers": [{"name": "A", "value": "1"}]},
         "response": {"status": 200, "headers": [], "content": {"text": "aGk=", "encoding": "base64"}}, "comment": "c"}]}})");
    REQUIRE(har.error.empty());
    CHECK(har.format == drx::exchange_file::format::har);
    REQUIRE(har.exchanges.size() == 1);
    CHECK(har.exchanges[0].request.headers.size() == 1);
    CHECK(har.exchanges[0].response.body == std::optional<std::string>("hi"));
    CHECK(har.exchanges[0].comment == "c");
    CHECK_FALSE(har.exchanges[0].request.body.has_value());

    auto jl = drx::read_exchanges(
        "{\"request\": {\"method\": \"POST\", \"url\": \"/u\", \"headers\": {\"X\": \"1\"}, \"body\": \"b\"}, "
        "\"response\": {\"status\": 202, \"headers\": {}}}\n\n[1]\nnot json\n");
    CHECK(jl.format == drx::exchange_file::format::json_lines);
    REQUIRE(jl.exchanges.size() == 3);
    CHECK(jl.exchanges[0].request.body == std::optional<std::string>("b"));
    CHECK(jl.exchanges[0].problems.empty());
    CHECK(jl.exchanges[1].line == 3);
    CHECK_FALSE(jl.exchanges[1].problems.empty());
    CHECK(jl.exchanges[2].line == 4);
    drx::verifier v;
    CHECK(drx::verify_recorded(v, jl.exchanges[2]).verdict == drx::verdict::violation);
    CHECK(drx::read_exchanges(R"({"log": {}})").error == "a HAR file without log.entries");
}
