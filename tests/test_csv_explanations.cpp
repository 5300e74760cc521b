// SPDX-License-Identifier: BSL-1.0
// The prediction explanations CSV export (include/drx/tools/csv.hpp) against golden files.
//
// Every tests/data/prediction_explanations/csv/NAME.case.json names a page (or a deployment
// response) and the record's maxExplanations and mode; NAME.csv is what
// tests/tools/pe_csv_oracle.py, a pandas re-implementation of the client's export
// (docs/reference/csv.md), wrote for it with pandas 1.5.3. drx never wrote these files, and
// this test needs no Python. The failure cases (where the client itself fails) are checked for
// their rule ids and pointers.
#include <doctest/doctest.h>

#include <drx/tools/csv.hpp>

#include <boost/json/parse.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

fs::path csv_dir() {
    if (char const* src = std::getenv("DRX_SOURCE_DIR")) return fs::path(src) / "tests/data/prediction_explanations/csv";
    return fs::path(__FILE__).parent_path() / "data/prediction_explanations/csv";
}

std::string slurp(fs::path const& p) {
    std::ifstream f(p, std::ios::binary);
    REQUIRE_MESSAGE(f.good(), "cannot open " << p.string());
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

/// The options a case file describes (the record's maxExplanations and mode).
drx::explanations_csv_options case_options(boost::json::object const& c) {
    drx::explanations_csv_options o;
    o.max_explanations = c.at("maxExplanations").as_int64();
    if (auto const* n = c.if_contains("numTopClasses"); n && !n->is_null() && n->as_int64() != 0)
        o.explained_classes = n->as_int64();
    else if (auto const* l = c.if_contains("classNames"); l && !l->is_null() && !l->as_array().empty())
        o.explained_classes = static_cast<std::int64_t>(l->as_array().size());
    auto const* a = c.if_contains("alignedTextPadding");
    o.client_text_padding = !(a && a->as_bool());
    return o;
}

drx::result<std::string> export_case(fs::path const& case_file) {
    auto c = boost::json::parse(slurp(case_file)).as_object();
    auto opt = case_options(c);
    if (auto const* pf = c.if_contains("pageFile")) {
        auto page = drx::read<drx::prediction_explanations_page>(slurp(csv_dir() / std::string(pf->as_string())));
        REQUIRE(page.ok());
        return drx::write_explanations_csv(page.value(), opt);
    }
    std::string text = slurp(csv_dir() / std::string(c.at("deploymentFile").as_string()));
    if (text.find("shapExplanationsMetadata") != std::string::npos) {
        auto r = drx::read<drx::deployment_shap_response>(text);
        REQUIRE(r.ok());
        return drx::write_explanations_csv(r.value(), opt);
    }
    auto r = drx::read<drx::deployment_xemp_response>(text);
    REQUIRE(r.ok());
    return drx::write_explanations_csv(r.value(), opt);
}

drx::prediction_explanations_page page_file(std::string const& name) {
    return drx::parse<drx::prediction_explanations_page>(slurp(csv_dir() / (name + ".page.json")));
}

std::string rule_at(drx::result<std::string> const& r) {
    std::string s;
    for (auto const& d : r.diagnostics()) s += (s.empty() ? "" : "; ") + d.pointer + " " + d.rule;
    return s;
}

}  // namespace

TEST_CASE("golden files: drx writes what pandas wrote for every case") {
    int cases = 0;
    for (auto const& e : fs::directory_iterator(csv_dir())) {
        std::string name = e.path().filename().string();
        if (name.size() < 10 || name.substr(name.size() - 10) != ".case.json") continue;
        CAPTURE(name);
        ++cases;
        auto r = export_case(e.path());
        for (auto const& d : r.diagnostics()) MESSAGE(drx::to_line(d));
        REQUIRE(r.ok());
        std::string expected = slurp(csv_dir() / (name.substr(0, name.size() - 10) + ".csv"));
        CHECK(r.value() == expected);
    }
    CHECK(cases >= 11);
}

