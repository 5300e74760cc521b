// SPDX-License-Identifier: BSL-1.0
// Example: ask "can I create prediction explanations now?", then build the create request of a
// clustering model with an explanation mode, and check it as the server would see it.
#include <iostream>

#include <drx/api/prediction_explanations.hpp>
#include <drx/api/prediction_explanations_ops.hpp>

int main() {
    // 1. The prerequisites of seed 002, in order.
    drx::prerequisites_state state;
    state.feature_impact = true;  // Model.get_feature_impact() has run
    if (auto step = drx::next_prerequisite(state))
        std::cout << "not yet: " << drx::prerequisite_step(*step) << "\n";
    state.initialization = true;
    state.predictions = true;
    std::cout << "can create now: " << (drx::can_create(state) ? "yes" : "no") << "\n\n";

    // 2. Explain two named clusters (ClassListMode), 5 explanations each, only for outliers.
    drx::create_options opt;
    opt.max_explanations = 5;
    opt.threshold_low = drx::number(0.2);
    opt.threshold_high = drx::number(0.8);
    opt.mode = drx::class_list_mode({"Cluster 1", "Cluster 3"});
    drx::prediction_explanations_create body = drx::make_create_request("5a1ec71bc8089125e0c5d4b2",
                                                                        "5a1ec7c1c8089125e0c5d4c8", opt);
    std::cout << "POST projects/{pid}/predictionExplanations/\n  " << drx::to_json(body) << "\n";
    std::cout << "the same mode on a batch or deployment route: "
              << drx::to_json(drx::get_api_parameters(*opt.mode, true)) << "\n";

    // 3. The defaults: maxExplanations 3, no thresholds, no mode (the predicted cluster only).
    std::cout << "defaults: " << drx::to_json(drx::make_create_request("m", "d")) << "\n";

    // 4. Check the body for a clustering model, then a mistake: both mode parameters at once.
    drx::context ctx;
    ctx.model_kind = drx::model_kind::clustering;
    drx::check_options co;
    co.ctx = &ctx;
    std::cout << "\ncheck for a clustering model: " << (drx::check(body, co).ok() ? "ok" : "errors") << "\n";
    body.num_top_classes = 2;
    for (auto const& d : drx::check(body, co).diagnostics) std::cout << "  " << drx::to_line(d) << "\n";

    // 5. On training data of an OTV project the partition is required.
    ctx.datetime_partitioned = true;
    auto training = drx::make_create_on_training_data_request("m", "d", {}, "holdout");
    std::cout << "\nPOST projects/{pid}/predictionExplanationsOnTrainingData/\n  " << drx::to_json(training)
              << "\n  check for an OTV project: " << (drx::check(training, co).ok() ? "ok" : "errors") << "\n";
    training.datetime_prediction_partition.reset();
    for (auto const& d : drx::check(training, co).diagnostics) std::cout << "  " << drx::to_line(d) << "\n";
    return 0;
}
