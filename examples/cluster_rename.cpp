// SPDX-License-Identifier: BSL-1.0
// Example: renaming clusters, as ClusteringModel.update_cluster_names / update_cluster_name do
// (seed 001), checked against the model's cluster names before anything is sent.
//
// Reads examples/payloads/cluster-list.json (a clusterNames GET response), builds the PATCH
// bodies, checks them with the rename.* rules, and shows the list the server answers with.
// Run from the repository root (or set DRX_SOURCE_DIR).
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <drx/api/clustering_ops.hpp>
#include <drx/check.hpp>

namespace {

std::string payload(std::string const& name) {
    char const* root = std::getenv("DRX_SOURCE_DIR");
    std::string path = std::string(root && *root ? root : ".") + "/examples/payloads/" + name;
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error("cannot open " + path);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

void print_diagnostics(std::vector<drx::diagnostic> const& ds) {
    for (auto const& d : ds) std::cout << "    " << drx::to_line(d) << "\n";
}

/// Checks a rename against the current list, prints the body and the server's answer.
bool rename(drx::cluster_list& list, drx::cluster_rename_request const& req) {
    std::cout << "PATCH clusterNames/ " << drx::to_json(req) << "\n";
    drx::result<drx::cluster_list> r = drx::apply_cluster_rename(list, req);
    if (!r) {
        std::cout << "  refused before sending:\n";
        print_diagnostics(r.diagnostics());
        if (auto http = drx::cluster_rename_http_error(r.diagnostics()))
            std::cout << "  (the server would answer " << http->status << " "
                      << drx::to_json(http->body, drx::write_options::python()) << ")\n";
        return false;
    }
    list = std::move(r).value();
    std::cout << "  200 " << drx::to_json(list) << "\n";
    return true;
}

}  // namespace

int main() try {
    // 1. The clusters of the model (GET clusterNames/), validated.
    drx::result<drx::cluster_list> got = drx::validate<drx::cluster_list>(payload("cluster-list.json"));
    if (!got) {
        print_diagnostics(got.diagnostics());
        return 1;
    }
    drx::cluster_list list = std::move(got).value();
    std::cout << "Clusters of model " << list.model_id << ":\n" << drx::cluster_percent_summary(list.clusters) << "\n";

    // 2. update_cluster_names([("Cluster 1", "AAA"), ("Cluster 2", "BBB"), ("Cluster 3", "CCC")])
    if (!rename(list, drx::make_cluster_rename_request({{"Cluster 1", "AAA"}, {"Cluster 2", "BBB"}, {"Cluster 3", "CCC"}})))
        return 1;
    // 3. update_cluster_name("CCC", "DDD")
    if (!rename(list, drx::make_cluster_rename_request("CCC", "DDD"))) return 1;
    // 4. A swap is one valid request: both clusters are renamed at once.
    if (!rename(list, drx::make_cluster_rename_request({{"AAA", "BBB"}, {"BBB", "AAA"}}))) return 1;
    std::cout << "\nAfter renaming (percents stay with their clusters):\n" << drx::cluster_percent_summary(list.clusters);

    // 5. Requests the server would refuse: drx says why, with the server's own 422 text where
    //    it is known, and a pointer into the body.
    std::cout << "\nRequests drx refuses:\n";
    bool refused = !rename(list, drx::make_cluster_rename_request("Cluster 1", "EEE"));          // renamed already
    refused = !rename(list, drx::make_cluster_rename_request("AAA", "DDD")) && refused;          // DDD keeps its name
    refused = !rename(list, drx::make_cluster_rename_request({{"AAA", "X"}, {"BBB", "X"}})) && refused;
    if (!refused) return 1;

    // 6. Checking a request read from JSON, with the model's names as context (what
    //    `drx check cluster-name-mappings --context '{"clusterNames": [...]}'` does).
    drx::context ctx;
    ctx.cluster_names = drx::cluster_names_of(list.clusters);
    drx::validate_options opt;
    opt.check.ctx = &ctx;
    auto checked = drx::validate<drx::cluster_rename_request>(
        R"({"clusterNameMappings": [{"currentName": "Cluster 9", "newName": ""}]})", opt);
    std::cout << "\nA hand-written body checked against " << ctx.cluster_names->size() << " cluster names:\n";
    print_diagnostics(checked.diagnostics());
    return checked.ok() ? 1 : 0;
} catch (std::exception const& e) {
    std::cerr << "cluster_rename: " << e.what() << "\n";
    return 1;
}
