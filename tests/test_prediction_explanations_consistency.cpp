// SPDX-License-Identifier: BSL-1.0
// Consistency of prediction explanations pages and rows (docs/reference/rule-sources.md
// (Consistency of responses)), against the record or create request that produced them: boundary
// tests with exact rule ids and pointers.
#include <doctest/doctest.h>

#include <drx/api/prediction_explanations.hpp>
#include <drx/api/prediction_explanations_ops.hpp>
#include <drx/check.hpp>

#include <string>
#include <vector>

namespace {

using list = std::vector<std::string>;

std::string const loc = "https://app.datarobot.com/api/v2/projects/p/predictionExplanationsRecords/e/";

/// A page holding `rows` (JSON texts).
std::string page_of(std::vector<std::string> const& rows) {
    std::string s = R"({"count":)" + std::to_string(rows.size()) + R"(,"predictionExplanationsRecordLocation":")" + loc +
                    R"(","next":null,"data":[)";
    for (std::size_t i = 0; i < rows.size(); ++i) s += (i ? "," : "") + rows[i];
    return s + R"(],"id":"e","previous":null})";
}

std::string expl(std::string const& label, double strength, std::string const& q = "") {
    std::string sym = q.empty() ? (strength > 0 ? "+" : "-") : q;
    return R"({"featureValue":1,"label":)" + label + R"(,"strength":)" + drx::detail::python_number_text(strength) +
           R"(,"feature":"f","qualitativeStrength":")" + sym + R"("})";
}

/// A binary row: positive class 1 with probability p, then class 0.
std::string binary_row(int id, double p, std::vector<std::string> const& ex, std::string extra = "") {
    std::string e;
    for (std::size_t i = 0; i < ex.size(); ++i) e += (i ? "," : "") + ex[i];
    return R"({"predictionExplanations":[)" + e + R"(],"prediction":)" + (p >= 0.5 ? "1" : "0") + R"(,"rowId":)" +
           std::to_string(id) + R"(,"predictionValues":[{"value":)" + drx::detail::python_number_text(p) +
           R"(,"label":1},{"value":)" + drx::detail::python_number_text(1 - p) + R"(,"label":0}])" + extra + "}";
}

std::string regression_row(int id, double y, std::vector<std::string> const& ex) {
    std::string e;
    for (std::size_t i = 0; i < ex.size(); ++i) e += (i ? "," : "") + ex[i];
    return R"({"predictionExplanations":[)" + e + R"(],"prediction":)" + drx::detail::python_number_text(y) +
           R"(,"rowId":)" + std::to_string(id) + R"(,"predictionValues":[{"value":)" + drx::detail::python_number_text(y) +
           R"(,"label":"y"}]})";
}

std::string class_row(int id, std::vector<std::string> const& ex) {
    std::string e;
    for (std::size_t i = 0; i < ex.size(); ++i) e += (i ? "," : "") + ex[i];
    return R"({"predictionExplanations":[)" + e + R"(],"prediction":"a","rowId":)" + std::to_string(id) +
           R"(,"predictionValues":[{"value":0.5,"label":"a"},{"value":0.3,"label":"b"},{"value":0.2,"label":"c"}]})";
}

drx::prediction_explanations_record record(std::int64_t max, std::optional<double> lo = {},
                                           std::optional<double> hi = {}) {
    drx::prediction_explanations_record r;
    r.max_explanations = max;
    if (lo) r.threshold_low = drx::nullable<drx::number>(drx::number(*lo));
    if (hi) r.threshold_high = drx::nullable<drx::number>(drx::number(*hi));
    return r;
}

list with_record(std::string const& page_text, drx::prediction_explanations_record const& rec,
                 drx::context const* ctx = nullptr) {
    auto p = drx::read<drx::prediction_explanations_page>(page_text);
    for (auto const& d : p.diagnostics()) MESSAGE(drx::to_line(d));
    REQUIRE(p.ok());
    drx::check_options o;
    o.ctx = ctx;
    auto rep = drx::check_against_record(p.value(), rec, o);
    list out;
    for (auto const& d : rep.diagnostics)
        out.push_back(d.pointer + " " + d.rule + " " + (d.severity == drx::severity::error ? "error" : "warning"));
    return out;
}

list alone(std::string const& page_text) {
    auto r = drx::validate<drx::prediction_explanations_page>(page_text);
    list out;
    for (auto const& d : r.diagnostics())
        out.push_back(d.pointer + " " + d.rule + " " + (d.severity == drx::severity::error ? "error" : "warning"));
    return out;
}

}  // namespace

