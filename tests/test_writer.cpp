// SPDX-License-Identifier: BSL-1.0
// Writer goldens (docs/reference/exact-json.md). Needs no Python at test time: every expected text
// is a file under tests/data/core/ produced by CPython 3.11's json.dumps from the same data
// (tests/tools/make_core_golden.py), or a short CPython output pasted below with a comment. The C++
// values below are built directly (not read), so only the writer is under test.
#include <doctest/doctest.h>

#include <drx/context.hpp>
#include <drx/write.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace drx_test {

/// A described enum whose second enumerator has a wire-name override.
enum class tint { light, dark_green };
BOOST_DESCRIBE_ENUM(tint, light, dark_green)
constexpr auto drx_enum_names(tint const*) { return std::array{drx::enum_name<tint>{tint::dark_green, "dark-green"}}; }

/// A small nested object.
struct inner_item {
    std::int64_t k = 0;
    std::vector<std::int64_t> xs;
};
BOOST_DESCRIBE_STRUCT(inner_item, (), (k, xs))

/// Every member kind the writer knows, in the order of WRITER_DOC in make_core_golden.py.
struct writer_doc {
    std::string name;
    bool flag = false;
    std::int64_t count = 0;
    std::uint64_t big = 0;
    double ratio = 0;
    double tiny = 0;
    double huge = 0;
    double whole = 0;
    double neg_zero = 0;
    drx::number n_int;
    drx::number n_float;
    std::vector<drx::scalar> scalars;
    std::optional<std::int64_t> absent;
    std::optional<drx::nullable<std::int64_t>> null_opt;
    drx::nullable<std::string> null_str;
    tint colour = tint::light;
    drx::model_kind kind = drx::model_kind::binary;
    std::vector<std::int64_t> empty_list;
    drx::object_map<std::int64_t> empty_map;
    drx::object_map<double> scores;
    std::array<std::int64_t, 3> triple{};
    std::vector<inner_item> nested;
    std::vector<std::vector<std::int64_t>> grid;
    drx::json_value any;
};
BOOST_DESCRIBE_STRUCT(writer_doc, (),
                      (name, flag, count, big, ratio, tiny, huge, whole, neg_zero, n_int, n_float, scalars, absent,
                       null_opt, null_str, colour, kind, empty_list, empty_map, scores, triple, nested, grid, any))

/// Empty containers at several depths (EMPTIES in make_core_golden.py): `d` is a list holding
/// an empty object, `e` an object holding an empty list.
struct empty_obj {};
BOOST_DESCRIBE_STRUCT(empty_obj, (), ())
struct holds_list {
    std::vector<std::int64_t> f;
};
BOOST_DESCRIBE_STRUCT(holds_list, (), (f))
struct empties_full {
    std::vector<std::int64_t> a;
    drx::object_map<std::int64_t> b;
    drx::json_value c;
    std::vector<empty_obj> d;
    holds_list e;
};
BOOST_DESCRIBE_STRUCT(empties_full, (), (a, b, c, d, e))

/// Only optional members, all absent: written as {}.
struct all_absent {
    std::optional<std::int64_t> a;
    std::optional<std::string> b;
};
BOOST_DESCRIBE_STRUCT(all_absent, (), (a, b))

/// Strings and keys needing escapes (TEXT_DOC in make_core_golden.py).
struct text_doc {
    std::string s;
    drx::object_map<std::int64_t> keys;
};
BOOST_DESCRIBE_STRUCT(text_doc, (), (s, keys))

/// Non-finite values in every float-carrying kind (NAN_DOC in make_core_golden.py).
struct nan_doc {
    double a = 0;
    drx::number b;
    drx::scalar c;
    std::vector<double> d;
};
BOOST_DESCRIBE_STRUCT(nan_doc, (), (a, b, c, d))

