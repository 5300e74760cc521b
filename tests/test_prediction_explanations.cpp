// SPDX-License-Identifier: BSL-1.0
// Prediction explanations objects (seed 002; docs/reference/objects.md (Prediction explanations,
// Prediction explanations fixtures)): exact round trips of the fixture payloads, the mode / create
// / pagination / prerequisite behaviour, and every rule of docs/reference/rule-sources.md for this
// family with boundary tests (rule id and pointer).
//
// The fixture payloads under tests/data/prediction_explanations/objects/ were reconstructed from
// docs/reference/objects.md ("Prediction explanations fixtures": key orders and value kinds of the
// client's fixtures) and written by CPython's json.dumps (compact: separators=(",", ":");
// *.python.json: the default layout), never by drx.
#include <doctest/doctest.h>

#include <drx/api/prediction_explanations.hpp>
#include <drx/api/prediction_explanations_ops.hpp>
#include <drx/schemas.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::filesystem::path data_dir() {
    if (char const* src = std::getenv("DRX_SOURCE_DIR")) return std::filesystem::path(src) / "tests/data/prediction_explanations";
    return std::filesystem::path(__FILE__).parent_path() / "data/prediction_explanations";
}

std::string slurp(std::filesystem::path const& p) {
    std::ifstream f(p, std::ios::binary);
    REQUIRE_MESSAGE(f.good(), "cannot open " << p.string());
    std::ostringstream s;
    s << f.rdbuf();
    std::string t = s.str();
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
    return t;
}

/// Reads `text` as T, checks it at the rules level (with `ctx` when given) and returns every
/// diagnostic as "POINTER RULE SEVERITY".
template <class T>
std::vector<std::string> diags(std::string_view text, drx::context const* ctx = nullptr,
                               drx::level lvl = drx::level::consistency) {
    drx::validate_options o;
    o.check.level = lvl;
    o.check.ctx = ctx;
    auto r = drx::validate<T>(text, o);
    std::vector<std::string> out;
    for (auto const& d : r.diagnostics())
        out.push_back(d.pointer + " " + d.rule + " " + (d.severity == drx::severity::error ? "error" : "warning"));
    return out;
}

template <class T>
std::vector<std::string> check_diags(T const& v, drx::context const* ctx = nullptr) {
    drx::check_options o;
    o.ctx = ctx;
    auto rep = drx::check(v, o);
    std::vector<std::string> out;
    for (auto const& d : rep.diagnostics)
        out.push_back(d.pointer + " " + d.rule + " " + (d.severity == drx::severity::error ? "error" : "warning"));
    return out;
}

using list = std::vector<std::string>;

template <class T>
void round_trip(std::string const& file) {
    CAPTURE(file);
    std::string text = slurp(data_dir() / "objects" / (file + ".json"));
    auto r = drx::read<T>(text);
    for (auto const& d : r.diagnostics()) MESSAGE(drx::to_line(d));
    REQUIRE(r.ok());
    CHECK(r.diagnostics().empty());
    CHECK(drx::to_json(r.value()) == text);
    std::string py = slurp(data_dir() / "objects" / (file + ".python.json"));
    CHECK(drx::to_json(r.value(), drx::write_options::python()) == py);
    // and through the catalogue, by schema name
    auto const* e = drx::find_schema(drx::schema_name_of<T>());
    REQUIRE(e != nullptr);
    drx::write_options wo;
    auto run = e->run(text, {}, {}, &wo);
    REQUIRE(run.output);
    CHECK(*run.output == text);
}

}  // namespace

TEST_CASE("catalogue: the family's schema names (docs/reference/objects.md)") {
    list names;
    for (auto const& e : drx::catalogue()) names.emplace_back(e.name);
    for (char const* n : {"explanations-mode", "prediction-explanations-initialization", "prediction-explanations-create",
                          "prediction-explanations-record", "prediction-explanations-record-list",
                          "prediction-explanations-page", "prediction-explanations-row", "shap-matrix"}) {
        CAPTURE(n);
        CHECK(std::find(names.begin(), names.end(), n) != names.end());
    }
}

