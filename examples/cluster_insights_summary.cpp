// SPDX-License-Identifier: BSL-1.0
// Example: what a clustering model's insights say (seeds 000 and 001).
//
// Reads examples/payloads/cluster-insights-page.json (GET clusterInsights/) and
// examples/payloads/cluster-list.json (GET clusterNames/), validates them, and prints:
// the features by importance with their per-cluster breakdown, the percent of data per
// cluster (seed 001's print_summary), the clusters whose prediction distribution is shown
// (seed 000), and the explanation parameters for a "Predicted" and a "List of clusters"
// choice. Run from the repository root (or set DRX_SOURCE_DIR).
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

template <class T>
T load(std::string const& name) {
    drx::result<T> r = drx::validate<T>(payload(name));
    for (auto const& d : r.diagnostics()) std::cout << name << ": " << drx::to_line(d) << "\n";
    return std::move(r).value();  // throws drx::error if the payload is invalid
}

}  // namespace

int main() try {
    // Warnings do not make a payload invalid: featureImpact is documented as 0 to 1, but real
    // geospatial insights hold values like 13.7 (insight.feature_impact.range).
    auto page = load<drx::cluster_insights_page>("cluster-insights-page.json");
    std::cout << "\nFeature importance (" << page.total_count << " features, insights version " << page.version
              << "):\n"
              << drx::format_cluster_insights_summary(drx::summarize_cluster_insights(page.data));

    auto list = load<drx::cluster_list>("cluster-list.json");
    std::cout << "\nPercent of data per cluster:\n" << drx::cluster_percent_summary(list.clusters);

    std::cout << "\nClusters with a prediction distribution preview (up to "
              << drx::cluster_prediction_distribution_limit << ", most data first):";
    for (auto const& c : drx::clusters_with_prediction_distribution(list.clusters)) std::cout << " '" << c.name << "'";
    std::cout << "\n";

    std::vector<std::string> names = drx::cluster_names_of(list.clusters);
    std::cout << "\nWhich clusters prediction explanations cover:\n";
    for (auto const& mode : {drx::cluster_explanations_mode::top_predicted(), drx::cluster_explanations_mode::predicted(2),
                             drx::cluster_explanations_mode::predicted(5),
                             drx::cluster_explanations_mode::list({"Cluster 3", "Cluster 1"}),
                             drx::cluster_explanations_mode::list({"Cluster 9"})}) {
        std::cout << "  project route " << drx::to_json(mode.project_params()) << ", batch/deployment route "
                  << drx::to_json(mode.batch_params()) << ": " << mode.clusters_per_row() << " cluster(s) per row";
        drx::check_report rep = drx::check_cluster_explanations(mode, names);
        if (rep.ok())
            std::cout << ", valid\n";
        else
            for (auto const& d : rep.diagnostics) std::cout << "\n    refused: " << drx::to_line(d) << "\n";
    }
    return 0;
} catch (std::exception const& e) {
    std::cerr << "cluster_insights_summary: " << e.what() << "\n";
    return 1;
}
