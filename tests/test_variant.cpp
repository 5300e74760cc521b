// SPDX-License-Identifier: BSL-1.0
// std::variant members (ordered alternatives, like the Python client's trafaret Or,
// docs/reference/objects.md (Cluster insight)): the first alternative that reads cleanly wins; when
// none does, schema.type at the variant's pointer names the closest alternative, followed by that
// alternative's diagnostics with absolute pointers. Warnings of the chosen alternative are kept,
// the value is written back exactly, and check() applies the held alternative's rules.
#include <doctest/doctest.h>

#include <drx/check.hpp>
#include <drx/read.hpp>
#include <drx/rules.hpp>
#include <drx/write.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace drx_test {

/// {a} (closed).
struct alt_a {
    std::int64_t a = 0;
};
BOOST_DESCRIBE_STRUCT(alt_a, (), (a))
constexpr bool drx_closed(alt_a const*) { return true; }

/// {a, b?} (closed): accepts everything alt_a accepts, and more.
struct alt_ab {
    std::int64_t a = 0;
    std::optional<std::int64_t> b;
};
BOOST_DESCRIBE_STRUCT(alt_ab, (), (a, b))
constexpr bool drx_closed(alt_ab const*) { return true; }

/// {s} (closed).
struct alt_s {
    std::string s;
};
BOOST_DESCRIBE_STRUCT(alt_s, (), (s))
constexpr bool drx_closed(alt_s const*) { return true; }

/// {y} (open: unknown keys are warnings by default).
struct alt_open {
    std::int64_t y = 0;
};
BOOST_DESCRIBE_STRUCT(alt_open, (), (y))

/// {score} (closed) with a rule.
struct alt_scored {
    std::int64_t score = 0;
};
BOOST_DESCRIBE_STRUCT(alt_scored, (), (score))
constexpr bool drx_closed(alt_scored const*) { return true; }
inline auto drx_rules(alt_scored const*) {
    using namespace drx::rules;
    return std::tuple{member<&alt_scored::score>("alt.score.range", range{0, 10})};
}

/// Variants in every position.
struct holder {
    std::variant<alt_a, alt_ab> first;
    std::variant<alt_ab, alt_a> second;
    std::variant<std::int64_t, std::string> id;
    std::optional<std::variant<alt_s, alt_open>> maybe;
    std::optional<std::vector<std::variant<alt_a, alt_s>>> list;
    std::optional<std::variant<alt_a, alt_scored>> ruled;
};
BOOST_DESCRIBE_STRUCT(holder, (), (first, second, id, maybe, list, ruled))

}  // namespace drx_test

namespace {

using namespace drx_test;

std::string doc(std::string const& first, std::string const& second = "{\"a\":2}", std::string const& id = "7",
                std::string const& rest = "") {
    return "{\"first\":" + first + ",\"second\":" + second + ",\"id\":" + id + rest + "}";
}

}  // namespace

TEST_CASE("variant: the first alternative that reads cleanly wins; order matters") {
    drx::result<holder> r = drx::read<holder>(doc("{\"a\":1}", "{\"a\":2}"));
    REQUIRE(r.ok());
    CHECK(r.diagnostics().empty());
    // {"a":1} is read cleanly by both alt_a and alt_ab: the first listed wins.
    REQUIRE(r.value().first.index() == 0);
    CHECK(std::get<alt_a>(r.value().first).a == 1);
    REQUIRE(r.value().second.index() == 0);
    CHECK(std::get<alt_ab>(r.value().second).a == 2);
    CHECK_FALSE(std::get<alt_ab>(r.value().second).b.has_value());
    // {"a":1,"b":2} fails the closed alt_a: alt_ab wins in either order.
    drx::result<holder> b = drx::read<holder>(doc("{\"a\":1,\"b\":2}", "{\"a\":3,\"b\":4}"));
    REQUIRE(b.ok());
    CHECK(b.diagnostics().empty());
    REQUIRE(b.value().first.index() == 1);
    CHECK(std::get<alt_ab>(b.value().first).b == std::optional<std::int64_t>(2));
    REQUIRE(b.value().second.index() == 0);
    CHECK(std::get<alt_ab>(b.value().second).b == std::optional<std::int64_t>(4));
}

