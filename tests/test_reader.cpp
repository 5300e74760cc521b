// SPDX-License-Identifier: BSL-1.0
// Reader tests: bad input of every kind gives diagnostics with the rule ids of docs/rules.md and
// pointers (docs/reference/reading.md), nothing crashes, and a result never exposes a half-filled
// object. Expected ids, pointers and severities come from docs/reference/reading.md and from
// RFC 6901; messages are drx's own, so only their meaningful parts are checked.
#include <doctest/doctest.h>

#include <drx/context.hpp>
#include <drx/read.hpp>
#include <drx/write.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace drx_test {

/// A described enum with one wire-name override.
enum class shade { light, dark_grey };
BOOST_DESCRIBE_ENUM(shade, light, dark_grey)
constexpr auto drx_enum_names(shade const*) { return std::array{drx::enum_name<shade>{shade::dark_grey, "dark-grey"}}; }

/// A nested object (open: unknown keys follow the policy).
struct point {
    std::int64_t x = 0;
    std::int64_t y = 0;
};
BOOST_DESCRIBE_STRUCT(point, (), (x, y))

/// A closed nested object: unknown keys are always errors.
struct closed_point {
    std::int64_t x = 0;
};
BOOST_DESCRIBE_STRUCT(closed_point, (), (x))
constexpr bool drx_closed(closed_point const*) { return true; }

/// One member of every kind the reader knows.
struct every_kind {
    bool flag = false;
    std::int64_t count = 0;
    std::uint8_t small = 0;
    unsigned positive = 0;
    double ratio = 0;
    std::string name;
    drx::number amount;
    drx::scalar label;
    shade tone = shade::light;
    std::vector<std::int64_t> items;
    std::vector<std::string> tags;
    std::array<std::int64_t, 2> pair{};
    drx::object_map<std::int64_t> scores;
    drx::json_value extra;
    point where;
    closed_point strict;
    std::optional<std::int64_t> maybe;
    drx::nullable<std::int64_t> blank;
    std::optional<drx::nullable<std::int64_t>> tri;
};
BOOST_DESCRIBE_STRUCT(every_kind, (),
                      (flag, count, small, positive, ratio, name, amount, label, tone, items, tags, pair, scores, extra,
                       where, strict, maybe, blank, tri))

/// A struct with two required members only, for the diagnostics cap.
struct two_required {
    std::int64_t a = 0;
    std::int64_t b = 0;
};
BOOST_DESCRIBE_STRUCT(two_required, (), (a, b))

}  // namespace drx_test

namespace {

using namespace drx_test;
using kv = std::pair<std::string, std::string>;

/// The valid base document, member by member, in compact canonical form (so that reading and
/// writing it again gives the same text).
std::vector<kv> base_members() {
    return {
        {"flag", "true"},
        {"count", "-7"},
        {"small", "200"},
        {"positive", "4000000000"},
        {"ratio", "0.25"},
        {"name", "\"n\""},
        {"amount", "2.0"},
        {"label", "\"yes\""},
        {"tone", "\"dark-grey\""},
        {"items", "[1,2,3]"},
        {"tags", "[\"a\",\"b\"]"},
        {"pair", "[4,5]"},
        {"scores", "{\"b\":1,\"a\":2}"},
        {"extra", "{\"any\":[1,2.5,null]}"},
        {"where", "{\"x\":1,\"y\":2}"},
        {"strict", "{\"x\":3}"},
        {"blank", "null"},
    };
}

std::string join(std::vector<kv> const& ms) {
    std::string s = "{";
    for (std::size_t i = 0; i < ms.size(); ++i) {
        if (i) s += ',';
        s += "\"" + ms[i].first + "\":" + ms[i].second;
    }
    return s + "}";
}

/// The base document with member `key` given the JSON text `value` (appended when new).
std::string doc_with(std::string const& key, std::string const& value) {
    auto ms = base_members();
    auto it = std::find_if(ms.begin(), ms.end(), [&](kv const& p) { return p.first == key; });
    if (it == ms.end())
        ms.emplace_back(key, value);
    else
        it->second = value;
    return join(ms);
}

/// The base document without member `key`.
std::string doc_without(std::string const& key) {
    auto ms = base_members();
    ms.erase(std::remove_if(ms.begin(), ms.end(), [&](kv const& p) { return p.first == key; }), ms.end());
    return join(ms);
}

std::string base_doc() { return join(base_members()); }

/// Checks that `r` failed with exactly one diagnostic, of `rule` at `pointer`, as an error, and
/// that no half-filled object is exposed.
template <class T>
void expect_one(drx::result<T> const& r, std::string const& rule, std::string const& pointer) {
    CHECK_FALSE(r.ok());
    CHECK(r.get_if() == nullptr);
    CHECK(r.unchecked() == nullptr);
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].rule == rule);
    CHECK(r.diagnostics()[0].pointer == pointer);
    CHECK(r.diagnostics()[0].severity == drx::severity::error);
    CHECK_FALSE(r.diagnostics()[0].message.empty());
}

bool has_diag(std::vector<drx::diagnostic> const& ds, std::string const& rule, std::string const& pointer) {
    return std::any_of(ds.begin(), ds.end(), [&](drx::diagnostic const& d) { return d.rule == rule && d.pointer == pointer; });
}