TEST_CASE("round trips: every object writes back byte for byte (compact and json.dumps default)") {
    round_trip<drx::prediction_explanations_initialization>("initialization");
    round_trip<drx::prediction_explanations_record>("record");
    round_trip<drx::prediction_explanations_record>("record_clustering");
    round_trip<drx::prediction_explanations_record_list>("record_list");
    round_trip<drx::prediction_explanations_page>("page_regression");
    round_trip<drx::prediction_explanations_page>("page_adjusted");
    round_trip<drx::prediction_explanations_create>("create");
    round_trip<drx::prediction_explanations_create>("create_training_clustering");
    round_trip<drx::explanations_mode>("mode_top");
    round_trip<drx::explanations_mode>("mode_list");
    round_trip<drx::shap_matrix>("shap_matrix");
    round_trip<drx::prediction_explanations_row>("row_text");
}

TEST_CASE("round trips: kinds are kept (57000, 1.0, \"\", \"-2\"; labels 1 and 0.0)") {
    auto p = drx::parse<drx::prediction_explanations_page>(slurp(data_dir() / "objects/page_regression.json"));
    auto const& e = p.data[0].prediction_explanations;
    CHECK(e[0].feature_value == drx::scalar(57000));
    CHECK(e[2].feature_value == drx::scalar(""));
    CHECK(p.data[1].prediction_explanations[0].feature_value == drx::scalar(1.0));
    CHECK(p.data[1].prediction_explanations[1].feature_value == drx::scalar("-2"));
    CHECK(p.data[1].prediction == drx::scalar(1972.0));
    auto m = drx::parse<drx::prediction_explanations_page>(slurp(data_dir() / "csv/multiclass_int_labels.page.json"));
    CHECK(m.data[0].prediction_values[0].label == drx::scalar(3));
    CHECK(m.data[1].prediction_explanations[0].feature_value == drx::scalar(true));
    CHECK(drx::to_json(m) == slurp(data_dir() / "csv/multiclass_int_labels.page.json"));
}

TEST_CASE("round trips: the classification fixture's explanation key order is normalized") {
    // pep_json_classification orders explanation keys featureValue, strength, feature,
    // qualitativeStrength, label; drx declares the pei/pep order (label second).
    std::string text = slurp(data_dir() / "objects/page_binary_fixture_order.json");
    auto r = drx::read<drx::prediction_explanations_page>(text);
    REQUIRE(r.ok());
    std::string out = drx::to_json(r.value());
    CHECK(out.find(R"({"featureValue":"Surgery-Neuro","label":1,"strength":0.8,"feature":"medical_specialty","qualitativeStrength":"+++"})") !=
          std::string::npos);
    CHECK(out.size() == text.size());
    auto again = drx::parse<drx::prediction_explanations_page>(out);
    CHECK(drx::to_json(again) == out);
}

TEST_CASE("absent, null and value stay distinct") {
    std::string rec = slurp(data_dir() / "objects/record_clustering.json");
    auto r = drx::parse<drx::prediction_explanations_record>(rec);
    REQUIRE(r.threshold_high.has_value());
    CHECK(r.threshold_high->is_null());
    REQUIRE(r.class_names.has_value());
    CHECK(r.class_names->is_null());
    CHECK(r.num_top_classes->value() == 2);
    auto row = drx::parse<drx::prediction_explanations_row>(slurp(data_dir() / "objects/row_text.json"));
    REQUIRE(row.prediction_explanations[1].per_ngram_text_explanations.has_value());
    CHECK(row.prediction_explanations[1].per_ngram_text_explanations->is_null());
    CHECK_FALSE(row.adjusted_prediction.has_value());
}

TEST_CASE("shap-matrix: the seed's shap_matrix_id is the wire's id") {
    auto s = drx::parse<drx::shap_matrix>(R"({"id":"a","projectId":"p","modelId":"m","datasetId":"d"})");
    CHECK(s.shap_matrix_id == "a");
    CHECK(drx::wire_name<&drx::shap_matrix::shap_matrix_id>() == "id");
    CHECK(diags<drx::shap_matrix>(R"({"projectId":"p","modelId":"m","datasetId":"d"})") == list{"/id schema.required error"});
}

TEST_CASE("page and record list: next/previous are the wire names of next_page/previous_page") {
    CHECK(drx::wire_name<&drx::prediction_explanations_page::next_page>() == "next");
    CHECK(drx::wire_name<&drx::prediction_explanations_page::previous_page>() == "previous");
    CHECK(drx::wire_name<&drx::prediction_explanations_record_list::next_page>() == "next");
    auto p = drx::parse<drx::prediction_explanations_page>(slurp(data_dir() / "objects/page_binary_fixture_order.json"));
    REQUIRE(drx::next_page_url(p));
    CHECK(*drx::next_page_url(p) ==
          "https://app.datarobot.com/api/v2/projects/5a1ec6b0c8089125e0c5d4a1/predictionExplanations/"
          "5a1ec82fc8089125e0c5d4d3/?limit=3&offset=3&excludeAdjustedPredictions=true");
    CHECK_FALSE(drx::previous_page_url(p));
}

