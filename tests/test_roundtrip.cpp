// SPDX-License-Identifier: BSL-1.0
// Round trip: reading then writing is the identity on every double the writer can produce
// (issue 2, item 4). More than 200,000 doubles, generated deterministically: random bit
// patterns (subnormals included), values near the repr branch boundaries (1e-5..1e-3 and
// 1e15..1e17), integral values, powers of ten and their neighbours, short decimals, and the
// special values. For each: text = write(number(d)); read<number>(text) gives the same bits and
// the same kind; writing again gives the same text. The same for a struct member and for
// drx::scalar. The exactness of the written text itself (Python's repr) is proven against
// CPython by tests/test_python_*.cpp; here the oracle is the double itself (memcmp).
#include <doctest/doctest.h>

#include <drx/read.hpp>
#include <drx/write.hpp>

#include <boost/describe/class.hpp>
#include <boost/json/parse.hpp>

#include <bit>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace drx_test {

/// A struct with one double member.
struct holds_double {
    double x = 0;
};
BOOST_DESCRIBE_STRUCT(holds_double, (), (x))

/// A struct with a number and a scalar member, read from one document.
struct holds_kinds {
    drx::number n;
    drx::scalar s;
};
BOOST_DESCRIBE_STRUCT(holds_kinds, (), (n, s))

}  // namespace drx_test

namespace {

using namespace drx_test;

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

double from_text(char const* s) {
    double d = 0;
    std::from_chars(s, s + std::strlen(s), d);
    return d;
}

struct corpus {
    std::vector<double> values;
    std::size_t random_bits = 0, subnormal = 0, near_boundaries = 0, integral = 0, powers = 0, decimals = 0,
                specials = 0;
};

corpus make_doubles() {
    corpus c;
    std::mt19937_64 rng(0x5eed0003u);
    auto push = [&](double d, std::size_t& counter) {
        if (!std::isfinite(d)) return;
        c.values.push_back(d);
        ++counter;
    };
    // Special values.
    for (double d : {0.0, -0.0, DBL_MAX, -DBL_MAX, DBL_MIN, -DBL_MIN, std::numeric_limits<double>::denorm_min(),
                     -std::numeric_limits<double>::denorm_min(), std::nextafter(DBL_MIN, 0.0), 1.0, -1.0, 0.1, 0.5,
                     DBL_EPSILON, 1.0 + DBL_EPSILON, 9007199254740992.0, 9007199254740993.0, 1e-4, 1e16, 1e-5, 1e15,
                     1e17, 1e22, 1e23, 5e-324, 2.2250738585072009e-308, 2.2250738585072014e-308})
        push(d, c.specials);
    // Random bit patterns over the whole range (NaN and infinities skipped by push).
    for (int i = 0; i < 100000; ++i) push(std::bit_cast<double>(rng()), c.random_bits);
    // Subnormals: exponent field zero, random mantissa, both signs.
    for (int i = 0; i < 20000; ++i) {
        std::uint64_t bits = rng() & 0x800fffffffffffffull;
        push(std::bit_cast<double>(bits), c.subnormal);
    }
    // Near the repr branch boundaries: log-uniform in [1e-5, 1e-3] and [1e15, 1e17], plus the
    // neighbours of the boundaries themselves (Python switches to exponent form below 1e-4 and
    // from 1e16 up).
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (int i = 0; i < 20000; ++i) {
        double lo = std::pow(10.0, -5.0 + 2.0 * u(rng));
        double hi = std::pow(10.0, 15.0 + 2.0 * u(rng));
        push((i & 1) ? -lo : lo, c.near_boundaries);
        push((i & 2) ? -hi : hi, c.near_boundaries);
    }
    for (double b : {1e-5, 1e-4, 1e-3, 1e15, 1e16, 1e17}) {
        double up = b, down = b;
        for (int k = 0; k < 500; ++k) {
            up = std::nextafter(up, DBL_MAX);
            down = std::nextafter(down, 0.0);
            push(up, c.near_boundaries);
            push(down, c.near_boundaries);
        }
    }
    // Integral values: small, up to 2^53, and beyond (every double above 2^53 is integral).
    std::uniform_int_distribution<std::int64_t> small(-100000, 100000);
    std::uniform_int_distribution<std::int64_t> big(-(std::int64_t{1} << 53), std::int64_t{1} << 53);
    for (int i = 0; i < 10000; ++i) push(static_cast<double>(small(rng)), c.integral);
    for (int i = 0; i < 10000; ++i) push(static_cast<double>(big(rng)), c.integral);
    for (int i = 0; i < 5000; ++i) push(std::ldexp(static_cast<double>(big(rng)), 1 + static_cast<int>(rng() % 60)), c.integral);
    // Powers of ten 1e-323 .. 1e308 (correctly rounded) and their neighbours.
    for (int e = -323; e <= 308; ++e) {
        std::string s = "1e" + std::to_string(e);
        double p = from_text(s.c_str());
        push(p, c.powers);
        push(-p, c.powers);
        push(std::nextafter(p, DBL_MAX), c.powers);
        push(std::nextafter(p, 0.0), c.powers);
    }
    // Short decimals (1 to 17 significant digits, exponent -30..30): the values people write.
    for (int i = 0; i < 40000; ++i) {
        int digits = 1 + static_cast<int>(rng() % 17);
        std::string s;
        for (int k = 0; k < digits; ++k) s += static_cast<char>('0' + (k == 0 ? 1 + rng() % 9 : rng() % 10));
        s += "e" + std::to_string(static_cast<int>(rng() % 61) - 30);
        push(from_text(s.c_str()), c.decimals);
    }
    return c;
}

corpus const& doubles() {
    static corpus const c = make_doubles();
    return c;
}

}  // namespace

