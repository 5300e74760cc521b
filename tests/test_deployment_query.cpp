// SPDX-License-Identifier: BSL-1.0
// deployment-predictions-query: decoding and building query strings, the real server's value
// conversion and its exact error bodies (seed 003), the rules of docs/reference/rule-sources.md,
// and the server entry point check_predictions_request().
//
// Independent golden sources: seed 003's errors list (tests/data/deployment/seed003_errors.txt,
// copied from the seed), CPython's urllib.parse (query_decode.tsv / query_encode.tsv, written
// by tests/tools/make_deployment_golden.py), and a live python3 differential when available.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

#include <drx/api/deployment.hpp>
#include <drx/api/deployment_server.hpp>
#include <drx/check.hpp>
#include <drx/query.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using drx::deployment_predictions_query;

fs::path source_dir() {
    if (char const* s = std::getenv("DRX_SOURCE_DIR")) return s;
    return fs::path(__FILE__).parent_path().parent_path();
}

std::string from_hex(std::string_view hex) {
    auto v = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(v(hex[i]) * 16 + v(hex[i + 1]));
    return out;
}

std::string to_hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 0xF];
    }
    return out;
}

std::vector<std::string> split(std::string const& line, char sep) {
    std::vector<std::string> out;
    std::size_t b = 0;
    while (true) {
        std::size_t e = line.find(sep, b);
        out.push_back(line.substr(b, e == std::string::npos ? std::string::npos : e - b));
        if (e == std::string::npos) break;
        b = e + 1;
    }
    return out;
}

// Seed 003's error bodies by tag (tests/data/deployment/seed003_errors.txt).
std::map<std::string, std::pair<int, std::string>> const& seed_errors() {
    static std::map<std::string, std::pair<int, std::string>> const m = [] {
        std::map<std::string, std::pair<int, std::string>> out;
        std::ifstream f(source_dir() / "tests/data/deployment/seed003_errors.txt");
        for (std::string line; std::getline(f, line);) {
            if (line.empty() || line[0] == '#') continue;
            auto cols = split(line, '\t');
            out[cols[1]] = {std::stoi(cols[0]), cols[2]};
        }
        return out;
    }();
    return m;
}

std::string seed_answer(std::string const& tag) {
    auto it = seed_errors().find(tag);
    REQUIRE(it != seed_errors().end());
    return std::to_string(it->second.first) + " " + it->second.second;
}

constexpr std::string_view good_id = "5f0c1b2d3e4f5a6b7c8d9e0f";

// "STATUS BODY" of the server's answer, or "200" when accepted.
std::string answer(std::string_view query, drx::context const* ctx = nullptr, drx::predictions_policy const& p = {},
                   std::optional<std::string_view> id = good_id) {
    auto r = drx::check_predictions_request(id, query, nullptr, ctx, p);
    if (r.ok()) return "200";
    return std::to_string(r.error->status) + " " + r.error->body;
}

std::string dict_body(std::string_view inner) { return "422 {\"message\": \"{" + std::string(inner) + "}\"}"; }

using drx_test::errors;
using drx_test::has;

drx::context ctx_with(std::optional<drx::model_kind> kind, std::optional<drx::explanation_algorithm> alg) {
    drx::context c;
    c.model_kind = kind;
    c.algorithm = alg;
    return c;
}

std::string json_of(deployment_predictions_query const& q) {
    drx::write_options o = drx::write_options::python();
    o.allow_nan = true;
    return drx::to_json(q, o);
}

}  // namespace

// ---- seed 003's errors list, byte for byte -------------------------------------------------

TEST_CASE("seed 003: every error body is reproduced exactly") {
    REQUIRE(seed_errors().size() == 9);
    CHECK(answer("maxExplanations=abc") == seed_answer("max_codes"));
    CHECK(answer("thresholdHigh=abc") == seed_answer("threshold_high"));
    CHECK(answer("thresholdLow=abc") == seed_answer("threshold_low"));
    CHECK(answer("excludeAdjustedPredictions=maybe") == seed_answer("exclude_adjusted"));
    CHECK(answer("excludeAdjustedPredictions=") == seed_answer("exclude_adjusted"));  // "an empty ... value"
    CHECK(answer("predictionWarningEnabled=maybe") == seed_answer("prediction_warning"));
    auto mc = ctx_with(drx::model_kind::multiclass, std::nullopt);
    CHECK(answer("maxExplanations=3", &mc) == seed_answer("multiclass"));
    auto ts = ctx_with(drx::model_kind::time_series, std::nullopt);
    CHECK(answer("maxExplanations=3", &ts) == seed_answer("time_series"));
    CHECK(answer("", &ts) == seed_answer("time_series"));  // the route refuses time series outright
    CHECK(answer("maxExplanations=3", nullptr, {}, std::string_view("not-an-id")) == seed_answer("bad_id"));
    drx::context known;
    known.deployments = std::vector<std::string>{std::string(good_id)};
    CHECK(answer("maxExplanations=3", &known, {}, std::string_view("aaaaaaaaaaaaaaaaaaaaaaaa")) ==
          seed_answer("not_found"));
    CHECK(answer("maxExplanations=3", &known) == "200");
    // maxCodes, the deprecated name, converts under the same key.
    CHECK(answer("maxCodes=abc") == seed_answer("max_codes"));
}