TEST_CASE("golden files: the record supplies maxExplanations and the mode, as in the client") {
    auto record_text = slurp(csv_dir() / "../objects/record_clustering.json");
    auto rec = drx::parse<drx::prediction_explanations_record>(record_text);
    REQUIRE(rec.max_explanations == 2);
    auto r = drx::write_explanations_csv(page_file("clustering_top2"), rec);
    REQUIRE(r.ok());
    CHECK(r.value() == slurp(csv_dir() / "clustering_top2.csv"));
    // the worked header of docs/reference/csv.md (Columns): 28 columns, clusters sorted as strings
    std::string header = r.value().substr(0, r.value().find('\n'));
    CHECK(std::count(header.begin(), header.end(), ',') == 27);
    std::string row0 = r.value().substr(header.size() + 1, r.value().find('\n', header.size() + 1) - header.size() - 1);
    CHECK(row0.rfind("0,Cluster 2,Cluster 1,0.2,Cluster 10,0.3,Cluster 2,0.5,", 0) == 0);
}

TEST_CASE("text columns with a mode: aligned by default, the client's shifted layout on request") {
    auto page = page_file("text_clustering_aligned");
    drx::explanations_csv_options o;
    o.max_explanations = 2;
    o.explained_classes = 2;
    auto aligned = drx::write_explanations_csv(page, o);
    REQUIRE(aligned.ok());
    CHECK(aligned.value() == slurp(csv_dir() / "text_clustering_aligned.csv"));
    o.client_text_padding = true;
    auto shifted = drx::write_explanations_csv(page, o);
    REQUIRE(shifted.ok());
    CHECK(shifted.value() == slurp(csv_dir() / "text_clustering_client.csv"));
    CHECK(aligned.value() != shifted.value());
}

TEST_CASE("without max_explanations, the largest count in the rows is used") {
    auto page = page_file("regression");  // rows with 3, 2 and 1 explanations; the record says 3
    auto r = drx::write_explanations_csv(page);
    REQUIRE(r.ok());
    CHECK(r.value() == slurp(csv_dir() / "regression.csv"));
    drx::explanations_csv_options o;
    o.explained_classes = 2;  // clustering: the longest run of one class
    auto c = drx::write_explanations_csv(page_file("clustering_top2"), o);
    REQUIRE(c.ok());
    CHECK(c.value() == slurp(csv_dir() / "clustering_top2.csv"));
    o.max_explanations = 4;  // more slots than needed: empty columns
    auto wide = drx::write_explanations_csv(page_file("regression"), o);
    REQUIRE(wide.ok());
    CHECK(wide.value().substr(0, wide.value().find('\n')).find("explained_class_1_explanation_3_strength") != std::string::npos);
}

TEST_CASE("rows of several pages export as one table") {
    auto page = page_file("regression");
    auto rows = page.data;
    auto r = drx::write_explanations_csv(rows, drx::explanations_csv_options{3, {}, false});
    REQUIRE(r.ok());
    CHECK(r.value() == slurp(csv_dir() / "regression.csv"));
}

