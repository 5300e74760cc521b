// SPDX-License-Identifier: BSL-1.0
// drx's headers do not depend on what was included before them: here <iomanip> (with its
// std::quoted), <sstream> and Boost.Asio/Beast (which bring <iomanip> too) come first, as they
// do in a server written the natural way (Beast and drx in one file), and the code
// below instantiates reading, exact writing, checking and the deployment request checks next
// to std::quoted and Beast's message output. The expected texts are worked out by hand from
// the inputs (JSON escapes; std::quoted's default delimiter '"' and escape '\\').
#include <iomanip>
#include <sstream>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <drx/drx.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace drx_test {

TEST_CASE("include order: drx after <iomanip>, <sstream> and Boost.Beast") {
    // Reading and exact writing of an API object whose name needs JSON escapes.
    std::string_view const text = R"({"name": "Cluster \"A\" \\ 1", "percent": 32.0})";
    auto c = drx::parse<drx::cluster>(text);
    CHECK(c.name == "Cluster \"A\" \\ 1");
    std::string const json = drx::to_json(c);
    CHECK(json == R"({"name":"Cluster \"A\" \\ 1","percent":32.0})");
    CHECK(drx::to_json(c, drx::write_options::python()) == R"({"name": "Cluster \"A\" \\ 1", "percent": 32.0})");

    // std::quoted of that text, written and read back: every '"' and '\' escaped once more.
    std::ostringstream os;
    os << std::quoted(json);
    CHECK(os.str() == R"("{\"name\":\"Cluster \\\"A\\\" \\\\ 1\",\"percent\":32.0}")");
    std::istringstream is(os.str());
    std::string back;
    is >> std::quoted(back);
    CHECK(back == json);
    CHECK(drx::to_json(drx::parse<drx::cluster>(back)) == json);

    // The consistency checks of the object (no finding for a valid cluster).
    CHECK(drx::check(c, {.level = drx::level::consistency}).diagnostics.empty());
}

TEST_CASE("include order: the deployment request checks next to a Beast message") {
    // Seed 003's exact 422 body for maxExplanations=two, as the mock server answers it.
    drx::context ctx;
    ctx.deployments.emplace();
    ctx.deployments->push_back("5f0c1b2d3e4f5a6b7c8d9e0f");
    drx::deployment_predictions_headers headers;
    headers.authorization = "Bearer k";
    auto checked = drx::check_predictions_request("5f0c1b2d3e4f5a6b7c8d9e0f", "maxExplanations=two", &headers, &ctx);
    REQUIRE(checked.error.has_value());
    CHECK(checked.error->status == 422);
    std::string const body = checked.error->body;
    CHECK(body == R"({"message": "{'max_codes': DataError(value can't be converted to int)}"})");

    // The body in a Beast response, serialized through a std::ostringstream.
    namespace http = boost::beast::http;
    http::response<http::string_body> res{http::status::unprocessable_entity, 11};
    res.set(http::field::content_type, "application/json");
    res.body() = body;
    res.prepare_payload();
    std::ostringstream os;
    os << res;
    CHECK(os.str() == "HTTP/1.1 422 Unprocessable Entity\r\nContent-Type: application/json\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n" + body);
    // and the 422 body quoted for a log line
    std::ostringstream log;
    log << "answer " << std::quoted(body, '\'');
    CHECK(log.str() == R"(answer '{"message": "{\'max_codes\': DataError(value can\'t be converted to int)}"}')");
}

}  // namespace drx_test
