// SPDX-License-Identifier: BSL-1.0
// drx/print.hpp: operator<< for drx's values, diagnostics and results, and doctest's
// StringMaker printing them through it. Expected texts: Python's repr(float) for the numbers
// (README, "Exact JSON": 1.0, 1e-05, 1e+16, -0.0; repr(0.1 + 0.2) is 0.30000000000000004),
// json.dumps' escaping for strings, the `drx check` line POINTER<TAB>RULE<TAB>SEVERITY<TAB>MESSAGE
// (README, "The drx tool"), the wire names of the enums (drx/context.hpp: "time-series"), rule
// messages and needs from docs/rules.md (a range error ends in ", got VALUE", as in
// tests/test_deployment_query.cpp; a missing member's pointer names it, as in
// tests/test_reader.cpp), and the payload files for the values read from them.
#include <doctest/doctest.h>

#include <drx/print.hpp>

#include <drx/api/clustering.hpp>
#include <drx/api/deployment.hpp>
#include <drx/catalogue.hpp>
#include <drx/check.hpp>

#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace {

template <class V>
std::string printed(V const& v) {
    std::ostringstream os;
    os << v;
    return os.str();
}

/// What doctest prints for a value in a failed assertion: its unqualified toString call (the
/// StringMaker, found with argument-dependent lookup), as in doctest's expression decomposition.
template <class V>
std::string doctest_printed(V const& v) {
    using doctest::toString;
    return toString(v).c_str();
}

}  // namespace

TEST_CASE("print: scalar and number as drx writes them, kind kept") {
    CHECK(printed(drx::scalar()) == "null");
    CHECK(printed(drx::scalar(true)) == "true");
    CHECK(printed(drx::scalar(57000)) == "57000");
    CHECK(printed(drx::scalar(57000.0)) == "57000.0");
    CHECK(printed(drx::scalar("57000")) == "\"57000\"");
    CHECK(printed(drx::scalar(1e-05)) == "1e-05");
    CHECK(printed(drx::scalar(1e16)) == "1e+16");
    CHECK(printed(drx::scalar(-0.0)) == "-0.0");
    CHECK(printed(drx::scalar(0.1 + 0.2)) == "0.30000000000000004");
    CHECK(printed(drx::scalar("say \"hi\"\n\u00e9")) == R"("say \"hi\"\n\u00e9")");
    CHECK(printed(drx::number(32)) == "32");
    CHECK(printed(drx::number(32.0)) == "32.0");
    CHECK(printed(drx::number(0.1)) == "0.1");
    // Not JSON: printed as Python spells them rather than refused.
    CHECK(printed(drx::scalar(std::numeric_limits<double>::quiet_NaN())) == "NaN");
    CHECK(printed(drx::number(-std::numeric_limits<double>::infinity())) == "-Infinity");
    // A string the writer refuses says so instead of passing for "".
    CHECK(printed(drx::scalar(std::string("a\xff"))) == "\"\" (write.utf8: the string is not valid UTF-8)");
}

TEST_CASE("print: nullable, optional, json_value, null") {
    CHECK(printed(drx::nullable<drx::number>()) == "null");
    CHECK(printed(drx::nullable<drx::number>(drx::number(27))) == "27");
    CHECK(printed(drx::nullable<std::string>("a\"b")) == R"("a\"b")");
    CHECK(printed(drx::nullable<double>(0.5)) == "0.5");
    CHECK(printed(drx::nullable<bool>(false)) == "false");
    CHECK(printed(drx::null) == "null");
    CHECK(printed(std::optional<drx::number>()) == "(absent)");
    CHECK(printed(std::optional<drx::number>(drx::number(1.5))) == "1.5");
    CHECK(printed(std::optional<drx::nullable<drx::number>>(drx::nullable<drx::number>())) == "null");
    drx::json_value v{boost::json::object{{"a", 1.0}, {"b", nullptr}, {"c", boost::json::array{1, "x"}}}};
    CHECK(printed(v) == R"({"a":1.0,"b":null,"c":[1,"x"]})");
}

TEST_CASE("print: described enums by their wire names") {
    CHECK(printed(drx::severity::error) == "error");
    CHECK(printed(drx::severity::warning) == "warning");
    CHECK(printed(drx::level::consistency) == "consistency");
    CHECK(printed(drx::model_kind::time_series) == "time-series");
    CHECK(printed(drx::model_kind::binary) == "binary");
    CHECK(printed(drx::explanation_algorithm::shap) == "shap");
    CHECK(printed(drx::autopilot_mode::comprehensive) == "comprehensive");
    CHECK(printed(static_cast<drx::severity>(7)) == "(7)");
}

TEST_CASE("print: a diagnostic is the drx check line; lists one per line") {
    drx::diagnostic const d{"/data/0/rowId", "schema.type", drx::severity::error, "expected integer, got string", {}, {}};
    CHECK(printed(d) == "/data/0/rowId\tschema.type\terror\texpected integer, got string");
    drx::diagnostic const w{"/clusters", "cluster.percent.sum", drx::severity::warning, "two\nlines", {}, {}};
    CHECK(printed(w) == "/clusters\tcluster.percent.sum\twarning\ttwo lines");
    CHECK(printed(std::vector<drx::diagnostic>{d, w}) ==
          "/data/0/rowId\tschema.type\terror\texpected integer, got string\n"
          "/clusters\tcluster.percent.sum\twarning\ttwo lines");
    CHECK(printed(std::vector<drx::diagnostic>{}) == "(no diagnostics)");
    drx::skipped_rule const s{"rename.current.exists", "clusterNames"};
    CHECK(printed(s) == "skipped rename.current.exists: needs clusterNames");
    CHECK(printed(std::vector<drx::skipped_rule>{s, s}) ==
          "skipped rename.current.exists: needs clusterNames\nskipped rename.current.exists: needs clusterNames");
}

