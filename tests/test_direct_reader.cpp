// SPDX-License-Identifier: BSL-1.0
// The direct reader (drx/detail/direct_reader.hpp), the fast path of drx::read, against the
// event-driven reader (drx/detail/reader.hpp), which is the reference: whenever the direct
// reader accepts a text, the event-driven reader reads the same object from it with no
// diagnostic at all, under every reading option. Held over the shipped and test payloads, the
// generators' valid documents and their structural mutations (every schema of the catalogue),
// and random byte-level edits of a document with every member type drx reads. And the direct
// reader is really taken: every payload the event-driven reader reads cleanly, it reads too.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <drx/drx.hpp>
#include <drx/tools/fuzz.hpp>
#include <drx/tools/generate.hpp>

#include "support/test_support.hpp"

namespace dxt {

enum class colour { red, green };
BOOST_DESCRIBE_ENUM(colour, red, green)

struct leaf {
    std::int32_t n = 0;
    std::optional<std::string> s;
};
BOOST_DESCRIBE_STRUCT(leaf, (), (n, s))

struct shut {
    bool b = false;
};
BOOST_DESCRIBE_STRUCT(shut, (), (b))
constexpr bool drx_closed(shut const*) { return true; }

struct other {
    std::string kind;
    std::optional<double> w;
};
BOOST_DESCRIBE_STRUCT(other, (), (kind, w))

/// Wire names that are not plain text: a quote, a backslash, a non-ASCII letter.
struct odd_names {
    std::int32_t q = 0;
    std::int32_t b = 0;
    std::int32_t e = 0;
};
BOOST_DESCRIBE_STRUCT(odd_names, (), (q, b, e))
constexpr auto drx_wire_names(odd_names const*) {
    return std::array{drx::rename{"q", "a\"q"}, drx::rename{"b", "a\\b"}, drx::rename{"e", "\u00e9t\u00e9"}};
}

/// Every member type drx reads.
struct everything {
    bool flag = false;
    std::int64_t big = 0;
    std::uint8_t small = 0;
    double x = 0;
    drx::number num;
    drx::scalar sc;
    colour col = colour::red;
    std::string text;
    std::optional<std::int32_t> maybe;
    drx::nullable<double> nul;
    std::vector<leaf> leaves;
    std::array<double, 2> pair{};
    drx::object_map<std::int64_t> counts;
    drx::json_value any;
    std::optional<std::variant<leaf, other, std::int64_t, double, std::string>> pick;
    std::optional<shut> closed;
};
BOOST_DESCRIBE_STRUCT(everything, (),
                      (flag, big, small, x, num, sc, col, text, maybe, nul, leaves, pair, counts, any, pick, closed))

}  // namespace dxt

namespace {

struct tally {
    std::size_t direct = 0;  // texts the direct reader accepted
    std::size_t clean = 0;   // texts the event-driven reader read with no diagnostic
};

std::vector<drx::read_options> option_sets() {
    std::vector<drx::read_options> out;
    for (auto u : {drx::unknown_keys::warning, drx::unknown_keys::ignore, drx::unknown_keys::error})
        for (auto d : {drx::duplicate_keys::error, drx::duplicate_keys::last_wins}) {
            drx::read_options o;
            o.unknown_keys = u;
            o.duplicate_keys = d;
            out.push_back(o);
        }
    drx::read_options tight;  // limits the direct reader must respect
    tight.max_depth = 3;
    tight.max_string_length = 4;
    tight.max_input_size = 64;
    out.push_back(tight);
    return out;
}

/// The property: the direct reader accepts only what the event-driven reader reads cleanly,
/// and then into the same object (compared by its exact JSON, and with == where T has one).
/// Returns whether the direct reader accepted.
template <class T>
bool agree(std::string_view text, drx::read_options const& o, tally& t, std::string_view what) {
    T fast{};
    bool accepted = drx::detail::direct::read(text, fast, o);
    drx::result<T> slow = drx::detail::read_events<T>(text, o);
    bool clean = slow.unchecked() && slow.diagnostics().empty() && slow.omitted() == 0;
    t.clean += clean;
    t.direct += accepted;
    if (!accepted) return false;
    INFO(what);
    INFO("text: " << std::string(text.substr(0, 400)));
    REQUIRE_MESSAGE(clean, "the direct reader accepted a text the event-driven reader does not read cleanly: "
                               << (slow.diagnostics().empty() ? std::string("(no value)")
                                                              : drx::to_line(slow.diagnostics().front())));
    drx::result<std::string> a = drx::write(fast, drx::write_options::compact());
    drx::result<std::string> b = drx::write(*slow.unchecked(), drx::write_options::compact());
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a.value() == b.value());
    if constexpr (drx::detail::comparable_v<T>) CHECK(fast == *slow.unchecked());
    return true;
}

