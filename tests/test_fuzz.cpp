// SPDX-License-Identifier: BSL-1.0
// The fuzzing support: the libFuzzer adapter and structure-aware mutator of
// drx/tools/fuzz.hpp, its dictionaries, and the query-string generators of
// drx/tools/generate_query.hpp.
//  - fuzz_instance: the same bytes give the same instance; any bytes give an instance that
//    writes and reads back; fuzz_valid_instance only returns instances that pass check();
//  - mutate_json_text: every kind of mutation is reached; each does what it says (a relayout
//    reads to the same document, a schema break fails at the schema level, the others read);
//    unreadable input becomes a fresh valid document; mutate_json respects max_size and gives
//    byte-level calls to the fallback;
//  - fuzz_dictionary: the wire names the seed documents use are in it, in both forms;
//  - query strings: valid ones are accepted by the server side; each near miss gives exactly its
//    labelled error, and the conversion failures draw seed 003's exact 422 bodies.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/mp11/algorithm.hpp>

#include <drx/api/deployment_server.hpp>
#include <drx/schemas.hpp>
#include <drx/tools/fuzz.hpp>
#include <drx/tools/generate_query.hpp>

#include "support/test_support.hpp"

namespace {

template <class F>
void for_each_schema(F&& f) {
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, drx::all_schemas>>(f);
}

std::vector<std::uint8_t> random_bytes(std::mt19937_64& rng, std::size_t n) {
    std::vector<std::uint8_t> b(n);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    return b;
}

template <class T>
drx::result<T> read_strict(std::string const& text) {
    return drx::read<T>(text);
}

}  // namespace

TEST_CASE("fuzz_instance: deterministic, and any bytes give an instance that writes and reads back") {
    std::mt19937_64 rng(11);
    for_each_schema([&](auto t) {
        using T = typename decltype(t)::type;
        std::string name(drx::schema_name_of<T>());
        for (std::size_t n : {0, 1, 7, 64, 512}) {
            for (int k = 0; k < 10; ++k) {
                auto bytes = random_bytes(rng, n);
                T a = drx::fuzz_instance<T>(bytes.data(), bytes.size());
                T b = drx::fuzz_instance<T>(bytes.data(), bytes.size());
                drx::result<std::string> ta = drx::write(a), tb = drx::write(b);
                REQUIRE_MESSAGE(ta.ok(), name);
                REQUIRE(tb.ok());
                CHECK_MESSAGE(ta.value() == tb.value(), name);
                drx::result<T> back = read_strict<T>(ta.value());
                REQUIRE_MESSAGE(back.unchecked(), name << ": " << ta.value());
                CHECK_MESSAGE(!drx::has_errors(back.diagnostics()), name << ": " << ta.value());
                CHECK(drx::write(*back.unchecked()).value() == ta.value());
            }
        }
    });
}

TEST_CASE("fuzz_valid_instance: only instances that pass check(), and some inputs give one") {
    std::mt19937_64 rng(12);
    for_each_schema([&](auto t) {
        using T = typename decltype(t)::type;
        std::size_t valid = 0;
        for (int k = 0; k < 40; ++k) {
            auto bytes = random_bytes(rng, 256);
            std::optional<T> v = drx::fuzz_valid_instance<T>(bytes.data(), bytes.size());
            if (!v) continue;
            ++valid;
            CHECK(drx::check(*v, {.level = drx::level::rules}).diagnostics.empty());
        }
        CHECK_MESSAGE(valid > 0, drx::schema_name_of<T>());
    });
}