TEST_CASE("response.row_id: non-negative, unique, ascending") {
    CHECK(alone(page_of({binary_row(0, 0.2, {}), binary_row(1, 0.2, {}), binary_row(5, 0.2, {})})).empty());
    CHECK(alone(page_of({binary_row(0, 0.2, {}), binary_row(1, 0.2, {}), binary_row(1, 0.2, {})})) ==
          list{"/data/2/rowId response.row_id error"});
    CHECK(alone(page_of({binary_row(3, 0.2, {}), binary_row(2, 0.2, {})})) == list{"/data/1/rowId response.row_id error"});
    CHECK(alone(page_of({binary_row(-1, 0.2, {})})) == list{"/data/0/rowId response.row_id error"});
    CHECK(alone(page_of({binary_row(0, 0.2, {})})).empty());
}

TEST_CASE("response.explanations.count: rows with more explanations than maxExplanations asked for") {
    auto page = page_of({binary_row(0, 0.9, {expl("1", 0.5), expl("1", 0.4), expl("1", 0.3)})});
    CHECK(with_record(page, record(3)).empty());
    CHECK(with_record(page, record(4)).empty());
    CHECK(with_record(page, record(2)) == list{"/data/0/predictionExplanations/2 response.explanations.count error"});
    CHECK(with_record(page, record(0)) == list{"/data/0/predictionExplanations/0 response.explanations.count error"});
    // against a create body: its maxExplanations, or the server default 3
    auto p = drx::parse<drx::prediction_explanations_page>(page);
    auto c = drx::make_create_request("m", "d");
    c.max_explanations.reset();
    CHECK(drx::check_against_request(p, c).ok());
    c.max_explanations = 2;
    auto rep = drx::check_against_request(p, c);
    REQUIRE(rep.diagnostics.size() == 1);
    CHECK(rep.diagnostics[0].rule == "response.explanations.count");
    CHECK(rep.diagnostics[0].message == "the row has 3 explanations, more than maxExplanations 2");
    // without the request the rule is skipped, visibly
    auto plain = drx::check(p);
    CHECK(plain.ok());
    bool skipped = false;
    for (auto const& s : plain.skipped)
        if (s.rule == "response.explanations.count") skipped = true;
    CHECK(skipped);
}

TEST_CASE("response.explanations.count: per explained class with a mode") {
    auto rec = record(2);
    rec.num_top_classes = drx::nullable<std::int64_t>(2);
    auto ok = page_of({class_row(0, {expl("\"a\"", 0.5), expl("\"a\"", 0.4), expl("\"b\"", 0.3), expl("\"b\"", 0.2)})});
    CHECK(with_record(ok, rec).empty());
    auto over = page_of({class_row(0, {expl("\"a\"", 0.5), expl("\"a\"", 0.4), expl("\"b\"", 0.35), expl("\"b\"", 0.3),
                                       expl("\"b\"", 0.2)})});
    CHECK(with_record(over, rec) == list{"/data/0/predictionExplanations/4 response.explanations.count error"});
}

TEST_CASE("response.explanations.threshold: only outliers carry explanations (binary)") {
    auto rec = record(3, 0.2, 0.8);
    auto one = [&](double p, bool with_expl) {
        return with_record(page_of({binary_row(0, p, with_expl ? list{expl("1", 0.5)} : list{})}), rec);
    };
    list bad{"/data/0/predictionExplanations response.explanations.threshold error"};
    CHECK(one(0.5, false).empty());
    CHECK(one(0.5, true) == bad);
    CHECK(one(0.8, true) == bad);  // at thresholdHigh: not above it
    CHECK(one(0.8000001, true).empty());
    CHECK(one(0.2, true) == bad);  // at thresholdLow: not below it
    CHECK(one(0.1999999, true).empty());
    // only one threshold set
    auto hi_only = record(3, std::nullopt, 0.8);
    CHECK(with_record(page_of({binary_row(0, 0.1, {expl("1", 0.5)})}), hi_only) == bad);
    CHECK(with_record(page_of({binary_row(0, 0.9, {expl("1", 0.5)})}), hi_only).empty());
    // no thresholds: every row may be explained
    CHECK(with_record(page_of({binary_row(0, 0.5, {expl("1", 0.5)})}), record(3)).empty());
    // the positive class is the explanations' label, even when listed second
    std::string swapped =
        R"({"predictionExplanations":[)" + expl("1", 0.5) +
        R"(],"prediction":1,"rowId":0,"predictionValues":[{"value":0.1,"label":0},{"value":0.9,"label":1}]})";
    CHECK(with_record(page_of({swapped}), rec).empty());
}