TEST_CASE("seed 003: conversion failures carry the rule ids of docs/reference/rule-sources.md") {
    struct {
        std::string query;
        char const* rule;
        char const* pointer;
    } const cases[] = {
        {"maxExplanations=x", "deployment.max_explanations.type", "/maxExplanations"},
        {"thresholdLow=x", "deployment.threshold_low.type", "/thresholdLow"},
        {"thresholdHigh=x", "deployment.threshold_high.type", "/thresholdHigh"},
        {"excludeAdjustedPredictions=x", "deployment.exclude_adjusted.type", "/excludeAdjustedPredictions"},
        {"predictionWarningEnabled=x", "deployment.prediction_warning.type", "/predictionWarningEnabled"},
    };
    for (auto const& c : cases) {
        CAPTURE(c.query);
        auto r = drx::check_predictions_request(std::nullopt, c.query, nullptr, nullptr);
        CHECK_FALSE(r.ok());
        CHECK(has(r.diagnostics, c.rule, c.pointer));
        // Reading converts; maxExplanations keeps a non-integer text for its rule to judge (as the
        // JSON form does), so the rule level is needed for that one.
        auto rq = drx::read_query<deployment_predictions_query>(c.query);
        std::vector<drx::diagnostic> ds = rq.diagnostics();
        if (rq.unchecked())
            for (auto const& d : drx::check(*rq.unchecked(), {.level = drx::level::rules}).diagnostics) ds.push_back(d);
        CHECK(has(ds, c.rule, c.pointer));
    }
}

// ---- value classes (docs/reference/query-conversions.md) ------------------------------------

TEST_CASE("maxExplanations: Python int() semantics, every malformed class refused") {
    std::string const bad = seed_answer("max_codes");
    for (std::string q : {"maxExplanations=3.0", "maxExplanations=1e3", "maxExplanations=", "maxExplanations",
                          "maxExplanations=+", "maxExplanations=%20", "maxExplanations=0x10", "maxExplanations=0b1",
                          "maxExplanations=nan", "maxExplanations=inf", "maxExplanations=1__0", "maxExplanations=_1",
                          "maxExplanations=1_", "maxExplanations=%C2%B2", "maxExplanations=%E2%91%A0",
                          "maxExplanations=%2B+1", "maxExplanations=--1", "maxExplanations=%1C3", "maxExplanations=ALL",
                          "maxExplanations=+all", "maxExplanations=true", "maxExplanations=3a", "maxExplanations=.5"}) {
        CAPTURE(q);
        CHECK(answer(q) == bad);
    }
    // More than 4300 digits is Python's ValueError too (leading zeros count).
    CHECK(answer("maxExplanations=" + std::string(4301, '0')) == bad);
    // Accepted spellings of 3 (whitespace, sign, Unicode digits, underscores, leading zeros).
    for (std::string q : {"maxExplanations=3", "maxExplanations=+3", "maxExplanations=%2B3", "maxExplanations=+3+",
                          "maxExplanations=%093%0A", "maxExplanations=%C2%A03", "maxExplanations=%D9%A3",
                          "maxExplanations=%EF%BC%93", "maxExplanations=003", "maxExplanations=0_3",
                          "maxExplanations=%E3%80%803"}) {
        CAPTURE(q);
        auto r = drx::check_predictions_request(std::nullopt, q, nullptr, nullptr);
        REQUIRE(r.ok());
        CHECK(json_of(*r.query) == R"({"maxExplanations": 3})");
    }
    CHECK(answer("maxExplanations=" + std::string(4299, '0') + "7") == "200");
}

TEST_CASE("thresholds: Python float() semantics") {
    std::string const bad_low = seed_answer("threshold_low");
    for (std::string q : {"thresholdLow=", "thresholdLow=abc", "thresholdLow=1e", "thresholdLow=0x10",
                          "thresholdLow=1_e3", "thresholdLow=nan(1)", "thresholdLow=None", "thresholdLow=null",
                          "thresholdLow=infinit", "thresholdLow=1,5", "thresholdLow=%1C0.5", "thresholdLow=.",
                          "thresholdLow=%2B%2B1", "thresholdLow=%2B+1"}) {
        CAPTURE(q);
        CHECK(answer(q) == bad_low);
    }
    struct {
        char const* q;
        char const* json;
    } const ok[] = {
        {"thresholdLow=0.678", R"({"thresholdLow": 0.678})"},
        {"thresholdLow=1", R"({"thresholdLow": 1.0})"},
        {"thresholdLow=-0", R"({"thresholdLow": -0.0})"},
        {"thresholdLow=.5", R"({"thresholdLow": 0.5})"},
        {"thresholdLow=5.", R"({"thresholdLow": 5.0})"},
        {"thresholdLow=1e-5", R"({"thresholdLow": 1e-05})"},
        {"thresholdLow=1_0.5", R"({"thresholdLow": 10.5})"},
        {"thresholdLow=+2.5+", R"({"thresholdLow": 2.5})"},
        {"thresholdLow=%D9%A3.%D9%A5", R"({"thresholdLow": 3.5})"},
        {"thresholdLow=1e-400", R"({"thresholdLow": 0.0})"},
    };
    for (auto const& c : ok) {
        CAPTURE(c.q);
        auto r = drx::check_predictions_request(std::nullopt, c.q, nullptr, nullptr);
        REQUIRE(r.ok());
        CHECK(json_of(*r.query) == c.json);
    }
    // float() accepts nan and inf; drx's rule explanations.threshold.finite refuses them
    // (a drx text inside the Dict form).
    for (char const* q : {"thresholdHigh=nan", "thresholdHigh=-Infinity", "thresholdHigh=1e400"}) {
        CAPTURE(q);
        auto r = drx::check_predictions_request(std::nullopt, q, nullptr, nullptr);
        CHECK(has(r.diagnostics, "explanations.threshold.finite", "/thresholdHigh"));
        CHECK(answer(q) == dict_body("'threshold_high': DataError(expected a finite number, got " +
                                     std::string(std::string_view(q).find("nan") != std::string_view::npos ? "NaN"
                                                 : std::string_view(q).find('-') != std::string_view::npos
                                                     ? "-Infinity"
                                                     : "Infinity") +
                                     ")"));
    }
}