// ---- modes ---------------------------------------------------------------------------------

TEST_CASE("modes: get_api_parameters gives the exact parameter names (seed 002)") {
    auto top = drx::top_predictions_mode(3);
    auto lst = drx::class_list_mode({"Cluster 1", "caf\xc3\xa9"});
    CHECK(drx::to_json(drx::get_api_parameters(top)) == R"({"numTopClasses":3})");
    CHECK(drx::to_json(drx::get_api_parameters(top, true)) == R"({"explanationNumTopClasses":3})");
    CHECK(drx::to_json(drx::get_api_parameters(lst)) == R"({"classNames":["Cluster 1","caf\u00e9"]})");
    CHECK(drx::to_json(drx::get_api_parameters(lst, true)) == R"({"explanationClassNames":["Cluster 1","caf\u00e9"]})");
    CHECK(drx::to_json(drx::get_api_parameters(drx::explanations_mode{})) == "{}");
    // the mode object itself is the project-route form
    CHECK(drx::to_json(top) == R"({"numTopClasses":3})");
    CHECK(drx::to_json(lst) == R"({"classNames":["Cluster 1","caf\u00e9"]})");
}

TEST_CASE("modes: explained classes and the multiclass predicates (seed 002)") {
    CHECK(drx::get_number_of_explained_classes(drx::explanations_mode{}) == 1);  // TopPredictionsMode(1)
    CHECK(drx::get_number_of_explained_classes(drx::top_predictions_mode(4)) == 4);
    CHECK(drx::get_number_of_explained_classes(drx::class_list_mode({"a", "b", "c"})) == 3);
    CHECK_FALSE(drx::is_unsupervised_clustering_or_multiclass(drx::explanations_mode{}));
    CHECK(drx::is_unsupervised_clustering_or_multiclass(drx::top_predictions_mode(1)));
    CHECK_FALSE(drx::is_unsupervised_clustering_or_multiclass(drx::top_predictions_mode(0)));  // Python truthiness
    CHECK_FALSE(drx::is_unsupervised_clustering_or_multiclass(drx::class_list_mode({})));
    auto rec = drx::parse<drx::prediction_explanations_record>(slurp(data_dir() / "objects/record.json"));
    CHECK_FALSE(drx::is_unsupervised_clustering_or_multiclass(rec));
    CHECK(drx::get_number_of_explained_classes(rec) == 1);
    auto cl = drx::parse<drx::prediction_explanations_record>(slurp(data_dir() / "objects/record_clustering.json"));
    CHECK(drx::is_unsupervised_clustering_or_multiclass(cl));
    CHECK(drx::get_number_of_explained_classes(cl) == 2);
    drx::context ctx;
    CHECK_FALSE(drx::is_multiclass(ctx).has_value());
    ctx.model_kind = drx::model_kind::multiclass;
    CHECK(drx::is_multiclass(ctx) == true);
    ctx.model_kind = drx::model_kind::clustering;
    CHECK(drx::is_multiclass(ctx) == false);
}

TEST_CASE("mode rules: numTopClasses boundaries (mode.num_top_classes.range)") {
    using M = drx::explanations_mode;
    CHECK(diags<M>(R"({"numTopClasses":0})") == list{"/numTopClasses mode.num_top_classes.range error"});
    CHECK(diags<M>(R"({"numTopClasses":-1})") == list{"/numTopClasses mode.num_top_classes.range error"});
    CHECK(diags<M>(R"({"numTopClasses":1})").empty());
    CHECK(diags<M>(R"({"numTopClasses":10})").empty());
    CHECK(diags<M>(R"({"numTopClasses":5.0})").empty());  // 5.0 counts as the integer 5
    CHECK(diags<M>(R"({"numTopClasses":11})") == list{"/numTopClasses mode.num_top_classes.range error"});
    CHECK(diags<M>(R"({"numTopClasses":"5"})") == list{"/numTopClasses schema.type error"});
    CHECK(diags<M>(R"({"numTopClasses":true})") == list{"/numTopClasses schema.type error"});
    CHECK(diags<M>(R"({"numTopClasses":2.5})") == list{"/numTopClasses schema.type error"});
    CHECK(diags<M>(R"({"numTopClasses":null})") == list{"/numTopClasses schema.type error"});
    CHECK(diags<M>(R"({})").empty());  // no mode: the server default (top 1)
}

