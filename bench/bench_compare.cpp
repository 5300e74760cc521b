// SPDX-License-Identifier: BSL-1.0
// drx side by side with Boost.JSON, simdjson and RapidJSON, on the same in-memory inputs.
//
// Inputs (built once, on first use, outside every timed loop; all written with drx::to_json,
// compact):
//   xemp_1k, xemp_10k, xemp_100k  deployment XEMP responses (drx/api/deployment.hpp): the row of
//                                 examples/payloads/deployment-xemp-response.json (three
//                                 explanations) repeated, rowId 0..N-1;
//   shap_1k, shap_10k, shap_100k  deployment SHAP responses: the row of
//                                 examples/payloads/deployment-shap-response.json with a third
//                                 explanation (and remainingTotal adjusted so that the row still
//                                 adds up, response.shap.additivity), rowId 0..N-1;
//   page_1k                       a prediction-explanations-page of 1,000 rows: the three rows of
//                                 examples/payloads/prediction-explanations-page.json in turn,
//                                 rowId 0..999;
//   insights_100                  a cluster-insights-page of 100 features: the five features of
//                                 examples/payloads/cluster-insights-page.json twenty times, each
//                                 copy's featureName suffixed.
// Every input passes drx::validate at level consistency (a case whose input does not is
// reported as an error instead of a time, as bench/bench_growth.cpp does).
//
// Cases (name "case/input"):
//   drx_read, drx_check_schema, drx_check_rules, drx_check_consistency (check() of the object
//   already read, at each level; no context, so the rules that need one are skipped),
//   drx_validate (read + check at level consistency), drx_write (compact), drx_format (read +
//   write: the catalogue's run, drx/catalogue.hpp, as `drx format SCHEMA FILE --compact
//   --level schema` runs it), drx_csv (drx::write_explanations_csv, drx/tools/csv.hpp; the page
//   with the options of examples/payloads/prediction-explanations-record.json);
//   boost_parse (boost::json::parse, default resource), boost_parse_monotonic (a
//   monotonic_resource per parse), boost_null_parser (basic_parser with a handler that does
//   nothing: Boost's tokenizer, number conversion included), boost_parse_serialize,
//   boost_serialize (of the value parsed once), boost_value_to (parse + value_to into plain
//   described mirror structs, XEMP only), boost_value_from (value_from + serialize of them);
//   simdjson_dom (a dom::parser reused, one untimed parse first: its documented use), and
//   simdjson_ondemand (into the mirror structs, XEMP only; its parser reused likewise);
//   rapidjson_parse (Document::Parse, default flags), rapidjson_schema (SchemaValidator over the
//   Document already parsed), rapidjson_parse_schema (the validator as the Reader's handler:
//   parse and validate in one pass, no DOM), both with schemas/deployment-xemp-response.json
//   reduced to draft-04 (xemp_schema_draft04() below says why), XEMP only.
// Counters: bytes_per_second is the JSON text of the input (for writes too: drx writes the
// same text back; Boost's serializer spells numbers differently); rows is the rows of the input
// ("data" entries: features for insights_100) per second.
// The simdjson and RapidJSON cases are compiled only when CMake found them (DRX_HAVE_SIMDJSON,
// DRX_HAVE_RAPIDJSON, bench/CMakeLists.txt). Benchmarks measure; nothing here asserts a time.
// Run (Release build): bench/bench_table.py explains the command behind the README's table;
//   build/bench/bench_compare --benchmark_filter=xemp_10k --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include <drx/api/clustering.hpp>
#include <drx/api/deployment.hpp>
#include <drx/api/prediction_explanations.hpp>
#include <drx/catalogue.hpp>
#include <drx/check.hpp>
#include <drx/read.hpp>
#include <drx/tools/csv.hpp>
#include <drx/write.hpp>

#include "inputs.hpp"

#if DRX_HAVE_SIMDJSON
#include <simdjson.h>
#endif
#if DRX_HAVE_RAPIDJSON
#include <rapidjson/document.h>
#include <rapidjson/reader.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#endif