TEST_CASE("booleans: trafaret 1.x StrBool spellings") {
    std::string const bad = seed_answer("exclude_adjusted");
    for (char const* v : {"t", "T", "true", "TRUE", "y", "Yes", "on", "1", "+true+", "%1Ctrue%1F", "%C2%85yes%E3%80%80"}) {
        CAPTURE(v);
        auto r = drx::check_predictions_request(std::nullopt, std::string("excludeAdjustedPredictions=") + v, nullptr,
                                                nullptr);
        REQUIRE(r.ok());
        CHECK(r.query->exclude_adjusted_predictions == true);
    }
    for (char const* v : {"false", "FALSE", "n", "no", "off", "0", "none", "None"}) {
        CAPTURE(v);
        auto r = drx::check_predictions_request(std::nullopt, std::string("excludeAdjustedPredictions=") + v, nullptr,
                                                nullptr);
        REQUIRE(r.ok());
        CHECK(r.query->exclude_adjusted_predictions == false);
    }
    // 1.0 / 0.0 are 2.x spellings only; f has no short false form; fullwidth is not lowered.
    for (char const* v : {"", "maybe", "f", "F", "2", "1.0", "0.0", "null", "tru+e", "%EF%BC%B9%EF%BC%A5%EF%BC%B3",
                          "%C4%B0", "-1"}) {
        CAPTURE(v);
        CHECK(answer(std::string("excludeAdjustedPredictions=") + v) == bad);
    }
    CHECK(answer("predictionWarningEnabled=1.0") == seed_answer("prediction_warning"));
    CHECK(answer("predictionWarningEnabled=on") == "200");
}

// ---- several bad parameters at once (docs/reference/query-conversions.md) --------------------

TEST_CASE("several bad parameters: one Dict message in the documented key order") {
    // The query order does not matter: the order is drx_query_params' (seed 003's errors list).
    CHECK(answer("excludeAdjustedPredictions=x&thresholdLow=x&thresholdHigh=x&maxExplanations=x") ==
          dict_body("'max_codes': DataError(value can't be converted to int), "
                    "'threshold_high': DataError(value can't be converted to float), "
                    "'threshold_low': DataError(value can't be converted to float), "
                    "'exclude_adjusted_predictions': DataError(value can't be converted to Bool)"));
    // A rule failure of one parameter joins the same Dict, with drx's diagnostic text.
    CHECK(answer("explanationNumTopClasses=11&maxExplanations=x") ==
          dict_body("'max_codes': DataError(value can't be converted to int), "
                    "'explanation_num_top_classes': DataError(expected a number in [1, 10], got 11)"));
    CHECK(answer("explanationNumTopClasses=two") ==
          dict_body("'explanation_num_top_classes': DataError(value can't be converted to int)"));
    CHECK(has(drx::check_predictions_request(std::nullopt, "explanationNumTopClasses=two", nullptr, nullptr).diagnostics,
              "schema.type", "/explanationNumTopClasses"));
    CHECK(answer("maxExplanations=101&passthroughColumnsSet=some") ==
          dict_body("'max_codes': DataError(expected a number in [0, 100], got 101), "
                    "'passthrough_columns_set': DataError(value is not exactly 'all')"));
    // predictionWarningEnabled is checked after the Dict, alone.
    CHECK(answer("predictionWarningEnabled=x&maxExplanations=x") == seed_answer("max_codes"));
    CHECK(answer("predictionWarningEnabled=x&maxExplanations=2") == seed_answer("prediction_warning"));
    // Only the first value of a repeated single parameter counts (with a warning).
    auto r = drx::check_predictions_request(std::nullopt, "maxExplanations=2&maxExplanations=x", nullptr, nullptr);
    CHECK(r.ok());
    CHECK(has(r.diagnostics, "schema.duplicate_key", "/maxExplanations", drx::severity::warning));
}

// ---- model kind and algorithm policy --------------------------------------------------------