std::string repeat(std::string const& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

TEST_CASE("reader: the base document reads, and writes back to the same text") {
    drx::result<every_kind> r = drx::read<every_kind>(base_doc());
    REQUIRE(r.ok());
    CHECK(r.diagnostics().empty());
    every_kind const& v = r.value();
    CHECK(v.flag);
    CHECK(v.count == -7);
    CHECK(v.small == 200);
    CHECK(v.positive == 4000000000u);
    CHECK(v.ratio == 0.25);
    CHECK(v.name == "n");
    CHECK(v.amount.is_float());
    CHECK(v.label == drx::scalar("yes"));
    CHECK(v.tone == shade::dark_grey);
    CHECK(v.items == std::vector<std::int64_t>{1, 2, 3});
    CHECK(v.pair == std::array<std::int64_t, 2>{4, 5});
    CHECK(v.scores.begin()->first == "b");
    CHECK(v.where.y == 2);
    CHECK(v.strict.x == 3);
    CHECK_FALSE(v.maybe.has_value());
    CHECK(v.blank.is_null());
    CHECK_FALSE(v.tri.has_value());
    CHECK(drx::to_json(v) == base_doc());
}

TEST_CASE("reader: empty and whitespace-only input is schema.syntax") {
    for (std::string in : {std::string(""), std::string(" "), std::string(" \t\r\n  ")}) {
        CAPTURE(in);
        drx::result<every_kind> r = drx::read<every_kind>(in);
        expect_one(r, "schema.syntax", "");
        CHECK(r.diagnostics()[0].message.find("empty") != std::string::npos);
    }
    expect_one(drx::read<drx::json_value>(""), "schema.syntax", "");
    expect_one(drx::read<std::int64_t>("\n"), "schema.syntax", "");
}

TEST_CASE("reader: truncated text is schema.syntax, with the position") {
    struct tcase {
        std::string text;
        std::string column;
    };
    for (tcase const& c : {tcase{"{\"a\":", "column 6"}, tcase{"[1,", "column 4"}, tcase{"\"abc", "column 5"},
                           tcase{"{", "column 2"}, tcase{"{\"count\":1", "column 11"}, tcase{"tru", "column 4"}}) {
        CAPTURE(c.text);
        for (bool as_value : {false, true}) {
            std::vector<drx::diagnostic> ds = as_value ? drx::read<drx::json_value>(c.text).diagnostics()
                                                       : drx::read<every_kind>(c.text).diagnostics();
            auto syntax = std::find_if(ds.begin(), ds.end(), [](auto const& d) { return d.rule == "schema.syntax"; });
            REQUIRE(syntax != ds.end());
            CHECK(syntax->severity == drx::severity::error);
            CHECK(syntax->message.find("line 1, " + c.column) != std::string::npos);
            CHECK(syntax->message.find("truncated") != std::string::npos);
        }
        CHECK(drx::read<every_kind>(c.text).unchecked() == nullptr);
        CHECK(drx::read<drx::json_value>(c.text).unchecked() == nullptr);
    }
}

TEST_CASE("reader: wrong types at every kind") {
    struct wcase {
        std::string key, value, rule, pointer;
    };
    wcase const cases[] = {
        // integers
        {"count", "\"5\"", "schema.type", "/count"},
        {"count", "5.5", "schema.type", "/count"},
        {"count", "1e-1", "schema.type", "/count"},
        {"count", "true", "schema.type", "/count"},
        {"count", "null", "schema.type", "/count"},
        {"count", "{}", "schema.type", "/count"},
        {"count", "[1]", "schema.type", "/count"},
        {"small", "\"1\"", "schema.type", "/small"},
        // bool
        {"flag", "1", "schema.type", "/flag"},
        {"flag", "\"true\"", "schema.type", "/flag"},
        {"flag", "null", "schema.type", "/flag"},
        // double
        {"ratio", "\"0.5\"", "schema.type", "/ratio"},
        {"ratio", "false", "schema.type", "/ratio"},
        {"ratio", "null", "schema.type", "/ratio"},
        // string
        {"name", "1", "schema.type", "/name"},
        {"name", "null", "schema.type", "/name"},
        {"name", "[\"n\"]", "schema.type", "/name"},
        // number, scalar
        {"amount", "\"1\"", "schema.type", "/amount"},
        {"amount", "null", "schema.type", "/amount"},
        {"label", "{}", "schema.type", "/label"},
        {"label", "[]", "schema.type", "/label"},
        // enum
        {"tone", "5", "schema.type", "/tone"},
        {"tone", "null", "schema.type", "/tone"},
        {"tone", "\"purple\"", "schema.enum", "/tone"},
        {"tone", "\"dark_grey\"", "schema.enum", "/tone"},  // the C++ name is not the wire name
        {"tone", "\"Light\"", "schema.enum", "/tone"},
        // arrays
        {"items", "{}", "schema.type", "/items"},
        {"items", "\"1,2\"", "schema.type", "/items"},
        {"items", "null", "schema.type", "/items"},
        {"items", "[1,\"x\",3]", "schema.type", "/items/1"},
        {"tags", "[\"a\",[]]", "schema.type", "/tags/1"},
        {"pair", "[1]", "schema.type", "/pair"},
        {"pair", "[1,2,3]", "schema.type", "/pair/2"},  // the item too many
        {"pair", "{}", "schema.type", "/pair"},
        // objects
        {"scores", "[]", "schema.type", "/scores"},
        {"scores", "{\"a\":\"x\"}", "schema.type", "/scores/a"},
        {"where", "[]", "schema.type", "/where"},
        {"where", "null", "schema.type", "/where"},
        {"where", "{\"x\":\"1\",\"y\":2}", "schema.type", "/where/x"},
        {"where", "{\"x\":1}", "schema.required", "/where/y"},
        {"strict", "{\"x\":1,\"y\":2}", "schema.unknown_key", "/strict/y"},
        // nullable does not accept other types
        {"blank", "\"x\"", "schema.type", "/blank"},
        {"tri", "\"x\"", "schema.type", "/tri"},
        // optional: null is a type error
        {"maybe", "null", "schema.type", "/maybe"},
    };
    for (wcase const& c : cases) {
        std::string text = doc_with(c.key, c.value);
        CAPTURE(text);
        expect_one(drx::read<every_kind>(text), c.rule, c.pointer);
    }
}

TEST_CASE("reader: expected and actual of a type error") {
    drx::result<every_kind> r = drx::read<every_kind>(doc_with("count", "\"abc\""));
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].actual == std::optional<std::string>("\"abc\""));
    CHECK(r.diagnostics()[0].expected.has_value());
    drx::result<every_kind> e = drx::read<every_kind>(doc_with("tone", "\"purple\""));
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].actual == std::optional<std::string>("\"purple\""));
    // The expected value names every enumeration value.
    REQUIRE(e.diagnostics()[0].expected.has_value());
    CHECK(e.diagnostics()[0].expected->find("\"light\"") != std::string::npos);
    CHECK(e.diagnostics()[0].expected->find("\"dark-grey\"") != std::string::npos);
}

