// SPDX-License-Identifier: BSL-1.0
// The generators of drx/tools/generate.hpp over every schema of the catalogue (drx::all_schemas,
// iterated as a type list: no per-schema code). For each schema and several seeds:
//  - every generate_valid() instance passes an independent check (written, read back with
//    drx::validate at the consistency level, `drx check`'s default: no diagnostic at all),
//    and re-reading it writes the same text;
//  - the same seed gives the same instances, boundary cases and near misses;
//  - every near miss fails with exactly its label: reading its text gives one diagnostic, with
//    the labelled rule id and pointer;
//  - every boundary case behaves as labelled (no diagnostic when valid, exactly its rule and
//    pointer when not);
//  - byte_entropy: arbitrary bytes (including none) always yield an instance that writes.
// The counts per schema are printed (MESSAGE) so that a schema the generators barely reach shows.
#include <doctest/doctest.h>

#include <drx/drx.hpp>
#include <drx/schemas.hpp>
#include <drx/tools/generate.hpp>

#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

/// The context of the tests: the facts the clustering and mode rules need.
drx::context const& full_context() {
    static drx::context const c = [] {
        drx::context x;
        x.cluster_names = std::vector<std::string>{"Cluster 1", "Cluster 2", "Cluster 3", "Cluster 4"};
        x.n_clusters = 4;
        x.model_kind = drx::model_kind::clustering;
        return x;
    }();
    return c;
}

constexpr std::uint64_t seeds[] = {1, 2, 3, 7, 42, 1234, 99991, 0xdeadbeef};

template <class T>
std::vector<drx::diagnostic> diagnostics_at(std::string const& text, drx::level lvl, drx::context const* ctx) {
    drx::result<T> r = drx::validate<T>(text, {.read = {}, .check = {.level = lvl, .ctx = ctx}});
    return std::move(r.diagnostics());
}

std::string describe(std::vector<drx::diagnostic> const& ds) {
    std::ostringstream o;
    for (auto const& d : ds) o << "[" << d.pointer << " " << d.rule << " " << d.message << "] ";
    return o.str();
}

/// A labelled invalid case's diagnostics: at the rules level, or at the consistency level for
/// consistency rules (nothing is reported for them at the rules level).
template <class T>
std::vector<drx::diagnostic> invalid_case_diagnostics(drx::labelled_case const& c, drx::context const* ctx) {
    auto ds = diagnostics_at<T>(c.instance, drx::level::rules, ctx);
    if (ds.empty()) ds = diagnostics_at<T>(c.instance, drx::level::consistency, ctx);
    return ds;
}

template <class F>
void for_each_schema(F&& f) {
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, drx::all_schemas>>(f);
}

}  // namespace

TEST_CASE("generate_valid: every instance of every schema passes check and writes back the same text") {
    for (drx::context const* ctx : {static_cast<drx::context const*>(nullptr), &full_context()}) {
        for_each_schema([&](auto t) {
            using T = typename decltype(t)::type;
            std::string name(drx::schema_name_of<T>());
            std::size_t made = 0, failures = 0;
            for (std::uint64_t seed : seeds) {
                drx::seeded_entropy e(seed);
                drx::generate_options o;
                o.ctx = ctx;
                drx::generator g(e, o);
                for (int k = 0; k < 4; ++k) {
                    drx::result<T> r = drx::generate_valid<T>(g);
                    if (!r) {
                        ++failures;
                        FAIL_CHECK(name << " seed " << seed << ": no valid instance; last attempt: "
                                        << describe(r.diagnostics()));
                        continue;
                    }
                    drx::result<std::string> text = drx::write(r.value());
                    REQUIRE_MESSAGE(text.ok(), name << ": write failed: " << describe(text.diagnostics()));
                    auto ds = diagnostics_at<T>(text.value(), drx::level::consistency, ctx);
                    if (!ds.empty()) ++failures;
                    CHECK_MESSAGE(ds.empty(), name << " seed " << seed << ": " << text.value() << " -> " << describe(ds));
                    drx::result<T> again = drx::read<T>(text.value());
                    REQUIRE_MESSAGE(again.ok(), name << ": " << text.value() << " -> " << describe(again.diagnostics()));
                    drx::result<std::string> text2 = drx::write(again.value());
                    REQUIRE(text2.ok());
                    CHECK_MESSAGE(text2.value() == text.value(), name);
                    ++made;
                }
            }
            MESSAGE(name << std::string(ctx ? " (context)" : " (no context)") << ": " << made << " valid instances, " << failures
                         << " failures");
            CHECK(failures == 0);
        });
    }
}

