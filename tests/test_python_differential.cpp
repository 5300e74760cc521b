// SPDX-License-Identifier: BSL-1.0
// Differential tests of drx/detail/python_format.hpp against the CPython on PATH
// (docs/reference/exact-json.md: the oracle is CPython's repr(float) and json.dumps).
//
// Inputs are generated deterministically (std::mt19937_64, fixed seed), written to a
// temporary directory as hex, handed to `python3` running a small embedded script, and
// the answers are compared line by line with drx. If python3 cannot be run, the test
// says "SKIPPED: python3 not found" and asserts nothing else.
#include <doctest/doctest.h>

#include <drx/detail/python_format.hpp>

#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The embedded oracle. argv: mode, input file, output file. Every input line is hex.
//   float: 16 hex digits, the big-endian bit pattern of a double -> repr(x)
//   str:   hex of UTF-8 bytes -> hex(json.dumps(s)) + " " + hex(json.dumps(s, ensure_ascii=False))
//   utf8:  hex of arbitrary bytes -> "1" if bytes.decode("utf-8") succeeds, else "0"
constexpr char const* oracle_script = R"PY(import json, struct, sys
mode, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
with open(src) as f:
    lines = f.read().split("\n")[:-1]
out = []
if mode == "float":
    for h in lines:
        out.append(repr(struct.unpack(">d", bytes.fromhex(h))[0]))
elif mode == "str":
    for h in lines:
        s = bytes.fromhex(h).decode("utf-8")
        out.append(json.dumps(s).encode("utf-8").hex() + " " +
                   json.dumps(s, ensure_ascii=False).encode("utf-8").hex())
elif mode == "utf8":
    for h in lines:
        try:
            bytes.fromhex(h).decode("utf-8")
            out.append("1")
        except UnicodeDecodeError:
            out.append("0")
with open(dst, "w") as f:
    f.write("".join(x + "\n" for x in out))
)PY";

// True if `python3` can be started (POSIX shell, as on the project's machines).
bool python3_available() {
    return std::system("python3 -c \"import json, struct\" >/dev/null 2>&1") == 0;
}

// A fresh temporary directory, removed with everything in it on destruction.
class temp_dir {
public:
    temp_dir() {
        std::random_device rd;
        auto const base = fs::temp_directory_path();
        for (int attempt = 0; attempt < 100; ++attempt) {
            auto const tag = std::to_string(rd()) + "_" +
                             std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
            fs::path candidate = base / ("drx_pydiff_" + tag);
            std::error_code ec;
            if (fs::create_directory(candidate, ec) && !ec) {
                path_ = candidate;
                return;
            }
        }
    }
    ~temp_dir() {
        if (!path_.empty()) {
            std::error_code ec;
            fs::remove_all(path_, ec);
        }
    }
    temp_dir(temp_dir const&) = delete;
    temp_dir& operator=(temp_dir const&) = delete;
    fs::path const& path() const { return path_; }
    bool ok() const { return !path_.empty(); }

private:
    fs::path path_;
};

std::string to_hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char const c : bytes) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 0xF]);
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::string from_hex(std::string_view hex) {
    std::string out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        out.push_back(static_cast<char>(hex_value(hex[i]) * 16 + hex_value(hex[i + 1])));
    }
    return out;
}

std::string bits_hex(double x) {
    static constexpr char digits[] = "0123456789abcdef";
    auto const bits = std::bit_cast<std::uint64_t>(x);
    std::string out(16, '0');
    for (int i = 0; i < 16; ++i) {
        out[static_cast<std::size_t>(15 - i)] = digits[(bits >> (4 * i)) & 0xF];
    }
    return out;
}

