// SPDX-License-Identifier: BSL-1.0
// The installed drx::verify target (drx with zlib): verifying an exchange from a downstream
// project. Exits 0 when a good exchange is ok and a bad one a violation.
#include <cstdio>

#include <drx/tools/verify.hpp>

int main() {
    drx::http_request rq{"GET", "/api/v2/projects/p/models/m/clusterNames/", {}, std::nullopt};
    drx::http_response good{200, {}, R"({"projectId": "p", "modelId": "m", "clusters": [{"name": "Cluster 1", "percent": 100}]})"};
    drx::http_response bad{200, {}, R"({"projectId": "p", "modelId": "m", "clusters": [{"name": "Cluster 1", "percent": 101}]})"};
    auto g = drx::verify_exchange(rq, good);
    auto b = drx::verify_exchange(rq, bad);
    if (g.verdict != drx::verdict::ok || b.verdict != drx::verdict::violation) {
        std::puts("consumer_verify: unexpected verdicts");
        return 1;
    }
    std::puts("consumer_verify: ok");
    return 0;
}