TEST_CASE("round trip: the corpus has at least 200,000 doubles of every kind") {
    corpus const& c = doubles();
    MESSAGE("doubles: " << c.values.size() << " (random bits " << c.random_bits << ", subnormal " << c.subnormal
                        << ", near repr boundaries " << c.near_boundaries << ", integral " << c.integral
                        << ", powers of ten and neighbours " << c.powers << ", short decimals " << c.decimals
                        << ", specials " << c.specials << ")");
    CHECK(c.values.size() >= 200000);
    std::size_t subnormals = 0, exp_form = 0, fixed_form = 0;
    for (double d : c.values) {
        if (std::fpclassify(d) == FP_SUBNORMAL) ++subnormals;
        std::string t = drx::to_json(drx::number(d));
        (t.find('e') != std::string::npos ? exp_form : fixed_form) += 1;
    }
    CHECK(subnormals >= 20000);
    CHECK(exp_form > 10000);
    CHECK(fixed_form > 10000);
}

TEST_CASE("round trip: drx::number, double, and a double member are read back bit for bit") {
    std::size_t failures = 0;
    for (double d : doubles().values) {
        std::string const text = drx::to_json(drx::number(d));
        drx::result<drx::number> n = drx::read<drx::number>(text);
        bool ok = n.ok() && n.value().is_float() && same_bits(n.value().value(), d) &&
                  drx::to_json(n.value()) == text;
        drx::result<double> r = drx::read<double>(text);
        ok = ok && r.ok() && same_bits(r.value(), d) && drx::to_json(r.value()) == text;
        std::string const obj = drx::to_json(holds_double{d});
        ok = ok && obj == "{\"x\":" + text + "}";
        drx::result<holds_double> h = drx::read<holds_double>(obj);
        ok = ok && h.ok() && same_bits(h.value().x, d) && drx::to_json(h.value()) == obj;
        if (!ok && ++failures <= 20) {
            CHECK_MESSAGE(false, "round trip failed for bits 0x" << std::hex << std::bit_cast<std::uint64_t>(d)
                                                                  << std::dec << " text " << text);
        }
    }
    CHECK(failures == 0);
}

TEST_CASE("round trip: drx::scalar keeps float kind and bits; kinds side by side in one object") {
    std::size_t failures = 0;
    for (double d : doubles().values) {
        std::string const text = drx::to_json(drx::scalar(d));
        drx::result<drx::scalar> s = drx::read<drx::scalar>(text);
        bool ok = text == drx::to_json(drx::number(d)) && s.ok() && s.value().is_float() &&
                  same_bits(s.value().as_float(), d) && drx::to_json(s.value()) == text;
        if (!ok && ++failures <= 20) {
            CHECK_MESSAGE(false, "scalar round trip failed for bits 0x" << std::hex << std::bit_cast<std::uint64_t>(d)
                                                                         << std::dec << " text " << text);
        }
    }
    CHECK(failures == 0);
    // Integers stay integers, floats stay floats, in the same document.
    std::string const doc = "{\"n\":0,\"s\":0.0}";
    drx::result<holds_kinds> k = drx::read<holds_kinds>(doc);
    REQUIRE(k.ok());
    CHECK(k.value().n.is_integer());
    CHECK(k.value().s.is_float());
    CHECK(drx::to_json(k.value()) == doc);
    std::string const doc2 = "{\"n\":-0.0,\"s\":-9223372036854775808}";
    drx::result<holds_kinds> k2 = drx::read<holds_kinds>(doc2);
    REQUIRE(k2.ok());
    CHECK(k2.value().n.is_float());
    CHECK(std::signbit(k2.value().n.value()));
    CHECK(k2.value().s.is_integer());
    CHECK(drx::to_json(k2.value()) == doc2);
}

TEST_CASE("round trip: drx reads shortest-form text exactly where Boost.JSON's parse may not") {
    // A fact about Boost.JSON 1.81, measured here and reported; only drx's exactness is asserted.
    corpus const& c = doubles();
    std::size_t boost_wrong = 0, boost_wrong_random = 0, drx_wrong = 0, total = 0;
    for (double d : c.values) {
        std::string const text = drx::to_json(drx::number(d));
        bool const random_bits = total >= c.specials && total < c.specials + c.random_bits;  // pushed in that order
        ++total;
        drx::result<double> r = drx::read<double>(text);
        if (!r.ok() || !same_bits(r.value(), d)) ++drx_wrong;
        boost::json::error_code ec;
        boost::json::value v = boost::json::parse(text, ec);
        if (ec || !v.is_double() || !same_bits(v.get_double(), d)) {
            ++boost_wrong;
            if (random_bits) ++boost_wrong_random;
        }
    }
    MESSAGE("shortest-form doubles: " << total << "; boost::json::parse gave a different double for "
                                      << boost_wrong << " (" << (100.0 * static_cast<double>(boost_wrong) / static_cast<double>(total))
                                      << "%), of which " << boost_wrong_random << " of the " << c.random_bits
                                      << " random bit patterns ("
                                      << (100.0 * static_cast<double>(boost_wrong_random) / static_cast<double>(c.random_bits))
                                      << "%); drx for " << drx_wrong);
    CHECK(drx_wrong == 0);
}
