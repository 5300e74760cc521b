// SPDX-License-Identifier: BSL-1.0
// drx-mock: the endpoints it serves (examples/mock/service.cpp, where every drx header it uses
// is included) as its HTTP server (examples/mock/main.cpp, Boost.Beast) calls them. The split
// keeps drx out of the Beast translation unit and Beast out of the drx one: the two compile in
// parallel, each with a fraction of the memory of one file holding both (docs/mock.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drx_mock {

/// An HTTP answer: status, body, Content-Type and any further fields (Allow for a 405).
struct answer {
    unsigned status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> fields;
};

/// A request as the server read it: method, target (path and query) and header fields.
struct request {
    std::string_view method;
    std::string_view target;
    std::vector<std::pair<std::string, std::string>> const& fields;
};

/// What the command line asks for (docs/mock.md).
struct settings {
    /// --scenario FILE.
    std::optional<std::filesystem::path> scenario;
    /// --payloads DIR (over the scenario's "payloads").
    std::optional<std::filesystem::path> payloads;
    /// --deployment ID[:KIND[:ALGORITHM]], in the order given (added to the scenario's).
    std::vector<std::string> deployments;
    /// --managed-cloud (or the scenario's "managedCloud").
    bool managed_cloud = false;
    /// --max-body-bytes: the longest body, as sent and once gzip is decoded.
    std::uint64_t max_body_bytes = std::uint64_t{1} << 20;
    /// --max-rows: the most rows one predictions request may send.
    std::size_t max_rows = 10000;
};

/// The endpoints. Not thread-safe: the server calls it from its one thread.
class service {
public:
    /// Loads the scenario and the payloads; nullptr when they cannot be used (the reasons are
    /// printed to standard error).
    static std::unique_ptr<service> load(settings const& s);

    service() = default;
    service(service const&) = delete;
    service& operator=(service const&) = delete;
    virtual ~service() = default;

    /// Called once the request line and header are read: an answer to send now (unknown
    /// path, wrong method, a refused deployment request), or std::nullopt to read the body.
    virtual std::optional<answer> head(request const& r) = 0;
    /// The answer to a whole request.
    virtual answer respond(request const& r, std::string const& body) = 0;
    /// A line naming what is served, for the log.
    virtual std::string summary() const = 0;
};

/// {"message": TEXT}, as json.dumps writes it (drx::deployment_error_body).
std::string error_body(std::string_view message);
/// The real server's body limit, 50 MB (drx::deployment_body_limit).
std::uint64_t real_body_limit();
/// 413 for a body longer than `max_body_bytes` (--max-body-bytes), drx's text when the limit
/// is the real server's.
answer body_too_large(std::uint64_t max_body_bytes);
/// 431 for a request line and header over the server's limit.
answer header_too_large();
/// True when `spec` is ID[:KIND[:ALGORITHM]] with a context modelKind and xemp or shap.
bool valid_deployment_option(std::string const& spec);

}  // namespace drx_mock