TEST_CASE("failures: where the client fails, drx reports instead") {
    drx::explanations_csv_options o;
    o.max_explanations = 3;
    SUBCASE("no rows (StopIteration)") {
        auto page = page_file("regression");
        page.data.clear();
        auto r = drx::write_explanations_csv(page, o);
        CHECK_FALSE(r.ok());
        CHECK(rule_at(r) == "/data csv.no_rows");
    }
    SUBCASE("a later row with more prediction values than the first (pandas' column count error)") {
        auto page = page_file("binary");
        page.data[1].prediction_values.push_back({drx::number(0.0), drx::scalar(2)});  // row 1 has room left
        CHECK(drx::write_explanations_csv(page, o).ok());
        page.data[2].prediction_values.push_back({drx::number(0.0), drx::scalar(2)});  // row 2 does not
        auto r = drx::write_explanations_csv(page, o);
        CHECK(rule_at(r) == "/data/2/predictionValues csv.columns");
        REQUIRE(r.diagnostics().size() == 1);
        CHECK(r.diagnostics()[0].message ==
              "21 columns passed, passed data had 23 columns (a row has more prediction values than the first row)");
    }
    SUBCASE("a missing prediction value label (KeyError)") {
        auto page = page_file("binary");
        page.data[2].prediction_values[1].label.reset();
        auto r = drx::write_explanations_csv(page, o);
        CHECK(rule_at(r) == "/data/2/predictionValues/1/label csv.label");
    }
    SUBCASE("a null label is dropped by the client, so it is missing too") {
        auto page = page_file("binary");
        page.data[0].prediction_values[0].label = drx::scalar();
        auto r = drx::write_explanations_csv(page, o);
        CHECK(rule_at(r) == "/data/0/predictionValues/0/label csv.label");
    }
    SUBCASE("string and numeric labels mixed (TypeError)") {
        auto page = page_file("binary");
        page.data[2].prediction_values[1].label = drx::scalar("0");
        auto r = drx::write_explanations_csv(page, o);
        CHECK(rule_at(r) == "/data/2/predictionValues csv.label");
    }
    SUBCASE("a missing explanation label (KeyError)") {
        auto page = page_file("regression");
        page.data[1].prediction_explanations[1].label.reset();
        auto r = drx::write_explanations_csv(page, o);
        CHECK(rule_at(r) == "/data/1/predictionExplanations/1/label csv.label");
    }
    SUBCASE("more explanations than asked (no mode)") {
        o.max_explanations = 2;
        auto r = drx::write_explanations_csv(page_file("regression"), o);
        CHECK(rule_at(r) == "/data/0/predictionExplanations/2 response.explanations.count");
        CHECK(r.diagnostics()[0].message == "the row has more than 2 explanations; the CSV has 2 slots");
    }
    SUBCASE("more explanations than asked for one class (a mode)") {
        o.max_explanations = 1;
        o.explained_classes = 2;
        auto r = drx::write_explanations_csv(page_file("clustering_top2"), o);
        CHECK(rule_at(r) == "/data/0/predictionExplanations/1 response.explanations.count; "
                            "/data/1/predictionExplanations/2 response.explanations.count");
    }
    SUBCASE("more explained classes than columns") {
        o.max_explanations = 2;
        o.explained_classes = 1;
        auto r = drx::write_explanations_csv(page_file("clustering_top2"), o);
        CHECK(rule_at(r) == "/data/0/predictionExplanations/2/label response.explained_classes; "
                            "/data/1/predictionExplanations/1/label response.explained_classes");
    }
    SUBCASE("negative options") {
        o.max_explanations = -1;
        o.explained_classes = -2;
        auto r = drx::write_explanations_csv(page_file("regression"), o);
        CHECK(rule_at(r) == " csv.options;  csv.options");
    }
}