TEST_CASE("mode rules: classNames size, items, uniqueness") {
    using M = drx::explanations_mode;
    CHECK(diags<M>(R"({"classNames":[]})") == list{"/classNames mode.class_names.size error"});
    CHECK(diags<M>(R"({"classNames":["a"]})").empty());
    CHECK(diags<M>(R"({"classNames":["a","b","c","d","e","f","g","h","i","j"]})").empty());
    CHECK(diags<M>(R"({"classNames":["a","b","c","d","e","f","g","h","i","j","k"]})") ==
          list{"/classNames mode.class_names.size error"});
    CHECK(diags<M>(R"({"classNames":[""]})") == list{"/classNames/0 mode.class_names.item error"});
    CHECK(diags<M>(R"({"classNames":["a",""]})") == list{"/classNames/1 mode.class_names.item error"});
    CHECK(diags<M>(R"({"classNames":[" "]})").empty());
    CHECK(diags<M>(R"({"classNames":["a",1]})") == list{"/classNames/1 schema.type error"});
    CHECK(diags<M>(R"({"classNames":"a"})") == list{"/classNames schema.type error"});
    CHECK(diags<M>(R"({"classNames":["a","b","a"]})") == list{"/classNames/2 mode.class_names.unique error"});
    CHECK(diags<M>(R"({"classNames":["Cluster 1","cluster 1"]})").empty());
}

TEST_CASE("mode rules: both parameters (mode.exclusive)") {
    using M = drx::explanations_mode;
    CHECK(diags<M>(R"({"numTopClasses":2,"classNames":["a"]})") == list{"/classNames mode.exclusive error"});
    auto r = drx::validate<M>(R"({"numTopClasses":2,"classNames":["a"]})");
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].message == "numTopClasses and classNames are mutually exclusive");
    CHECK(diags<drx::prediction_explanations_create>(
              R"({"modelId":"m","datasetId":"d","numTopClasses":2,"classNames":["a"]})") ==
          list{"/classNames mode.exclusive error"});
}

TEST_CASE("mode rules: a mode needs a multiclass or clustering model (mode.model_kind)") {
    using M = drx::explanations_mode;
    drx::context ctx;
    ctx.model_kind = drx::model_kind::binary;
    CHECK(diags<M>(R"({"numTopClasses":2})", &ctx) == list{"/numTopClasses mode.model_kind error"});
    CHECK(diags<M>(R"({"classNames":["a"]})", &ctx) == list{"/classNames mode.model_kind error"});
    CHECK(diags<M>(R"({})", &ctx).empty());
    ctx.model_kind = drx::model_kind::multiclass;
    CHECK(diags<M>(R"({"numTopClasses":2})", &ctx).empty());
    ctx.model_kind = drx::model_kind::clustering;
    CHECK(diags<M>(R"({"numTopClasses":2})", &ctx).empty());
    ctx.model_kind = drx::model_kind::regression;
    CHECK(diags<drx::prediction_explanations_create>(R"({"modelId":"m","datasetId":"d","numTopClasses":2})", &ctx) ==
          list{"/numTopClasses mode.model_kind error"});
    // without the context the rule is skipped, and says so
    // (with the cluster rules, which need the model's clusters)
    auto rep = drx::check(drx::top_predictions_mode(2));
    CHECK(rep.ok());
    REQUIRE(rep.skipped.size() == 3);
    CHECK(rep.skipped[0] == drx::skipped_rule{"clusters.predicted.range", "nClusters or clusterNames"});
    CHECK(rep.skipped[1] == drx::skipped_rule{"clusters.list.known", "clusterNames"});
    CHECK(rep.skipped[2].rule == "mode.model_kind");
    CHECK(rep.skipped[2].needs == "modelKind");
}

// ---- create ----------------------------------------------------------------------------------