std::string shell_quote(std::string const& s) {
    std::string out = "'";
    for (char const c : s) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

// Writes `lines` to a file, runs the oracle in `mode` on it and returns its output lines.
// Returns false (with a reason in `error`) if python3 fails or answers the wrong number of lines.
bool run_oracle(temp_dir const& dir, char const* mode, std::vector<std::string> const& lines,
                std::vector<std::string>& answers, std::string& error) {
    auto const script = dir.path() / "oracle.py";
    auto const input = dir.path() / (std::string(mode) + ".in");
    auto const output = dir.path() / (std::string(mode) + ".out");
    {
        std::ofstream s(script, std::ios::binary);
        s << oracle_script;
        std::ofstream in(input, std::ios::binary);
        for (auto const& l : lines) {
            in << l << '\n';
        }
        if (!s || !in) {
            error = "cannot write the temporary files in " + dir.path().string();
            return false;
        }
    }
    std::string const cmd = "python3 " + shell_quote(script.string()) + " " + mode + " " +
                            shell_quote(input.string()) + " " + shell_quote(output.string());
    if (std::system(cmd.c_str()) != 0) {
        error = "python3 failed: " + cmd;
        return false;
    }
    std::ifstream out(output, std::ios::binary);
    answers.clear();
    for (std::string l; std::getline(out, l);) {
        answers.push_back(l);
    }
    std::error_code ec;
    fs::remove(input, ec);
    fs::remove(output, ec);
    if (answers.size() != lines.size()) {
        error = "python3 answered " + std::to_string(answers.size()) + " lines for " +
                std::to_string(lines.size()) + " inputs";
        return false;
    }
    return true;
}

double parse_double(std::string const& text) {
    return std::strtod(text.c_str(), nullptr);
}

// >= 100,000 finite doubles hitting every repr branch (fixed, exponent-negative,
// exponent-positive, integral with ".0"), deterministically.
std::vector<double> make_doubles() {
    std::mt19937_64 rng(0x6472785f666c6f61ull);
    std::vector<double> v;
    v.reserve(120000);
    constexpr std::uint64_t mantissa_mask = (std::uint64_t{1} << 52) - 1;
    constexpr std::uint64_t sign_bit = std::uint64_t{1} << 63;

    // Special values.
    for (double const x : {0.0, -0.0, 1.0, -1.0, 0.1, 1e-5, 1e-4, 1e16, 9999999999999998.0,
                           std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
                           std::numeric_limits<double>::denorm_min(),
                           std::numeric_limits<double>::epsilon()}) {
        v.push_back(x);
        v.push_back(-x);
    }
    // Uniformly random bit patterns (both signs, subnormals included), NaN/inf skipped.
    for (int i = 0; i < 50000;) {
        std::uint64_t const b = rng();
        if (((b >> 52) & 0x7FF) == 0x7FF) continue;
        v.push_back(std::bit_cast<double>(b));
        ++i;
    }
    // Subnormals explicitly.
    for (int i = 0; i < 5000; ++i) {
        std::uint64_t const b = (rng() & mantissa_mask) | (rng() & sign_bit);
        v.push_back(std::bit_cast<double>(b));
    }
    // Few significant digits around the boundaries 1e-5..1e-3 and 1e15..1e17.
    std::uniform_int_distribution<int> ndigits_dist(1, 17);
    for (int i = 0; i < 30000; ++i) {
        int const nd = (i % 3 == 0) ? ndigits_dist(rng) : 1 + static_cast<int>(rng() % 4);
        std::string m(1, static_cast<char>('1' + rng() % 9));
        for (int k = 1; k < nd; ++k) {
            m.push_back(static_cast<char>('0' + rng() % 10));
        }
        // Decimal exponent of the value: -7..-2 or 13..18.
        int const e = (i % 2 == 0) ? -7 + static_cast<int>(rng() % 6) : 13 + static_cast<int>(rng() % 6);
        v.push_back(parse_double(m + "e" + std::to_string(e - (nd - 1))));
    }
    // Neighbours of the boundary values, a few hundred ulps each way.
    for (double const b : {1e-5, 1e-4, 1e-3, 1e15, 1e16, 1e17}) {
        double up = b;
        double down = b;
        for (int k = 0; k < 500; ++k) {
            up = std::nextafter(up, std::numeric_limits<double>::infinity());
            down = std::nextafter(down, 0.0);
            v.push_back(up);
            v.push_back(down);
        }
    }
    // Integral values: small, up to 2^53, and beyond.
    for (int i = 0; i < 5000; ++i) {
        v.push_back(static_cast<double>(rng() % 1000001));
    }
    for (int i = 0; i < 5000; ++i) {
        v.push_back(static_cast<double>(rng() >> (11 + rng() % 40)));  // < 2^53
    }
    for (int i = 0; i < 5000; ++i) {
        double const x = static_cast<double>((rng() | (std::uint64_t{1} << 53)) >> (rng() % 11));
        v.push_back(std::ldexp(x, static_cast<int>(rng() % 20)));  // 2^53 .. ~2^83
    }
    // Powers of ten 1e-30..1e30 and their neighbours, then every decimal power.
    for (int k = -30; k <= 30; ++k) {
        double const p = parse_double("1e" + std::to_string(k));
        v.push_back(p);
        v.push_back(std::nextafter(p, 0.0));
        v.push_back(std::nextafter(p, std::numeric_limits<double>::infinity()));
    }
    for (int k = -323; k <= 308; ++k) {
        v.push_back(parse_double("1e" + std::to_string(k)));
    }
    // Negative versions of a third of everything generated so far (the uniform
    // block already has random signs).
    std::size_t const n = v.size();
    for (std::size_t i = 0; i < n; i += 3) {
        v.push_back(-v[i]);
    }
    return v;
}

// Appends the UTF-8 encoding of a valid code point.
void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// A random code point from the mix of classes the escaper distinguishes.
char32_t random_code_point(std::mt19937_64& rng) {
    static constexpr std::array<char32_t, 12> special3 = {0x2028, 0x2029, 0xFFFF, 0xFEFF, 0xFFFE, 0x0800,
                                                          0xD7FF, 0xE000, 0x20AC, 0x00E9, 0x3000, 0xFFFD};
    static constexpr std::array<char32_t, 4> special4 = {0x10000, 0x10FFFF, 0x1F600, 0xE0001};
    switch (rng() % 10) {
        case 0:
        case 1:
        case 2: return static_cast<char32_t>(0x20 + rng() % 95);  // printable ASCII
        case 3: return static_cast<char32_t>(rng() % 0x20);       // controls
        case 4: {
            constexpr char32_t picks[] = {0x7F, U'"', U'\\', U'/'};
            return picks[rng() % 4];
        }
        case 5: return static_cast<char32_t>(0x80 + rng() % (0x800 - 0x80));  // 2-byte
        case 6: {                                                             // 3-byte
            for (;;) {
                auto const cp = static_cast<char32_t>(0x800 + rng() % (0x10000 - 0x800));
                if (cp < 0xD800 || cp > 0xDFFF) return cp;
            }
        }
        case 7: return special3[rng() % special3.size()];
        case 8: return static_cast<char32_t>(0x10000 + rng() % (0x110000 - 0x10000));  // astral
        default: return special4[rng() % special4.size()];
    }
}

std::vector<std::string> make_strings() {
    std::mt19937_64 rng(0x6472785f73747273ull);
    std::vector<std::string> v;
    // Every control character and the ASCII specials alone, once.
    for (char32_t c = 0; c < 0x20; ++c) {
        v.emplace_back(1, static_cast<char>(c));
    }
    v.emplace_back("\x7f\"\\/");
    v.emplace_back();
    for (int i = 0; i < 24000; ++i) {
        std::size_t const len = rng() % 41;  // 0..40 code points
        std::string s;
        for (std::size_t k = 0; k < len; ++k) {
            append_utf8(s, random_code_point(rng));
        }
        v.push_back(std::move(s));
    }
    return v;
}

// Random byte strings, most of them near-valid UTF-8, for is_valid_utf8.
std::vector<std::string> make_byte_strings() {
    std::mt19937_64 rng(0x6472785f62797465ull);
    static constexpr unsigned char interesting[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
                                                    0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC,
                                                    0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5,
                                                    0xF7, 0xF8, 0xFB, 0xFC, 0xFE, 0xFF};
    // Continuation-range edges and a non-continuation, to follow a lead byte.
    static constexpr unsigned char edges[] = {0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0x41};
    std::vector<std::string> v;
    for (int i = 0; i < 10000; ++i) {
        // Valid text around exactly one lead byte followed by 0..3 edge bytes, so that
        // each single boundary rule (overlong, surrogate, > U+10FFFF, truncation) is
        // often the only thing that decides.
        std::string s;
        for (std::size_t k = rng() % 4; k > 0; --k) {
            append_utf8(s, random_code_point(rng));
        }
        s.push_back(static_cast<char>(interesting[rng() % sizeof interesting]));
        for (std::size_t k = rng() % 4; k > 0; --k) {
            s.push_back(static_cast<char>(edges[rng() % sizeof edges]));
        }
        for (std::size_t k = rng() % 4; k > 0; --k) {
            append_utf8(s, random_code_point(rng));
        }
        v.push_back(std::move(s));
    }
    for (int i = 0; i < 20000; ++i) {
        std::string s;
        std::size_t const len = rng() % 16;
        while (s.size() < len) {
            switch (rng() % 4) {
                case 0: append_utf8(s, random_code_point(rng)); break;
                case 1: s.push_back(static_cast<char>(interesting[rng() % sizeof interesting])); break;
                case 2: s.push_back(static_cast<char>(0x80 + rng() % 0x40)); break;
                default: s.push_back(static_cast<char>(rng() % 256)); break;
            }
        }
        if (i % 4 == 0 && !s.empty()) {
            s.pop_back();  // truncation
        }
        v.push_back(std::move(s));
    }
    return v;
}

std::string classify_repr(std::string const& r) {
    if (r.find("e-") != std::string::npos) return "exponent-negative";
    if (r.find("e+") != std::string::npos) return "exponent-positive";
    if (r.size() >= 2 && r.compare(r.size() - 2, 2, ".0") == 0) return "integral-with-.0";
    return "fixed";
}

// Says clearly that the test is skipped when python3 cannot be run (the only path
// that asserts nothing); returns true in that case.
bool skipped_without_python3(char const* what) {
    if (python3_available()) {
        return false;
    }
    MESSAGE(std::string(what) << " SKIPPED: python3 not found (cannot run the CPython oracle)");
    return true;
}

// Seconds elapsed since `start`.
double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("python_differential: append_float_repr agrees with CPython repr(float)") {
    if (skipped_without_python3("python_differential (floats)")) {
        return;
    }
    auto const started = std::chrono::steady_clock::now();
    temp_dir dir;
    REQUIRE_MESSAGE(dir.ok(), "cannot create a temporary directory");

    auto const doubles = make_doubles();
    CHECK(doubles.size() >= 100000);
    std::vector<std::string> lines;
    lines.reserve(doubles.size());
    for (double const x : doubles) {
        lines.push_back(bits_hex(x));
    }
    std::vector<std::string> expected;
    std::string error;
    REQUIRE_MESSAGE(run_oracle(dir, "float", lines, expected, error), error);

    std::size_t fixed = 0, exp_neg = 0, exp_pos = 0, integral = 0, mismatches = 0;
    std::ostringstream first;
    std::string got;
    for (std::size_t i = 0; i < doubles.size(); ++i) {
        got.clear();
        drx::detail::append_float_repr(got, doubles[i]);
        std::string const kind = classify_repr(expected[i]);
        fixed += kind == "fixed";
        exp_neg += kind == "exponent-negative";
        exp_pos += kind == "exponent-positive";
        integral += kind == "integral-with-.0";
        if (got != expected[i]) {
            if (++mismatches <= 10) {
                first << "\n  bits " << lines[i] << ": python " << expected[i] << ", drx " << got;
            }
        }
    }
    MESSAGE("floats compared: " << doubles.size() << " (fixed " << fixed << ", exponent-negative "
                                << exp_neg << ", exponent-positive " << exp_pos
                                << ", integral-with-.0 " << integral << "), mismatches " << mismatches);
    CHECK(fixed >= 1000);
    CHECK(exp_neg >= 1000);
    CHECK(exp_pos >= 1000);
    CHECK(integral >= 1000);
    MESSAGE("python_differential (floats) took " << seconds_since(started) << " s");
    INFO("first mismatches:" << first.str());
    REQUIRE(mismatches == 0);
}

TEST_CASE("python_differential: append_json_string agrees with CPython json.dumps (both ensure_ascii settings)") {
    if (skipped_without_python3("python_differential (strings)")) {
        return;
    }
    auto const started = std::chrono::steady_clock::now();
    temp_dir dir;
    REQUIRE_MESSAGE(dir.ok(), "cannot create a temporary directory");

    auto const strings = make_strings();
    CHECK(strings.size() >= 20000);
    std::vector<std::string> lines;
    lines.reserve(strings.size());
    for (auto const& s : strings) {
        lines.push_back(to_hex(s));
    }
    std::vector<std::string> expected;
    std::string error;
    REQUIRE_MESSAGE(run_oracle(dir, "str", lines, expected, error), error);

    std::size_t mismatches = 0;
    std::size_t non_ascii = 0;
    std::ostringstream first;
    std::string a;
    std::string u;
    for (std::size_t i = 0; i < strings.size(); ++i) {
        auto const space = expected[i].find(' ');
        std::string const want_a = from_hex(std::string_view(expected[i]).substr(0, space));
        std::string const want_u = from_hex(std::string_view(expected[i]).substr(space + 1));
        a.clear();
        u.clear();
        bool const ok_a = drx::detail::append_json_string(a, strings[i], true);
        bool const ok_u = drx::detail::append_json_string(u, strings[i], false);
        non_ascii += want_a != want_u;
        if (!ok_a || !ok_u || a != want_a || u != want_u) {
            if (++mismatches <= 10) {
                first << "\n  input hex " << lines[i] << ": python " << to_hex(want_a) << " / "
                      << to_hex(want_u) << ", drx " << to_hex(a) << " / " << to_hex(u);
            }
        }
    }
    MESSAGE("strings compared: " << strings.size() << " x 2 settings (" << non_ascii
                                 << " differ between ensure_ascii true and false), mismatches "
                                 << mismatches);
    MESSAGE("python_differential (strings) took " << seconds_since(started) << " s");
    INFO("first mismatches:" << first.str());
    REQUIRE(mismatches == 0);
}

TEST_CASE("python_differential: is_valid_utf8 and append_json_string agree with CPython bytes.decode('utf-8')") {
    if (skipped_without_python3("python_differential (utf-8)")) {
        return;
    }
    auto const started = std::chrono::steady_clock::now();
    temp_dir dir;
    REQUIRE_MESSAGE(dir.ok(), "cannot create a temporary directory");

    auto const bytes = make_byte_strings();
    std::vector<std::string> lines;
    lines.reserve(bytes.size());
    for (auto const& s : bytes) {
        lines.push_back(to_hex(s));
    }
    std::vector<std::string> expected;
    std::string error;
    REQUIRE_MESSAGE(run_oracle(dir, "utf8", lines, expected, error), error);

    std::size_t mismatches = 0;
    std::size_t valid = 0;
    std::ostringstream first;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        bool const want = expected[i] == "1";
        valid += want;
        bool const got = drx::detail::is_valid_utf8(bytes[i]);
        std::string out = "x";
        bool const appended = drx::detail::append_json_string(out, bytes[i], i % 2 == 0);
        bool const unchanged = appended || out == "x";
        if (got != want || appended != want || !unchanged) {
            if (++mismatches <= 10) {
                first << "\n  bytes " << lines[i] << ": python " << want << ", is_valid_utf8 " << got
                      << ", append_json_string " << appended;
            }
        }
    }
    MESSAGE("byte strings compared: " << bytes.size() << " (" << valid << " valid), mismatches "
                                      << mismatches);
    CHECK(valid >= 1000);
    CHECK(bytes.size() - valid >= 1000);
    MESSAGE("python_differential (utf-8) took " << seconds_since(started) << " s");
    INFO("first mismatches:" << first.str());
    REQUIRE(mismatches == 0);
}