TEST_CASE("reader: json_value accepts any JSON") {
    for (std::string v : {"null", "true", "1", "-1.5", "\"s\"", "[]", "{}", "[{\"a\":[null]}]"}) {
        CAPTURE(v);
        drx::result<every_kind> r = drx::read<every_kind>(doc_with("extra", v));
        CHECK(r.ok());
        CHECK(r.diagnostics().empty());
    }
}

TEST_CASE("reader: integral values written as floats are integers; fractions are not") {
    struct icase {
        std::string text;
        std::int64_t value;
    };
    for (icase const& c : {icase{"5.0", 5}, icase{"50e-1", 5}, icase{"1e2", 100}, icase{"-0", 0}, icase{"1E2", 100},
                           icase{"500e-2", 5}, icase{"-0.0", 0}, icase{"0e5", 0}, icase{"9223372036854775807", INT64_MAX},
                           icase{"-9223372036854775808", INT64_MIN}, icase{"9.223372036854775807e18", INT64_MAX}}) {
        CAPTURE(c.text);
        drx::result<every_kind> r = drx::read<every_kind>(doc_with("count", c.text));
        REQUIRE(r.ok());
        CHECK(r.value().count == c.value);
    }
    for (std::string t : {"5.5", "1e-1", "0.1", "-0.5", "1.0000000000000001", "12345678901234567.5"}) {
        CAPTURE(t);
        expect_one(drx::read<every_kind>(doc_with("count", t)), "schema.type", "/count");
    }
}

TEST_CASE("reader: numbers that do not fit are schema.number_range") {
    struct rcase {
        std::string key, value;
    };
    rcase const cases[] = {
        {"count", "9223372036854775808"},
        {"count", "-9223372036854775809"},
        {"count", "18446744073709551616"},
        {"count", "1e19"},
        {"count", "1e400"},
        {"small", "256"},
        {"small", "-1"},
        {"positive", "-1"},
        {"positive", "4294967296"},
        {"ratio", "1e400"},
        {"ratio", "-1e400"},
        {"ratio", "1e-400"},   // underflow to zero is data loss
        {"ratio", "-1e-400"},
        {"amount", "1e400"},
        {"amount", "1e-400"},
        {"amount", "9223372036854775808"},
        {"label", "1e400"},
        {"label", "-1e-400"},
    };
    for (rcase const& c : cases) {
        std::string text = doc_with(c.key, c.value);
        CAPTURE(text);
        drx::result<every_kind> r = drx::read<every_kind>(text);
        expect_one(r, "schema.number_range", "/" + c.key);
        CHECK(r.diagnostics()[0].actual == std::optional<std::string>(c.value));
    }
    // At the limits: fits.
    CHECK(drx::read<every_kind>(doc_with("small", "255")).ok());
    CHECK(drx::read<every_kind>(doc_with("small", "0")).ok());
    CHECK(drx::read<every_kind>(doc_with("positive", "4294967295")).ok());
    CHECK(drx::read<every_kind>(doc_with("ratio", "1.7976931348623157e308")).ok());
    CHECK(drx::read<every_kind>(doc_with("ratio", "5e-324")).ok());
    // An integer member of json_value beyond 64 bits cannot be kept exactly.
    expect_one(drx::read<every_kind>(doc_with("extra", "[18446744073709551616]")), "schema.number_range", "/extra/0");
    CHECK(drx::read<every_kind>(doc_with("extra", "[18446744073709551615,-9223372036854775808]")).ok());
}

TEST_CASE("reader: NaN and infinity literals are schema.syntax") {
    for (std::string t : {"NaN", "Infinity", "-Infinity", "nan", "inf"}) {
        CAPTURE(t);
        drx::result<every_kind> r = drx::read<every_kind>(doc_with("ratio", t));
        CHECK_FALSE(r.ok());
        CHECK(r.unchecked() == nullptr);
        REQUIRE(r.diagnostics().size() == 1);
        CHECK(r.diagnostics()[0].rule == "schema.syntax");
    }
    expect_one(drx::read<double>("NaN"), "schema.syntax", "");
    drx::result<drx::json_value> inf = drx::read<drx::json_value>("[Infinity]");
    REQUIRE(inf.diagnostics().size() == 1);
    CHECK(inf.diagnostics()[0].rule == "schema.syntax");
}