TEST_CASE("create: defaults and what is sent (seed 002, docs/reference/objects.md)") {
    auto c = drx::make_create_request("m", "d");
    CHECK(drx::to_json(c) == R"({"modelId":"m","datasetId":"d","maxExplanations":3})");
    CHECK(drx::max_explanations_of(c) == 3);
    drx::create_options o;
    o.max_explanations.reset();
    auto bare = drx::make_create_request("m", "d", o);
    CHECK(drx::to_json(bare) == R"({"modelId":"m","datasetId":"d"})");
    CHECK(drx::max_explanations_of(bare) == 3);  // the server's default
    o.max_explanations = 10;
    o.threshold_high = drx::number(0.9);
    o.mode = drx::top_predictions_mode(2);
    CHECK(drx::to_json(drx::make_create_request("m", "d", o)) ==
          R"({"modelId":"m","datasetId":"d","maxExplanations":10,"thresholdHigh":0.9,"numTopClasses":2})");
    o.threshold_low = drx::number(0);
    o.mode = drx::class_list_mode({"Cluster 1"});
    CHECK(drx::to_json(drx::make_create_on_training_data_request("m", "d", o, "0")) ==
          R"({"modelId":"m","datasetId":"d","maxExplanations":10,"thresholdLow":0,"thresholdHigh":0.9,)"
          R"("classNames":["Cluster 1"],"datetimePredictionPartition":"0"})");
    o.mode = drx::explanations_mode{};
    CHECK(drx::to_json(drx::make_create_request("m", "d", o)) ==
          R"({"modelId":"m","datasetId":"d","maxExplanations":10,"thresholdLow":0,"thresholdHigh":0.9})");
}

TEST_CASE("create rules: maxExplanations boundaries (explanations.max.range)") {
    using C = drx::prediction_explanations_create;
    auto body = [](std::string v) { return R"({"modelId":"m","datasetId":"d","maxExplanations":)" + v + "}"; };
    CHECK(diags<C>(body("-1")) == list{"/maxExplanations explanations.max.range error"});
    CHECK(diags<C>(body("0")).empty());
    CHECK(diags<C>(body("100")).empty());
    CHECK(diags<C>(body("101")) == list{"/maxExplanations explanations.max.range error"});
    CHECK(diags<C>(body("\"3\"")) == list{"/maxExplanations schema.type error"});
    CHECK(diags<C>(body("\"all\"")) == list{"/maxExplanations schema.type error"});
    CHECK(diags<C>(body("3.5")) == list{"/maxExplanations schema.type error"});
    CHECK(diags<C>(body("null")) == list{"/maxExplanations schema.type error"});  // the client never sends null
    CHECK(diags<C>(R"({"datasetId":"d"})") == list{"/modelId schema.required error"});
}

TEST_CASE("create rules: thresholds (explanations.threshold.finite, explanations.threshold.order)") {
    using C = drx::prediction_explanations_create;
    CHECK(diags<C>(R"({"modelId":"m","datasetId":"d","thresholdLow":0.5,"thresholdHigh":0.5})").empty());
    CHECK(diags<C>(R"({"modelId":"m","datasetId":"d","thresholdLow":0.5000001,"thresholdHigh":0.5})") ==
          list{"/thresholdLow explanations.threshold.order warning"});
    CHECK(diags<C>(R"({"modelId":"m","datasetId":"d","thresholdLow":1,"thresholdHigh":0})") ==
          list{"/thresholdLow explanations.threshold.order warning"});
    CHECK(diags<C>(R"({"modelId":"m","datasetId":"d","thresholdLow":"0.1"})") == list{"/thresholdLow schema.type error"});
    // non-finite values cannot come from JSON; objects built in C++ are checked
    auto c = drx::make_create_request("m", "d");
    c.threshold_low = drx::number(std::numeric_limits<double>::quiet_NaN());
    c.threshold_high = drx::number(std::numeric_limits<double>::infinity());
    CHECK(check_diags(c) == list{"/thresholdLow explanations.threshold.finite error",
                                 "/thresholdHigh explanations.threshold.finite error"});
    c.threshold_high = drx::number(1e308);
    c.threshold_low = drx::number(-1e308);
    CHECK(check_diags(c).empty());
    // the same rules on a record
    auto r = drx::parse<drx::prediction_explanations_record>(slurp(data_dir() / "objects/record.json"));
    r.threshold_low = drx::nullable<drx::number>(drx::number(0.95));
    CHECK(check_diags(r) == list{"/thresholdLow explanations.threshold.order warning"});
    r.threshold_low = drx::nullable<drx::number>(drx::number(-std::numeric_limits<double>::infinity()));
    CHECK(check_diags(r) == list{"/thresholdLow explanations.threshold.finite error"});
}

