// SPDX-License-Identifier: BSL-1.0
// Rules (docs/reference/reading.md (Levels), docs/declaring-objects.md): every rule kind with
// boundary tests (below, at, above, wrong type) checking the exact rule id, pointer and severity;
// modifiers (as_warning, at(level), with_message); context needs and skipped rules; custom rule
// pointers; absolute pointers of rules inside nested objects, arrays and maps; validate(); and the
// introspection the JSON Schema export and the generators rely on (drx::for_each_rule).
#include <doctest/doctest.h>

#include <drx/check.hpp>
#include <drx/context.hpp>
#include <drx/read.hpp>
#include <drx/rules.hpp>

#include <boost/describe/class.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

namespace drx_test {

/// An item of a list: one member rule and one custom rule needing the model kind.
struct rule_item {
    std::int64_t score = 0;
    std::optional<std::string> tag;
};
BOOST_DESCRIBE_STRUCT(rule_item, (), (score, tag))

inline void item_tag_rule(rule_item const& it, drx::reporter& rep) {
    // Only for multiclass models, the tag must be present.
    if (rep.ctx()->model_kind == drx::model_kind::multiclass && !it.tag)
        rep.report(drx::json_pointer(drx::wire_name<&rule_item::tag>()), "a tag is required for multiclass", "a tag",
                   "none");
}

inline auto drx_rules(rule_item const*) {
    using T = rule_item;
    using namespace drx::rules;
    return std::tuple{
        member<&T::score>("item.score.range", range{0, 10}),
        custom<T>{{"item.tag.multiclass"}, "items of multiclass models carry a tag", &item_tag_rule, drx::needs::model_kind},
    };
}

/// Every rule kind on one object.
struct rules_doc {
    std::optional<std::int64_t> count;               // range [1, 10]
    std::optional<double> ratio;                     // range [0, 1]
    std::optional<double> finite_value;              // finite_number
    std::optional<std::string> title;                // size_in [2, 3] code points
    std::optional<std::vector<std::int64_t>> values; // size_in [1, 3], unique_items, each range [2, 100]
    std::optional<std::vector<std::string>> names;   // non_empty, each non_empty
    std::optional<std::string> speed_mode;           // one_of fast, slow
    std::optional<std::int64_t> left;                // mutually_exclusive left, right
    std::optional<std::int64_t> right;
    std::optional<std::int64_t> low_bound;           // requires_member low_bound -> high_bound
    std::optional<std::int64_t> high_bound;
    std::optional<std::int64_t> by_count;            // exactly_one_of by_count, by_names
    std::optional<std::vector<std::string>> by_names;
    std::optional<std::int64_t> soft;                // range [0, 5] as a warning
    std::optional<std::int64_t> late;                // range [0, 5] at the consistency level
    std::optional<std::int64_t> verbatim;            // range [0, 5] with the real system's message
    std::optional<drx::number> amount;               // range [0, 100] on a number
    std::optional<drx::scalar> label;                // range [0, 1] on a scalar (numbers only)
    std::optional<std::vector<rule_item>> children;  // nested rules
    std::optional<rule_item> child;
    std::optional<drx::object_map<std::int64_t>> weights;  // size_in [0, 2], each range [0, 1]
    std::optional<std::string> cluster;              // custom, needs cluster_names
    drx::nullable<std::int64_t> nullable_count;      // range [1, 10]; null: not applied
};
BOOST_DESCRIBE_STRUCT(rules_doc, (),
                      (count, ratio, finite_value, title, values, names, speed_mode, left, right, low_bound, high_bound,
                       by_count, by_names, soft, late, verbatim, amount, label, children, child, weights, cluster,
                       nullable_count))

inline void cluster_known(rules_doc const& d, drx::reporter& rep) {
    if (!d.cluster) return;
    auto const& names = *rep.ctx()->cluster_names;
    if (std::find(names.begin(), names.end(), *d.cluster) == names.end())
        rep.report(drx::json_pointer(drx::wire_name<&rules_doc::cluster>()), "No current cluster with name " + *d.cluster,
                   "a cluster of the model", "\"" + *d.cluster + "\"");
}

inline void second_value_even(rules_doc const& d, drx::reporter& rep) {
    if (d.values && d.values->size() > 1 && (*d.values)[1] % 2 != 0)
        rep.report(drx::json_pointer("values", 1), "the second value must be even");
}

inline auto drx_rules(rules_doc const*) {
    using T = rules_doc;
    using namespace drx::rules;
    return std::tuple{
        member<&T::count>("doc.count.range", range{1, 10}),
        member<&T::ratio>("doc.ratio.range", range{0, 1}),
        member<&T::finite_value>("doc.finite", finite_number{}),
        member<&T::title>("doc.title.size", size_in{2, 3}),
        member<&T::values>("doc.values.size", size_in{1, 3}),
        member<&T::values>("doc.values.unique", unique_items{}),
        member<&T::values>("doc.values.item", each{range{2, 100}}),
        member<&T::names>("doc.names.non_empty", non_empty{}),
        member<&T::names>("doc.names.item", each{non_empty{}}),
        member<&T::speed_mode>("doc.speed_mode", one_of{"fast", "slow"}),
        mutually_exclusive<&T::left, &T::right>{{"doc.exclusive"}},
        requires_member<&T::low_bound, &T::high_bound>{{"doc.requires"}},
        exactly_one_of<&T::by_count, &T::by_names>{{"doc.exactly_one"}},
        member<&T::soft>("doc.soft", range{0, 5}).as_warning(),
        member<&T::late>("doc.late", range{0, 5}).at(drx::level::consistency),
        member<&T::verbatim>("doc.verbatim", range{0, 5}).with_message("value can't be converted to int"),
        member<&T::amount>("doc.amount.range", range{0, 100}),
        member<&T::label>("doc.label.range", range{0, 1}),
        member<&T::weights>("doc.weights.size", size_in{0, 2}),
        member<&T::weights>("doc.weights.item", each{range{0, 1}}),
        custom<T>{{"doc.cluster.known"}, "the cluster is a cluster of the model", &cluster_known, drx::needs::cluster_names},
        custom<T>{{"doc.values.second_even", drx::severity::warning, drx::level::rules}, "the second value is even",
                  &second_value_even},
        member<&T::nullable_count>("doc.nullable_count.range", range{1, 10}),
    };
}

}  // namespace drx_test