TEST_CASE("response.explanations.threshold: regression uses the prediction; multiclass is skipped") {
    auto rec = record(3, 10, 20);
    CHECK(with_record(page_of({regression_row(0, 15, {expl("\"y\"", 1.0)})}), rec) ==
          list{"/data/0/predictionExplanations response.explanations.threshold error"});
    CHECK(with_record(page_of({regression_row(0, 25, {expl("\"y\"", 1.0)})}), rec).empty());
    CHECK(with_record(page_of({regression_row(0, 9.5, {expl("\"y\"", 1.0)})}), rec).empty());
    // multiclass / clustering: threshold semantics are not documented, nothing is reported
    drx::context ctx;
    ctx.model_kind = drx::model_kind::multiclass;
    CHECK(with_record(page_of({class_row(0, {expl("\"a\"", 0.5)})}), rec, &ctx).empty());
    CHECK(with_record(page_of({class_row(0, {expl("\"a\"", 0.5)})}), rec).empty());
}

TEST_CASE("response.explanations.order (warning): falling |strength| within a class") {
    CHECK(alone(page_of({binary_row(0, 0.9, {expl("1", 0.5), expl("1", -0.5), expl("1", 0.1)})})).empty());
    CHECK(alone(page_of({binary_row(0, 0.9, {expl("1", 0.5), expl("1", -0.6)})})) ==
          list{"/data/0/predictionExplanations/1/strength response.explanations.order warning"});
    // a new class starts over
    CHECK(alone(page_of({class_row(0, {expl("\"a\"", 0.1), expl("\"b\"", 0.9), expl("\"b\"", 0.2)})})).empty());
}

TEST_CASE("response.qualitative.symbol and response.qualitative.sign") {
    CHECK(alone(page_of({binary_row(0, 0.9, {expl("1", 0.5, "+++"), expl("1", 0.4, "<+"), expl("1", -0.3, "<-")})}))
              .empty());
    CHECK(alone(page_of({binary_row(0, 0.9, {expl("1", 0.5, "++++")})})) ==
          list{"/data/0/predictionExplanations/0/qualitativeStrength response.qualitative.symbol error"});
    CHECK(alone(page_of({binary_row(0, 0.9, {R"({"featureValue":1,"label":1,"strength":0.5,"feature":"f","qualitativeStrength":""})"})})) ==
          list{"/data/0/predictionExplanations/0/qualitativeStrength response.qualitative.symbol error"});
    CHECK(alone(page_of({binary_row(0, 0.9, {expl("1", -0.1, "+")})})) ==
          list{"/data/0/predictionExplanations/0/qualitativeStrength response.qualitative.sign error"});
    CHECK(alone(page_of({binary_row(0, 0.9, {expl("1", 0.1, "---")})})) ==
          list{"/data/0/predictionExplanations/0/qualitativeStrength response.qualitative.sign error"});
    CHECK(alone(page_of({binary_row(0, 0.9, {expl("1", 0, "+")})})).empty());   // zero: either sign
    CHECK(alone(page_of({binary_row(0, 0.9, {expl("1", -0.0, "-")})})).empty());
    // the same on the n-grams of text explanations
    std::string text =
        R"({"featureValue":"good","label":1,"strength":0.5,"feature":"t","qualitativeStrength":"+",)"
        R"("perNgramTextExplanations":[{"ngrams":[{"startingIndex":0,"endingIndex":4}],"isUnknown":false,)"
        R"("qualitativeStrength":"-","strength":0.2},{"ngrams":[],"isUnknown":true,"qualitativeStrength":"+-","strength":0}]})";
    CHECK(alone(page_of({binary_row(0, 0.9, {text})})) ==
          list{"/data/0/predictionExplanations/0/perNgramTextExplanations/0/qualitativeStrength response.qualitative.sign error",
               "/data/0/predictionExplanations/0/perNgramTextExplanations/1/qualitativeStrength response.qualitative.symbol error"});
}

TEST_CASE("response.prediction_values.sum: probabilities add up to 1 within 1e-6") {
    auto row = [](std::string const& a, std::string const& b) {
        return R"({"predictionExplanations":[],"prediction":1,"rowId":0,"predictionValues":[{"value":)" + a +
               R"(,"label":1},{"value":)" + b + R"(,"label":0}]})";
    };
    CHECK(alone(page_of({row("0.07836511", "0.92163489")})).empty());
    CHECK(alone(page_of({row("0.5", "0.5000009")})).empty());
    CHECK(alone(page_of({row("0.5", "0.500002")})) == list{"/data/0/predictionValues response.prediction_values.sum error"});
    CHECK(alone(page_of({row("0.5", "0.499998")})) == list{"/data/0/predictionValues response.prediction_values.sum error"});
    CHECK(alone(page_of({row("1", "0")})).empty());
    // regression rows have one value: not a probability
    CHECK(alone(page_of({regression_row(0, 2059.988037109375, {})})).empty());
}