TEST_CASE("cells: pandas dtypes and Python number text") {
    using drx::scalar;
    using drx::detail::csv_dtype;
    auto infer = [](std::vector<scalar> col) {
        std::vector<std::vector<scalar>> t;
        for (auto& v : col) t.push_back({v});
        return drx::detail::csv_infer(t, 0);
    };
    // the combinations checked against pandas 1.5.3 (DataFrame(...).dtypes)
    CHECK(infer({scalar(1), scalar(2)}) == csv_dtype::int64);
    CHECK(infer({scalar(1), scalar()}) == csv_dtype::float64);
    CHECK(infer({scalar(1), scalar(2.0)}) == csv_dtype::float64);
    CHECK(infer({scalar(true), scalar(false)}) == csv_dtype::boolean);
    CHECK(infer({scalar(true), scalar()}) == csv_dtype::object);
    CHECK(infer({scalar(true), scalar(1)}) == csv_dtype::object);
    CHECK(infer({scalar(true), scalar(1.5), scalar()}) == csv_dtype::object);
    CHECK(infer({scalar(), scalar()}) == csv_dtype::object);
    CHECK(infer({scalar(1), scalar("a")}) == csv_dtype::object);
    CHECK(infer({scalar(1), scalar(std::numeric_limits<double>::quiet_NaN())}) == csv_dtype::float64);
    CHECK(drx::detail::csv_cell(scalar(57000), csv_dtype::float64) == "57000.0");
    CHECK(drx::detail::csv_cell(scalar(57000), csv_dtype::object) == "57000");
    CHECK(drx::detail::csv_cell(scalar(std::int64_t{9007199254740993}), csv_dtype::float64) == "9007199254740992.0");
    CHECK(drx::detail::csv_cell(scalar(0.30000000000000004), csv_dtype::float64) == "0.30000000000000004");
    CHECK(drx::detail::csv_cell(scalar(1e-7), csv_dtype::object) == "1e-07");
    CHECK(drx::detail::csv_cell(scalar(1e16), csv_dtype::float64) == "1e+16");
    CHECK(drx::detail::csv_cell(scalar(1e15), csv_dtype::float64) == "1000000000000000.0");
    CHECK(drx::detail::csv_cell(scalar(-0.0), csv_dtype::float64) == "-0.0");
    CHECK(drx::detail::csv_cell(scalar(std::numeric_limits<double>::infinity()), csv_dtype::float64) == "inf");
    CHECK(drx::detail::csv_cell(scalar(-std::numeric_limits<double>::infinity()), csv_dtype::object) == "-inf");
    CHECK(drx::detail::csv_cell(scalar(std::numeric_limits<double>::quiet_NaN()), csv_dtype::float64).empty());
    CHECK(drx::detail::csv_cell(scalar(false), csv_dtype::object) == "False");
    CHECK(drx::detail::csv_cell(scalar(), csv_dtype::object).empty());
}

TEST_CASE("fields: csv.QUOTE_MINIMAL with lineterminator \\n") {
    auto field = [](std::string_view f) {
        std::string s;
        drx::detail::csv_field(s, f);
        return s;
    };
    CHECK(field("plain") == "plain");
    CHECK(field("") == "");
    CHECK(field("a,b") == "\"a,b\"");
    CHECK(field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(field("two\nlines") == "\"two\nlines\"");
    CHECK(field("cr\ronly") == "cr\ronly");  // pandas' csv writer quotes only the line terminator's characters
    CHECK(field(" padded ") == " padded ");
    CHECK(field("caf\xc3\xa9") == "caf\xc3\xa9");
}

TEST_CASE("the text cell is json.dumps(..., ensure_ascii=False) of the client's dicts") {
    auto row = drx::parse<drx::prediction_explanations_row>(slurp(csv_dir() / "../objects/row_text.json"));
    CHECK(drx::detail::csv_text_cell(row.prediction_explanations[0].per_ngram_text_explanations) ==
          R"([{"ngrams": [{"ending_index": 5, "starting_index": 0}], "is_unknown": false, "qualitative_strength": "+", )"
          R"("strength": 0.25}, {"ngrams": [{"ending_index": 13, "starting_index": 6}, {"ending_index": 47, )"
          R"("starting_index": 43}], "is_unknown": true, "qualitative_strength": "<+", "strength": 1}])");
    CHECK(drx::detail::csv_text_cell(row.prediction_explanations[1].per_ngram_text_explanations) == "null");
    CHECK(drx::detail::csv_text_cell(std::nullopt) == "null");  // 3.3.2 reads the key with a default of None
}

TEST_CASE("absurd options are refused, not built") {
    drx::explanations_csv_options o;
    o.max_explanations = 1'000'000;
    o.explained_classes = 10;
    auto r = drx::write_explanations_csv(page_file("regression"), o);
    CHECK(rule_at(r) == " csv.options");
    o.max_explanations = 16'666;  // 10 x 16666 x 6 = 999960 columns: built
    o.explained_classes = 10;
    auto ok = drx::write_explanations_csv(page_file("clustering_top2"), o);
    CHECK(ok.ok());
}