TEST_CASE("mutate_json_text: every mutation is reached and does what it says") {
    for_each_schema([&](auto t) {
        using T = typename decltype(t)::type;
        std::string name(drx::schema_name_of<T>());
        drx::seeded_entropy seed_source(3);
        drx::generator g(seed_source);
        drx::result<T> base = drx::generate_valid<T>(g);
        REQUIRE(base.ok());
        std::string doc = drx::to_json(base.value());
        std::map<drx::json_mutation, std::size_t> seen;
        for (std::uint64_t s = 0; s < 150; ++s) {
            drx::seeded_entropy e(s);
            drx::json_mutation kind{};
            std::optional<std::string> out = drx::mutate_json_text<T>(doc, e, {}, &kind);
            REQUIRE_MESSAGE(out.has_value(), name);
            ++seen[kind];
            drx::result<T> r = drx::read<T>(*out);
            switch (kind) {
                case drx::json_mutation::fresh:
                    CHECK_MESSAGE(r.ok(), name << ": " << *out);
                    CHECK(drx::check(*r.unchecked(), {.level = drx::level::consistency}).diagnostics.empty());
                    break;
                case drx::json_mutation::regenerate_object:
                case drx::json_mutation::rule_boundary:
                    // Still the schema's shape: no schema-level error (rules may break).
                    CHECK_MESSAGE(r.unchecked(), name << ": " << *out);
                    CHECK_MESSAGE(!drx::has_errors(r.diagnostics()), name << ": " << *out);
                    break;
                case drx::json_mutation::schema_break: {
                    // Reading refuses it: a schema.* error, or the rule id a member
                    // declares for its type or enumeration failures (wrong_type, one_of).
                    bool read_error = false;
                    for (auto const& d : r.diagnostics())
                        read_error |= d.severity == drx::severity::error &&
                                      (d.rule.starts_with("schema.") || d.rule == "clustering.unsupervised_type" ||
                                       d.rule == "clustering.cluster_list.type");
                    CHECK_MESSAGE(read_error, name << ": " << *out);
                    break;
                }
                case drx::json_mutation::relayout:
                    REQUIRE_MESSAGE(r.ok(), name << ": " << *out);
                    CHECK(drx::to_json(r.value()) == doc);
                    if (doc.size() > 2) CHECK(*out != doc);
                    break;
            }
        }
        MESSAGE(name << ": fresh " << seen[drx::json_mutation::fresh] << ", regenerate "
                     << seen[drx::json_mutation::regenerate_object] << ", boundary "
                     << seen[drx::json_mutation::rule_boundary] << ", schema " << seen[drx::json_mutation::schema_break]
                     << ", relayout " << seen[drx::json_mutation::relayout]);
        CHECK(seen[drx::json_mutation::fresh] > 0);
        CHECK(seen[drx::json_mutation::regenerate_object] > 0);
        CHECK(seen[drx::json_mutation::relayout] > 0);
        if (doc.size() > 2) CHECK(seen[drx::json_mutation::schema_break] > 0);  // some member to break
    });
}

TEST_CASE("mutate_json_text: unreadable input becomes a fresh valid document") {
    for (std::string junk : {"", "{", "[1,2]", "not json", "{\"data\": 5}"}) {
        drx::seeded_entropy e(5);
        drx::json_mutation kind{};
        auto out = drx::mutate_json_text<drx::prediction_explanations_page>(junk, e, {}, &kind);
        REQUIRE(out.has_value());
        CHECK(kind == drx::json_mutation::fresh);
        CHECK(drx::validate<drx::prediction_explanations_page>(*out).ok());
    }
}

namespace {
std::size_t fallback_calls = 0;
std::size_t counting_fallback(std::uint8_t* data, std::size_t size, std::size_t max_size) {
    ++fallback_calls;
    if (size < max_size) data[size++] = 'x';
    return size;
}
}  // namespace