TEST_CASE("response.prediction.threshold: the positive class exactly at or above predictionThreshold") {
    auto row = [](double p, int pred) {
        return R"({"predictionExplanations":[],"prediction":)" + std::to_string(pred) +
               R"(,"rowId":0,"predictionValues":[{"value":)" + drx::detail::python_number_text(p) +
               R"(,"label":1},{"value":)" + drx::detail::python_number_text(1 - p) + R"(,"label":0}],"predictionThreshold":0.5})";
    };
    CHECK(alone(page_of({row(0.5, 1)})).empty());
    CHECK(alone(page_of({row(0.5, 0)})) == list{"/data/0/prediction response.prediction.threshold error"});
    CHECK(alone(page_of({row(0.4999, 0)})).empty());
    CHECK(alone(page_of({row(0.4999, 1)})) == list{"/data/0/prediction response.prediction.threshold error"});
    CHECK(alone(page_of({row(0.75, 1)})).empty());
}

TEST_CASE("response.explained_classes: numTopClasses, len(classNames), or 1 without a mode") {
    auto top2 = record(3);
    top2.num_top_classes = drx::nullable<std::int64_t>(2);
    list bad{"/data/0/predictionExplanations response.explained_classes error"};
    CHECK(with_record(page_of({class_row(0, {expl("\"a\"", 0.5), expl("\"b\"", 0.4)})}), top2).empty());
    CHECK(with_record(page_of({class_row(0, {expl("\"a\"", 0.5)})}), top2) == bad);
    CHECK(with_record(page_of({class_row(0, {expl("\"a\"", 0.5), expl("\"b\"", 0.4), expl("\"c\"", 0.3)})}), top2) == bad);
    CHECK(with_record(page_of({class_row(0, {})}), top2).empty());  // unexplained rows are fine
    // no mode: only the predicted class
    CHECK(with_record(page_of({class_row(0, {expl("\"a\"", 0.5), expl("\"a\"", 0.4)})}), record(3)).empty());
    CHECK(with_record(page_of({class_row(0, {expl("\"a\"", 0.5), expl("\"b\"", 0.4)})}), record(3)) == bad);
    // classNames: the count and the names
    auto names = record(3);
    names.class_names = drx::nullable<std::vector<std::string>>(std::vector<std::string>{"a", "c"});
    CHECK(with_record(page_of({class_row(0, {expl("\"a\"", 0.5), expl("\"c\"", 0.4)})}), names).empty());
    CHECK(with_record(page_of({class_row(0, {expl("\"a\"", 0.5), expl("\"b\"", 0.4)})}), names) ==
          list{"/data/0/predictionExplanations/1/label response.explained_classes error"});
    // numeric labels match class names by Python's str()
    auto nums = record(3);
    nums.class_names = drx::nullable<std::vector<std::string>>(std::vector<std::string>{"1", "2.5"});
    CHECK(with_record(page_of({class_row(0, {expl("1", 0.5), expl("2.5", 0.4)})}), nums).empty());
    CHECK(with_record(page_of({class_row(0, {expl("1.0", 0.5), expl("2.5", 0.4)})}), nums) ==
          list{"/data/0/predictionExplanations/0/label response.explained_classes error"});
}

TEST_CASE("labels compare as Python compares them") {
    using drx::scalar;
    using drx::detail::pe_python_equal;
    CHECK(pe_python_equal(scalar(1), scalar(1.0)));
    CHECK(pe_python_equal(scalar(1), scalar(true)));
    CHECK_FALSE(pe_python_equal(scalar(1), scalar("1")));
    CHECK_FALSE(pe_python_equal(scalar(9007199254740993), scalar(9007199254740992.0)));
    CHECK(pe_python_equal(scalar(9007199254740992), scalar(9007199254740992.0)));
    CHECK(drx::detail::pe_compare_numbers(scalar(-1), scalar(-0.5)) == -1);
    CHECK(drx::detail::pe_compare_numbers(scalar(2.5), scalar(2)) == 1);
    CHECK(drx::detail::pe_compare_numbers(scalar(std::int64_t{9223372036854775807}), scalar(9.3e18)) == -1);
}