TEST_CASE("variant: no match -> schema.type naming the closest alternative, then its diagnostics") {
    // alt_a: /a wrong type and b unknown (2 errors); alt_ab: /a wrong type (1 error): closest alt_ab.
    drx::result<holder> r = drx::read<holder>(doc("{\"a\":\"x\",\"b\":2}"));
    CHECK_FALSE(r.ok());
    CHECK(r.unchecked() == nullptr);
    REQUIRE(r.diagnostics().size() == 2);
    CHECK(r.diagnostics()[0].rule == "schema.type");
    CHECK(r.diagnostics()[0].pointer == "/first");
    CHECK(r.diagnostics()[0].severity == drx::severity::error);
    CHECK(r.diagnostics()[0].message.find("closest: alt_ab") != std::string::npos);
    REQUIRE(r.diagnostics()[0].expected.has_value());
    CHECK(r.diagnostics()[0].expected->find("alt_a") != std::string::npos);
    CHECK(r.diagnostics()[1].rule == "schema.type");
    CHECK(r.diagnostics()[1].pointer == "/first/a");

    // Missing member in the closest alternative, in the second variant.
    drx::result<holder> m = drx::read<holder>(doc("{\"a\":1}", "{\"b\":1}"));
    CHECK_FALSE(m.ok());
    REQUIRE(m.diagnostics().size() == 2);
    CHECK(m.diagnostics()[0].pointer == "/second");
    CHECK(m.diagnostics()[0].message.find("closest: alt_ab") != std::string::npos);
    CHECK(m.diagnostics()[1].rule == "schema.required");
    CHECK(m.diagnostics()[1].pointer == "/second/a");

    // A value of the wrong JSON type altogether.
    for (std::string v : {"null", "[]", "1", "\"a\"", "true"}) {
        CAPTURE(v);
        drx::result<holder> w = drx::read<holder>(doc(v));
        CHECK_FALSE(w.ok());
        REQUIRE_FALSE(w.diagnostics().empty());
        CHECK(w.diagnostics()[0].rule == "schema.type");
        CHECK(w.diagnostics()[0].pointer == "/first");
        for (auto const& d : w.diagnostics()) CHECK(d.pointer.rfind("/first", 0) == 0);
    }
}

TEST_CASE("variant: inside arrays, pointers are absolute") {
    drx::result<holder> r = drx::read<holder>(doc("{\"a\":1}", "{\"a\":2}", "7", ",\"list\":[{\"a\":1},{\"s\":\"x\"},{\"s\":5}]"));
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics().size() == 2);
    CHECK(r.diagnostics()[0].pointer == "/list/2");
    CHECK(r.diagnostics()[0].rule == "schema.type");
    CHECK(r.diagnostics()[0].message.find("closest: alt_s") != std::string::npos);
    CHECK(r.diagnostics()[1].pointer == "/list/2/s");
    CHECK(r.diagnostics()[1].rule == "schema.type");

    drx::result<holder> ok = drx::read<holder>(doc("{\"a\":1}", "{\"a\":2}", "7", ",\"list\":[{\"a\":1},{\"s\":\"x\"}]"));
    REQUIRE(ok.ok());
    REQUIRE(ok.value().list->size() == 2);
    CHECK((*ok.value().list)[0].index() == 0);
    CHECK((*ok.value().list)[1].index() == 1);
}

TEST_CASE("variant: scalar alternatives") {
    drx::result<holder> i = drx::read<holder>(doc("{\"a\":1}", "{\"a\":2}", "5"));
    REQUIRE(i.ok());
    REQUIRE(i.value().id.index() == 0);
    CHECK(std::get<std::int64_t>(i.value().id) == 5);
    drx::result<holder> s = drx::read<holder>(doc("{\"a\":1}", "{\"a\":2}", "\"5\""));
    REQUIRE(s.ok());
    REQUIRE(s.value().id.index() == 1);
    CHECK(std::get<std::string>(s.value().id) == "5");
    // 5.0 counts as the integer 5 (docs/reference/reading.md).
    drx::result<holder> f = drx::read<holder>(doc("{\"a\":1}", "{\"a\":2}", "5.0"));
    REQUIRE(f.ok());
    CHECK(std::get<std::int64_t>(f.value().id) == 5);
    for (std::string v : {"true", "null", "5.5", "{}", "[1]", "9223372036854775808"}) {
        CAPTURE(v);
        drx::result<holder> w = drx::read<holder>(doc("{\"a\":1}", "{\"a\":2}", v));
        CHECK_FALSE(w.ok());
        CHECK(w.unchecked() == nullptr);
        REQUIRE_FALSE(w.diagnostics().empty());
        CHECK(w.diagnostics()[0].rule == "schema.type");
        CHECK(w.diagnostics()[0].pointer == "/id");
        for (auto const& d : w.diagnostics()) CHECK(d.pointer == "/id");
    }
    // At the root.
    drx::result<std::variant<std::int64_t, std::string>> root = drx::read<std::variant<std::int64_t, std::string>>("\"x\"");
    REQUIRE(root.ok());
    CHECK(std::get<std::string>(root.value()) == "x");
    drx::result<std::variant<alt_a, alt_s>> root_obj = drx::read<std::variant<alt_a, alt_s>>("{\"s\":\"t\"}");
    REQUIRE(root_obj.ok());
    CHECK(std::get<alt_s>(root_obj.value()).s == "t");
    drx::result<std::variant<alt_a, alt_s>> root_bad = drx::read<std::variant<alt_a, alt_s>>("{\"q\":1}");
    REQUIRE_FALSE(root_bad.diagnostics().empty());
    CHECK(root_bad.diagnostics()[0].pointer == "");
    CHECK(root_bad.diagnostics()[0].rule == "schema.type");
}

