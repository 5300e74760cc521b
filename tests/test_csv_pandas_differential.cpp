// SPDX-License-Identifier: BSL-1.0
// Differential test of the CSV export against pandas.
//
// Generates many pages (std::mt19937_64, fixed seed): regression, binary, multiclass and
// clustering rows with both modes, text explanations (absent, null, [], lists), adjusted
// predictions, labels of every kind (strings sorted by code point, ints, floats, booleans),
// feature values of every kind (ints that become 57000.0 next to gaps, repr-hard floats,
// strings with commas, quotes, newlines and non-ASCII), later rows with fewer prediction
// values, deployment XEMP and SHAP responses, and a few pages the client cannot export at all.
// drx writes each page as JSON and exports it; tests/tools/pe_csv_oracle.py (a pandas
// re-implementation of the client's export, docs/reference/csv.md) exports the same JSON
// with pandas; the two CSV files must be byte-identical, and where the client fails drx must
// refuse too.
//
// Needs a python3 with pandas (the one on PATH, then /usr/bin/python3, or $DRX_PYTHON). Without
// it the test says "SKIPPED: ..." and asserts nothing else.
#include <doctest/doctest.h>

#include <drx/tools/csv.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <bit>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

fs::path source_dir() {
    if (char const* src = std::getenv("DRX_SOURCE_DIR")) return src;
    return fs::path(__FILE__).parent_path().parent_path();
}

/// A python3 that can import pandas, or "".
std::string find_pandas_python() {
    std::vector<std::string> candidates;
    if (char const* p = std::getenv("DRX_PYTHON")) candidates.emplace_back(p);
    candidates.emplace_back("python3");
    candidates.emplace_back("/usr/bin/python3");
    for (auto const& c : candidates) {
        std::string cmd = "\"" + c + "\" -c \"import pandas\" >/dev/null 2>&1";
        if (std::system(cmd.c_str()) == 0) return c;
    }
    return {};
}

