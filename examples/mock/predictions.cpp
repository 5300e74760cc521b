// SPDX-License-Identifier: BSL-1.0
// drx-mock: the deployment predictions (examples/mock/endpoints.hpp). The request is checked
// by drx::check_predictions_request (drx/api/deployment_server.hpp), which gives the real
// server's exact refusals; an accepted one is answered one row per input row from the canned
// rows, shaped by the request, checked against it with the consistency rules, and written as
// the Python server writes JSON.
#include <algorithm>
#include <iostream>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

#include <drx/api/deployment_server.hpp>
#include <drx/write.hpp>

#include "endpoints.hpp"

namespace drx_mock::detail {

namespace {

// ---- shaping a canned row by the request ---------------------------------------------------------

/// The passthrough columns of a request and where they are in the body's columns, worked out
/// once per request so that each row costs one hash lookup per column.
struct passthrough {
    /// The requested columns, each once, in the order first asked for.
    std::vector<std::string_view> columns;
    /// Each column name's positions, in increasing order (a CSV header may name one twice).
    std::unordered_map<std::string_view, std::vector<std::size_t>> positions;
};

std::optional<passthrough> passthrough_of(drx::deployment_predictions_query const& q, table const& t) {
    std::vector<std::string> const* wanted = nullptr;
    if (q.passthrough_columns_set == "all")
        wanted = &t.columns;
    else if (q.passthrough_columns)
        wanted = &*q.passthrough_columns;
    else
        return std::nullopt;
    passthrough p;
    std::unordered_set<std::string_view> seen;
    seen.reserve(wanted->size());
    for (auto const& c : *wanted)
        if (seen.insert(c).second) p.columns.push_back(c);
    p.positions.reserve(t.columns.size());
    for (std::size_t k = 0; k < t.columns.size(); ++k) p.positions[t.columns[k]].push_back(k);
    return p;
}

template <class Row>
void shape_row(Row& row, drx::deployment_predictions_query const& q, drx::explanation_algorithm alg,
               std::vector<drx::scalar> const& cells, std::optional<passthrough> const& pt) {
    auto& ex = row.prediction_explanations;
    auto limit = drx::explanation_limit(q, alg);
    std::size_t keep = limit ? static_cast<std::size_t>(*limit) : ex.size();
    // Thresholds: only rows whose positive-class probability lies outside them are explained.
    if ((q.threshold_low || q.threshold_high) && !row.prediction_values.empty()) {
        double p = row.prediction_values.front().value.value();
        for (auto const& pv : row.prediction_values)
            if (!ex.empty() && drx::same_class_label(pv.label, ex.front().label)) p = pv.value.value();
        bool outside = (q.threshold_low && p < *q.threshold_low) || (q.threshold_high && p > *q.threshold_high);
        if (!outside) keep = 0;
    }
    if (keep < ex.size()) {
        if constexpr (std::is_same_v<Row, drx::deployment_shap_row>) {
            // remainingTotal takes in the strengths dropped: SHAP additivity still holds.
            double rest = row.shap_explanations_metadata.remaining_total.value();
            for (std::size_t i = keep; i < ex.size(); ++i) rest = rest + ex[i].strength.value();
            row.shap_explanations_metadata.remaining_total = drx::number(rest);
        }
        ex.resize(keep);
    }
    // A column's value is the row's cell (the last such column the row reaches when the CSV
    // header names it twice), else null.
    if (!pt) return;
    drx::object_map<drx::scalar> values;
    for (auto c : pt->columns) {
        drx::scalar v;
        if (auto it = pt->positions.find(c); it != pt->positions.end()) {
            auto const& ks = it->second;
            auto past = std::lower_bound(ks.begin(), ks.end(), cells.size());
            if (past != ks.begin()) v = cells[*std::prev(past)];
        }
        values.append(std::string(c), std::move(v));  // columns are distinct: no lookup needed
    }
    row.passthrough_values = std::move(values);
}

}  // namespace

std::optional<answer> check_prediction(request const& r, std::string_view id, std::string_view query, bool serverless,
                                       std::vector<deployment> const& deployments, bool managed_cloud, bool log,
                                       prediction& p) {
    auto hs = drx::headers_from_fields(r.fields);
    if (!hs) return error(400, hs.diagnostics().front().message);
    p.headers = std::move(hs).value();
    p.ctx.managed_cloud = managed_cloud && !serverless;  // serverless: Bearer only
    p.ctx.deployments.emplace();
    deployment const* dep = nullptr;
    for (auto const& d : deployments) {
        p.ctx.deployments->push_back(d.id);
        if (iequal(d.id, id)) dep = &d;
    }
    if (dep) {
        p.ctx.model_kind = dep->kind;
        p.ctx.algorithm = dep->algorithm;
    }
    p.checked = drx::check_predictions_request(id, query, &p.headers, &p.ctx);
    for (auto const& d : p.checked.diagnostics)
        if (log && d.severity == drx::severity::warning) std::cerr << "mock: " << drx::to_line(d) << "\n";
    if (!p.checked.ok()) return answer{static_cast<unsigned>(p.checked.error->status), p.checked.error->body, "application/json", {}};
    return std::nullopt;
}

answer score(prediction const& p, table const& t, drx::deployment_xemp_response const& xemp,
             drx::deployment_shap_response const& shap) {
    auto const& q = *p.checked.query;
    auto respond = [&](auto const& canned) -> answer {
        auto pt = passthrough_of(q, t);
        std::remove_cvref_t<decltype(canned)> response;
        response.data.reserve(t.rows.size());
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            auto row = canned.data[i % canned.data.size()];
            row.row_id = static_cast<std::int64_t>(i);
            shape_row(row, q, p.checked.algorithm, t.rows[i], pt);
            response.data.push_back(std::move(row));
        }
        auto rep = drx::check(response, {.level = drx::level::consistency, .ctx = &p.ctx}, q);
        for (auto const& d : rep.diagnostics) std::cerr << "mock: own answer: " << drx::to_line(d) << "\n";
        auto w = drx::write(response, drx::write_options::python());  // json.dumps defaults, as the server
        if (!w) return error(500, "mock: cannot write the answer: " + drx::to_line(w.diagnostics().front()));
        return {200, std::move(w).value(), "application/json", {}};
    };
    if (p.checked.algorithm == drx::explanation_algorithm::shap) return respond(shap);
    return respond(xemp);
}

}  // namespace drx_mock::detail