TEST_CASE("generators are deterministic: the same seed gives the same instances and cases") {
    for_each_schema([&](auto t) {
        using T = typename decltype(t)::type;
        auto run = [](std::uint64_t seed) {
            drx::seeded_entropy e(seed);
            drx::generate_options o;
            o.ctx = &full_context();
            drx::generator g(e, o);
            std::string out;
            for (int k = 0; k < 3; ++k) {
                auto r = drx::generate_valid<T>(g);
                out += r ? drx::to_json(r.value()) : std::string("<none>");
                out += '\n';
            }
            for (auto const& c : drx::boundary_cases<T>(g)) out += c.rule + c.pointer + c.label + c.instance + '\n';
            for (auto const& c : drx::near_misses<T>(g, 10)) out += c.rule + c.pointer + c.label + c.instance + '\n';
            return out;
        };
        std::string a = run(17), b = run(17), c = run(18);
        CHECK_MESSAGE(a == b, drx::schema_name_of<T>());
        CHECK_MESSAGE(a != c, drx::schema_name_of<T>() << ": seeds 17 and 18 gave the same output");
    });
}

TEST_CASE("near misses fail with exactly their label; boundary cases behave as labelled") {
    for_each_schema([&](auto t) {
        using T = typename decltype(t)::type;
        std::string name(drx::schema_name_of<T>());
        drx::context const* ctx = &full_context();
        std::size_t misses = 0, edges_valid = 0, edges_invalid = 0;
        std::set<std::string> rules_hit;
        for (std::uint64_t seed : {1u, 2u, 3u}) {
            drx::seeded_entropy e(seed);
            drx::generate_options o;
            o.ctx = ctx;
            drx::generator g(e, o);
            for (auto const& c : drx::near_misses<T>(g, 20)) {
                ++misses;
                rules_hit.insert(c.rule);
                CHECK_FALSE(c.valid);
                auto ds = invalid_case_diagnostics<T>(c, ctx);
                REQUIRE_MESSAGE(ds.size() == 1, name << " " << c.label << " " << c.instance << " -> " << describe(ds));
                CHECK_MESSAGE(ds[0].rule == c.rule, name << " " << c.label << " " << c.instance);
                CHECK_MESSAGE(ds[0].pointer == c.pointer, name << " " << c.label << " " << c.instance);
                CHECK(ds[0].severity == drx::severity::error);
            }
            for (auto const& c : drx::boundary_cases<T>(g)) {
                if (c.valid) {
                    ++edges_valid;
                    auto ds = diagnostics_at<T>(c.instance, drx::level::rules, ctx);
                    CHECK_MESSAGE(ds.empty(), name << " " << c.rule << " " << c.label << " " << c.instance << " -> "
                                                   << describe(ds));
                } else {
                    ++edges_invalid;
                    auto ds = invalid_case_diagnostics<T>(c, ctx);
                    REQUIRE_MESSAGE(ds.size() == 1, name << " " << c.label << " " << c.instance << " -> " << describe(ds));
                    CHECK_MESSAGE(ds[0].rule == c.rule, name << " " << c.label);
                    CHECK_MESSAGE(ds[0].pointer == c.pointer, name << " " << c.label);
                }
            }
        }
        MESSAGE(name << ": " << misses << " near misses over " << rules_hit.size() << " rule ids, " << edges_valid
                     << " valid and " << edges_invalid << " invalid boundary cases (3 seeds)");
        // Every schema has at least its schema-level near misses (a required or typed member).
        CHECK_MESSAGE(misses > 0, name);
    });
}

TEST_CASE("listing the mutation sites of an instance leaves it unchanged") {
    // A site changes the instance only when applied: listing them once made absent lists
    // present (the sites of each{} rules), so near misses carried members they were not about.
    for_each_schema([&](auto t) {
        using T = typename decltype(t)::type;
        for (std::uint64_t seed : seeds) {
            drx::seeded_entropy e(seed);
            drx::generate_options o;
            o.ctx = &full_context();
            drx::generator g(e, o);
            drx::result<T> v = drx::generate_valid<T>(g);
            REQUIRE(v.ok());
            T copy = v.value();
            auto sites = drx::detail::sites_of(copy, g);
            CHECK_MESSAGE(drx::to_json(copy) == drx::to_json(v.value()), drx::schema_name_of<T>() << " seed " << seed);
        }
    });
}