class temp_dir {
public:
    temp_dir() {
        std::random_device rd;
        for (int i = 0; i < 100 && path_.empty(); ++i) {
            fs::path c = fs::temp_directory_path() /
                         ("drx_pe_csv_" + std::to_string(rd()) + "_" +
                          std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
            std::error_code ec;
            if (fs::create_directory(c, ec) && !ec) path_ = c;
        }
    }
    ~temp_dir() {
        std::error_code ec;
        if (!path_.empty()) fs::remove_all(path_, ec);
    }
    fs::path const& path() const { return path_; }

private:
    fs::path path_;
};

void spit(fs::path const& p, std::string const& s) {
    std::ofstream f(p, std::ios::binary);
    f << s;
}

std::string slurp(fs::path const& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

using drx::number;
using drx::scalar;

/// The page generator.
struct gen {
    std::mt19937_64 rng;

    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
    bool chance(double p) { return std::bernoulli_distribution(p)(rng); }
    template <class T>
    T const& pick(std::vector<T> const& v) {
        return v[static_cast<std::size_t>(uniform(0, static_cast<int>(v.size()) - 1))];
    }

    double random_double() {
        static std::vector<double> const special{0.0, -0.0, 0.1, 0.30000000000000004, 1e-05, 0.0001, 1e-07, 1e16,
                                                 1e15, 9007199254740992.0, 123456789.0, 1.5, 2.0, 5e-324,
                                                 1.7976931348623157e308, 2059.988037109375, -0.6702361404849768,
                                                 1482424475.33823, 9999999999999998.0, 0.07836511};
        switch (uniform(0, 4)) {
            case 0: return pick(special);
            case 1: return std::uniform_real_distribution<double>(-1, 1)(rng);
            case 2: return std::uniform_real_distribution<double>(-1, 1)(rng) * std::pow(10.0, uniform(-12, 22));
            case 3: return static_cast<double>(uniform(-1000, 1000));
            default: {
                for (;;) {
                    double d = std::bit_cast<double>(rng());
                    if (std::isfinite(d)) return d;
                }
            }
        }
    }

    scalar feature_value() {
        static std::vector<std::string> const strings{"", "male", "a,b", "say \"hi\"", "line\nbreak", "cr\rhere",
                                                      "caf\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac", "-2", "1e5",
                                                      "  space ", "tab\tx", "emoji \xf0\x9f\x98\x80", "57000", "True",
                                                      "null", "\"", ",", "a\r\nb"};
        switch (uniform(0, 6)) {
            case 0: return scalar(uniform(-5, 100000));
            case 1: return scalar(57000);
            case 2: return scalar(chance(0.5) ? std::int64_t{123456789012345678} : std::int64_t{-9007199254740993});
            case 3: return scalar(random_double());
            case 4: return scalar(chance(0.5));
            default: return scalar(pick(strings));
        }
    }

    number strength() { return chance(0.2) ? number(uniform(-3, 3)) : number(random_double()); }

    std::vector<scalar> label_pool() {
        switch (uniform(0, 3)) {
            case 0:
                return {scalar("Cluster 1"), scalar("Cluster 10"), scalar("Cluster 2"), scalar("Cluster 3"), scalar("a"),
                        scalar("B"), scalar("b,c"), scalar("\xc3\xa9"), scalar("10"), scalar("-1")};
            case 1: return {scalar(0), scalar(1), scalar(2), scalar(3), scalar(10), scalar(-1), scalar(7)};
            case 2: return {scalar(0.0), scalar(1.0), scalar(2.5), scalar(-0.5), scalar(10.0), scalar(1e-07)};
            default: return {scalar(false), scalar(1), scalar(2.5), scalar(3), scalar(-1.0), scalar(8)};
        }
    }

    std::optional<drx::nullable<std::vector<drx::ngram_text_explanation>>> text() {
        int k = uniform(0, 9);
        if (k < 3) return std::nullopt;
        if (k < 5) return drx::nullable<std::vector<drx::ngram_text_explanation>>();
        std::vector<drx::ngram_text_explanation> items;
        if (k >= 6) {
            int n = uniform(1, 3);
            for (int i = 0; i < n; ++i) {
                drx::ngram_text_explanation t;
                int g = uniform(0, 2);
                for (int j = 0; j < g; ++j) {
                    int s = uniform(0, 40);
                    t.ngrams.push_back({s, s + uniform(0, 9)});
                }
                t.is_unknown = chance(0.3);
                t.qualitative_strength = std::string(pick(std::vector<std::string_view>(
                    drx::qualitative_symbols.begin(), drx::qualitative_symbols.end())));
                t.strength = strength();
                items.push_back(std::move(t));
            }
        }
        return drx::nullable<std::vector<drx::ngram_text_explanation>>(std::move(items));
    }

    drx::prediction_explanation explanation(scalar label, bool with_text) {
        drx::prediction_explanation e;
        e.feature_value = feature_value();
        e.label = std::move(label);
        e.strength = strength();
        e.feature = pick(std::vector<std::string>{"age", "income", "review", "zip,code", "f\"q", "caf\xc3\xa9"});
        e.qualitative_strength = std::string(pick(std::vector<std::string_view>(
            drx::qualitative_symbols.begin(), drx::qualitative_symbols.end())));
        if (with_text) e.per_ngram_text_explanations = text();
        return e;
    }
};

/// One generated case: the page or response as JSON, the record's parameters, and drx's export.
struct generated {
    std::string json;
    boost::json::object options;
    drx::result<std::string> csv;
};

generated make_case(gen& g) {
    generated out;
    int kind = g.uniform(0, 19);  // 0..2 deployment, 3..5 regression, 6..10 binary, 11..19 multiclass/clustering
    int max_expl = g.uniform(0, 4);
    bool invalid = g.chance(0.04);
    int nrows = g.uniform(1, 6);
    if (invalid && g.chance(0.2)) nrows = 0;

    if (kind <= 2) {  // deployment responses (no text, no mode)
        bool shap = kind == 2;
        drx::deployment_xemp_response x;
        drx::deployment_shap_response s;
        auto pool = g.label_pool();
        std::int64_t id = g.uniform(0, 3);
        for (int r = 0; r < nrows; ++r) {
            int count = invalid ? max_expl + 1 : g.uniform(0, max_expl);
            std::vector<drx::deployment_prediction_value> pvs{{number(g.random_double()), pool[1]},
                                                              {number(g.random_double()), pool[0]}};
            scalar pred = g.chance(0.5) ? pool[0] : scalar(g.random_double());
            if (shap) {
                drx::deployment_shap_row row;
                row.prediction = pred;
                row.row_id = id;
                row.prediction_values = pvs;
                row.prediction_threshold = number(0.5);
                row.shap_explanations_metadata.remaining_total = number(g.random_double());
                row.shap_explanations_metadata.base_value = number(g.random_double());
                for (int i = 0; i < count; ++i)
                    row.prediction_explanations.push_back(
                        {g.feature_value(), g.strength(), drx::nullable<std::string>(), "f" + std::to_string(i), pool[1]});
                s.data.push_back(std::move(row));
            } else {
                drx::deployment_xemp_row row;
                row.prediction_values = pvs;
                row.prediction = pred;
                row.row_id = id;
                for (int i = 0; i < count; ++i)
                    row.prediction_explanations.push_back(
                        {g.feature_value(), g.strength(), "f" + std::to_string(i), "+", pool[1]});
                x.data.push_back(std::move(row));
            }
            id += g.uniform(1, 3);
        }
        drx::explanations_csv_options o;
        o.max_explanations = max_expl;
        out.options["maxExplanations"] = max_expl;
        if (shap) {
            out.json = drx::to_json(s);
            auto back = drx::read<drx::deployment_shap_response>(out.json);
            REQUIRE(back.ok());
            out.csv = drx::write_explanations_csv(back.value(), o);
        } else {
            out.json = drx::to_json(x);
            auto back = drx::read<drx::deployment_xemp_response>(out.json);
            REQUIRE(back.ok());
            out.csv = drx::write_explanations_csv(back.value(), o);
        }
        out.options["deploymentFile"] = "";
        return out;
    }

    drx::prediction_explanations_page page;
    page.count = nrows;
    page.prediction_explanations_record_location = "https://app.example.com/api/v2/projects/p/predictionExplanationsRecords/e/";
    page.id = "e";
    page.next_page = drx::nullable<std::string>();
    if (g.chance(0.2)) page.adjustment_method = drx::nullable<std::string>("exposureNormalized");
    bool text = g.chance(0.4);
    int adjusted_mode = g.uniform(0, 3);  // 0: never; else sometimes, with gaps and nulls
    bool multiclass = kind >= 11;
    int classes_k = multiclass ? g.uniform(1, 3) : 1;
    int n_classes = kind <= 5 ? 1 : (kind <= 10 ? 2 : g.uniform(std::max(classes_k, 2), 5));
    auto pool = g.label_pool();
    std::shuffle(pool.begin(), pool.end(), g.rng);
    std::vector<scalar> labels(pool.begin(), pool.begin() + n_classes);
    scalar target = scalar(g.pick(std::vector<std::string>{"y", "SalePrice", "YearMade"}));
    bool fewer_values_later = n_classes > 2 && g.chance(0.1);

    std::int64_t id = g.uniform(0, 5);
    for (int r = 0; r < nrows; ++r) {
        drx::prediction_explanations_row row;
        row.row_id = id;
        id += g.uniform(1, 3);
        switch (g.uniform(0, 3)) {
            case 0: row.prediction = scalar(g.uniform(-3, 3)); break;
            case 1: row.prediction = scalar(g.random_double()); break;
            case 2: row.prediction = n_classes == 1 ? target : labels[0]; break;
            default: row.prediction = scalar(g.chance(0.5) ? std::string("") : std::string("Yes")); break;
        }
        if (adjusted_mode != 0 && (r == 0 || g.chance(0.7))) {
            int a = g.uniform(0, 3);
            row.adjusted_prediction = a == 0 ? scalar() : (a == 1 ? scalar(g.uniform(0, 9)) : scalar(g.random_double()));
            if (r == 0 && adjusted_mode == 3) row.adjusted_prediction = scalar(g.random_double());
        }
        if (n_classes == 1) {
            row.prediction_values.push_back({number(g.random_double()), target});
        } else {
            auto order = labels;
            std::shuffle(order.begin(), order.end(), g.rng);
            if (r > 0 && fewer_values_later && g.chance(0.5)) order.pop_back();
            for (auto const& l : order)
                row.prediction_values.push_back({g.chance(0.1) ? number(g.uniform(0, 1)) : number(g.random_double()), l});
        }
        if (invalid && r == nrows - 1 && n_classes > 1 && g.chance(0.5)) {
            // a later row with more prediction values than the first, and room used up
            row.prediction_values.push_back({number(0.5), labels[0]});
            row.prediction_values.push_back({number(0.5), labels[0]});
        }
        bool row_text = text && (r > 0 || g.chance(0.8));
        if (!multiclass) {
            int count = (invalid && r == nrows - 1) ? max_expl + 1 : g.uniform(0, max_expl);
            scalar l = n_classes == 1 ? target : labels[0];
            for (int i = 0; i < count; ++i) row.prediction_explanations.push_back(g.explanation(l, row_text));
        } else if (max_expl > 0) {
            int runs = g.uniform(0, classes_k);
            std::vector<scalar> run_labels;
            for (int k = 0; k < runs; ++k) {
                // adjacent runs have different labels; a label may come back later (a new run)
                scalar l = g.pick(labels);
                while (!run_labels.empty() && drx::detail::pe_python_equal(l, run_labels.back())) l = g.pick(labels);
                run_labels.push_back(l);
            }
            for (auto const& l : run_labels) {
                int n = g.uniform(1, max_expl);
                for (int i = 0; i < n; ++i) row.prediction_explanations.push_back(g.explanation(l, row_text));
            }
        }
        page.data.push_back(std::move(row));
    }

    drx::explanations_csv_options o;
    o.max_explanations = max_expl;
    out.options["maxExplanations"] = max_expl;
    if (multiclass) {
        o.explained_classes = classes_k;
        if (g.chance(0.5)) {
            out.options["numTopClasses"] = classes_k;
        } else {
            boost::json::array names;
            for (int k = 0; k < classes_k; ++k) names.emplace_back("class " + std::to_string(k));
            out.options["classNames"] = std::move(names);
        }
    }
    bool aligned = g.chance(0.5);
    out.options["alignedTextPadding"] = aligned;
    o.client_text_padding = !aligned;
    out.json = drx::to_json(page);
    auto back = drx::read<drx::prediction_explanations_page>(out.json);
    for (auto const& d : back.diagnostics()) MESSAGE(drx::to_line(d));
    REQUIRE(back.ok());
    out.csv = drx::write_explanations_csv(back.value(), o);
    out.options["pageFile"] = "";
    return out;
}

std::string first_difference(std::string const& a, std::string const& b) {
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    std::size_t from = i > 60 ? i - 60 : 0;
    return "at byte " + std::to_string(i) + ":\n  drx:    ..." + a.substr(from, 120) + "\n  pandas: ..." + b.substr(from, 120);
}

}  // namespace

TEST_CASE("differential: drx's CSV equals pandas' for generated pages") {
    std::string python = find_pandas_python();
    if (python.empty()) {
        MESSAGE("SKIPPED: no python3 with pandas found (tried $DRX_PYTHON, python3, /usr/bin/python3); "
                "install python3-pandas to run the CSV differential test");
        return;
    }
    temp_dir dir;
    REQUIRE(!dir.path().empty());
    gen g{std::mt19937_64{20240607}};
    constexpr int n = 800;
    std::vector<generated> cases;
    for (int i = 0; i < n; ++i) {
        generated c = make_case(g);
        char name[32];
        std::snprintf(name, sizeof name, "c%04d", i);
        std::string data_file = std::string(name) + ".data.json";
        spit(dir.path() / data_file, c.json);
        if (c.options.contains("pageFile"))
            c.options["pageFile"] = data_file;
        else
            c.options["deploymentFile"] = data_file;
        spit(dir.path() / (std::string(name) + ".case.json"), boost::json::serialize(c.options));
        cases.push_back(std::move(c));
    }
    std::string cmd = "\"" + python + "\" \"" + (source_dir() / "tests/tools/pe_csv_oracle.py").string() + "\" --batch \"" +
                      dir.path().string() + "\"";
    REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "the oracle failed: " << cmd);