/// A value deep inside, for refusal pointers.
struct deep_value {
    drx::number value;
};
BOOST_DESCRIBE_STRUCT(deep_value, (), (value))
struct refusals {
    std::string label;
    std::vector<deep_value> rows;
    drx::object_map<std::string> tags;
};
BOOST_DESCRIBE_STRUCT(refusals, (), (label, rows, tags))

}  // namespace drx_test

namespace {

using namespace drx_test;

std::string source_dir() {
    if (char const* e = std::getenv("DRX_SOURCE_DIR"); e && *e) return e;
    std::string f = __FILE__;  // <root>/tests/test_writer.cpp
    return f.substr(0, f.rfind('/')) + "/..";
}

std::string golden(std::string const& name) {
    std::string path = source_dir() + "/tests/data/core/" + name;
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "missing golden file " << path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

writer_doc make_writer_doc() {
    writer_doc d;
    d.name = "drx";
    d.flag = true;
    d.count = -42;
    d.big = std::numeric_limits<std::uint64_t>::max();
    d.ratio = 0.1;
    d.tiny = 1e-05;
    d.huge = 1e16;
    d.whole = 3.0;
    d.neg_zero = -0.0;
    d.n_int = drx::number(0);
    d.n_float = drx::number(0.0);
    d.scalars = {drx::scalar(1), drx::scalar(1.0), drx::scalar("1"), drx::scalar(true), drx::scalar(drx::null),
                 drx::scalar(-2.5e-07)};
    d.absent = std::nullopt;
    d.null_opt = drx::nullable<std::int64_t>(drx::null);
    d.null_str = drx::null;
    d.colour = tint::dark_green;
    d.kind = drx::model_kind::time_series;
    d.scores.append("z", 1.5);
    d.scores.append("a", -0.0);
    d.scores.append("m", 2.0);
    d.triple = {1, 2, 3};
    d.nested = {inner_item{1, {}}, inner_item{2, {3, 4}}};
    d.grid = {{}, {1, 2}};
    boost::json::object any;
    any["x"] = boost::json::array{1, 2.5, nullptr, true, "s"};
    any["y"] = boost::json::object{};
    any["z"] = boost::json::array{};
    any["f"] = 1e22;
    any["g"] = 0.1;
    d.any.value = std::move(any);
    return d;
}

drx::write_options layout_of(std::string const& name) {
    if (name == "compact") return drx::write_options::compact();
    if (name == "python") return drx::write_options::python();
    if (name == "indent0") return drx::write_options::indented(0);
    if (name == "indent2") return drx::write_options::indented(2);
    return drx::write_options::indented(4);
}

char const* const layouts[] = {"compact", "python", "indent0", "indent2", "indent4"};

}  // namespace

TEST_CASE("writer: every member kind in every layout equals CPython's json.dumps") {
    writer_doc const d = make_writer_doc();
    for (std::string lay : layouts) {
        CAPTURE(lay);
        drx::result<std::string> r = drx::write(d, layout_of(lay));
        REQUIRE(r.ok());
        CHECK(r.value() == golden("writer_doc." + lay + ".json"));
        CHECK(drx::to_json(d, layout_of(lay)) == r.value());
    }
}

TEST_CASE("writer: empty arrays and objects are [] and {} in every layout") {
    empties_full e;
    e.c.value = boost::json::array{boost::json::array{}, boost::json::object{}};
    e.d = {empty_obj{}};
    for (std::string lay : layouts) {
        CAPTURE(lay);
        CHECK(drx::to_json(e, layout_of(lay)) == golden("writer_empties." + lay + ".json"));
        CHECK(drx::to_json(all_absent{}, layout_of(lay)) == golden("writer_all_absent." + lay + ".json"));
        // Top-level empty containers. CPython: json.dumps([], indent=2) == "[]", json.dumps({}, indent=2) == "{}".
        CHECK(drx::to_json(std::vector<std::int64_t>{}, layout_of(lay)) == "[]");
        CHECK(drx::to_json(drx::object_map<std::int64_t>{}, layout_of(lay)) == "{}");
    }
}

TEST_CASE("writer: indent 0 writes newlines without indentation, like json.dumps(indent=0)") {
    // CPython 3.11: json.dumps({"a": [1, {"b": 2}]}, indent=0) == '{\n"a": [\n1,\n{\n"b": 2\n}\n]\n}'
    drx::json_value v;
    v.value = boost::json::object{{"a", boost::json::array{1, boost::json::object{{"b", 2}}}}};
    CHECK(drx::to_json(v, drx::write_options::indented(0)) == "{\n\"a\": [\n1,\n{\n\"b\": 2\n}\n]\n}");
}

TEST_CASE("writer: absent is omitted, null is written") {
    writer_doc d = make_writer_doc();
    std::string const with_null = drx::to_json(d);
    CHECK(with_null.find("\"absent\"") == std::string::npos);
    CHECK(with_null.find("\"nullOpt\":null") != std::string::npos);
    CHECK(with_null.find("\"nullStr\":null") != std::string::npos);
    d.null_opt.reset();  // absent now
    d.absent = 7;
    std::string const s = drx::to_json(d);
    CHECK(s.find("\"nullOpt\"") == std::string::npos);
    CHECK(s.find("\"absent\":7,\"nullStr\":null") != std::string::npos);
    d.null_opt = drx::nullable<std::int64_t>(5);
    CHECK(drx::to_json(d).find("\"absent\":7,\"nullOpt\":5,\"nullStr\":null") != std::string::npos);
}

TEST_CASE("writer: kinds are kept (number and scalar)") {
    // CPython: json.dumps(0) == "0", json.dumps(0.0) == "0.0", json.dumps([1, 1.0, "1", True, None])
    CHECK(drx::to_json(drx::number(0)) == "0");
    CHECK(drx::to_json(drx::number(0.0)) == "0.0");
    CHECK(drx::to_json(drx::number(-0.0)) == "-0.0");
    CHECK(drx::to_json(drx::number(std::int64_t{-5})) == "-5");
    CHECK(drx::to_json(drx::number(-5.0)) == "-5.0");
    CHECK(drx::to_json(drx::number(1e16)) == "1e+16");
    std::vector<drx::scalar> v{drx::scalar(1), drx::scalar(1.0), drx::scalar("1"), drx::scalar(true), drx::scalar()};
    CHECK(drx::to_json(v) == "[1,1.0,\"1\",true,null]");
    CHECK(drx::to_json(v, drx::write_options::python()) == "[1, 1.0, \"1\", true, null]");
}

TEST_CASE("writer: ensure_ascii on (default) and off, against CPython") {
    text_doc t;
    t.s = std::string("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xe2\x80\xa8\xe2\x80\xa9 ctrl ") + std::string(1, '\0') +
          "\x01\x1f\x7f \"q\" \\ \n\t\r\b\f / \xf4\x8f\xbf\xbf\xef\xbf\xbf\xc2\x80";
    t.keys.append("cl\xc3\xa9", 1);
    t.keys.append("\xf0\x9f\x98\x80", 2);
    t.keys.append("a\"b", 3);
    CHECK(drx::to_json(t) == golden("writer_text.ascii.json"));
    drx::write_options utf8;
    utf8.ensure_ascii = false;
    CHECK(drx::to_json(t, utf8) == golden("writer_text.utf8.json"));
    // Pasted from CPython 3.11: json.dumps("\u00e9") == '"\\u00e9"'; json.dumps("\u00e9", ensure_ascii=False) == '"\u00e9"'
    CHECK(drx::to_json(std::string("\xc3\xa9")) == "\"\\u00e9\"");
    CHECK(drx::to_json(std::string("\xc3\xa9"), utf8) == "\"\xc3\xa9\"");
}

TEST_CASE("writer: NaN and infinities are refused by default, with write.non_finite at the member") {
    nan_doc n;
    n.a = std::numeric_limits<double>::quiet_NaN();
    n.b = drx::number(std::numeric_limits<double>::infinity());
    n.c = drx::scalar(-std::numeric_limits<double>::infinity());
    n.d = {std::numeric_limits<double>::quiet_NaN(), 1.0};
    drx::result<std::string> r = drx::write(n);
    CHECK_FALSE(r.ok());
    CHECK(r.get_if() == nullptr);
    CHECK(r.unchecked() == nullptr);
    REQUIRE(r.diagnostics().size() == 4);
    char const* const pointers[] = {"/a", "/b", "/c", "/d/0"};
    for (std::size_t i = 0; i < 4; ++i) {
        CAPTURE(i);
        CHECK(r.diagnostics()[i].pointer == pointers[i]);
        CHECK(r.diagnostics()[i].rule == "write.non_finite");
        CHECK(r.diagnostics()[i].severity == drx::severity::error);
        CHECK_FALSE(r.diagnostics()[i].message.empty());
    }
    CHECK_THROWS_AS(drx::to_json(n), drx::error);
    try {
        (void)drx::to_json(n);
    } catch (drx::error const& e) {
        CHECK(e.diagnostics().size() == 4);
        CHECK(e.diagnostics()[3].pointer == "/d/0");
    }

    // Deep inside: the pointer names the member in the array element.
    refusals f;
    f.label = "ok";
    f.rows = {deep_value{drx::number(1.0)}, deep_value{drx::number(std::numeric_limits<double>::infinity())}};
    drx::result<std::string> rf = drx::write(f, drx::write_options::indented(2));
    REQUIRE(rf.diagnostics().size() == 1);
    CHECK(rf.diagnostics()[0].pointer == "/rows/1/value");
    CHECK(rf.diagnostics()[0].rule == "write.non_finite");
}

TEST_CASE("writer: allow_nan writes Python's NaN, Infinity, -Infinity") {
    nan_doc n;
    n.a = std::numeric_limits<double>::quiet_NaN();
    n.b = drx::number(std::numeric_limits<double>::infinity());
    n.c = drx::scalar(-std::numeric_limits<double>::infinity());
    n.d = {std::numeric_limits<double>::quiet_NaN(), 1.0};
    drx::write_options o;
    o.allow_nan = true;
    drx::result<std::string> r = drx::write(n, o);
    REQUIRE(r.ok());
    CHECK(r.value() == golden("writer_nan.compact.json"));
    // A negative NaN is still NaN in Python (json.dumps(-math.nan) == "NaN").
    CHECK(drx::to_json(-std::numeric_limits<double>::quiet_NaN(), o) == "NaN");
}

TEST_CASE("writer: invalid UTF-8 in a string is refused with write.utf8") {
    char const* const bad[] = {"\xff", "ab\xc0\x80", "\xed\xa0\x80", "x\xe2\x82", "\xf4\x90\x80\x80"};
    for (char const* b : bad) {
        CAPTURE(std::string(b));
        refusals f;
        f.label = b;
        drx::result<std::string> r = drx::write(f);
        CHECK_FALSE(r.ok());
        REQUIRE(r.diagnostics().size() == 1);
        CHECK(r.diagnostics()[0].rule == "write.utf8");
        CHECK(r.diagnostics()[0].pointer == "/label");
        CHECK_THROWS_AS(drx::to_json(f), drx::error);

        refusals g;
        g.tags.append("t/1", b);
        drx::result<std::string> rg = drx::write(g);
        REQUIRE(rg.diagnostics().size() == 1);
        CHECK(rg.diagnostics()[0].rule == "write.utf8");
        CHECK(rg.diagnostics()[0].pointer == "/tags/t~11");
    }
    // ensure_ascii off does not make invalid bytes acceptable.
    drx::write_options utf8;
    utf8.ensure_ascii = false;
    CHECK_FALSE(drx::write(std::string("\xff"), utf8).ok());
}

TEST_CASE("writer: enums by wire name, including overrides") {
    CHECK(drx::to_json(tint::light) == "\"light\"");
    CHECK(drx::to_json(tint::dark_green) == "\"dark-green\"");
    CHECK(drx::to_json(drx::model_kind::time_series) == "\"time-series\"");
    CHECK(drx::to_json(drx::model_kind::multiclass) == "\"multiclass\"");
    std::vector<drx::model_kind> all{drx::model_kind::binary,     drx::model_kind::regression,
                                     drx::model_kind::multiclass, drx::model_kind::clustering,
                                     drx::model_kind::anomaly,    drx::model_kind::time_series};
    // The context values (docs/reference/reading.md (The context)).
    CHECK(drx::to_json(all) ==
          "[\"binary\",\"regression\",\"multiclass\",\"clustering\",\"anomaly\",\"time-series\"]");
}

TEST_CASE("writer: object_map keeps insertion order, std::array, json_value floats as repr") {
    drx::object_map<std::int64_t> m;
    m.append("zeta", 1);
    m.append("alpha", 2);
    m.append("mid", 3);
    m.set("alpha", 20);  // keeps its position
    m.set("new", 4);     // appended
    CHECK(drx::to_json(m) == "{\"zeta\":1,\"alpha\":20,\"mid\":3,\"new\":4}");
    CHECK(drx::to_json(std::array<double, 2>{0.5, 2.0}) == "[0.5,2.0]");
    // CPython: json.dumps([0.1, 1e-05, 1e16, 100.0, 123456789012345.67, 5e-324]) with compact separators
    drx::json_value j;
    j.value = boost::json::array{0.1, 1e-05, 1e16, 100.0, 123456789012345.67, 5e-324};
    CHECK(drx::to_json(j) == "[0.1,1e-05,1e+16,100.0,123456789012345.67,5e-324]");
    // json_value also refuses non-finite numbers.
    drx::json_value nan_j;
    nan_j.value = boost::json::array{1, std::numeric_limits<double>::infinity()};
    drx::result<std::string> r = drx::write(nan_j);
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].pointer == "/1");
    CHECK(r.diagnostics()[0].rule == "write.non_finite");
}