// ---- the mirror structs ----------------------------------------------------------------------
// Boost 1.81's value_to / value_from of a described struct match its members' C++ names to the
// keys exactly (and refuse an object with more or fewer keys), and know nothing of drx::number
// or drx::scalar: drx's own structs (snake_case members, drx/api/deployment.hpp) do not
// convert. These plain structs spell the XEMP row's keys as members; a scalar is an int, a
// double or a string (what the inputs hold).
namespace mirror {

using scalar = std::variant<std::int64_t, double, std::string>;

struct prediction_value {
    double value = 0;
    scalar label;
};
BOOST_DESCRIBE_STRUCT(prediction_value, (), (value, label))

struct xemp_explanation {
    scalar featureValue;
    double strength = 0;
    std::string feature;
    std::string qualitativeStrength;
    scalar label;
};
BOOST_DESCRIBE_STRUCT(xemp_explanation, (), (featureValue, strength, feature, qualitativeStrength, label))

struct xemp_row {
    std::vector<prediction_value> predictionValues;
    double predictionThreshold = 0;
    scalar prediction;
    std::int64_t rowId = 0;
    std::vector<xemp_explanation> predictionExplanations;
};
BOOST_DESCRIBE_STRUCT(xemp_row, (), (predictionValues, predictionThreshold, prediction, rowId, predictionExplanations))

struct xemp_response {
    std::vector<xemp_row> data;
};
BOOST_DESCRIBE_STRUCT(xemp_response, (), (data))

}  // namespace mirror

namespace {

// ---- inputs ----------------------------------------------------------------------------------

/// One input: the object, its compact JSON, its rows, and what other cases need of it (built
/// on first use).
template <class T>
struct corpus {
    T object;
    std::string json;
    std::size_t rows = 0;
    bool valid = false;  // drx::validate at level consistency found no error

    boost::json::value const& boost_value() const {
        if (!boost_value_) boost_value_ = boost::json::parse(json);
        return *boost_value_;
    }
#if DRX_HAVE_SIMDJSON
    simdjson::padded_string const& padded() const {
        if (!padded_) padded_ = std::make_unique<simdjson::padded_string>(json);
        return *padded_;
    }
#endif

private:
    mutable std::optional<boost::json::value> boost_value_;
#if DRX_HAVE_SIMDJSON
    mutable std::unique_ptr<simdjson::padded_string> padded_;
#endif
};

template <class T>
corpus<T> make_corpus(T object, std::size_t rows) {
    corpus<T> c;
    c.object = std::move(object);
    c.json = drx::to_json(c.object);
    c.rows = rows;
    c.valid = drx::validate<T>(c.json).ok();
    return c;
}

corpus<drx::deployment_xemp_response> make_xemp(std::size_t n) { return make_corpus(bench::xemp_response(n), n); }

corpus<drx::deployment_shap_response> make_shap(std::size_t n) { return make_corpus(bench::shap_response(n), n); }

corpus<drx::prediction_explanations_page> make_page(std::size_t n) {
    auto const example = bench::read_file<drx::prediction_explanations_page>("examples/payloads/prediction-explanations-page.json");
    drx::prediction_explanations_page p = example;
    p.data.clear();
    p.data.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        p.data.push_back(example.data.at(i % example.data.size()));
        p.data.back().row_id = static_cast<std::int64_t>(i);
    }
    p.count = static_cast<std::int64_t>(n);
    return make_corpus(std::move(p), n);
}

corpus<drx::cluster_insights_page> make_insights(std::size_t copies) {
    auto const example = bench::read_file<drx::cluster_insights_page>("examples/payloads/cluster-insights-page.json");
    drx::cluster_insights_page p = example;
    p.data.clear();
    for (std::size_t k = 0; k < copies; ++k)
        for (auto const& f : example.data) {
            p.data.push_back(f);
            p.data.back().feature_name += "_" + std::to_string(k);
        }
    p.count = p.total_count = static_cast<std::int64_t>(p.data.size());
    return make_corpus(std::move(p), p.data.size());
}