    int compared = 0, both_failed = 0, mismatches = 0;
    for (int i = 0; i < n; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "c%04d", i);
        CAPTURE(name);
        auto const& c = cases[static_cast<std::size_t>(i)];
        fs::path csv = dir.path() / (std::string(name) + ".csv");
        fs::path err = dir.path() / (std::string(name) + ".err");
        if (fs::exists(err)) {
            // the client cannot export this page: drx must refuse it too
            if (c.csv.ok()) {
                ++mismatches;
                if (mismatches <= 5) FAIL_CHECK("pandas failed (" << slurp(err) << ") but drx wrote a CSV");
            } else {
                ++both_failed;
            }
            continue;
        }
        REQUIRE(fs::exists(csv));
        if (!c.csv.ok()) {
            ++mismatches;
            std::string ds;
            for (auto const& d : c.csv.diagnostics()) ds += drx::to_line(d) + "\n";
            if (mismatches <= 5) FAIL_CHECK("drx refused a page pandas exported:\n" << ds);
            continue;
        }
        std::string expected = slurp(csv);
        if (c.csv.value() != expected) {
            ++mismatches;
            if (mismatches <= 5) FAIL_CHECK("CSV differs " << first_difference(c.csv.value(), expected));
        } else {
            ++compared;
        }
    }
    MESSAGE("pandas differential: " << compared << " identical CSV files, " << both_failed
                                    << " pages both refuse, " << mismatches << " mismatches, out of " << n);
    CHECK(mismatches == 0);
    CHECK(compared > n * 3 / 4);
    CHECK(both_failed > 0);
}