TEST_CASE("policy: multiclass and time series by default, configurable") {
    auto mc = ctx_with(drx::model_kind::multiclass, std::nullopt);
    CHECK(answer("", &mc) == "200");                   // no explanations asked: plain predictions
    CHECK(answer("maxExplanations=0", &mc) == "200");  // 0 with XEMP: none
    CHECK(answer("maxExplanations=1", &mc) == seed_answer("multiclass"));
    auto mc_shap = ctx_with(drx::model_kind::multiclass, drx::explanation_algorithm::shap);
    CHECK(answer("maxExplanations=0", &mc_shap) == seed_answer("multiclass"));  // 0 with SHAP: all
    drx::predictions_policy allow;
    allow.rejected_model_kinds = {drx::model_kind::time_series};
    CHECK(answer("maxExplanations=1&explanationNumTopClasses=2", &mc, allow) == "200");
    auto ts = ctx_with(drx::model_kind::time_series, std::nullopt);
    allow.rejected_model_kinds = {};
    CHECK(answer("maxExplanations=1", &ts, allow) == "200");
    drx::predictions_policy strict;
    strict.rejected_model_kinds = {drx::model_kind::clustering};
    auto cl = ctx_with(drx::model_kind::clustering, std::nullopt);
    CHECK(answer("maxExplanations=1", &cl, strict) ==
          "422 {\"message\": \"Clustering models cannot be used for Prediction Explanations\"}");
    // The time series refusal comes before the query is looked at.
    CHECK(answer("maxExplanations=x", &ts) == seed_answer("time_series"));
}

TEST_CASE("policy: \"all\" is for SHAP only; XEMP and SHAP are mutually exclusive") {
    CHECK(answer("maxExplanations=all") == seed_answer("max_codes"));  // default algorithm: XEMP
    auto shap = ctx_with(std::nullopt, drx::explanation_algorithm::shap);
    auto xemp = ctx_with(std::nullopt, drx::explanation_algorithm::xemp);
    CHECK(answer("maxExplanations=all", &shap) == "200");
    CHECK(answer("maxExplanations=all", &xemp) == seed_answer("max_codes"));
    auto r = drx::check_predictions_request(std::nullopt, "maxExplanations=all", nullptr, &xemp);
    CHECK(has(r.diagnostics, "explanations.max.all_requires_shap", "/maxExplanations"));
    // explanationAlgorithm decides when the context does not.
    CHECK(answer("maxExplanations=all&explanationAlgorithm=shap") == "200");
    CHECK(answer("explanationAlgorithm=shap", &xemp) ==
          "422 {\"message\": \"explanationAlgorithm is shap but the model's explanations are xemp: XEMP and SHAP are "
          "mutually exclusive\"}");
    CHECK(answer("explanationAlgorithm=lime") ==
          dict_body("'explanation_algorithm': DataError(value doesn't match any variant)"));
    drx::predictions_policy p;
    p.default_algorithm = drx::explanation_algorithm::shap;
    CHECK(answer("maxExplanations=all", nullptr, p) == "200");
}

TEST_CASE("class modes: repeated, percent-encoded UTF-8, mutually exclusive") {
    auto mc = ctx_with(drx::model_kind::multiclass, std::nullopt);
    drx::predictions_policy allow;
    allow.rejected_model_kinds = {};
    auto r = drx::check_predictions_request(
        std::nullopt, "explanationClassNames=%C3%A9t%C3%A9&explanationClassNames=classB&explanationClassNames=a+b",
        nullptr, &mc, allow);
    REQUIRE(r.ok());
    CHECK(json_of(*r.query) == R"({"explanationClassNames": ["\u00e9t\u00e9", "classB", "a b"]})");
    CHECK(answer("explanationNumTopClasses=2&explanationClassNames=a", &mc, allow) ==
          "422 {\"message\": \"explanationNumTopClasses and explanationClassNames are mutually exclusive\"}");
    auto rr = drx::check_predictions_request(std::nullopt, "explanationNumTopClasses=2&explanationClassNames=a",
                                             nullptr, &mc, allow);
    CHECK(has(rr.diagnostics, "deployment.class_modes.exclusive", "/explanationClassNames"));
    // On a binary model the modes do not apply (mode.model_kind).
    auto bin = ctx_with(drx::model_kind::binary, std::nullopt);
    auto rb = drx::check_predictions_request(std::nullopt, "explanationNumTopClasses=2", nullptr, &bin);
    CHECK_FALSE(rb.ok());
    CHECK(has(rb.diagnostics, "mode.model_kind", "/explanationNumTopClasses"));
    // Item rules of the class names, at the item's pointer.
    CHECK(answer("explanationClassNames=a&explanationClassNames=", &mc, allow) ==
          dict_body("'explanation_class_names': DataError(expected a non-empty value, got \\\"\\\")"));
    auto ru = drx::check_predictions_request(std::nullopt, "explanationClassNames=a&explanationClassNames=a", nullptr,
                                             &mc, allow);
    CHECK(has(ru.diagnostics, "mode.class_names.unique", "/explanationClassNames/1"));
}

TEST_CASE("unknown parameters are accepted as warnings; passthrough parameters") {
    auto r = drx::check_predictions_request(std::nullopt, "maxExplanations=2&forecastPoint=2020-01-01&x%20y=1",
                                            nullptr, nullptr);
    REQUIRE(r.ok());
    CHECK(has(r.diagnostics, "schema.unknown_key", "/forecastPoint", drx::severity::warning));
    CHECK(has(r.diagnostics, "schema.unknown_key", "/x y", drx::severity::warning));
    auto p = drx::check_predictions_request(std::nullopt, "passthroughColumns=id&passthroughColumns=a%2Fb&passthroughColumnsSet=all",
                                            nullptr, nullptr);
    REQUIRE(p.ok());
    CHECK(json_of(*p.query) == R"({"passthroughColumns": ["id", "a/b"], "passthroughColumnsSet": "all"})");
    auto d = drx::check_predictions_request(std::nullopt, "maxCodes=4", nullptr, nullptr);
    REQUIRE(d.ok());
    CHECK(has(d.diagnostics, "deployment.max_codes.deprecated", "/maxCodes", drx::severity::warning));
    CHECK(drx::explanation_limit(*d.query, drx::explanation_algorithm::xemp) == 4);
}