TEST_CASE("reader: invalid UTF-8 in strings and keys is schema.syntax at the bad byte") {
    std::string const bad[] = {"\xff", "\xc0\x80", "\xed\xa0\x80", "\x80", "\xe2\x82", "\xf4\x90\x80\x80"};
    for (std::string const& b : bad) {
        CAPTURE(b);
        // In a string value: {"name":"ok<bad>"}
        std::string text = "{\"name\":\"ok" + b + "\"}";
        drx::result<every_kind> r = drx::read<every_kind>(text);
        CHECK_FALSE(r.ok());
        CHECK(r.unchecked() == nullptr);
        REQUIRE(r.diagnostics().size() == 1);
        CHECK(r.diagnostics()[0].rule == "schema.syntax");
        CHECK(r.diagnostics()[0].message.find("line 1, column 12") != std::string::npos);  // byte 11 is the bad one
        // In a key.
        drx::result<drx::json_value> k = drx::read<drx::json_value>("{\"k" + b + "\":1}");
        REQUIRE(k.diagnostics().size() == 1);
        CHECK(k.diagnostics()[0].rule == "schema.syntax");
    }
    // Valid UTF-8 and escaped astral characters are fine.
    drx::result<every_kind> ok = drx::read<every_kind>(doc_with("name", "\"\xc3\xa9\xf0\x9f\x98\x80\\ud83d\\ude00\""));
    REQUIRE(ok.ok());
    CHECK(ok.value().name == "\xc3\xa9\xf0\x9f\x98\x80\xf0\x9f\x98\x80");
    // A lone surrogate escape is not a character.
    drx::result<every_kind> lone = drx::read<every_kind>(doc_with("name", "\"\\ud800\""));
    REQUIRE(lone.diagnostics().size() == 1);
    CHECK(lone.diagnostics()[0].rule == "schema.syntax");
}

TEST_CASE("reader: extra data after the value is schema.syntax") {
    for (std::string t : {base_doc() + " x", base_doc() + "{}", base_doc() + ",", std::string("1 2"), std::string("[] []")}) {
        CAPTURE(t);
        drx::result<drx::json_value> r = drx::read<drx::json_value>(t);
        CHECK_FALSE(r.ok());
        CHECK(r.unchecked() == nullptr);
        REQUIRE(r.diagnostics().size() == 1);
        CHECK(r.diagnostics()[0].rule == "schema.syntax");
        CHECK(r.diagnostics()[0].message.find("extra data") != std::string::npos);
    }
    // Trailing whitespace is not extra data.
    CHECK(drx::read<every_kind>(base_doc() + " \n\t\r ").ok());
}

TEST_CASE("reader: missing required members are schema.required at the member's pointer") {
    for (std::string key : {"flag", "count", "tone", "items", "pair", "scores", "extra", "where", "strict", "blank"}) {
        CAPTURE(key);
        drx::result<every_kind> r = drx::read<every_kind>(doc_without(key));
        expect_one(r, "schema.required", "/" + key);
    }
    // Optional members may be absent.
    CHECK(drx::read<every_kind>(doc_without("maybe")).ok());
    CHECK(drx::read<every_kind>(doc_without("tri")).ok());
    // Several missing: one diagnostic each, in declaration order.
    drx::result<two_required> r = drx::read<two_required>("{}");
    REQUIRE(r.diagnostics().size() == 2);
    CHECK(r.diagnostics()[0].pointer == "/a");
    CHECK(r.diagnostics()[1].pointer == "/b");
    CHECK(r.diagnostics()[1].rule == "schema.required");
}

TEST_CASE("reader: optional absent vs null; nullable; optional<nullable> has three states") {
    // optional<T>: absent ok, value ok, null is schema.type (checked in the wrong-types table).
    drx::result<every_kind> m = drx::read<every_kind>(doc_with("maybe", "9"));
    REQUIRE(m.ok());
    CHECK(m.value().maybe == std::optional<std::int64_t>(9));
    // nullable<T>: null or a value.
    drx::result<every_kind> b = drx::read<every_kind>(doc_with("blank", "4"));
    REQUIRE(b.ok());
    CHECK(b.value().blank == drx::nullable<std::int64_t>(4));
    // optional<nullable<T>>: absent, null, value, each written back exactly.
    std::string const absent = base_doc();
    std::string const null = doc_with("tri", "null");
    std::string const value = doc_with("tri", "12");
    drx::result<every_kind> ra = drx::read<every_kind>(absent);
    drx::result<every_kind> rn = drx::read<every_kind>(null);
    drx::result<every_kind> rv = drx::read<every_kind>(value);
    REQUIRE(ra.ok());
    REQUIRE(rn.ok());
    REQUIRE(rv.ok());
    CHECK_FALSE(ra.value().tri.has_value());
    REQUIRE(rn.value().tri.has_value());
    CHECK(rn.value().tri->is_null());
    REQUIRE(rv.value().tri.has_value());
    CHECK(rv.value().tri == std::optional<drx::nullable<std::int64_t>>(12));
    CHECK(drx::to_json(ra.value()) == absent);
    CHECK(drx::to_json(rn.value()) == null);
    CHECK(drx::to_json(rv.value()) == value);
}