namespace {

using namespace drx_test;

/// A document that passes every rule (exactly_one_of needs one of its members).
rules_doc valid() {
    rules_doc d;
    d.by_count = 1;
    return d;
}

/// The diagnostics of check(d) at the rules level (or `lvl`).
std::vector<drx::diagnostic> diags(rules_doc const& d, drx::level lvl = drx::level::rules, drx::context const* ctx = nullptr) {
    return drx::check(d, {lvl, ctx}).diagnostics;
}

/// Exactly one diagnostic, with this rule, pointer and severity.
void expect_one(std::vector<drx::diagnostic> const& ds, std::string const& rule, std::string const& pointer,
                drx::severity sev = drx::severity::error) {
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].rule == rule);
    CHECK(ds[0].pointer == pointer);
    CHECK(ds[0].severity == sev);
    CHECK_FALSE(ds[0].message.empty());
}

}  // namespace

TEST_CASE("rules: a valid document and absent optional members give nothing") {
    CHECK(diags(valid()).empty());
    CHECK(diags(valid(), drx::level::consistency).empty());
    drx::check_report rep = drx::check(valid());
    CHECK(rep.ok());
    // Absent members: no member rule applies (not even non_empty / size_in with min > 0).
    rules_doc d = valid();
    CHECK_FALSE(d.values.has_value());
    CHECK_FALSE(d.names.has_value());
    CHECK(diags(d).empty());
    // A null nullable: not applied.
    CHECK(d.nullable_count.is_null());
}

TEST_CASE("rules: range on an integer, below / at / above") {
    for (std::int64_t v : {1, 5, 10}) {
        rules_doc d = valid();
        d.count = v;
        CHECK(diags(d).empty());
    }
    for (std::int64_t v : {std::int64_t{0}, std::int64_t{11}, std::int64_t{-1}, std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()}) {
        CAPTURE(v);
        rules_doc d = valid();
        d.count = v;
        auto ds = diags(d);
        expect_one(ds, "doc.count.range", "/count");
        CHECK(ds[0].actual == std::optional<std::string>(std::to_string(v)));
        CHECK(ds[0].expected.has_value());
    }
    // The same on a nullable member.
    rules_doc n = valid();
    n.nullable_count = 11;
    expect_one(diags(n), "doc.nullable_count.range", "/nullableCount");
    n.nullable_count = 10;
    CHECK(diags(n).empty());
}