/// The options of the page's CSV: those of examples/payloads/prediction-explanations-record.json.
drx::explanations_csv_options const& page_csv_options() {
    static drx::explanations_csv_options const o = drx::explanations_csv_options::from_record(
        bench::read_file<drx::prediction_explanations_record>("examples/payloads/prediction-explanations-record.json"));
    return o;
}

/// An input built on first use.
template <class T>
struct lazy {
    std::string name;
    std::function<corpus<T>()> make;
    std::unique_ptr<corpus<T>> built;
    corpus<T> const& get() {
        if (!built) built = std::make_unique<corpus<T>>(make());
        return *built;
    }
};

// ---- helpers ---------------------------------------------------------------------------------

template <class T>
void counters(benchmark::State& st, corpus<T> const& c) {
    st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations()) * static_cast<std::int64_t>(c.json.size()));
    st.counters["rows"] = benchmark::Counter(static_cast<double>(c.rows), benchmark::Counter::kIsIterationInvariantRate);
}

/// Reports the run as an error when `good` is false (an input or a result that does not
/// do what the case means).
void expect(benchmark::State& st, bool good, char const* what) {
    if (!good) st.SkipWithError(what);
}

/// A basic_parser handler that builds nothing: the cost of Boost's tokenizer alone.
struct null_handler {
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
    using ec_t = boost::json::error_code;
    using sv = boost::json::string_view;
    bool on_document_begin(ec_t&) { return true; }
    bool on_document_end(ec_t&) { return true; }
    bool on_object_begin(ec_t&) { return true; }
    bool on_object_end(std::size_t, ec_t&) { return true; }
    bool on_array_begin(ec_t&) { return true; }
    bool on_array_end(std::size_t, ec_t&) { return true; }
    bool on_key_part(sv, std::size_t, ec_t&) { return true; }
    bool on_key(sv, std::size_t, ec_t&) { return true; }
    bool on_string_part(sv, std::size_t, ec_t&) { return true; }
    bool on_string(sv, std::size_t, ec_t&) { return true; }
    bool on_number_part(sv, ec_t&) { return true; }
    bool on_int64(std::int64_t, sv, ec_t&) { return true; }
    bool on_uint64(std::uint64_t, sv, ec_t&) { return true; }
    bool on_double(double, sv, ec_t&) { return true; }
    bool on_bool(bool, ec_t&) { return true; }
    bool on_null(ec_t&) { return true; }
    bool on_comment_part(sv, ec_t&) { return true; }
    bool on_comment(sv, ec_t&) { return true; }
};

#if DRX_HAVE_SIMDJSON
// ---- simdjson on-demand into the mirror structs ------------------------------------------------
// Keys are matched whatever their order, as drx and value_to do.

mirror::scalar od_scalar(simdjson::ondemand::value v) {
    switch (v.type().value()) {
        case simdjson::ondemand::json_type::string:
            return std::string(std::string_view(v.get_string()));
        case simdjson::ondemand::json_type::number:
            if (v.get_number_type().value() == simdjson::ondemand::number_type::signed_integer)
                return std::int64_t(v.get_int64());
            return double(v.get_double());
        default:
            throw std::runtime_error("simdjson_ondemand: a scalar other than a number or a string");
    }
}

mirror::prediction_value od_prediction_value(simdjson::ondemand::object o) {
    mirror::prediction_value p;
    for (auto field : o) {
        std::string_view const k = field.unescaped_key();
        if (k == "value")
            p.value = double(field.value().get_double());
        else if (k == "label")
            p.label = od_scalar(field.value());
        else
            throw std::runtime_error("simdjson_ondemand: unknown key");
    }
    return p;
}

mirror::xemp_explanation od_explanation(simdjson::ondemand::object o) {
    mirror::xemp_explanation e;
    for (auto field : o) {
        std::string_view const k = field.unescaped_key();
        if (k == "featureValue")
            e.featureValue = od_scalar(field.value());
        else if (k == "strength")
            e.strength = double(field.value().get_double());
        else if (k == "feature")
            e.feature = std::string(std::string_view(field.value().get_string()));
        else if (k == "qualitativeStrength")
            e.qualitativeStrength = std::string(std::string_view(field.value().get_string()));
        else if (k == "label")
            e.label = od_scalar(field.value());
        else
            throw std::runtime_error("simdjson_ondemand: unknown key");
    }
    return e;
}

