// SPDX-License-Identifier: BSL-1.0
// drx proxy: a validating HTTP proxy in front of a real or mock server (docs/verify.md, "The
// proxy"). Every exchange is forwarded, verified as drx verify does (drx/tools/verify.hpp), and
// reported; a violation can be answered with 502 so that the client's test fails loudly.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>

#include <drx/context.hpp>

namespace drx_tool {

/// What the command line of drx proxy says.
struct proxy_command {
    /// Where to listen: HOST:PORT (PORT 0: a free port, printed and written to port_file).
    std::string listen = "127.0.0.1:0";
    /// The server: http://HOST:PORT (plain HTTP; a path prefix is kept before each request's).
    std::string upstream;
    std::optional<std::string> port_file;
    /// Records every exchange: HAR 1.2 when the file name ends in .har, else drx's JSON Lines.
    std::optional<std::string> record;
    /// One JSON Lines record per exchange on standard output, instead of the text lines.
    bool json = false;
    /// Prints nothing per exchange.
    bool quiet = false;
    /// Answers an exchange that violates the contract with 502 and the violations.
    bool fail_on_violation = false;
    bool allow_bad_requests = false;
    std::optional<drx::context> ctx;
    /// Connections served at once; more wait in the listen queue.
    std::size_t max_connections = 64;
    /// The longest request or response body, in bytes.
    std::size_t max_body = std::size_t{64} << 20;
    /// The time a client (or the server) has to send a whole message.
    std::chrono::seconds read_timeout{30};
    /// Stops after this many exchanges (0: never), for bounded test runs.
    std::size_t max_exchanges = 0;
    /// Stops after this long (0: never). SIGINT and SIGTERM stop it too.
    std::chrono::seconds timeout{0};
};

/// What is wrong with the command line's addresses (a usage error), or std::nullopt.
std::optional<std::string> proxy_usage_problem(proxy_command const& cmd);

/// Runs the proxy until it is stopped; the exit code: 0, 1 when an exchange violated the
/// contract, 2 when it cannot listen, or the upstream is not an http:// URL.
int run_proxy(proxy_command const& cmd, std::ostream& out, std::ostream& err);

}  // namespace drx_tool