TEST_CASE("rules: range on a double, below / at / above, and NaN") {
    for (double v : {0.0, -0.0, 0.5, 1.0}) {
        rules_doc d = valid();
        d.ratio = v;
        CHECK(diags(d).empty());
    }
    for (double v : {-1e-300, std::nextafter(1.0, 2.0), -std::numeric_limits<double>::denorm_min(), 2.0,
                     std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
        CAPTURE(v);
        rules_doc d = valid();
        d.ratio = v;
        expect_one(diags(d), "doc.ratio.range", "/ratio");
    }
}

TEST_CASE("rules: range on drx::number and on a numeric drx::scalar") {
    for (drx::number v : {drx::number(0), drx::number(100), drx::number(100.0), drx::number(0.0)}) {
        rules_doc d = valid();
        d.amount = v;
        CHECK(diags(d).empty());
    }
    for (drx::number v : {drx::number(-1), drx::number(101), drx::number(100.5), drx::number(-0.001)}) {
        rules_doc d = valid();
        d.amount = v;
        expect_one(diags(d), "doc.amount.range", "/amount");
    }
    rules_doc d = valid();
    d.label = drx::scalar(2);
    expect_one(diags(d), "doc.label.range", "/label");
    d.label = drx::scalar(1.5);
    expect_one(diags(d), "doc.label.range", "/label");
    d.label = drx::scalar(1);
    CHECK(diags(d).empty());
    // A range does not apply to a string or bool scalar (that is a type matter, not a range).
    d.label = drx::scalar("7");
    CHECK(diags(d).empty());
    d.label = drx::scalar(true);
    CHECK(diags(d).empty());
}

TEST_CASE("rules: wrong types never reach the rules: schema.type when read") {
    drx::result<rules_doc> r = drx::validate<rules_doc>("{\"byCount\":1,\"count\":\"5\",\"nullableCount\":null}");
    CHECK_FALSE(r.ok());
    CHECK(r.unchecked() == nullptr);
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].rule == "schema.type");
    CHECK(r.diagnostics()[0].pointer == "/count");
}

TEST_CASE("rules: finite_number") {
    rules_doc d = valid();
    d.finite_value = 1e308;
    CHECK(diags(d).empty());
    d.finite_value = -0.0;
    CHECK(diags(d).empty());
    for (double v : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity()}) {
        d.finite_value = v;
        expect_one(diags(d), "doc.finite", "/finiteValue");
    }
}

TEST_CASE("rules: size_in counts code points of strings, items of arrays and maps") {
    // "éé" has 2 code points (4 bytes).
    struct scase {
        std::string s;
        bool ok;
    };
    for (scase const& c : {scase{"\xc3\xa9", false}, scase{"\xc3\xa9\xc3\xa9", true}, scase{"\xc3\xa9\xc3\xa9\xc3\xa9", true},
                           scase{"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", false}, scase{"a", false}, scase{"ab", true},
                           scase{"\xf0\x9f\x98\x80\xf0\x9f\x98\x80", true}, scase{"", false}, scase{"abcd", false}}) {
        CAPTURE(c.s);
        rules_doc d = valid();
        d.title = c.s;
        if (c.ok)
            CHECK(diags(d).empty());
        else
            expect_one(diags(d), "doc.title.size", "/title");
    }
    // Arrays: [1, 3] items.
    rules_doc d = valid();
    d.values = std::vector<std::int64_t>{};
    expect_one(diags(d), "doc.values.size", "/values");
    d.values = std::vector<std::int64_t>{2};
    CHECK(diags(d).empty());
    d.values = std::vector<std::int64_t>{2, 4, 6};
    CHECK(diags(d).empty());
    d.values = std::vector<std::int64_t>{2, 4, 6, 8};
    expect_one(diags(d), "doc.values.size", "/values");
    // Maps: [0, 2] keys.
    rules_doc m = valid();
    m.weights = drx::object_map<std::int64_t>{};
    CHECK(diags(m).empty());
    m.weights = drx::object_map<std::int64_t>{{"a", 1}, {"b", 0}};
    CHECK(diags(m).empty());
    m.weights = drx::object_map<std::int64_t>{{"a", 1}, {"b", 0}, {"c", 1}};
    expect_one(diags(m), "doc.weights.size", "/weights");
}