TEST_CASE("print: results of reading, validating and checking") {
    CHECK(printed(drx::validate<drx::cluster>(R"({"name": "Cluster 1", "percent": 13.2})")) == "valid");
    CHECK(printed(drx::validate<drx::cluster>(R"({"name": "Cluster 1", "percent": 101})")) ==
          "invalid (1 error)\n  /percent\tcluster.percent.range\terror\texpected a number in [0, 100], got 101");
    // Reading stops at the schema level: no value.
    CHECK(printed(drx::read<drx::cluster>(R"({"percent": 1})")) ==
          "invalid (1 error)\n  /name\tschema.required\terror\tmissing required member \"name\"");
    CHECK(printed(drx::result<drx::cluster>()) == "invalid (no value)");

    // Rules that need the context are listed as skipped (docs/rules.md: both need clusterNames).
    auto req = drx::parse<drx::cluster_rename_request>(R"({"clusterNameMappings": [{"currentName": "Cluster 9", "newName": "B"}]})");
    drx::check_report const rep = drx::check(req);
    CHECK(printed(rep) ==
          "valid (2 rules skipped)\n  skipped rename.current.exists: needs clusterNames\n"
          "  skipped rename.collision: needs clusterNames");
    drx::context ctx;
    ctx.cluster_names = std::vector<std::string>{"Cluster 1"};
    CHECK(printed(drx::check(req, {.ctx = &ctx})) ==
          "invalid (1 error)\n  /clusterNameMappings/0/currentName\trename.current.exists\terror\tNo current cluster with name Cluster 9");

    // A catalogue run prints the same way.
    drx::schema_run const run = drx::detail::run_schema<drx::cluster>(R"({"name": "a", "percent": -1})", {}, {}, nullptr);
    CHECK(printed(run) == "invalid (1 error)\n  /percent\tcluster.percent.range\terror\texpected a number in [0, 100], got -1");
}

TEST_CASE("print: the counts of a report, built by hand") {
    drx::diagnostic const e{"/a", "x.range", drx::severity::error, "too big", {}, {}};
    drx::diagnostic const w{"", "x.sum", drx::severity::warning, "odd", {}, {}};
    drx::check_report rep;
    rep.diagnostics = {w, e, e};
    rep.skipped = {{"x.known", "clusterNames"}};
    rep.omitted = 3;
    CHECK(printed(rep) ==
          "invalid (2 errors, 1 warning, 3 more not listed, 1 rule skipped)\n"
          "  \tx.sum\twarning\todd\n"
          "  /a\tx.range\terror\ttoo big\n"
          "  /a\tx.range\terror\ttoo big\n"
          "  skipped x.known: needs clusterNames");
    rep.diagnostics = {w, w};
    rep.skipped.clear();
    rep.omitted = 1;
    CHECK(printed(rep) == "valid (2 warnings, 1 more not listed)\n  \tx.sum\twarning\todd\n  \tx.sum\twarning\todd");
    // A result without a value is never valid, even without diagnostics.
    CHECK(printed(drx::result<int>(std::nullopt, {w})) == "invalid (no value, 1 warning)\n  \tx.sum\twarning\todd");
    CHECK(printed(drx::result<int>(5, {w})) == "valid (1 warning)\n  \tx.sum\twarning\todd");
}

TEST_CASE("print: a deployment row's prediction and an optional member, read from the payloads") {
    // examples/payloads/deployment-xemp-response.json: the first row has "prediction": 0 and
    // its first prediction value is 0.07836511 (an integer stays an integer).
    auto resp = drx::parse<drx::deployment_xemp_response>(
        drx_test::slurp(drx_test::source_path("examples/payloads/deployment-xemp-response.json")));
    REQUIRE(!resp.data.empty());
    CHECK(printed(resp.data[0].prediction) == "0");
    CHECK(printed(resp.data[0].prediction_values[0].value) == "0.07836511");
    // examples/payloads/cluster-list.json: the first cluster's percent is 27.1704180064.
    auto list = drx::parse<drx::cluster_list>(drx_test::slurp(drx_test::source_path("examples/payloads/cluster-list.json")));
    REQUIRE(!list.clusters.empty());
    CHECK(printed(list.clusters[0].percent) == "27.1704180064");
}

TEST_CASE("print: doctest's StringMaker goes through operator<<") {
    CHECK(doctest_printed(drx::scalar(1.0)) == "1.0");
    CHECK(doctest_printed(drx::scalar("1")) == "\"1\"");
    CHECK(doctest_printed(drx::number(2)) == "2");
    CHECK(doctest_printed(drx::nullable<drx::number>()) == "null");
    CHECK(doctest_printed(std::optional<drx::number>()) == "(absent)");
    drx::diagnostic const d{"/percent", "cluster.percent.range", drx::severity::error, "expected a number in [0, 100]", {}, {}};
    CHECK(doctest_printed(d) == "/percent\tcluster.percent.range\terror\texpected a number in [0, 100]");
    CHECK(doctest_printed(std::vector<drx::diagnostic>{d}) == "/percent\tcluster.percent.range\terror\texpected a number in [0, 100]");
    CHECK(doctest_printed(drx::validate<drx::cluster>(R"({"name": "a"})")) == "valid");
    // Without the printers doctest would print "{?}".
    CHECK(doctest_printed(drx::json_value{boost::json::value(0.5)}) == "0.5");
}