TEST_CASE("reader: duplicate keys are errors by default") {
    std::string t = base_doc();
    t.insert(1, "\"count\":99,");  // count appears twice
    drx::result<every_kind> r = drx::read<every_kind>(t);
    expect_one(r, "schema.duplicate_key", "/count");
    // In free-key objects and json_value too.
    expect_one(drx::read<every_kind>(doc_with("scores", "{\"k\":1,\"k\":2}")), "schema.duplicate_key", "/scores/k");
    expect_one(drx::read<every_kind>(doc_with("extra", "{\"k\":1,\"k\":2}")), "schema.duplicate_key", "/extra/k");
    expect_one(drx::read<every_kind>(doc_with("where", "{\"x\":1,\"y\":2,\"x\":3}")), "schema.duplicate_key",
               "/where/x");
}

TEST_CASE("reader: duplicate_keys::last_wins warns and keeps the last value, never merges") {
    drx::read_options o;
    o.duplicate_keys = drx::duplicate_keys::last_wins;
    std::string t = base_doc();
    t.insert(1, "\"count\":99,\"items\":[7,8,9,10],");  // first values; the base document's come last
    drx::result<every_kind> r = drx::read<every_kind>(t, o);
    REQUIRE(r.ok());
    REQUIRE(r.diagnostics().size() == 2);
    CHECK(r.diagnostics()[0].rule == "schema.duplicate_key");
    CHECK(r.diagnostics()[0].pointer == "/count");
    CHECK(r.diagnostics()[0].severity == drx::severity::warning);
    CHECK(r.diagnostics()[1].pointer == "/items");
    CHECK(r.diagnostics()[1].severity == drx::severity::warning);
    CHECK(r.value().count == -7);
    CHECK(r.value().items == std::vector<std::int64_t>{1, 2, 3});  // not [7,8,9,10,1,2,3]

    drx::result<every_kind> m = drx::read<every_kind>(doc_with("scores", "{\"k\":1,\"j\":5,\"k\":2}"), o);
    REQUIRE(m.ok());
    REQUIRE(m.value().scores.size() == 2);
    CHECK(*m.value().scores.find("k") == 2);
    CHECK(m.value().scores.begin()->first == "k");

    drx::result<every_kind> n = drx::read<every_kind>(doc_with("where", "{\"x\":1,\"y\":2,\"x\":3}"), o);
    REQUIRE(n.ok());
    CHECK(n.value().where.x == 3);

    drx::result<every_kind> j = drx::read<every_kind>(doc_with("extra", "{\"k\":[1,2],\"k\":[3]}"), o);
    REQUIRE(j.ok());
    CHECK(drx::to_json(j.value().extra) == "{\"k\":[3]}");
}

TEST_CASE("reader: unknown keys under each policy, and closed objects") {
    std::string const t = doc_with("zzz", "[1,{\"q\":2}]");
    drx::read_options o;

    // Default: warning, value kept.
    drx::result<every_kind> w = drx::read<every_kind>(t);
    REQUIRE(w.ok());
    REQUIRE(w.diagnostics().size() == 1);
    CHECK(w.diagnostics()[0].rule == "schema.unknown_key");
    CHECK(w.diagnostics()[0].pointer == "/zzz");
    CHECK(w.diagnostics()[0].severity == drx::severity::warning);

    o.unknown_keys = drx::unknown_keys::error;
    expect_one(drx::read<every_kind>(t, o), "schema.unknown_key", "/zzz");

    o.unknown_keys = drx::unknown_keys::ignore;
    drx::result<every_kind> i = drx::read<every_kind>(t, o);
    CHECK(i.ok());
    CHECK(i.diagnostics().empty());

    // Nested open object follows the policy too.
    drx::result<every_kind> nested = drx::read<every_kind>(doc_with("where", "{\"x\":1,\"y\":2,\"z\":3}"));
    REQUIRE(nested.ok());
    REQUIRE(nested.diagnostics().size() == 1);
    CHECK(nested.diagnostics()[0].pointer == "/where/z");
    CHECK(nested.diagnostics()[0].severity == drx::severity::warning);

    // Closed objects: always an error, whatever the policy.
    for (auto policy : {drx::unknown_keys::error, drx::unknown_keys::warning, drx::unknown_keys::ignore}) {
        o.unknown_keys = policy;
        expect_one(drx::read<every_kind>(doc_with("strict", "{\"x\":1,\"extra\":true}"), o), "schema.unknown_key",
                   "/strict/extra");
    }
}

TEST_CASE("reader: 10,000-deep nesting inside a json_value member -> schema.limit at depth 65") {
    // Objects: the 65th container is /extra + 63 times /k.
    std::string deep_obj = repeat("{\"k\":", 10000) + "1" + std::string(10000, '}');
    drx::result<every_kind> ro = drx::read<every_kind>(doc_with("extra", deep_obj));
    CHECK_FALSE(ro.ok());
    CHECK(ro.unchecked() == nullptr);
    REQUIRE(ro.diagnostics().size() == 1);
    CHECK(ro.diagnostics()[0].rule == "schema.limit");
    CHECK(ro.diagnostics()[0].actual == std::optional<std::string>("65"));
    CHECK(ro.diagnostics()[0].pointer == "/extra" + repeat("/k", 63));

    // Exactly at the limit (depth 64) is accepted: root + extra + 62 levels.
    std::string at_limit = repeat("{\"k\":", 63) + "1" + std::string(63, '}');
    CHECK(drx::read<every_kind>(doc_with("extra", at_limit)).ok());
    std::string over = repeat("{\"k\":", 64) + "1" + std::string(64, '}');
    CHECK_FALSE(drx::read<every_kind>(doc_with("extra", over)).ok());

    // A smaller configured limit.
    drx::read_options o;
    o.max_depth = 3;
    CHECK(drx::read<every_kind>(doc_with("extra", "{\"a\":{\"b\":1}}"), o).ok());  // depth 3
    drx::result<every_kind> small = drx::read<every_kind>(doc_with("extra", "{\"a\":{\"b\":{}}}"), o);
    REQUIRE(small.diagnostics().size() == 1);
    CHECK(small.diagnostics()[0].rule == "schema.limit");
    CHECK(small.diagnostics()[0].pointer == "/extra/a/b");
    CHECK(small.diagnostics()[0].actual == std::optional<std::string>("4"));
}