mirror::xemp_row od_row(simdjson::ondemand::object o) {
    mirror::xemp_row r;
    for (auto field : o) {
        std::string_view const k = field.unescaped_key();
        if (k == "predictionValues") {
            for (auto item : field.value().get_array()) r.predictionValues.push_back(od_prediction_value(item.get_object()));
        } else if (k == "predictionThreshold") {
            r.predictionThreshold = double(field.value().get_double());
        } else if (k == "prediction") {
            r.prediction = od_scalar(field.value());
        } else if (k == "rowId") {
            r.rowId = std::int64_t(field.value().get_int64());
        } else if (k == "predictionExplanations") {
            for (auto item : field.value().get_array()) r.predictionExplanations.push_back(od_explanation(item.get_object()));
        } else {
            throw std::runtime_error("simdjson_ondemand: unknown key");
        }
    }
    return r;
}

mirror::xemp_response od_response(simdjson::ondemand::parser& parser, simdjson::padded_string const& text) {
    mirror::xemp_response out;
    simdjson::ondemand::document doc = parser.iterate(text);
    for (auto field : doc.get_object()) {
        std::string_view const k = field.unescaped_key();
        if (k != "data") throw std::runtime_error("simdjson_ondemand: unknown key");
        for (auto item : field.value().get_array()) out.data.push_back(od_row(item.get_object()));
    }
    return out;
}
#endif

// ---- the cases -------------------------------------------------------------------------------

template <class T>
void drx_read(benchmark::State& st, lazy<T>* in) {
    auto const& c = in->get();
    bool good = c.valid;
    for (auto _ : st) {
        auto r = drx::read<T>(c.json);
        good = good && r.ok();
        benchmark::DoNotOptimize(r);
    }
    expect(st, good, "the input does not read, or does not validate");
    counters(st, c);
}

template <class T>
void drx_check(benchmark::State& st, lazy<T>* in, drx::level lv) {
    auto const& c = in->get();
    drx::check_options const opt{.level = lv};
    bool good = c.valid;
    for (auto _ : st) {
        auto rep = drx::check(c.object, opt);
        good = good && rep.ok();
        benchmark::DoNotOptimize(rep);
    }
    expect(st, good, "the object does not pass check()");
    counters(st, c);
}

template <class T>
void drx_validate(benchmark::State& st, lazy<T>* in) {
    auto const& c = in->get();
    bool good = c.valid;
    for (auto _ : st) {
        auto r = drx::validate<T>(c.json);
        good = good && r.ok();
        benchmark::DoNotOptimize(r);
    }
    expect(st, good, "the input does not validate");
    counters(st, c);
}

template <class T>
void drx_write(benchmark::State& st, lazy<T>* in) {
    auto const& c = in->get();
    bool good = c.valid;
    for (auto _ : st) {
        auto r = drx::write(c.object);
        good = good && r.ok();
        benchmark::DoNotOptimize(r);
    }
    expect(st, good, "the object does not write");
    counters(st, c);
}

template <class T>
void drx_format(benchmark::State& st, lazy<T>* in) {
    auto const& c = in->get();
    drx::read_options const ro;
    drx::check_options const co{.level = drx::level::schema};
    drx::write_options const wo = drx::write_options::compact();
    bool good = c.valid;
    for (auto _ : st) {
        drx::schema_run run = drx::detail::run_schema<T>(c.json, ro, co, &wo);
        good = good && run.output.has_value();
        benchmark::DoNotOptimize(run);
    }
    expect(st, good, "the input does not format");
    counters(st, c);
}

void drx_csv(benchmark::State& st, lazy<drx::prediction_explanations_page>* in) {
    auto const& c = in->get();
    auto const& opt = page_csv_options();
    bool good = c.valid;
    for (auto _ : st) {
        auto r = drx::write_explanations_csv(c.object, opt);
        good = good && r.ok();
        benchmark::DoNotOptimize(r);
    }
    expect(st, good, "the CSV export failed");
    counters(st, c);
}