TEST_CASE("create rules: datetimePredictionPartition (explanations.partition)") {
    using C = drx::prediction_explanations_create;
    auto body = [](std::string v) { return R"({"modelId":"m","datasetId":"d","datetimePredictionPartition":)" + v + "}"; };
    CHECK(diags<C>(body(R"("0")")).empty());
    CHECK(diags<C>(body(R"("holdout")")).empty());
    CHECK(diags<C>(body(R"("1")")) == list{"/datetimePredictionPartition explanations.partition error"});
    CHECK(diags<C>(body(R"("Holdout")")) == list{"/datetimePredictionPartition explanations.partition error"});
    CHECK(diags<C>(body(R"("")")) == list{"/datetimePredictionPartition explanations.partition error"});
    CHECK(diags<C>(body("0")) == list{"/datetimePredictionPartition schema.type error"});  // strings, not ints
    drx::context ctx;
    ctx.datetime_partitioned = true;
    CHECK(diags<C>(R"({"modelId":"m","datasetId":"d"})", &ctx) ==
          list{"/datetimePredictionPartition explanations.partition error"});
    CHECK(diags<C>(body(R"("holdout")"), &ctx).empty());
    ctx.datetime_partitioned = false;
    CHECK(diags<C>(R"({"modelId":"m","datasetId":"d"})", &ctx).empty());
    auto rep = drx::check(drx::make_create_request("m", "d"));
    REQUIRE(rep.skipped.size() == 4);  // the two cluster rules, mode.model_kind, the partition requirement
    CHECK(rep.skipped[2].rule == "mode.model_kind");
    CHECK(rep.skipped[3].rule == "explanations.partition");
    CHECK(rep.skipped[3].needs == "datetimePartitioned");
}

TEST_CASE("record rules: maxExplanations and the echoed mode") {
    std::string rec = slurp(data_dir() / "objects/record.json");
    using R = drx::prediction_explanations_record;
    auto with = [&](std::string const& from, std::string const& to) {
        auto s = rec;
        auto at = s.find(from);
        REQUIRE(at != std::string::npos);
        s.replace(at, from.size(), to);
        return s;
    };
    CHECK(diags<R>(rec).empty());
    CHECK(diags<R>(with(R"("maxExplanations":3)", R"("maxExplanations":101)")) ==
          list{"/maxExplanations explanations.max.range error"});
    CHECK(diags<R>(with(R"("maxExplanations":3)", R"("maxExplanations":3,"numTopClasses":11)")) ==
          list{"/numTopClasses mode.num_top_classes.range error"});
    CHECK(diags<R>(with(R"("maxExplanations":3)", R"("maxExplanations":3,"numTopClasses":null,"classNames":["x","x"])")) ==
          list{"/classNames/1 mode.class_names.unique error"});
    CHECK(diags<R>(with(R"("maxExplanations":3)", R"("maxExplanations":3,"numTopClasses":2,"classNames":["x"])")) ==
          list{"/classNames mode.exclusive error"});
    CHECK(diags<R>(with(R"("maxExplanations":3)", R"("maxExplanations":3,"numTopClasses":"3")")) ==
          list{"/numTopClasses schema.type error"});
}

TEST_CASE("create: prerequisites as a checkable sequence (seed 002)") {
    using P = drx::explanations_prerequisite;
    CHECK(drx::create_prerequisites == std::array{P::feature_impact, P::initialization, P::predictions});
    drx::prerequisites_state s;
    CHECK_FALSE(drx::can_create(s));
    CHECK(drx::next_prerequisite(s) == P::feature_impact);
    s.initialization = true;  // out of order: feature impact still comes first
    CHECK(drx::next_prerequisite(s) == P::feature_impact);
    s.feature_impact = true;
    CHECK(drx::next_prerequisite(s) == P::predictions);
    s.initialization = false;
    CHECK(drx::next_prerequisite(s) == P::initialization);
    s.initialization = true;
    s.predictions = true;
    CHECK(drx::can_create(s));
    CHECK_FALSE(drx::next_prerequisite(s).has_value());
    CHECK(drx::prerequisite_step(P::feature_impact) ==
          "Compute feature impact for the model via datarobot.Model.get_feature_impact()");
    CHECK(drx::prerequisite_step(P::initialization) ==
          "Compute a PredictionExplanationsInitialization for the model via "
          "datarobot.PredictionExplanationsInitialization.create(project_id, model_id)");
    CHECK(drx::prerequisite_step(P::predictions) ==
          "Compute predictions for the model and dataset via datarobot.Model.request_predictions(dataset_id)");
}

// ---- pagination ------------------------------------------------------------------------------