std::vector<std::filesystem::path> payload_files() {
    std::vector<std::filesystem::path> out;
    for (auto root : {"tests/data", "examples/payloads"})
        for (auto const& e : std::filesystem::recursive_directory_iterator(drx_test::source_path(root)))
            if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("the direct reader agrees with the event-driven reader on every payload, for every schema") {
    auto files = payload_files();
    REQUIRE(files.size() > 50);
    auto opts = option_sets();
    std::size_t taken = 0, clean_default = 0;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, drx::all_schemas>>([&](auto ti) {
        using T = typename decltype(ti)::type;
        for (auto const& f : files) {
            std::string text = drx_test::slurp(f);
            std::string what = std::string(drx::schema_name_of<T>()) + " " + f.filename().string();
            for (std::size_t k = 0; k < opts.size(); ++k) {
                tally t;
                bool accepted = agree<T>(text, opts[k], t, what);
                if (k == 0 && t.clean) {
                    // A payload the event-driven reader reads cleanly is read by the direct reader.
                    ++clean_default;
                    taken += accepted;
                    CHECK_MESSAGE(accepted, what << ": the direct reader stepped aside on a clean document");
                }
            }
        }
    });
    MESSAGE(taken << " of " << clean_default << " clean (schema, payload) pairs read by the direct reader");
    CHECK(clean_default > 40);
}

TEST_CASE("the direct reader agrees on generated documents and their structural mutations") {
    auto opts = option_sets();
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, drx::all_schemas>>([&](auto ti) {
        using T = typename decltype(ti)::type;
        std::string name(drx::schema_name_of<T>());
        tally fresh, mutated;
        for (std::uint64_t seed = 1; seed <= 12; ++seed) {
            drx::seeded_entropy e(seed * 7919 + name.size());
            drx::generator g(e);
            drx::result<T> v = drx::generate_valid<T>(g);
            T x = v.ok() ? std::move(v).value() : g.make<T>();
            for (auto const& wo : {drx::write_options::compact(), drx::write_options::python(), drx::write_options::indented(2)}) {
                drx::result<std::string> w = drx::write(x, wo);
                if (!w.ok()) continue;
                agree<T>(w.value(), opts[0], fresh, name + " generated");
                std::string cur = w.value();
                for (int step = 0; step < 12; ++step) {
                    std::optional<std::string> m = drx::mutate_json_text<T>(cur, e);
                    if (!m) break;
                    cur = std::move(*m);
                    for (auto const& o : opts) agree<T>(cur, o, mutated, name + " mutated");
                }
            }
        }
        INFO(name);
        CHECK(fresh.clean > 0);
        CHECK(fresh.direct == fresh.clean);  // every clean generated document is taken
        CHECK(mutated.direct > 0);
    });
}

TEST_CASE("the direct reader agrees on byte-level edits of a document with every member type") {
    std::string const base =
        R"({"flag":true,"big":-9223372036854775808,"small":255,"x":0.1,"num":5,"sc":"s\u00e9\n","col":"green",)"
        R"("text":"a\"b\\c\/d\ud83d\ude00","maybe":7,"nul":null,"leaves":[{"n":1},{"n":2,"s":"x"}],"pair":[1e2,-0.0],)"
        R"("counts":{"a":1,"b":2},"any":{"k":[1,2.5,"z",null,true,{"q":18446744073709551615}]},)"
        R"("pick":{"kind":"k","w":2},"closed":{"b":false}})";
    auto opts = option_sets();
    tally t;
    REQUIRE(agree<dxt::everything>(base, opts[0], t, "base"));
    // Variations worth their own line: each is a known edge of the grammar or of a conversion.
    std::vector<std::string> edits = {
        R"({"flag":true})",
        R"( {"flag":true,"big":1,"small":1,"x":1,"num":1.0,"sc":null,"col":"red","text":"","nul":1,"leaves":[],"pair":[1,2],"counts":{},"any":0} )",
        R"({"flag":true,"big":1,"small":1,"x":1,"num":1.0,"sc":null,"col":"red","text":"","nul":1,"leaves":[],"pair":[1,2],"counts":{},"any":0,"pick":5.0})",
        R"({"flag":true,"big":1,"small":1,"x":1,"num":1.0,"sc":null,"col":"red","text":"","nul":1,"leaves":[],"pair":[1,2],"counts":{},"any":0,"pick":{"n":3}})",
        R"({"flag":true,"big":1,"small":1,"x":1,"num":1.0,"sc":null,"col":"red","text":"","nul":1,"leaves":[],"pair":[1,2],"counts":{},"any":0,"pick":{"n":3,"kind":"k"}})",
        R"({"flag":true,"big":1,"small":1,"x":1,"num":1.0,"sc":null,"col":"red","text":"","nul":1,"leaves":[],"pair":[1,2],"counts":{},"any":0,"pick":"x"})",
        R"({"flag":true,"big":1,"small":1,"x":1,"num":1.0,"sc":null,"col":"red","text":"","nul":1,"leaves":[],"pair":[1,2],"counts":{},"any":0,"pick":18446744073709551616})",
        R"({"flag":true,"big":1,"small":1,"x":1e400,"num":1.0,"sc":null,"col":"red","text":"","nul":1,"leaves":[],"pair":[1,2],"counts":{},"any":0})",
        R"({"flag":true,"big":1,"small":1,"x":1e-400,"num":1.0,"sc":null,"col":"red","text":"","nul":1,"leaves":[],"pair":[1,2],"counts":{},"any":0})",
        R"({"flag":true,"big":1,"small":256,"x":1,"num":1.0,"sc":null,"col":"red","text":"","nul":1,"leaves":[],"pair":[1,2],"counts":{},"any":0})",
        R"({"flag":true,"big":1,"small":2.0,"x":1,"num":1.0,"sc":null,"col":"red","text":"","nul":1,"leaves":[],"pair":[1,2],"counts":{},"any":0})",
        R"({"flag":true,"big":1,"small":1,"x":1e0000000000009,"num":1.0,"sc":null,"col":"red","text":"","nul":1,"leaves":[],"pair":[1,2],"counts":{},"any":0})",
        R"({"flag":true,"big":1,"small":1,"x":1,"num":1.0,"sc":null,"col":"red","text":"\ud800","nul":1,"leaves":[],"pair":[1,2],"counts":{},"any":0})",
        R"({"flag":true,"big":1,"small":1,"x":1,"num":1.0,"sc":null,"col":"red","text":"\udc00","nul":1,"leaves":[],"pair":[1,2],"counts":{},"any":0})",
        "{\"flag\":true,\"text\":\"\xC3\x28\"}",
        "{\"flag\":true,\"text\":\"\xED\xA0\x80\"}",
        "{\"flag\":true,\"text\":\"\x01\"}",
        "\xEF\xBB\xBF{\"flag\":true}",
        R"({"flag":true,"flag":false})",
        R"({"flag":true,"zz":1,"zz":2})",
        R"({"flag":true,"any":{"a":1,"a":2}})",
        R"({"flag":true,"counts":{"a":1,"a":2}})",
        R"({"flag":true,"closed":{"b":true,"c":1}})",
        R"({"flag":true,"pair":[1,2,3]})",
        R"({"flag":true,"pair":[1]})",
        R"({"fl\u0061g":true})",
        R"({"flag":true,})",
        R"({"flag":true} x)",
        R"([{"flag":true}])",
        R"({"flag":01})",
        R"({"flag":true,"x":-})",
        R"({"flag":true,"x":1.})",
        R"({"flag":true,"x":.5})",
        R"({"flag":true,"any":[[[[[[1]]]]]]})",
        "",
        "   ",
        R"({"flag":true,"col":"blue"})",
        R"({"flag":true,"sc":[1]})",
        R"({"flag":true,"num":1e20})",
        R"({"flag":true,"num":100000000000000000000})",
        R"({"flag":true,"text":"abcdefgh"})",
    };
    for (auto const& e : edits)
        for (auto const& o : opts) agree<dxt::everything>(e, o, t, "edit");
    // Random byte-level edits of the base document: replacements, insertions and deletions of
    // bytes that matter to the grammar.
    std::string const alphabet = "{}[]\",:0123456789-+.eE \\u\xC3\xA9tfnrul\x01";
    drx::seeded_entropy e(20261202);
    for (int i = 0; i < 4000; ++i) {
        std::string s = base;
        int edits_n = 1 + static_cast<int>(e.below(3));
        for (int k = 0; k < edits_n && !s.empty(); ++k) {
            std::size_t at = e.below(s.size());
            char ch = alphabet[e.below(alphabet.size())];
            switch (e.below(3)) {
                case 0: s[at] = ch; break;
                case 1: s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), ch); break;
                default: s.erase(at, 1); break;
            }
        }
        for (auto const& o : opts) agree<dxt::everything>(s, o, t, "byte edit");
    }
    MESSAGE(t.direct << " accepted, " << t.clean << " clean");
    CHECK(t.direct > 100);
}