TEST_CASE("reader: 10,000-deep arrays -> schema.limit at the pointer of the 65th container") {
    // The 65th nested array inside /extra is at /extra + 63 times /0.
    std::string deep = std::string(10000, '[') + std::string(10000, ']');
    drx::result<every_kind> r = drx::read<every_kind>(doc_with("extra", deep));
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].rule == "schema.limit");
    CHECK(r.diagnostics()[0].actual == std::optional<std::string>("65"));
    CHECK(r.diagnostics()[0].pointer == "/extra" + repeat("/0", 63));
    // At the root: the 65th array is at 64 times /0.
    drx::result<drx::json_value> root = drx::read<drx::json_value>(deep);
    REQUIRE(root.diagnostics().size() == 1);
    CHECK(root.diagnostics()[0].rule == "schema.limit");
    CHECK(root.diagnostics()[0].pointer == repeat("/0", 64));
    // Small case: {"extra":[[1],[2,{}]]} with max_depth 3: the {} at /extra/1/1 is at depth 4.
    drx::read_options o;
    o.max_depth = 3;
    drx::result<every_kind> s = drx::read<every_kind>(doc_with("extra", "[[1],[2,{}]]"), o);
    REQUIRE(s.diagnostics().size() == 1);
    CHECK(s.diagnostics()[0].pointer == "/extra/1/1");
}

TEST_CASE("reader: 10,000-deep nesting at the root and in a typed member never crashes") {
    std::string deep = std::string(10000, '[') + std::string(10000, ']');
    // Root of a struct type: the array is a type error, then the skipped subtree hits the limit.
    drx::result<every_kind> r = drx::read<every_kind>(deep);
    CHECK_FALSE(r.ok());
    CHECK(r.unchecked() == nullptr);
    REQUIRE(r.diagnostics().size() == 2);
    CHECK(r.diagnostics()[0].rule == "schema.type");
    CHECK(r.diagnostics()[0].pointer == "");
    CHECK(r.diagnostics()[1].rule == "schema.limit");
    CHECK(r.diagnostics()[1].actual == std::optional<std::string>("65"));
    // Inside a typed member (array of integers).
    drx::result<every_kind> m = drx::read<every_kind>(doc_with("items", deep));
    CHECK_FALSE(m.ok());
    CHECK(has_diag(m.diagnostics(), "schema.type", "/items/0"));
    CHECK(std::any_of(m.diagnostics().begin(), m.diagnostics().end(), [](auto const& d) { return d.rule == "schema.limit"; }));
    // Unclosed deep input too.
    drx::result<drx::json_value> u = drx::read<drx::json_value>(std::string(10000, '['));
    CHECK_FALSE(u.ok());
    REQUIRE_FALSE(u.diagnostics().empty());
    CHECK(u.diagnostics()[0].rule == "schema.limit");
}

TEST_CASE("reader: input over max_input_size is schema.limit") {
    drx::read_options o;
    std::string const t = base_doc();
    o.max_input_size = t.size();
    CHECK(drx::read<every_kind>(t, o).ok());  // at the limit
    o.max_input_size = t.size() - 1;
    drx::result<every_kind> r = drx::read<every_kind>(t, o);
    expect_one(r, "schema.limit", "");
    CHECK(r.diagnostics()[0].actual == std::optional<std::string>(std::to_string(t.size()) + " bytes"));
}

TEST_CASE("reader: a string over max_string_length is schema.limit") {
    drx::read_options o;
    o.max_string_length = 9;  // the longest string of the base document, "dark-grey", has 9 bytes
    CHECK(drx::read<every_kind>(doc_with("name", "\"abcdefghi\""), o).ok());  // at the limit
    expect_one(drx::read<every_kind>(doc_with("name", "\"abcdefghij\""), o), "schema.limit", "/name");
    // Counted after unescaping: 9 escapes are 9 bytes; 2 characters of 4 bytes and an ASCII one are 9 bytes.
    CHECK(drx::read<every_kind>(doc_with("name", "\"\\u0041\\u0042\\n\\t\\u0041\\u0042\\n\\t\\u0041\""), o).ok());
    CHECK(drx::read<every_kind>(doc_with("name", "\"\xf0\x9f\x98\x80\\ud83d\\ude00x\""), o).ok());
    expect_one(drx::read<every_kind>(doc_with("name", "\"\xf0\x9f\x98\x80\\ud83d\\ude00xy\""), o), "schema.limit",
               "/name");
    // A long key: reported at the object holding it.
    expect_one(drx::read<every_kind>(doc_with("abcdefghij", "1"), o), "schema.limit", "");
    // A long string split across parser buffers.
    o.max_string_length = 100000;
    std::string big(100001, 'x');
    drx::result<every_kind> r = drx::read<every_kind>(doc_with("name", "\"" + big + "\""), o);
    expect_one(r, "schema.limit", "/name");
    CHECK(drx::read<every_kind>(doc_with("name", "\"" + big.substr(1) + "\""), o).ok());
}