TEST_CASE("variant: warnings of the chosen alternative are kept") {
    // alt_s (closed) fails; alt_open accepts with a warning for the unknown key.
    drx::result<holder> r = drx::read<holder>(doc("{\"a\":1}", "{\"a\":2}", "7", ",\"maybe\":{\"y\":1,\"extra\":[1,2]}"));
    REQUIRE(r.ok());
    REQUIRE(r.value().maybe.has_value());
    REQUIRE(r.value().maybe->index() == 1);
    CHECK(std::get<alt_open>(*r.value().maybe).y == 1);
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].rule == "schema.unknown_key");
    CHECK(r.diagnostics()[0].pointer == "/maybe/extra");
    CHECK(r.diagnostics()[0].severity == drx::severity::warning);
    // Under the error policy the open alternative fails too.
    drx::read_options strict;
    strict.unknown_keys = drx::unknown_keys::error;
    drx::result<holder> s = drx::read<holder>(doc("{\"a\":1}", "{\"a\":2}", "7", ",\"maybe\":{\"y\":1,\"extra\":[1,2]}"), strict);
    CHECK_FALSE(s.ok());
    REQUIRE_FALSE(s.diagnostics().empty());
    CHECK(s.diagnostics()[0].pointer == "/maybe");
    CHECK(s.diagnostics()[0].rule == "schema.type");
}

TEST_CASE("variant: duplicate keys inside a variant's object are reported at their pointer") {
    drx::result<holder> r = drx::read<holder>(doc("{\"a\":1,\"a\":2}"));
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].rule == "schema.duplicate_key");
    CHECK(r.diagnostics()[0].pointer == "/first/a");
    drx::read_options last;
    last.duplicate_keys = drx::duplicate_keys::last_wins;
    drx::result<holder> l = drx::read<holder>(doc("{\"a\":1,\"a\":2}"), last);
    REQUIRE(l.ok());
    CHECK(std::get<alt_a>(l.value().first).a == 2);
    REQUIRE(l.diagnostics().size() == 1);
    CHECK(l.diagnostics()[0].severity == drx::severity::warning);
}

TEST_CASE("variant: written back exactly") {
    for (std::string text :
         {doc("{\"a\":1}"), doc("{\"a\":1,\"b\":2}", "{\"a\":3}", "\"id-1\""),
          doc("{\"a\":1}", "{\"a\":2,\"b\":-1}", "-9223372036854775808",
              ",\"maybe\":{\"s\":\"\\u00e9\"},\"list\":[{\"s\":\"\"},{\"a\":0}],\"ruled\":{\"score\":3}")}) {
        CAPTURE(text);
        drx::result<holder> r = drx::read<holder>(text);
        REQUIRE(r.ok());
        CHECK(drx::to_json(r.value()) == text);
    }
    // Built in C++ and written in every layout.
    holder h;
    h.first = alt_ab{1, 2};
    h.second = alt_a{3};
    h.id = std::string("x");
    CHECK(drx::to_json(h) == "{\"first\":{\"a\":1,\"b\":2},\"second\":{\"a\":3},\"id\":\"x\"}");
    CHECK(drx::to_json(h, drx::write_options::python()) == "{\"first\": {\"a\": 1, \"b\": 2}, \"second\": {\"a\": 3}, \"id\": \"x\"}");
}

TEST_CASE("variant: check() applies the held alternative's rules") {
    drx::result<holder> r = drx::read<holder>(doc("{\"a\":1}", "{\"a\":2}", "7", ",\"ruled\":{\"score\":11}"));
    REQUIRE(r.ok());
    REQUIRE(r.value().ruled->index() == 1);
    drx::check_report rep = drx::check(r.value());
    REQUIRE(rep.diagnostics.size() == 1);
    CHECK(rep.diagnostics[0].rule == "alt.score.range");
    CHECK(rep.diagnostics[0].pointer == "/ruled/score");
    // Through validate.
    drx::result<holder> v = drx::validate<holder>(doc("{\"a\":1}", "{\"a\":2}", "7", ",\"ruled\":{\"score\":11}"));
    CHECK_FALSE(v.ok());
    CHECK(v.unchecked() != nullptr);
    // The other alternative held: its (absent) rules apply, nothing reported.
    drx::result<holder> a = drx::validate<holder>(doc("{\"a\":1}", "{\"a\":2}", "7", ",\"ruled\":{\"a\":11}"));
    CHECK(a.ok());
    CHECK(a.diagnostics().empty());
}