TEST_CASE("pagination: query parameters as the client sends them (docs/reference/objects.md)") {
    drx::page_request q;
    CHECK(drx::query_string(q) == "offset=0&excludeAdjustedPredictions=true");
    CHECK(drx::page_path("p", "e", q) == "projects/p/predictionExplanations/e/?offset=0&excludeAdjustedPredictions=true");
    q.limit = 0;  // not truthy: not sent
    CHECK(drx::query_string(q) == "offset=0&excludeAdjustedPredictions=true");
    q.limit = 2;
    q.offset = 2;
    q.exclude_adjusted_predictions = false;
    CHECK(drx::query_string(q) == "offset=2&excludeAdjustedPredictions=false&limit=2");
    auto params = drx::query_parameters(q);
    REQUIRE(params.size() == 3);
    CHECK(params[1] == std::pair<std::string, std::string>{"excludeAdjustedPredictions", "false"});
}

TEST_CASE("record list: the query of PredictionExplanations.list (None dropped)") {
    CHECK(drx::record_list_query_string().empty());
    CHECK(drx::record_list_query_string("m1") == "modelId=m1");
    CHECK(drx::record_list_query_string("m1", 10, 0) == "modelId=m1&limit=10&offset=0");
    CHECK(drx::record_list_query_string(std::nullopt, std::nullopt, 5) == "offset=5");
}

TEST_CASE("pagination: next links are read back and followed") {
    auto q = drx::parse_page_link("https://h/api/v2/projects/p/predictionExplanations/e/?limit=2&offset=2&excludeAdjustedPredictions=true");
    REQUIRE(q);
    CHECK(q->offset == 2);
    CHECK(q->limit == 2);
    CHECK(q->exclude_adjusted_predictions);
    CHECK_FALSE(drx::parse_page_link("x?offset=-1"));
    CHECK_FALSE(drx::parse_page_link("x?offset=1&excludeAdjustedPredictions=yes"));
    CHECK(drx::parse_page_link("x")->offset == 0);

    auto page = [](int first_row, std::optional<std::string> next) {
        drx::prediction_explanations_page p;
        p.count = 5;
        p.prediction_explanations_record_location = "https://h/r/";
        p.id = "e";
        for (int i = first_row; i < first_row + 2 && i < 5; ++i) {
            drx::prediction_explanations_row r;
            r.row_id = i;
            p.data.push_back(r);
        }
        if (next) p.next_page = drx::nullable<std::string>(*next);
        return p;
    };
    std::map<std::string, std::string> server{
        {"u2", drx::to_json(page(2, "u4"))},
        {"u4", drx::to_json(page(4, std::nullopt))},
    };
    std::vector<std::string> fetched;
    auto fetch = [&](std::string const& url) {
        fetched.push_back(url);
        return drx::read<drx::prediction_explanations_page>(server.count(url) ? server[url] : "{");
    };
    auto rows = drx::collect_rows(page(0, "u2"), fetch);
    REQUIRE(rows.ok());
    REQUIRE(rows.value().size() == 5);
    for (int i = 0; i < 5; ++i) CHECK(rows.value()[static_cast<std::size_t>(i)].row_id == i);
    CHECK(fetched == list{"u2", "u4"});
    // a broken link gives the fetch's diagnostics
    auto bad = drx::collect_rows(page(0, "nowhere"), fetch);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.diagnostics()[0].rule == "pagination.fetch");
    CHECK(bad.diagnostics()[1].rule == "schema.syntax");
    // a loop ends
    server["u2"] = drx::to_json(page(2, "u2"));
    auto loop = drx::collect_rows(page(0, "u2"), fetch);
    REQUIRE_FALSE(loop.ok());
    CHECK(loop.diagnostics()[0].rule == "pagination.loop");
}

TEST_CASE("pagination: adjustment method defaults to N/A") {
    auto p = drx::parse<drx::prediction_explanations_page>(slurp(data_dir() / "objects/page_regression.json"));
    CHECK(drx::adjustment_method_of(p) == "N/A");
    p.adjustment_method = drx::nullable<std::string>();
    CHECK(drx::adjustment_method_of(p) == "N/A");
    auto a = drx::parse<drx::prediction_explanations_page>(slurp(data_dir() / "objects/page_adjusted.json"));
    CHECK(drx::adjustment_method_of(a) == "exposureNormalized");
    REQUIRE(a.data[0].adjusted_prediction);
    CHECK(*a.data[0].adjusted_prediction == drx::scalar(4119.97607421875));
}