TEST_CASE("rules: non_empty, each, unique_items, one_of") {
    rules_doc d = valid();
    d.names = std::vector<std::string>{};
    expect_one(diags(d), "doc.names.non_empty", "/names");
    d.names = std::vector<std::string>{"a", "", "c", ""};
    auto ds = diags(d);
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].rule == "doc.names.item");
    CHECK(ds[0].pointer == "/names/1");
    CHECK(ds[1].pointer == "/names/3");
    d.names = std::vector<std::string>{"a"};
    CHECK(diags(d).empty());

    rules_doc u = valid();
    u.values = std::vector<std::int64_t>{2, 3, 2};
    auto us = diags(u);
    // The duplicate is reported at its own index; the custom rule also sees an odd second value.
    REQUIRE(us.size() == 2);
    CHECK(us[0].rule == "doc.values.unique");
    CHECK(us[0].pointer == "/values/2");
    CHECK(us[0].actual == std::optional<std::string>("2"));
    CHECK(us[1].rule == "doc.values.second_even");

    rules_doc e = valid();
    e.values = std::vector<std::int64_t>{1, 2, 101};
    auto es = diags(e);
    REQUIRE(es.size() == 2);
    CHECK(es[0].rule == "doc.values.item");
    CHECK(es[0].pointer == "/values/0");
    CHECK(es[1].rule == "doc.values.item");
    CHECK(es[1].pointer == "/values/2");
    e.values = std::vector<std::int64_t>{2, 100};
    CHECK(diags(e).empty());

    rules_doc w = valid();
    w.weights = drx::object_map<std::int64_t>{{"a/b", 2}, {"ok", 1}};
    expect_one(diags(w), "doc.weights.item", "/weights/a~1b");

    rules_doc o = valid();
    for (std::string s : {"fast", "slow"}) {
        o.speed_mode = s;
        CHECK(diags(o).empty());
    }
    for (std::string s : {"Fast", "", "medium", "fast "}) {
        o.speed_mode = s;
        auto os = diags(o);
        expect_one(os, "doc.speed_mode", "/speedMode");
        CHECK(os[0].actual == std::optional<std::string>("\"" + s + "\""));
    }
}

TEST_CASE("rules: mutually_exclusive, requires_member, exactly_one_of") {
    rules_doc d = valid();
    d.left = 1;
    CHECK(diags(d).empty());
    d.right = 2;
    expect_one(diags(d), "doc.exclusive", "/right");
    d.left.reset();
    CHECK(diags(d).empty());

    rules_doc r = valid();
    r.low_bound = 1;
    expect_one(diags(r), "doc.requires", "/lowBound");
    r.high_bound = 2;
    CHECK(diags(r).empty());
    r.low_bound.reset();
    CHECK(diags(r).empty());  // high_bound alone is fine

    rules_doc x;
    expect_one(diags(x), "doc.exactly_one", "");  // none
    x.by_names = std::vector<std::string>{"a"};
    CHECK(diags(x).empty());
    x.by_count = 3;
    expect_one(diags(x), "doc.exactly_one", "");  // both
    x.by_names.reset();
    CHECK(diags(x).empty());
}

TEST_CASE("rules: as_warning, at(level), with_message") {
    rules_doc s = valid();
    s.soft = 6;
    drx::check_report sr = drx::check(s, {drx::level::rules, nullptr});
    expect_one(sr.diagnostics, "doc.soft", "/soft", drx::severity::warning);
    CHECK(sr.ok());  // a warning does not make the document invalid

    rules_doc l = valid();
    l.late = 6;
    CHECK(diags(l, drx::level::rules).empty());
    CHECK(diags(l, drx::level::schema).empty());
    expect_one(diags(l, drx::level::consistency), "doc.late", "/late");
    // The default level of check() is consistency.
    expect_one(drx::check(l).diagnostics, "doc.late", "/late");

    rules_doc v = valid();
    v.verbatim = 6;
    auto vs = diags(v);
    expect_one(vs, "doc.verbatim", "/verbatim");
    CHECK(vs[0].message == "value can't be converted to int");
    CHECK(vs[0].actual == std::optional<std::string>("6"));

    // At level::schema no rule applies at all.
    rules_doc all = valid();
    all.count = 0;
    all.by_names = std::vector<std::string>{};
    CHECK(diags(all, drx::level::schema).empty());
}