TEST_CASE("reader: a long string inside an array is schema.limit at the element's pointer") {
    drx::read_options o;
    o.max_string_length = 9;
    expect_one(drx::read<every_kind>(doc_with("tags", "[\"ok\",\"abcdefghij\"]"), o), "schema.limit", "/tags/1");
}

TEST_CASE("reader: all errors are collected, in document order") {
    std::vector<kv> ms = base_members();
    auto set = [&](std::string const& k, std::string const& v) {
        for (auto& p : ms)
            if (p.first == k) p.second = v;
    };
    set("flag", "1");
    set("count", "\"x\"");
    set("tone", "\"purple\"");
    set("items", "{}");
    set("where", "{\"x\":true,\"y\":1}");
    drx::result<every_kind> r = drx::read<every_kind>(join(ms));
    CHECK_FALSE(r.ok());
    CHECK(r.unchecked() == nullptr);
    REQUIRE(r.diagnostics().size() == 5);
    CHECK(r.diagnostics()[0].pointer == "/flag");
    CHECK(r.diagnostics()[0].rule == "schema.type");
    CHECK(r.diagnostics()[1].pointer == "/count");
    CHECK(r.diagnostics()[1].rule == "schema.type");
    CHECK(r.diagnostics()[2].pointer == "/tone");
    CHECK(r.diagnostics()[2].rule == "schema.enum");
    CHECK(r.diagnostics()[3].pointer == "/items");
    CHECK(r.diagnostics()[3].rule == "schema.type");
    CHECK(r.diagnostics()[4].pointer == "/where/x");
    CHECK(r.diagnostics()[4].rule == "schema.type");

    // parse<T> throws drx::error with all of them.
    try {
        (void)drx::parse<every_kind>(join(ms));
        FAIL("parse did not throw");
    } catch (drx::error const& e) {
        CHECK(e.diagnostics() == r.diagnostics());
        CHECK(std::string(e.what()).find("/flag") != std::string::npos);
    }
    CHECK(drx::parse<every_kind>(base_doc()).count == -7);
}

TEST_CASE("reader: max_diagnostics caps the list and counts the rest") {
    std::string items = "[";
    for (int i = 0; i < 20; ++i) items += std::string(i ? "," : "") + "\"x\"";
    items += "]";
    drx::read_options o;
    o.max_diagnostics = 5;
    drx::result<every_kind> r = drx::read<every_kind>(doc_with("items", items), o);
    CHECK_FALSE(r.ok());
    CHECK(r.unchecked() == nullptr);
    REQUIRE(r.diagnostics().size() == 6);  // the cap, then the schema.limit error of the stop
    CHECK(r.omitted() > 0);
    CHECK(r.diagnostics()[4].pointer == "/items/4");
    CHECK(r.diagnostics()[5].rule == "schema.limit");
    CHECK(r.diagnostics()[5].pointer == "/items/5");
    // Without a cap small enough, all 20 are there.
    drx::result<every_kind> all = drx::read<every_kind>(doc_with("items", items));
    CHECK(all.diagnostics().size() == 20);
    CHECK(all.omitted() == 0);
}

TEST_CASE("reader: an error past the diagnostics cap still makes the result invalid") {
    drx::read_options o;
    o.max_diagnostics = 2;
    // Two warnings fill the cap; the type error after them is not listed but still counts, and
    // a schema.limit error ends the list, so the list itself says the document is invalid.
    drx::result<two_required> r = drx::read<two_required>("{\"x1\":1,\"x2\":2,\"a\":\"str\",\"b\":2}", o);
    REQUIRE(r.diagnostics().size() == 3);
    CHECK(r.diagnostics()[2].rule == "schema.limit");
    CHECK(r.diagnostics()[2].pointer == "/a");
    CHECK(drx::has_errors(r.diagnostics()));
    CHECK(r.omitted() == 1);
    CHECK_FALSE(r.ok());
    CHECK(r.get_if() == nullptr);
    CHECK(r.unchecked() == nullptr);
    CHECK_THROWS_AS((void)r.value(), drx::error);
    // Missing members past the cap.
    drx::result<two_required> missing = drx::read<two_required>("{\"x1\":1,\"x2\":2,\"x3\":3}", o);
    CHECK(missing.omitted() > 0);
    CHECK_FALSE(missing.ok());
    CHECK(missing.unchecked() == nullptr);
    // Warnings past the cap do not stop reading: the object is complete and valid.
    drx::result<two_required> warn = drx::read<two_required>("{\"x1\":1,\"x2\":2,\"x3\":3,\"a\":1,\"b\":2}", o);
    CHECK(warn.diagnostics().size() == 2);
    CHECK(warn.omitted() == 1);
    REQUIRE(warn.ok());
    CHECK(warn.value().a == 1);
    CHECK(warn.value().b == 2);
}

TEST_CASE("reader: RFC 6901 escaping of keys in pointers") {
    drx::result<every_kind> r = drx::read<every_kind>(doc_with("scores", "{\"a/b\":\"x\",\"m~n\":\"y\",\"~1\":\"z\"}"));
    REQUIRE(r.diagnostics().size() == 3);
    CHECK(r.diagnostics()[0].pointer == "/scores/a~1b");
    CHECK(r.diagnostics()[1].pointer == "/scores/m~0n");
    CHECK(r.diagnostics()[2].pointer == "/scores/~01");
    drx::result<every_kind> u = drx::read<every_kind>(doc_with("p/q~", "1"));
    REQUIRE(u.diagnostics().size() == 1);
    CHECK(u.diagnostics()[0].pointer == "/p~1q~0");
    CHECK(u.diagnostics()[0].rule == "schema.unknown_key");
}