// ---- decoding errors and limits --------------------------------------------------------------

TEST_CASE("percent-encoding errors and invalid UTF-8 are clear errors with pointers") {
    struct {
        char const* q;
        char const* pointer;
    } const cases[] = {
        {"maxExplanations=%zz", "/maxExplanations"}, {"maxExplanations=%4", "/maxExplanations"},
        {"maxExplanations=3%", "/maxExplanations"},  {"max%zzExplanations=3", ""},
        {"maxExplanations=%FF", "/maxExplanations"}, {"maxExplanations=%C3%28", "/maxExplanations"},
        {"explanationClassNames=%ED%A0%80", "/explanationClassNames"},  // a UTF-16 surrogate
        {"explanationClassNames=%C0%AF", "/explanationClassNames"},     // an overlong form
        {"%FF=1", "/%FF"},
    };
    for (auto const& c : cases) {
        CAPTURE(c.q);
        auto r = drx::read_query<deployment_predictions_query>(c.q);
        CHECK_FALSE(r.ok());
        CHECK(has(r.diagnostics(), "schema.syntax", c.pointer));
        std::string a = answer(c.q);
        CHECK(a.rfind("400 {\"message\": \"Malformed query string: parameter 1 ", 0) == 0);
    }
    CHECK(answer("maxExplanations=%zz") ==
          "400 {\"message\": \"Malformed query string: parameter 1 (\\\"maxExplanations=%zz\\\"): \\\"%zz\\\" is not "
          "percent-encoding (a '%' needs two hex digits)\"}");
    // Every malformed parameter is reported, not just the first.
    auto all = drx::read_query<deployment_predictions_query>("a=%zz&b=%4&c=%FF");
    CHECK(errors(all.diagnostics()) == 3);
}

TEST_CASE("a 100,000-parameter query: refused by the default limit, read when the limit is lifted") {
    std::string q;
    for (int i = 0; i < 100000; ++i) q += (i ? "&p" : "p") + std::to_string(i) + "=1";
    CHECK(answer(q).rfind("414 {\"message\": \"Request-URI too long: query string with 100000 parameters", 0) == 0);
    auto limited = drx::read_query<deployment_predictions_query>(q);
    CHECK(has(limited.diagnostics(), "schema.limit", ""));

    drx::query_options open;
    open.max_parameters = 0;
    open.max_query_bytes = 0;
    auto t0 = std::chrono::steady_clock::now();
    auto r = drx::read_query<deployment_predictions_query>(q, open);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(r.ok());  // unknown parameters are warnings
    CHECK(r.diagnostics().size() == 100);  // the cap
    CHECK(r.omitted() == 99900);
    MESSAGE("read 100,000 unknown parameters (" << q.size() << " bytes) in " << ms << " ms");
    // 5,000 class names: read, then refused by mode.class_names.size. (Not 100,000: the
    // checker's unique_items rule compares every pair, O(n^2).)
    std::string names;
    for (int i = 0; i < 5000; ++i) names += (i ? "&" : "") + std::string("explanationClassNames=c") + std::to_string(i);
    drx::predictions_policy p;
    p.query = open;
    auto rc = drx::check_predictions_request(std::nullopt, names, nullptr, nullptr, p);
    CHECK(has(rc.diagnostics, "mode.class_names.size", "/explanationClassNames"));
    CHECK(rc.error->status == 422);
}

// ---- CPython's urllib.parse as the oracle of decoding and encoding -------------------------

TEST_CASE("decode_query equals urllib.parse.parse_qsl(keep_blank_values=True)") {
    std::ifstream f(source_dir() / "tests/data/deployment/query_decode.tsv");
    REQUIRE(f.good());
    std::size_t n = 0;
    for (std::string line; std::getline(f, line);) {
        auto cols = split(line, '\t');
        std::string q = cols[0] == "-" ? "" : from_hex(cols[0]);
        CAPTURE(q);
        auto r = drx::decode_query(q);
        REQUIRE(r.ok());
        std::vector<drx::query_pair> want;
        for (std::size_t i = 1; i < cols.size(); ++i) {
            auto kv = split(cols[i], ':');
            want.push_back({from_hex(kv[0]), from_hex(kv[1])});
        }
        CHECK(r.value() == want);
        ++n;
    }
    CHECK(n >= 20);
}