TEST_CASE("writer: write_to appends, and reports refusals") {
    std::string out = "prefix:";
    std::vector<drx::diagnostic> ds = drx::write_to(out, std::vector<std::int64_t>{1, 2});
    CHECK(ds.empty());
    CHECK(out == "prefix:[1,2]");
    std::string bad;
    ds = drx::write_to(bad, std::numeric_limits<double>::infinity());
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].rule == "write.non_finite");
    CHECK(ds[0].pointer == "");
}

TEST_CASE("writer: the length reserved ahead covers the text (every layout, escapes included)") {
    // The writer reserves an upper bound of the text first (drx/write.hpp, reserve_json); a bound
    // below the text would only cost a copy, but it is meant to hold: checked against CPython's
    // texts of the golden files.
    writer_doc const d = make_writer_doc();
    for (std::string lay : layouts) {
        CAPTURE(lay);
        std::string unused;
        drx::write_options const opt = layout_of(lay);  // the writer keeps a reference to it
        drx::detail::basic_json_writer<true> m(unused, opt, false);
        m.value(d);
        std::string const text = golden("writer_doc." + lay + ".json");
        CHECK(m.bound() >= text.size());
        CHECK(m.bound() < 2 * text.size() + 256);
    }
    // Strings: every single byte, and UTF-8 of each length, with and without ensure_ascii. The
    // texts are json.dumps': "\u00e9" is 6 characters for 2 bytes, an astral character 12 for 4.
    for (int b = 0; b < 256; ++b) {
        std::string const s(1, static_cast<char>(b));
        std::string out;
        for (bool ascii : {true, false}) {
            out.clear();
            if (drx::detail::append_json_string(out, s, ascii)) CHECK(drx::detail::json_string_bound(s) >= out.size());
        }
    }
    CHECK(drx::detail::json_string_bound("\xc3\xa9") >= 8);           // "\u00e9"
    CHECK(drx::detail::json_string_bound("\xe2\x82\xac") >= 8);       // "\u20ac"
    CHECK(drx::detail::json_string_bound("\xf0\x9f\x98\x80") >= 14);  // "\ud83d\ude00"
    CHECK(drx::detail::json_string_bound("plain text") == 12);  // exact for text with no escape
}