TEST_CASE("mutate_json: in place, within max_size, with byte-level calls for the fallback") {
    drx::seeded_entropy e(1);
    drx::generator g(e);
    std::string doc = drx::to_json(drx::generate_valid<drx::cluster_list>(g).value());
    std::vector<std::uint8_t> buf(1 << 16);
    std::size_t structural = 0;
    fallback_calls = 0;
    for (unsigned seed = 0; seed < 200; ++seed) {
        std::copy(doc.begin(), doc.end(), buf.begin());
        std::size_t before = fallback_calls;
        std::size_t n = drx::mutate_json<drx::cluster_list>(buf.data(), doc.size(), buf.size(), seed,
                                                            {.fallback = &counting_fallback});
        REQUIRE(n <= buf.size());
        if (fallback_calls == before) {
            ++structural;
            std::string out(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
            boost::json::error_code ec;  // structural results are JSON (repeated keys included)
            (void)boost::json::parse(out, ec);
            CHECK_MESSAGE(!ec, out);
        }
    }
    // byte_level is 0.25: about 50 of 200 calls go to the fallback.
    CHECK(fallback_calls >= 25);
    CHECK(fallback_calls <= 80);
    CHECK(structural + fallback_calls == 200);

    // No room: the fallback decides, or (without one) the input stays as it is.
    std::copy(doc.begin(), doc.end(), buf.begin());
    std::size_t tight = drx::mutate_json<drx::cluster_list>(buf.data(), doc.size(), 3, 9);
    CHECK(tight == doc.size());
    CHECK(std::string(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(doc.size())) == doc);
}

TEST_CASE("fuzz_dictionary: the wire names and literals of the seed documents, in both forms") {
    std::string json = drx::fuzz_dictionary<drx::prediction_explanations_page, drx::cluster_rename_request,
                                            drx::deployment_xemp_response>();
    // Seed 002's and seed 000's wire names, seed 003's keys.
    for (std::string key : {"predictionExplanationsRecordLocation", "qualitativeStrength", "featureValue",
                            "clusterNameMappings", "currentName", "newName", "predictionValues", "rowId"})
        CHECK_MESSAGE(json.find("\"\\\"" + key + "\\\":\"\n") != std::string::npos, key);
    CHECK(json.find("\"\\\"+++\\\"\"\n") != std::string::npos);  // an enumerated symbol (one_of)
    CHECK(json.find("\"{\"\n") != std::string::npos);

    std::string query = drx::fuzz_dictionary<drx::deployment_predictions_query>(drx::dictionary_form::query);
    for (std::string p : {"maxExplanations=", "thresholdHigh=", "thresholdLow=", "explanationNumTopClasses=",
                          "explanationClassNames=", "excludeAdjustedPredictions=", "predictionWarningEnabled="})
        CHECK_MESSAGE(query.find("\"" + p + "\"\n") != std::string::npos, p);
    CHECK(query.find("\"shap\"\n") != std::string::npos);
    CHECK(query.find("\"xemp\"\n") != std::string::npos);
    CHECK(query.find("\"&\"\n") != std::string::npos);
    // Every entry is one line in libFuzzer's "..." form.
    std::istringstream in(json + query);
    for (std::string line; std::getline(in, line);)
        if (!line.starts_with("#")) CHECK_MESSAGE((line.size() >= 2 && line.front() == '"' && line.back() == '"'), line);
}

namespace {

/// Seed 003's error bodies by reason (tests/data/deployment/seed003_errors.txt).
std::map<std::string, std::string> seed_bodies() {
    std::map<std::string, std::string> out;
    std::ifstream f(std::filesystem::path(std::getenv("DRX_SOURCE_DIR") ? std::getenv("DRX_SOURCE_DIR") : ".") /
                    "tests/data/deployment/seed003_errors.txt");
    for (std::string line; std::getline(f, line);) {
        if (line.empty() || line[0] == '#') continue;
        auto a = line.find('\t'), b = line.find('\t', a + 1);
        out[line.substr(a + 1, b - a - 1)] = line.substr(b + 1);
    }
    return out;
}

}  // namespace

TEST_CASE("query strings: valid ones are accepted; near misses give exactly their label and draw 422 bodies") {
    using Q = drx::deployment_predictions_query;
    auto bodies = seed_bodies();
    REQUIRE(bodies.size() == 9);
    // The rule ids of seed 003's conversion failures, and the bodies they draw.
    std::map<std::string, std::string> seed_body_of = {
        {"deployment.max_explanations.type", bodies["max_codes"]},
        {"deployment.threshold_high.type", bodies["threshold_high"]},
        {"deployment.threshold_low.type", bodies["threshold_low"]},
        {"deployment.exclude_adjusted.type", bodies["exclude_adjusted"]},
        {"deployment.prediction_warning.type", bodies["prediction_warning"]},
    };
    std::set<std::string> rules_seen, seed_bodies_drawn;
    for (std::uint64_t seed : {1, 2, 3, 4, 5, 6, 7, 8}) {
        drx::seeded_entropy e(seed);
        drx::generator g(e);
        for (int k = 0; k < 5; ++k) {
            drx::result<std::string> q = drx::generate_valid_query<Q>(g);
            REQUIRE(q.ok());
            auto answer = drx::check_predictions_request(std::nullopt, q.value(), nullptr, nullptr);
            CHECK_MESSAGE(answer.ok(), q.value() << " -> " << (answer.error ? answer.error->body : ""));
        }
        auto cases = drx::query_near_misses<Q>(g, 30);
        CHECK(cases.size() >= 20);
        for (auto const& c : cases) {
            rules_seen.insert(c.rule);
            // Independent of the generator's own verification: read and check again.
            drx::result<Q> r = drx::read_query<Q>(c.instance);
            std::vector<drx::diagnostic> ds = r.diagnostics();
            if (r.unchecked())
                for (auto& d : drx::check(*r.unchecked(), {.level = drx::level::rules}).diagnostics) ds.push_back(d);
            CHECK_MESSAGE(drx_test::errors(ds) == 1, c.instance);
            CHECK_MESSAGE(drx_test::has(ds, c.rule, c.pointer), c.rule << " " << c.pointer << " :: " << c.instance);
            auto answer = drx::check_predictions_request(std::nullopt, c.instance, nullptr, nullptr);
            REQUIRE_MESSAGE(answer.error, c.rule << " :: " << c.instance);
            CHECK_MESSAGE(answer.error->status == 422, c.rule << " :: " << c.instance);
            // maxCodes breaks maxExplanations' type rule under its own name: the same Dict key.
            if (auto it = seed_body_of.find(c.rule); it != seed_body_of.end()) {
                CHECK_MESSAGE(answer.error->body == it->second, c.instance);
                seed_bodies_drawn.insert(c.rule);
            }
        }
    }
    for (auto const& kv : seed_body_of) CHECK_MESSAGE(seed_bodies_drawn.count(kv.first), kv.first);
    for (std::string rule : {"explanations.max.range", "explanations.max_ngram", "deployment.passthrough_set",
                             "explanations.algorithm", "mode.class_names.size"})
        CHECK_MESSAGE(rules_seen.count(rule), rule);
}

TEST_CASE("query strings under a context: the multiclass and time series bodies, and the context rules") {
    using Q = drx::deployment_predictions_query;
    auto bodies = seed_bodies();
    auto draws = [&](drx::context const& ctx, std::set<std::string> const& want) {
        std::set<std::string> seen;
        for (std::uint64_t seed : {1, 2, 3, 4}) {
            drx::seeded_entropy e(seed);
            drx::generate_options o;
            o.ctx = &ctx;
            drx::generator g(e, o);
            for (auto const& c : drx::query_near_misses<Q>(g, 40)) {
                seen.insert(c.rule);
                auto answer = drx::check_predictions_request(std::nullopt, c.instance, nullptr, &ctx);
                REQUIRE_MESSAGE(answer.error, c.rule << " :: " << c.instance);
                CHECK_MESSAGE(answer.error->status == 422, c.rule << " :: " << c.instance);
                if (c.rule == "deployment.multiclass") CHECK(answer.error->body == bodies["multiclass"]);
            }
        }
        for (auto const& r : want) CHECK_MESSAGE(seen.count(r), "no near miss of " << r);
    };
    drx::context multiclass;
    multiclass.model_kind = drx::model_kind::multiclass;
    multiclass.algorithm = drx::explanation_algorithm::xemp;
    draws(multiclass, {"deployment.multiclass", "deployment.max_explanations.type"});
    drx::context regression;
    regression.model_kind = drx::model_kind::regression;
    regression.algorithm = drx::explanation_algorithm::xemp;
    draws(regression, {"explanations.max.all_requires_shap", "explanations.algorithm.model", "mode.model_kind"});
    drx::context binary;
    binary.model_kind = drx::model_kind::binary;
    binary.algorithm = drx::explanation_algorithm::shap;
    draws(binary, {"mode.model_kind", "explanations.algorithm.model"});

    // Time series: the route refuses every query, valid or not, with seed 003's body.
    drx::context ts;
    ts.model_kind = drx::model_kind::time_series;
    drx::seeded_entropy e(9);
    drx::generator g(e);
    for (int k = 0; k < 10; ++k) {
        auto q = drx::generate_valid_query<Q>(g);
        REQUIRE(q.ok());
        auto answer = drx::check_predictions_request(std::nullopt, q.value(), nullptr, &ts);
        REQUIRE(answer.error);
        CHECK(answer.error->status == 422);
        CHECK(answer.error->body == bodies["time_series"]);
    }
}