TEST_CASE("rules: context needs: skipped once per rule id, applied when the context has the fact") {
    rules_doc d = valid();
    d.cluster = "Cluster 9";
    d.children = std::vector<rule_item>{rule_item{1, {}}, rule_item{2, {}}, rule_item{3, {}}};
    drx::check_report none = drx::check(d, {drx::level::rules, nullptr});
    CHECK(none.diagnostics.empty());
    REQUIRE(none.skipped.size() == 2);
    CHECK(none.skipped[0] == drx::skipped_rule{"doc.cluster.known", "clusterNames"});
    CHECK(none.skipped[1] == drx::skipped_rule{"item.tag.multiclass", "modelKind"});  // once for three items

    drx::context ctx;
    ctx.cluster_names = std::vector<std::string>{"Cluster 1", "Cluster 2"};
    drx::check_report half = drx::check(d, {drx::level::rules, &ctx});
    REQUIRE(half.skipped.size() == 1);
    CHECK(half.skipped[0].rule == "item.tag.multiclass");
    REQUIRE(half.diagnostics.size() == 1);
    CHECK(half.diagnostics[0].rule == "doc.cluster.known");
    CHECK(half.diagnostics[0].pointer == "/cluster");
    CHECK(half.diagnostics[0].message == "No current cluster with name Cluster 9");
    CHECK(half.diagnostics[0].actual == std::optional<std::string>("\"Cluster 9\""));

    ctx.model_kind = drx::model_kind::multiclass;
    d.cluster = "Cluster 2";
    (*d.children)[1].tag = "t";
    drx::check_report full = drx::check(d, {drx::level::rules, &ctx});
    CHECK(full.skipped.empty());
    REQUIRE(full.diagnostics.size() == 2);
    CHECK(full.diagnostics[0].rule == "item.tag.multiclass");
    CHECK(full.diagnostics[0].pointer == "/children/0/tag");
    CHECK(full.diagnostics[1].pointer == "/children/2/tag");

    ctx.model_kind = drx::model_kind::binary;
    CHECK(drx::check(d, {drx::level::rules, &ctx}).diagnostics.empty());
}

TEST_CASE("rules: custom rules report at pointers relative to their object") {
    rules_doc d = valid();
    d.values = std::vector<std::int64_t>{2, 3};
    auto ds = diags(d);
    expect_one(ds, "doc.values.second_even", "/values/1", drx::severity::warning);
    CHECK(ds[0].message == "the second value must be even");
}

TEST_CASE("rules: rules inside nested objects, arrays and maps get absolute pointers") {
    rules_doc d = valid();
    d.children = std::vector<rule_item>{rule_item{1, {}}, rule_item{11, {}}, rule_item{-1, {}}};
    d.child = rule_item{12, {}};
    auto ds = diags(d);
    REQUIRE(ds.size() == 3);
    // Document order of the walk: own rules, then members in declaration order.
    CHECK(ds[0].pointer == "/children/1/score");
    CHECK(ds[0].rule == "item.score.range");
    CHECK(ds[1].pointer == "/children/2/score");
    CHECK(ds[2].pointer == "/child/score");

    // Objects inside maps and deeper vectors.
    drx::object_map<rule_item> m{{"x/y", rule_item{11, {}}}, {"ok", rule_item{1, {}}}};
    auto ms = drx::check(m).diagnostics;
    expect_one(ms, "item.score.range", "/x~1y/score");
    std::vector<std::vector<rules_doc>> nested(2);
    nested[1].push_back(valid());
    nested[1].push_back(valid());
    nested[1][1].count = 0;
    expect_one(drx::check(nested).diagnostics, "doc.count.range", "/1/1/count");
}