TEST_CASE("the direct reader matches keys as JSON strings, whatever the wire names hold") {
    auto opts = option_sets();
    tally t;
    // The raw bytes of a wire name with a quote or a backslash are not that key (and not JSON).
    std::vector<std::string> texts = {
        R"({"a\"q":1,"a\\b":2,"\u00e9t\u00e9":3})",
        "{\"a\\\"q\":1,\"a\\\\b\":2,\"\xC3\xA9t\xC3\xA9\":3}",
        "{\"a\"q\":1,\"a\\b\":2,\"\xC3\xA9t\xC3\xA9\":3}",
        "{\"a\\\"q\":1,\"a\\b\":2,\"\xC3\xA9t\xC3\xA9\":3}",
    };
    for (auto const& text : texts)
        for (auto const& o : opts) agree<dxt::odd_names>(text, o, t, "odd names");
    CHECK(t.direct > 0);
    CHECK(t.direct == t.clean);
}

TEST_CASE("drx::read takes the direct path and falls back to every diagnostic") {
    // A clean document: the same object either way; a bad one: the event-driven reader's
    // diagnostics, exactly.
    std::string good = R"({"flag":true,"leaves":[{"n":1}]})";
    std::string bad = R"({"flag":true,"leaves":[{"n":"one"}],"extra":1})";
    for (auto const& text : {good, bad}) {
        drx::result<dxt::everything> a = drx::read<dxt::everything>(text);
        drx::result<dxt::everything> b = drx::detail::read_events<dxt::everything>(text, {});
        REQUIRE(a.diagnostics().size() == b.diagnostics().size());
        for (std::size_t i = 0; i < a.diagnostics().size(); ++i) CHECK(a.diagnostics()[i] == b.diagnostics()[i]);
        CHECK(a.ok() == b.ok());
    }
    drx::result<dxt::everything> r = drx::read<dxt::everything>(bad);
    CHECK_FALSE(r.ok());
    CHECK(drx_test::has(r.diagnostics(), "schema.type", "/leaves/0/n"));
    CHECK(drx_test::has(r.diagnostics(), "schema.unknown_key", "/extra", drx::severity::warning));
}
