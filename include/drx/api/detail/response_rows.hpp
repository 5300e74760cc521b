// drx: what the response families share (prediction explanations pages and deployment
// responses): the response.row_id rule, and the repairs and near-miss sites of their row rules
// (contract section 5).
// Internal; used by drx/api/prediction_explanations.hpp and drx/api/deployment.hpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <drx/api/qualitative_strength.hpp>
#include <drx/number.hpp>
#include <drx/rules.hpp>
#include <drx/tools/generate.hpp>

namespace drx::detail::response_rows {

/// response.row_id (contract section 5): the rowIds of `resp.data` are non-negative, unique
/// and ascending.
template <class Response>
void rule_row_ids(Response const& resp, reporter& rep) {
    for (std::size_t i = 0; i < resp.data.size(); ++i) {
        std::int64_t id = resp.data[i].row_id;
        std::string ptr = json_pointer("data", i, "rowId");
        if (id < 0) {
            rep.report(ptr, "rowId " + std::to_string(id) + " is negative", "a rowId >= 0", std::to_string(id));
        } else if (i > 0 && id <= resp.data[i - 1].row_id) {
            std::string prev = std::to_string(resp.data[i - 1].row_id);
            rep.report(ptr,
                       "rowId " + std::to_string(id) + (id == resp.data[i - 1].row_id ? " repeats" : " comes after") +
                           " rowId " + prev + " of the previous row: rowIds are unique and ascending",
                       "a rowId above " + prev, std::to_string(id));
        }
    }
}

/// Repair of response.row_id: rowIds of `resp.data` made non-negative and ascending.
template <class Response>
void fix_row_ids(Response& resp) {
    for (std::size_t i = 0; i < resp.data.size(); ++i) {
        auto& id = resp.data[i].row_id;
        std::int64_t prev = i ? resp.data[i - 1].row_id : -1;
        if (id <= prev || id < 0) id = prev + 1;
    }
}

/// Repair of response.explanations.order: explanations by falling |strength| (stable).
template <class Row>
void fix_explanation_order(Row& r) {
    std::stable_sort(r.prediction_explanations.begin(), r.prediction_explanations.end(),
                     [](auto const& a, auto const& b) { return std::fabs(a.strength.value()) > std::fabs(b.strength.value()); });
}

/// Repair of response.prediction_values.sum: with two values or more, the values scaled to add
/// up to 1 (equal shares when they add up to 0 or overflow).
template <class Row>
void fix_prediction_values_sum(Row& r) {
    auto& pv = r.prediction_values;
    if (pv.size() < 2) return;
    double total = 0;
    for (auto const& v : pv) total += std::fabs(v.value.value());
    for (auto& v : pv)
        v.value = number(total > 0 && std::isfinite(total) ? std::fabs(v.value.value()) / total
                                                           : 1.0 / static_cast<double>(pv.size()));
}

/// Near misses of response.row_id: the second row repeats the first rowId; the first is -1.
template <class Response>
void row_id_sites(Response& resp, std::vector<mutation_site>& out) {
    if (resp.data.size() >= 2)
        out.push_back({"response.row_id", json_pointer("data", 1, "rowId"), "rowId repeated", false,
                       level::consistency, severity::error, [&resp] {
                           resp.data[1].row_id = resp.data[0].row_id;
                           return true;
                       }});
    if (!resp.data.empty())
        out.push_back({"response.row_id", json_pointer("data", 0, "rowId"), "negative rowId", false,
                       level::consistency, severity::error, [&resp] {
                           resp.data[0].row_id = -1;
                           return true;
                       }});
}

/// Near miss of response.prediction_values.sum: the first class probability raised by 0.25.
template <class Row>
void prediction_values_sum_site(Row& r, std::vector<mutation_site>& out) {
    if (r.prediction_values.size() < 2) return;
    out.push_back({"response.prediction_values.sum", "/predictionValues", "probabilities add up to 1.25", false,
                   level::consistency, severity::error, [&r] {
                       r.prediction_values[0].value = number(r.prediction_values[0].value.value() + 0.25);
                       return true;
                   }});
}

/// Near miss of response.qualitative.sign for an explanation `e` at `pointer` (the pointer of
/// its qualitativeStrength): a non-zero strength with its sign turned.
template <class Explanation>
void qualitative_sign_site(Explanation& e, std::string pointer, std::vector<mutation_site>& out) {
    out.push_back({"response.qualitative.sign", std::move(pointer), "strength of the opposite sign", false,
                   level::consistency, severity::error, [&e] {
                       double s = e.strength.value();
                       if (s == 0 || std::isnan(s)) return false;
                       if (e.strength.is_integer()) {
                           if (e.strength.as_integer() == INT64_MIN) return false;
                           e.strength = number(-e.strength.as_integer());
                       } else {
                           e.strength = number(-s);
                       }
                       return true;
                   }});
}

}  // namespace drx::detail::response_rows