TEST_CASE("rules: validate() reads and checks; the object stays reachable through unchecked()") {
    drx::result<rules_doc> r = drx::validate<rules_doc>("{\"byCount\":1,\"count\":11,\"nullableCount\":null}");
    CHECK_FALSE(r.ok());
    CHECK(r.get_if() == nullptr);
    REQUIRE(r.unchecked() != nullptr);
    CHECK(r.unchecked()->count == std::optional<std::int64_t>(11));
    CHECK_THROWS_AS((void)r.value(), drx::error);
    expect_one(r.diagnostics(), "doc.count.range", "/count");

    drx::result<rules_doc> ok = drx::validate<rules_doc>("{\"byCount\":1,\"count\":10,\"nullableCount\":null}");
    CHECK(ok.ok());
    // Warnings keep it valid.
    drx::result<rules_doc> w = drx::validate<rules_doc>("{\"byCount\":1,\"soft\":6,\"nullableCount\":null}");
    CHECK(w.ok());
    expect_one(w.diagnostics(), "doc.soft", "/soft", drx::severity::warning);
    // At level::schema, rules are not checked.
    drx::validate_options vo;
    vo.check.level = drx::level::schema;
    CHECK(drx::validate<rules_doc>("{\"byCount\":1,\"count\":11,\"nullableCount\":null}", vo).ok());
    // The consistency rule applies through validate's default level.
    drx::result<rules_doc> late = drx::validate<rules_doc>("{\"byCount\":1,\"late\":6,\"nullableCount\":null}");
    expect_one(late.diagnostics(), "doc.late", "/late");
    vo.check.level = drx::level::rules;
    CHECK(drx::validate<rules_doc>("{\"byCount\":1,\"late\":6,\"nullableCount\":null}", vo).ok());
}

namespace {

struct seen_rule {
    std::string id;
    drx::severity severity;
    drx::level level;
    std::string kind;
};

template <class R>
std::string kind_of() {
    if constexpr (requires { R::pointer; })
        return "member";
    else if constexpr (std::is_base_of_v<drx::rules::custom<rules_doc>, R>)
        return "custom";
    else
        return "cross";
}

}  // namespace

TEST_CASE("rules: for_each_rule visits the declared rules in declaration order") {
    std::vector<seen_rule> seen;
    drx::for_each_rule<rules_doc>([&](auto const& r) {
        seen.push_back({std::string(r.id), r.severity, r.level, kind_of<std::remove_cvref_t<decltype(r)>>()});
    });
    std::vector<std::string> const ids{
        "doc.count.range",   "doc.ratio.range",     "doc.finite",        "doc.title.size",        "doc.values.size",
        "doc.values.unique", "doc.values.item",     "doc.names.non_empty", "doc.names.item",      "doc.speed_mode",
        "doc.exclusive",     "doc.requires",        "doc.exactly_one",   "doc.soft",              "doc.late",
        "doc.verbatim",      "doc.amount.range",    "doc.label.range",   "doc.weights.size",      "doc.weights.item",
        "doc.cluster.known", "doc.values.second_even", "doc.nullable_count.range"};
    REQUIRE(seen.size() == ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        CAPTURE(i);
        CHECK(seen[i].id == ids[i]);
    }
    CHECK(seen[0].kind == "member");
    CHECK(seen[10].kind == "cross");
    CHECK(seen[12].kind == "cross");
    CHECK(seen[20].kind == "custom");
    CHECK(seen[13].severity == drx::severity::warning);
    CHECK(seen[14].level == drx::level::consistency);
    CHECK(seen[21].severity == drx::severity::warning);
    CHECK(seen[0].severity == drx::severity::error);
    CHECK(seen[0].level == drx::level::rules);

    // The declarations are plain data: the constraint values and messages are readable.
    auto rules = drx::rules_of<rules_doc>();
    CHECK(std::get<0>(rules).constraint.min == 1);
    CHECK(std::get<0>(rules).constraint.max == 10);
    CHECK(std::get<3>(rules).constraint.min == 2u);
    CHECK(std::get<9>(rules).constraint.values[1] == "slow");
    CHECK(std::get<6>(rules).constraint.inner.max == 100);
    CHECK(std::get<15>(rules).message == "value can't be converted to int");
    CHECK(std::get<20>(rules).needs == drx::needs::cluster_names);
    CHECK(std::get<20>(rules).description == "the cluster is a cluster of the model");
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(std::get<10>(rules))>,
                                 drx::rules::mutually_exclusive<&rules_doc::left, &rules_doc::right>>);
    static_assert(std::remove_cvref_t<decltype(std::get<0>(rules))>::pointer == &rules_doc::count);

    std::vector<std::string> item_ids;
    drx::for_each_rule<rule_item>([&](auto const& r) { item_ids.emplace_back(r.id); });
    CHECK(item_ids == std::vector<std::string>{"item.score.range", "item.tag.multiclass"});
}