template <class T>
void boost_parse(benchmark::State& st, lazy<T>* in) {
    auto const& c = in->get();
    for (auto _ : st) {
        auto v = boost::json::parse(c.json);
        benchmark::DoNotOptimize(v);
    }
    counters(st, c);
}

template <class T>
void boost_parse_monotonic(benchmark::State& st, lazy<T>* in) {
    auto const& c = in->get();
    for (auto _ : st) {
        boost::json::monotonic_resource mr;
        auto v = boost::json::parse(c.json, &mr);
        benchmark::DoNotOptimize(v);
    }
    counters(st, c);
}

template <class T>
void boost_null_parser(benchmark::State& st, lazy<T>* in) {
    auto const& c = in->get();
    boost::json::basic_parser<null_handler> p(boost::json::parse_options{});
    bool good = true;
    for (auto _ : st) {
        p.reset();
        boost::json::error_code ec;
        std::size_t const n = p.write_some(false, c.json.data(), c.json.size(), ec);
        good = good && !ec && n == c.json.size();
        benchmark::DoNotOptimize(n);
    }
    expect(st, good, "basic_parser refused the input");
    counters(st, c);
}

template <class T>
void boost_parse_serialize(benchmark::State& st, lazy<T>* in) {
    auto const& c = in->get();
    for (auto _ : st) {
        auto s = boost::json::serialize(boost::json::parse(c.json));
        benchmark::DoNotOptimize(s);
    }
    counters(st, c);
}

template <class T>
void boost_serialize(benchmark::State& st, lazy<T>* in) {
    auto const& c = in->get();
    auto const& v = c.boost_value();
    for (auto _ : st) {
        auto s = boost::json::serialize(v);
        benchmark::DoNotOptimize(s);
    }
    counters(st, c);
}

void boost_value_to(benchmark::State& st, lazy<drx::deployment_xemp_response>* in) {
    auto const& c = in->get();
    bool good = true;
    for (auto _ : st) {
        auto m = boost::json::value_to<mirror::xemp_response>(boost::json::parse(c.json));
        good = good && m.data.size() == c.rows;
        benchmark::DoNotOptimize(m);
    }
    expect(st, good, "value_to lost rows");
    counters(st, c);
}

void boost_value_from(benchmark::State& st, lazy<drx::deployment_xemp_response>* in) {
    auto const& c = in->get();
    auto const m = boost::json::value_to<mirror::xemp_response>(c.boost_value());
    for (auto _ : st) {
        auto s = boost::json::serialize(boost::json::value_from(m));
        benchmark::DoNotOptimize(s);
    }
    counters(st, c);
}

#if DRX_HAVE_SIMDJSON
template <class T>
void simdjson_dom(benchmark::State& st, lazy<T>* in) {
    auto const& c = in->get();
    auto const& text = c.padded();
    simdjson::dom::parser parser;
    // One parse before the timed loop: the parser keeps its buffers for the next documents (its
    // documented use), so the loop does not time their first allocation and page faults.
    simdjson::dom::element warm;
    bool good = !parser.parse(text).get(warm);
    for (auto _ : st) {
        simdjson::dom::element doc;
        auto err = parser.parse(text).get(doc);
        good = good && !err;
        benchmark::DoNotOptimize(doc);
    }
    expect(st, good, "simdjson refused the input");
    counters(st, c);
}

void simdjson_ondemand(benchmark::State& st, lazy<drx::deployment_xemp_response>* in) {
    auto const& c = in->get();
    auto const& text = c.padded();
    simdjson::ondemand::parser parser;
    bool good = true;
    try {
        good = od_response(parser, text).data.size() == c.rows;  // warm, as in simdjson_dom
        for (auto _ : st) {
            auto m = od_response(parser, text);
            good = good && m.data.size() == c.rows;
            benchmark::DoNotOptimize(m);
        }
    } catch (std::exception const& e) {
        st.SkipWithError(e.what());
        return;
    }
    expect(st, good, "simdjson_ondemand lost rows");
    counters(st, c);
}
#endif