TEST_CASE("reader: the result never exposes a half-filled object") {
    drx::result<every_kind> r = drx::read<every_kind>(doc_with("count", "\"x\""));
    CHECK_FALSE(r.ok());
    CHECK_FALSE(static_cast<bool>(r));
    CHECK(r.get_if() == nullptr);
    CHECK(r.unchecked() == nullptr);
    CHECK_THROWS_AS((void)r.value(), drx::error);
    try {
        (void)r.value();
    } catch (drx::error const& e) {
        CHECK(e.diagnostics() == r.diagnostics());
    }
    // A warning alone keeps the value.
    drx::result<every_kind> w = drx::read<every_kind>(doc_with("unknown", "1"));
    CHECK(w.ok());
    CHECK(w.get_if() != nullptr);
    CHECK(w.unchecked() != nullptr);
}

namespace {

void compare_text_and_value(std::string const& text, drx::read_options const& o = {}) {
    CAPTURE(text);
    boost::json::parse_options po;
    po.max_depth = 100000;
    boost::json::value v = boost::json::parse(text, {}, po);
    drx::result<every_kind> a = drx::read<every_kind>(text, o);
    drx::result<every_kind> b = drx::read<every_kind>(v, o);
    REQUIRE(a.diagnostics().size() == b.diagnostics().size());
    for (std::size_t i = 0; i < a.diagnostics().size(); ++i) {
        CAPTURE(i);
        CHECK(a.diagnostics()[i].pointer == b.diagnostics()[i].pointer);
        CHECK(a.diagnostics()[i].rule == b.diagnostics()[i].rule);
        CHECK(a.diagnostics()[i].severity == b.diagnostics()[i].severity);
        CHECK(a.diagnostics()[i].message == b.diagnostics()[i].message);
        CHECK(a.diagnostics()[i].expected == b.diagnostics()[i].expected);
        CHECK(a.diagnostics()[i].actual == b.diagnostics()[i].actual);
    }
    CHECK(a.ok() == b.ok());
    if (a.ok() && b.ok()) CHECK(drx::to_json(a.value()) == drx::to_json(b.value()));
}

}  // namespace

TEST_CASE("reader: a boost::json::value gives the same diagnostics as the same text") {
    compare_text_and_value(base_doc());
    compare_text_and_value(doc_with("count", "\"5\""));
    compare_text_and_value(doc_with("count", "5.5"));
    compare_text_and_value(doc_with("count", "9223372036854775808"));
    compare_text_and_value(doc_with("small", "256"));
    compare_text_and_value(doc_with("positive", "-1"));
    compare_text_and_value(doc_with("tone", "\"purple\""));
    compare_text_and_value(doc_with("items", "[1,\"x\",true,null,{}]"));
    compare_text_and_value(doc_with("pair", "[1,2,3]"));
    compare_text_and_value(doc_with("where", "{\"x\":1}"));
    compare_text_and_value(doc_without("flag"));
    compare_text_and_value(doc_with("zzz", "1"));
    compare_text_and_value(doc_with("strict", "{\"x\":1,\"q\":2}"));
    compare_text_and_value(doc_with("maybe", "null"));
    compare_text_and_value(doc_with("scores", "{\"a/b\":\"x\"}"));
    compare_text_and_value(doc_with("extra", std::string(100, '[') + std::string(100, ']')));
    compare_text_and_value(doc_with("extra", repeat("{\"k\":", 100) + "1" + std::string(100, '}')));
    compare_text_and_value("[1,2]");
    drx::read_options strict;
    strict.unknown_keys = drx::unknown_keys::error;
    compare_text_and_value(doc_with("zzz", "1"), strict);
    drx::read_options cap;
    cap.max_diagnostics = 2;
    compare_text_and_value(doc_with("items", "[\"a\",\"b\",\"c\"]"), cap);
}

TEST_CASE("reader: a boost::json::value with a long string or key gives the same diagnostic as the text") {
    drx::read_options o;
    o.max_string_length = 9;
    compare_text_and_value(doc_with("name", "\"abcdefghij\""), o);
    compare_text_and_value(doc_with("abcdefghij", "1"), o);
}

TEST_CASE("reader: scalar and number keep the kind they were read with") {
    struct scase {
        std::string text;
        drx::scalar expect;
    };
    for (scase const& c : {scase{"1", drx::scalar(1)}, scase{"1.0", drx::scalar(1.0)}, scase{"\"1\"", drx::scalar("1")},
                           scase{"true", drx::scalar(true)}, scase{"null", drx::scalar()},
                           scase{"-0.0", drx::scalar(-0.0)}, scase{"1e2", drx::scalar(100.0)}}) {
        CAPTURE(c.text);
        drx::result<every_kind> r = drx::read<every_kind>(doc_with("label", c.text));
        REQUIRE(r.ok());
        CHECK(r.value().label == c.expect);
    }
    drx::result<every_kind> i = drx::read<every_kind>(doc_with("amount", "3"));
    REQUIRE(i.ok());
    CHECK(i.value().amount.is_integer());
    CHECK(i.value().amount.as_integer() == 3);
    drx::result<every_kind> f = drx::read<every_kind>(doc_with("amount", "3.0"));
    REQUIRE(f.ok());
    CHECK(f.value().amount.is_float());
}