TEST_CASE("writer: texts longer than the writer's window and its first reservation") {
    // Built here by plain concatenation, independently of the writer.
    std::vector<std::int64_t> many(30000);
    std::string expected = "[";
    for (std::size_t i = 0; i < many.size(); ++i) {
        many[i] = static_cast<std::int64_t>(i) * 7919 - 100000;
        if (i) expected += ',';
        expected += std::to_string(many[i]);
    }
    expected += ']';
    CHECK(drx::to_json(many) == expected);
    std::string out = "prefix:";
    CHECK(drx::write_to(out, many).empty());
    CHECK(out == "prefix:" + expected);

    // One string of 300,000 bytes, half of them escaped: CPython writes "a\n" for each "a" + LF.
    std::string s, quoted = "\"";
    for (int i = 0; i < 150000; ++i) {
        s += "a\n";
        quoted += "a\\n";
    }
    quoted += '"';
    CHECK(drx::to_json(s) == quoted);
    CHECK(drx::to_json(std::vector<std::string>{s, s}) == "[" + quoted + "," + quoted + "]");
}

TEST_CASE("writer: a text past measure_after reserves its whole bound once") {
    // Small texts are written in one walk (their string doubles as it grows); once a text passes
    // measure_after, the writer bounds the whole value and reserves it (drx/write.hpp, grow). The
    // expected texts are built here by plain concatenation, independently of the writer.
    constexpr std::size_t after = drx::detail::json_writer::measure_after;
    constexpr std::size_t slack = drx::detail::json_writer::slack;
    // Plain strings only, whose bound is exact: about 5 * measure_after of text.
    std::vector<std::string> texts;
    std::string expected = "[";
    for (std::size_t i = 0; expected.size() < 5 * after; ++i) {
        texts.push_back("item " + std::to_string(i) + std::string(i % 40, 'z'));
        if (i) expected += ',';
        expected += '"' + texts.back() + '"';
    }
    expected += ']';
    std::string out = "prefix:";
    REQUIRE(drx::write_to(out, texts).empty());
    CHECK(out == "prefix:" + expected);
    // Doubling would have left a capacity of up to twice the text; the bound leaves the slack.
    CHECK(out.capacity() <= out.size() + slack);

    // A small text keeps an ordinary capacity (no reservation of measure_after).
    std::string small;
    REQUIRE(drx::write_to(small, std::vector<std::string>{"a", "b"}).empty());
    CHECK(small == R"(["a","b"])");
    CHECK(small.capacity() < 1024);

    // A refused value at the end of a large text is still found, with its pointer.
    std::vector<double> values(after / 2, 0.5);  // about twice measure_after of text
    values.back() = std::numeric_limits<double>::quiet_NaN();
    auto const ds = drx::write_to(out, values);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].rule == "write.non_finite");
    CHECK(ds[0].pointer == "/" + std::to_string(values.size() - 1));
}

TEST_CASE("writer: a reserved text is written in place (no string grows past the reservation)") {
    // The worst case for the bound: only strings, whose bound is exact, short ones asking for
    // room for six characters a byte. Written into the reservation, the buffer never moves.
    std::vector<std::string> texts{std::string(5000, 'y')};  // a long one first: the short ones end it
    for (int i = 0; i < 2000; ++i) texts.push_back(std::string(static_cast<std::size_t>(i % 257), 'x'));
    for (std::string lay : layouts) {
        CAPTURE(lay);
        drx::write_options const opt = layout_of(lay);
        std::string out;
        drx::detail::reserve_json(out, texts, opt);
        char const* const before = out.data();
        drx::detail::json_writer w(out, opt, false);
        w.value(texts);
        w.finish();
        CHECK(out.data() == before);
        CHECK(out == drx::to_json(texts, opt));
    }
}