#if DRX_HAVE_RAPIDJSON
template <class T>
void rapidjson_parse(benchmark::State& st, lazy<T>* in) {
    auto const& c = in->get();
    bool good = true;
    for (auto _ : st) {
        rapidjson::Document d;
        d.Parse(c.json.data(), c.json.size());
        good = good && !d.HasParseError();
        benchmark::DoNotOptimize(d);
    }
    expect(st, good, "RapidJSON refused the input");
    counters(st, c);
}

/// schemas/deployment-xemp-response.json reduced to draft-04, the only draft RapidJSON 1.1.0
/// knows. RapidJSON loads the 2020-12 document as it is, but resolves a "$ref" only to a schema
/// it has built, and it builds none under "$defs" (draft-04 names that place "definitions"):
/// every "#/$defs/..." reference becomes a schema that accepts anything, so that only the
/// top-level object and its "data" array would be checked ({"data":[{}]} passes). The
/// reduction: "$defs" renamed "definitions" and the references with it, "$schema" set to
/// draft-04, "$id" and the x-drx-* annotations dropped. Every keyword left (type with a list of
/// types, properties, required, items, enum, allOf, additionalProperties) is draft-04's.
std::string xemp_schema_draft04() {
    boost::json::value v = boost::json::parse(bench::file_text("schemas/deployment-xemp-response.json"));
    std::function<void(boost::json::value&)> walk = [&](boost::json::value& x) {
        if (auto* o = x.if_object()) {
            for (auto& m : *o) {
                if (m.key() == "$ref" && m.value().is_string()) {
                    std::string ref(m.value().get_string());
                    if (ref.starts_with("#/$defs/")) ref = "#/definitions/" + ref.substr(8);
                    m.value() = ref;
                } else {
                    walk(m.value());
                }
            }
        } else if (auto* a = x.if_array()) {
            for (auto& e : *a) walk(e);
        }
    };
    auto& top = v.as_object();
    if (auto* defs = top.if_contains("$defs")) {
        boost::json::value d = std::move(*defs);
        top.erase("$defs");
        top["definitions"] = std::move(d);
    }
    top["$schema"] = "http://json-schema.org/draft-04/schema#";
    top.erase("$id");
    top.erase("x-drx-rules");
    top.erase("x-drx-expressed");
    walk(v);
    return boost::json::serialize(v);
}

/// The reduced schema as a RapidJSON SchemaDocument (built once).
rapidjson::SchemaDocument const& xemp_schema() {
    static rapidjson::Document const sd = [] {
        rapidjson::Document d;
        std::string const text = xemp_schema_draft04();
        d.Parse(text.data(), text.size());
        if (d.HasParseError()) throw std::runtime_error("the draft-04 schema does not parse");
        return d;
    }();
    static rapidjson::SchemaDocument const schema(sd);
    return schema;
}

/// True when the reduced schema refuses what it must: a row without its keys, and an unknown
/// qualitativeStrength symbol (so that the timed validation checks the rows at all).
bool xemp_schema_checks_rows() {
    auto refused = [](char const* text) {
        rapidjson::Document d;
        d.Parse(text);
        rapidjson::SchemaValidator v(xemp_schema());
        return !d.HasParseError() && !d.Accept(v);
    };
    return refused(R"({"data":[{}]})") &&
           refused(R"({"data":[{"predictionValues":[],"prediction":0,"rowId":0,"predictionExplanations":[)"
                   R"({"featureValue":1,"strength":0.5,"feature":"f","qualitativeStrength":"x","label":1}]}]})");
}

void rapidjson_schema(benchmark::State& st, lazy<drx::deployment_xemp_response>* in) {
    auto const& c = in->get();
    rapidjson::Document d;
    d.Parse(c.json.data(), c.json.size());
    rapidjson::SchemaValidator validator(xemp_schema());
    bool good = !d.HasParseError() && xemp_schema_checks_rows();
    for (auto _ : st) {
        validator.Reset();
        d.Accept(validator);
        good = good && validator.IsValid();
    }
    expect(st, good, "RapidJSON's SchemaValidator refused the input");
    counters(st, c);
}