TEST_CASE("encode_query and write_query equal urllib.parse.urlencode (quote_plus)") {
    std::ifstream f(source_dir() / "tests/data/deployment/query_encode.tsv");
    REQUIRE(f.good());
    std::size_t n = 0;
    for (std::string line; std::getline(f, line);) {
        auto cols = split(line, '\t');
        std::string want = cols[0] == "-" ? "" : from_hex(cols[0]);
        std::vector<drx::query_pair> pairs;
        for (std::size_t i = 1; i < cols.size(); ++i) {
            auto kv = split(cols[i], ':');
            pairs.push_back({from_hex(kv[0]), from_hex(kv[1])});
        }
        CHECK(drx::encode_query(pairs) == want);
        // The same pairs through the struct (all are known parameters with canonical text).
        auto r = drx::read_query<deployment_predictions_query>(want);
        REQUIRE(r.ok());
        CHECK(drx::write_query(r.value()) == want);
        ++n;
    }
    CHECK(n >= 8);
}

namespace {

bool python3_available() { return std::system("python3 -c \"import urllib.parse\" >/dev/null 2>&1") == 0; }

}  // namespace

TEST_CASE("decode/encode: live differential against python3's urllib.parse") {
    if (!python3_available()) {
        MESSAGE("SKIPPED: python3 not found; the live urllib.parse differential did not run (the golden files did)");
        return;
    }
    static char const* const atoms[] = {"a", "b", "Z", "0", "9", "_", ".", "-", "~", " ", "+", "%20", "%2B", "%26",
                                        "%3D", "%25", "%7e", "%C3%A9", "%E2%82%AC", "%F0%9F%98%80", "=", "&", "&&",
                                        ";", "/", "?", "#", "!", "*", "'", "(", ")", ",", ":", "@", "$", "[", "]"};
    std::mt19937_64 rng(20240601);
    std::uniform_int_distribution<std::size_t> len(0, 12), pick(0, std::size(atoms) - 1);
    std::vector<std::string> queries;
    for (int k = 0; k < 3000; ++k) {
        std::string q;
        for (std::size_t j = len(rng); j > 0; --j) q += atoms[pick(rng)];
        queries.push_back(q);
    }
    auto dir = fs::temp_directory_path() /
               ("drx_qdiff_" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(dir);
    {
        std::ofstream s(dir / "o.py");
        s << "import sys, urllib.parse\n"
             "out = []\n"
             "for h in open(sys.argv[1]).read().split('\\n')[:-1]:\n"
             "    q = bytes.fromhex(h[1:]).decode('utf-8')\n"
             "    pairs = urllib.parse.parse_qsl(q, keep_blank_values=True)\n"
             "    enc = urllib.parse.urlencode(pairs)\n"
             "    out.append(' '.join([enc.encode().hex() or '-'] + [(k.encode().hex() or '-') + ':' + "
             "(v.encode().hex() or '-') for k, v in pairs]))\n"
             "open(sys.argv[2], 'w').write('\\n'.join(out) + '\\n')\n";
        std::ofstream in(dir / "in.txt");
        for (auto const& q : queries) in << 'x' << to_hex(q) << '\n';
    }
    std::string cmd = "python3 '" + (dir / "o.py").string() + "' '" + (dir / "in.txt").string() + "' '" +
                      (dir / "out.txt").string() + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::ifstream out(dir / "out.txt");
    std::size_t n = 0, bad = 0;
    auto unhex = [](std::string const& h) { return h == "-" ? std::string() : from_hex(h); };
    for (std::string line; std::getline(out, line) && n < queries.size(); ++n) {
        auto cols = split(line, ' ');
        std::vector<drx::query_pair> want;
        for (std::size_t i = 1; i < cols.size(); ++i) {
            auto kv = split(cols[i], ':');
            want.push_back({unhex(kv[0]), unhex(kv[1])});
        }
        auto r = drx::decode_query(queries[n]);
        bool ok = r.ok() && r.value() == want && drx::encode_query(want) == unhex(cols[0]);
        if (!ok && ++bad <= 5) {
            CAPTURE(queries[n]);
            CHECK(r.ok());
            if (r.ok()) CHECK(r.value() == want);
            CHECK(drx::encode_query(want) == unhex(cols[0]));
        }
    }
    CHECK(n == queries.size());
    CHECK(bad == 0);
    MESSAGE("urllib.parse differential: " << n << " random query strings");
    std::error_code ec;
    fs::remove_all(dir, ec);
}

// ---- round trips -----------------------------------------------------------------------------

TEST_CASE("round trip: object -> query -> object, and canonical query -> object -> query") {
    std::mt19937_64 rng(7);
    static char const* const text_atoms[] = {"a", "Z", "0", " ", "+", "&", "=", "%", "~", "-", "_", ".", "/", "?",
                                             "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\x01", "\x7f", ";", "#"};
    auto text = [&] {
        std::string s;
        for (std::size_t j = 1 + rng() % 6; j > 0; --j) s += text_atoms[rng() % std::size(text_atoms)];
        return s;
    };
    auto number = [&] {
        switch (rng() % 5) {
            case 0: return std::ldexp(static_cast<double>(rng() % 1000000), -static_cast<int>(rng() % 60));
            case 1: return -static_cast<double>(rng() % 1000) / 7.0;
            case 2: return 1e-7 * static_cast<double>(rng() % 10);
            case 3: return 1e300 * static_cast<double>(rng() % 3);
            default: return static_cast<double>(rng() % 2) - 0.0;
        }
    };
    for (int k = 0; k < 2000; ++k) {
        deployment_predictions_query q;
        if (rng() % 2) q.max_explanations = rng() % 5 ? drx::scalar(static_cast<std::int64_t>(rng() % 101)) : drx::scalar("all");
        if (rng() % 4 == 0) q.max_codes = drx::scalar(static_cast<std::int64_t>(rng() % 101));
        if (rng() % 2) q.threshold_low = number();
        if (rng() % 2) q.threshold_high = number();
        if (rng() % 2) q.exclude_adjusted_predictions = rng() % 2 == 0;
        if (rng() % 3 == 0) q.explanation_num_top_classes = static_cast<std::int64_t>(1 + rng() % 10);
        if (rng() % 3 == 0) {
            q.explanation_class_names.emplace();
            for (std::size_t j = 1 + rng() % 4; j > 0; --j) q.explanation_class_names->push_back(text());
        }
        if (rng() % 3 == 0) {
            q.passthrough_columns.emplace();
            for (std::size_t j = 1 + rng() % 3; j > 0; --j) q.passthrough_columns->push_back(text());
        }
        if (rng() % 4 == 0) q.passthrough_columns_set = "all";
        if (rng() % 2) q.prediction_warning_enabled = rng() % 2 == 0;
        if (rng() % 4 == 0) q.max_ngram_explanations = rng() % 2 ? drx::scalar("all") : drx::scalar(std::int64_t{5});
        if (rng() % 4 == 0) q.explanation_algorithm = rng() % 2 ? "shap" : "xemp";
        std::string s = drx::write_query(q);
        auto r = drx::read_query<deployment_predictions_query>(s);
        REQUIRE(r.ok());
        CAPTURE(s);
        CHECK(json_of(r.value()) == json_of(q));
        CHECK(drx::write_query(r.value()) == s);
    }
}

// ---- rules on the JSON form (drx check deployment-predictions-query) ------------------------

namespace {

std::vector<drx::diagnostic> check_json(std::string_view json, drx::context const* ctx = nullptr) {
    drx::validate_options o;
    o.check.level = drx::level::rules;
    o.check.ctx = ctx;
    return drx::validate<deployment_predictions_query>(json, o).diagnostics();
}

}  // namespace

TEST_CASE("rules: boundaries, with rule id and pointer") {
    // explanations.max.range: [0, 100]
    CHECK(errors(check_json(R"({"maxExplanations": 0})")) == 0);
    CHECK(errors(check_json(R"({"maxExplanations": 100})")) == 0);
    CHECK(has(check_json(R"({"maxExplanations": -1})"), "explanations.max.range", "/maxExplanations"));
    CHECK(has(check_json(R"({"maxExplanations": 101})"), "explanations.max.range", "/maxExplanations"));
    CHECK(has(check_json(R"({"maxCodes": 101})"), "explanations.max.range", "/maxCodes"));
    // deployment.max_explanations.type: an integer or "all"
    CHECK(has(check_json(R"({"maxExplanations": 2.5})"), "deployment.max_explanations.type", "/maxExplanations"));
    CHECK(has(check_json(R"({"maxExplanations": "ten"})"), "deployment.max_explanations.type", "/maxExplanations"));
    CHECK(has(check_json(R"({"maxExplanations": true})"), "deployment.max_explanations.type", "/maxExplanations"));
    CHECK(errors(check_json(R"({"maxExplanations": 5.0})")) == 0);
    // explanations.max.all_requires_shap (context)
    auto shap = ctx_with(std::nullopt, drx::explanation_algorithm::shap);
    auto xemp = ctx_with(std::nullopt, drx::explanation_algorithm::xemp);
    CHECK(errors(check_json(R"({"maxExplanations": "all"})", &shap)) == 0);
    CHECK(has(check_json(R"({"maxExplanations": "all"})", &xemp), "explanations.max.all_requires_shap",
              "/maxExplanations"));
    auto skipped = drx::check(deployment_predictions_query{}, {.level = drx::level::rules});
    CHECK(std::any_of(skipped.skipped.begin(), skipped.skipped.end(),
                      [](drx::skipped_rule const& s) { return s.rule == "explanations.max.all_requires_shap"; }));
    // thresholds: finite, and the order warning
    deployment_predictions_query q;
    q.threshold_low = std::numeric_limits<double>::quiet_NaN();
    auto rep = drx::check(q, {.level = drx::level::rules});
    CHECK(has(rep.diagnostics, "explanations.threshold.finite", "/thresholdLow"));
    CHECK(has(check_json(R"({"thresholdLow": 0.7, "thresholdHigh": 0.3})"), "explanations.threshold.order",
              "/thresholdLow", drx::severity::warning));
    CHECK(check_json(R"({"thresholdLow": 0.3, "thresholdHigh": 0.3})").empty());
    CHECK(has(check_json(R"({"thresholdLow": "0.3"})"), "schema.type", "/thresholdLow"));
    // mode.num_top_classes.range: [1, 10]
    CHECK(has(check_json(R"({"explanationNumTopClasses": 0})"), "mode.num_top_classes.range",
              "/explanationNumTopClasses"));
    CHECK(errors(check_json(R"({"explanationNumTopClasses": 1})")) == 0);
    CHECK(errors(check_json(R"({"explanationNumTopClasses": 10})")) == 0);
    CHECK(has(check_json(R"({"explanationNumTopClasses": 11})"), "mode.num_top_classes.range",
              "/explanationNumTopClasses"));
    CHECK(has(check_json(R"({"explanationNumTopClasses": 1.5})"), "schema.type", "/explanationNumTopClasses"));
    // mode.class_names.size / item / unique
    CHECK(has(check_json(R"({"explanationClassNames": []})"), "mode.class_names.size", "/explanationClassNames"));
    CHECK(errors(check_json(R"({"explanationClassNames": ["a","b","c","d","e","f","g","h","i","j"]})")) == 0);
    CHECK(has(check_json(R"({"explanationClassNames": ["a","b","c","d","e","f","g","h","i","j","k"]})"),
              "mode.class_names.size", "/explanationClassNames"));
    CHECK(has(check_json(R"({"explanationClassNames": ["a", ""]})"), "mode.class_names.item", "/explanationClassNames/1"));
    CHECK(has(check_json(R"({"explanationClassNames": ["a", "b", "a"]})"), "mode.class_names.unique",
              "/explanationClassNames/2"));
    CHECK(has(check_json(R"({"explanationClassNames": ["a", 1]})"), "schema.type", "/explanationClassNames/1"));
    // deployment.class_modes.exclusive
    CHECK(has(check_json(R"({"explanationNumTopClasses": 2, "explanationClassNames": ["a"]})"),
              "deployment.class_modes.exclusive", "/explanationClassNames"));
    // mode.model_kind (context)
    auto bin = ctx_with(drx::model_kind::binary, std::nullopt);
    auto clu = ctx_with(drx::model_kind::clustering, std::nullopt);
    CHECK(has(check_json(R"({"explanationClassNames": ["a"]})", &bin), "mode.model_kind", "/explanationClassNames"));
    CHECK(errors(check_json(R"({"explanationClassNames": ["a"]})", &clu)) == 0);
    // deployment.passthrough_set
    CHECK(errors(check_json(R"({"passthroughColumnsSet": "all"})")) == 0);
    CHECK(has(check_json(R"({"passthroughColumnsSet": "All"})"), "deployment.passthrough_set", "/passthroughColumnsSet"));
    // explanations.max_ngram
    CHECK(errors(check_json(R"({"maxNgramExplanations": "all"})")) == 0);
    CHECK(errors(check_json(R"({"maxNgramExplanations": 0})")) == 0);
    CHECK(has(check_json(R"({"maxNgramExplanations": -1})"), "explanations.max_ngram", "/maxNgramExplanations"));
    CHECK(has(check_json(R"({"maxNgramExplanations": "some"})"), "explanations.max_ngram", "/maxNgramExplanations"));
    // explanations.algorithm / .model
    CHECK(has(check_json(R"({"explanationAlgorithm": "lime"})"), "explanations.algorithm", "/explanationAlgorithm"));
    CHECK(has(check_json(R"({"explanationAlgorithm": "shap"})", &xemp), "explanations.algorithm.model",
              "/explanationAlgorithm"));
    CHECK(errors(check_json(R"({"explanationAlgorithm": "shap"})", &shap)) == 0);
    // deployment.multiclass / deployment.time_series as rules (the default policy)
    auto mc = ctx_with(drx::model_kind::multiclass, std::nullopt);
    auto ts = ctx_with(drx::model_kind::time_series, std::nullopt);
    CHECK(has(check_json(R"({"maxExplanations": 3})", &mc), "deployment.multiclass", ""));
    CHECK(errors(check_json(R"({"maxExplanations": 0})", &mc)) == 0);
    CHECK(has(check_json(R"({})", &ts), "deployment.time_series", ""));
    // deployment.max_codes.deprecated
    CHECK(has(check_json(R"({"maxExplanations": 1, "maxCodes": 2})"), "deployment.max_codes.deprecated", "/maxCodes",
              drx::severity::warning));
}

TEST_CASE("explanation_limit: XEMP and SHAP readings of maxExplanations (docs/reference/objects.md)") {
    using drx::explanation_algorithm;
    deployment_predictions_query q;
    CHECK(drx::explanation_limit(q, explanation_algorithm::xemp) == 0);
    CHECK(drx::explanation_limit(q, explanation_algorithm::shap) == 0);
    q.max_explanations = drx::scalar(std::int64_t{0});
    CHECK(drx::explanation_limit(q, explanation_algorithm::xemp) == 0);
    CHECK(drx::explanation_limit(q, explanation_algorithm::shap) == std::nullopt);
    q.max_explanations = drx::scalar("all");
    CHECK(drx::explanation_limit(q, explanation_algorithm::shap) == std::nullopt);
    q.max_explanations = drx::scalar(std::int64_t{7});
    q.max_codes = drx::scalar(std::int64_t{2});
    CHECK(drx::explanation_limit(q, explanation_algorithm::xemp) == 7);  // maxExplanations wins over maxCodes
    // The JSON form may hold floats; odd ones do not overflow.
    q.max_explanations = drx::scalar(5.0);
    CHECK(drx::explanation_limit(q, explanation_algorithm::xemp) == 5);
    q.max_explanations = drx::scalar(1e300);
    CHECK(drx::explanation_limit(q, explanation_algorithm::xemp) == INT64_MAX);
    q.max_explanations = drx::scalar(std::numeric_limits<double>::quiet_NaN());
    CHECK(drx::explanation_limit(q, explanation_algorithm::xemp) == 0);
}