TEST_CASE("page rules: the record location is a URL (explanations.location.url)") {
    std::string page = slurp(data_dir() / "objects/page_regression.json");
    auto with_location = [&](std::string const& loc) {
        auto p = drx::parse<drx::prediction_explanations_page>(page);
        p.prediction_explanations_record_location = loc;
        return drx::to_json(p);
    };
    using P = drx::prediction_explanations_page;
    list bad{"/predictionExplanationsRecordLocation explanations.location.url error"};
    for (char const* ok : {"https://app.datarobot.com/api/v2/projects/p/predictionExplanationsRecords/e/",
                           "http://localhost:8080/api/v2/", "HTTP://EXAMPLE.COM", "ftp://files.example.org/x",
                           "ftps://a.b.co", "http://10.0.0.1/x?y=1", "https://user:pw@example.com/p",
                           "https://example.com.", "https://xn--caf-dma.example/", "http://a-b.example.com?q"}) {
        CAPTURE(ok);
        CHECK(diags<P>(with_location(ok), nullptr, drx::level::rules).empty());
    }
    for (char const* no : {"not a url", "", "/api/v2/projects/p/", "mailto:x@example.com", "https://example/x",
                           "https://example.com/a b", "https://-a.example.com/", "https://example.com:/x",
                           "https://example.com:80x", "http://1.2.3/x", "https://example.c/x", "https://example.com?",
                           "https://exa_mple.com/"}) {
        CAPTURE(no);
        CHECK(diags<P>(with_location(no), nullptr, drx::level::rules) == bad);
    }
}

// ---- qualitative strength ------------------------------------------------------------------

TEST_CASE("qualitative strength: the eight symbols and their meaning (seed 003's table)") {
    CHECK(drx::qualitative_symbols.size() == 8);
    CHECK(drx::qualitative_meaning("+++") == "Absolute score is > 0.75 and feature has positive impact.");
    CHECK(drx::qualitative_meaning("--") == "Absolute score is between (0.25, 0.75) and feature has negative impact.");
    CHECK(drx::qualitative_meaning("<-") == "Absolute score is between (0, 0.001) and feature has negative impact.");
    CHECK(drx::qualitative_meaning("++++").empty());
    for (auto s : drx::qualitative_symbols) CHECK_FALSE(drx::qualitative_meaning(s).empty());
    CHECK(drx::qualitative_sign("<+") == 1);
    CHECK(drx::qualitative_sign("-") == -1);
    CHECK(drx::qualitative_sign("x") == 0);
}

TEST_CASE("qualitative strength: a string is a symbol exactly when it is in seed 003's list of eight") {
    // Every string of up to four bytes over the bytes the symbols use and two others: the
    // byte-wise test agrees with membership in the list, and the sign follows the last sign.
    std::string const alphabet{'+', '-', '<', 'x', '\0'};
    std::vector<std::string> all{""};
    for (std::size_t len = 0, begin = 0; len < 4; ++len) {
        std::size_t const end = all.size();
        for (std::size_t i = begin; i < end; ++i)
            for (char c : alphabet) all.push_back(all[i] + c);
        begin = end;
    }
    CHECK(all.size() == 1 + 5 + 25 + 125 + 625);
    std::size_t symbols = 0;
    for (auto const& s : all) {
        bool const listed =
            std::find(drx::qualitative_symbols.begin(), drx::qualitative_symbols.end(), s) != drx::qualitative_symbols.end();
        CAPTURE(s);
        CHECK(drx::is_qualitative_symbol(s) == listed);
        CHECK(drx::qualitative_sign(s) == (listed ? (s.back() == '+' ? 1 : -1) : 0));
        symbols += listed;
    }
    CHECK(symbols == 8);
}

TEST_CASE("qualitative strength: normalized score to symbol, at and around every cut-off") {
    struct c {
        double q;
        char const* s;
    };
    for (auto const& [q, s] : {c{1.0, "+++"}, c{0.7500001, "+++"}, c{0.75, "++"}, c{0.2500001, "++"}, c{0.25, "+"},
                        c{0.001, "+"}, c{0.000999, "<+"}, c{1e-300, "<+"}, c{0.0, "<-"}, c{-0.0, "<-"},
                        c{-0.000999, "<-"}, c{-0.001, "-"}, c{-0.25, "-"}, c{-0.2500001, "--"}, c{-0.75, "--"},
                        c{-0.7500001, "---"}, c{-5.0, "---"}}) {
        double const score = q;
        CAPTURE(score);
        CHECK(drx::qualitative_symbol_for(score) == s);
    }
    CHECK(drx::qualitative_symbol_for(std::nan("")).empty());
    CHECK(drx::qualitative_symbol_for(std::numeric_limits<double>::infinity()) == "+++");
}