void rapidjson_parse_schema(benchmark::State& st, lazy<drx::deployment_xemp_response>* in) {
    auto const& c = in->get();
    rapidjson::SchemaValidator validator(xemp_schema());
    bool good = xemp_schema_checks_rows();
    for (auto _ : st) {
        validator.Reset();
        rapidjson::Reader reader;
        rapidjson::StringStream ss(c.json.c_str());
        bool const parsed = static_cast<bool>(reader.Parse(ss, validator));
        good = good && parsed && validator.IsValid();
    }
    expect(st, good, "RapidJSON's SchemaValidator refused the input");
    counters(st, c);
}
#endif

// ---- registration ----------------------------------------------------------------------------

template <class F, class... A>
void add(std::string const& case_name, std::string const& input, F f, A... a) {
    benchmark::RegisterBenchmark((case_name + "/" + input).c_str(), f, a...)->Unit(benchmark::kMillisecond);
}

/// The cases every input has.
template <class T>
void add_common(lazy<T>* in) {
    std::string const& n = in->name;
    add("drx_read", n, &drx_read<T>, in);
    add("drx_check_schema", n, &drx_check<T>, in, drx::level::schema);
    add("drx_check_rules", n, &drx_check<T>, in, drx::level::rules);
    add("drx_check_consistency", n, &drx_check<T>, in, drx::level::consistency);
    add("drx_validate", n, &drx_validate<T>, in);
    add("drx_write", n, &drx_write<T>, in);
    add("drx_format", n, &drx_format<T>, in);
    add("boost_parse", n, &boost_parse<T>, in);
    add("boost_parse_monotonic", n, &boost_parse_monotonic<T>, in);
    add("boost_null_parser", n, &boost_null_parser<T>, in);
    add("boost_parse_serialize", n, &boost_parse_serialize<T>, in);
    add("boost_serialize", n, &boost_serialize<T>, in);
#if DRX_HAVE_SIMDJSON
    add("simdjson_dom", n, &simdjson_dom<T>, in);
#endif
#if DRX_HAVE_RAPIDJSON
    add("rapidjson_parse", n, &rapidjson_parse<T>, in);
#endif
}

template <class T>
lazy<T>* keep(std::string name, std::function<corpus<T>()> make) {
    static std::vector<std::unique_ptr<lazy<T>>> all;
    all.push_back(std::make_unique<lazy<T>>(lazy<T>{std::move(name), std::move(make), nullptr}));
    return all.back().get();
}

bool register_all() {
    for (std::size_t n : {1000, 10000, 100000}) {
        std::string const k = std::to_string(n / 1000) + "k";
        auto* x = keep<drx::deployment_xemp_response>("xemp_" + k, [n] { return make_xemp(n); });
        add_common(x);
        add("boost_value_to", x->name, &boost_value_to, x);
        add("boost_value_from", x->name, &boost_value_from, x);
#if DRX_HAVE_SIMDJSON
        add("simdjson_ondemand", x->name, &simdjson_ondemand, x);
#endif
#if DRX_HAVE_RAPIDJSON
        add("rapidjson_schema", x->name, &rapidjson_schema, x);
        add("rapidjson_parse_schema", x->name, &rapidjson_parse_schema, x);
#endif
    }
    for (std::size_t n : {1000, 10000, 100000}) {
        auto* s = keep<drx::deployment_shap_response>("shap_" + std::to_string(n / 1000) + "k", [n] { return make_shap(n); });
        add_common(s);
    }
    auto* p = keep<drx::prediction_explanations_page>("page_1k", [] { return make_page(1000); });
    add_common(p);
    add("drx_csv", p->name, &drx_csv, p);
    auto* ins = keep<drx::cluster_insights_page>("insights_100", [] { return make_insights(20); });
    add_common(ins);
    return true;
}

[[maybe_unused]] bool const registered = register_all();

}  // namespace