TEST_CASE("near misses reach the rules beyond ranges and sizes: vocabulary rules and drx_custom_sites hooks") {
    // Each schema's rules whose near misses come from the declared vocabulary (unique_by,
    // in_context: the rename rules) or from a near-miss hook (docs/reference/rule-sources.md);
    // every one must come up, labelled, among the schema's near misses (the test above checks that
    // each case fails with exactly its label).
    std::map<std::string, std::vector<std::string>> const expected = {
        {"cluster-name-mappings",
         {"rename.current.unique", "rename.new.unique", "rename.current.exists", "rename.collision"}},
        {"deployment-predictions-headers",
         {"deployment.authorization", "deployment.content_type", "deployment.content_encoding", "deployment.body_size"}},
        {"prediction-explanations-page",
         {"explanations.location.url", "response.row_id", "response.prediction_values.sum", "response.qualitative.sign"}},
        {"prediction-explanations-row", {"response.prediction_values.sum", "response.qualitative.sign"}},
        {"deployment-xemp-response", {"response.row_id", "response.prediction_values.sum", "response.qualitative.sign"}},
        {"deployment-shap-response", {"response.row_id", "response.prediction_values.sum"}},
    };
    for_each_schema([&](auto t) {
        using T = typename decltype(t)::type;
        std::string name(drx::schema_name_of<T>());
        auto it = expected.find(name);
        if (it == expected.end()) return;
        std::set<std::string> hit;
        for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
            drx::seeded_entropy e(seed);
            drx::generate_options o;
            o.ctx = &full_context();
            drx::generator g(e, o);
            for (auto const& c : drx::near_misses<T>(g, 60)) hit.insert(c.rule);
        }
        for (auto const& rule : it->second) CHECK_MESSAGE(hit.count(rule), name << ": no near miss of " << rule);
    });
}

TEST_CASE("byte_entropy: any bytes give an instance that writes, and the written text reads back") {
    std::mt19937_64 rng(5);
    std::vector<std::vector<std::uint8_t>> inputs{{}, {0}, {0xff}, std::vector<std::uint8_t>(64, 0xff),
                                                  std::vector<std::uint8_t>(64, 0)};
    for (int i = 0; i < 60; ++i) {
        std::vector<std::uint8_t> b(rng() % 200);
        for (auto& x : b) x = static_cast<std::uint8_t>(rng());
        inputs.push_back(std::move(b));
    }
    for_each_schema([&](auto t) {
        using T = typename decltype(t)::type;
        std::size_t n = 0;
        for (auto const& in : inputs) {
            drx::byte_entropy e(in.data(), in.size());
            drx::generator g(e);
            T v = g.make<T>();
            drx::result<std::string> text = drx::write(v);
            REQUIRE_MESSAGE(text.ok(), drx::schema_name_of<T>() << ": " << describe(text.diagnostics()));
            // Schema level: the text has the schema's shape (rules may fail: bytes are arbitrary).
            drx::result<T> back = drx::validate<T>(text.value(), {.read = {}, .check = {.level = drx::level::schema}});
            CHECK_MESSAGE(back.ok(), drx::schema_name_of<T>() << ": " << text.value() << " -> " << describe(back.diagnostics()));
            ++n;
        }
        CHECK(n == inputs.size());
    });
}

TEST_CASE("an ordered rule gives its boundary cases without a hook: equal is valid, above is the warning") {
    drx::seeded_entropy e(7);
    drx::generator g(e);
    bool equal = false, above = false;
    for (int round = 0; round < 5 && !(equal && above); ++round) {
        for (auto const& c : drx::boundary_cases<drx::prediction_explanations_create>(g)) {
            if (c.rule != "explanations.threshold.order") continue;
            auto r = drx::validate<drx::prediction_explanations_create>(c.instance);
            if (c.valid) {
                equal = true;
                CHECK(r.diagnostics().empty());
            } else {
                above = true;
                CHECK(c.pointer == "/thresholdLow");
                REQUIRE(r.diagnostics().size() == 1);
                CHECK(r.diagnostics()[0].rule == "explanations.threshold.order");
                CHECK(r.diagnostics()[0].severity == drx::severity::warning);
                CHECK(r.diagnostics()[0].message.find("is above thresholdHigh") != std::string::npos);
            }
        }
    }
    CHECK(equal);
    CHECK(above);
    // Generated instances never break it: the generator puts the two values in order.
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        drx::seeded_entropy s(seed);
        drx::generator gs(s);
        auto v = drx::generate_valid<drx::deployment_predictions_query>(gs);
        REQUIRE(v);
        if (v.value().threshold_low && v.value().threshold_high) CHECK(*v.value().threshold_low <= *v.value().threshold_high);
    }
}
