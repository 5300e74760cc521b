// SPDX-License-Identifier: BSL-1.0
// drx/detail/python_numbers.hpp against CPython: Python's int(str) and float(str) and
// trafaret's StrBool / ToBool spellings (docs/reference/query-conversions.md).
//
// Golden answers come from CPython: tests/data/deployment/python_numbers.tsv, written by
// tests/tools/make_deployment_golden.py (curated inputs from the tables of
// docs/reference/query-conversions.md), and a live differential run over random texts when python3
// can be started (skipped otherwise, with a MESSAGE saying so).
#include <doctest/doctest.h>

#include <drx/detail/python_numbers.hpp>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

fs::path source_dir() {
    if (char const* s = std::getenv("DRX_SOURCE_DIR")) return s;
    return fs::path(__FILE__).parent_path().parent_path();
}

std::string to_hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 0xF];
    }
    return out;
}

std::string from_hex(std::string_view hex) {
    auto v = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(v(hex[i]) * 16 + v(hex[i + 1]));
    return out;
}

std::vector<std::string> split_tabs(std::string const& line) {
    std::vector<std::string> out;
    std::size_t b = 0;
    while (true) {
        std::size_t e = line.find('\t', b);
        out.push_back(line.substr(b, e == std::string::npos ? std::string::npos : e - b));
        if (e == std::string::npos) break;
        b = e + 1;
    }
    return out;
}

// drx's answers in the golden file's notation.
std::string drx_int(std::string_view s) {
    auto r = drx::detail::python_int(s);
    if (r.st == drx::detail::python_int_result::status::too_many_digits) return "ValueError limit";
    if (!r.ok()) return "ValueError";
    if (!r.fits) return "ok <big>";
    return "ok " + std::to_string(r.value);
}

std::string drx_float(std::string_view s) {
    auto r = drx::detail::python_float(s);
    if (!r) return "ValueError";
    if (std::isnan(*r)) return "nan";
    if (std::isinf(*r)) return *r < 0 ? "-inf" : "inf";
    std::string out;
    drx::detail::append_float_repr(out, *r);
    return out;
}

std::string drx_bool(std::string_view s, drx::detail::trafaret_version v) {
    auto r = drx::detail::trafaret_str_bool(s, v);
    if (!r) return "DataError";
    return *r ? "True" : "False";
}

// Python prints ints of any size; drx keeps int64 and says "<big>" beyond. Compare fairly.
bool int_matches(std::string const& python, std::string const& ours) {
    if (python == ours) return true;
    if (ours != "ok <big>" || python.rfind("ok ", 0) != 0) return false;
    std::string digits = python.substr(3);
    if (!digits.empty() && digits[0] == '-') digits.erase(0, 1);
    // Larger than any int64 in magnitude (more than 19 digits, or 19 digits above the limit).
    return digits.size() > 19 || (digits.size() == 19 && digits > "9223372036854775807");
}

}  // namespace

TEST_CASE("python numbers: the CPython golden file (docs/reference/query-conversions.md)") {
    std::ifstream f(source_dir() / "tests/data/deployment/python_numbers.tsv");
    REQUIRE(f.good());
    std::size_t lines = 0;
    for (std::string line; std::getline(f, line);) {
        auto cols = split_tabs(line);
        REQUIRE(cols.size() == 5);
        std::string input = from_hex(cols[0]);
        CAPTURE(cols[0]);
        CHECK(int_matches(cols[1], drx_int(input)));
        CHECK(drx_float(input) == cols[2]);
        CHECK(drx_bool(input, drx::detail::trafaret_version::v1) == cols[3]);
        CHECK(drx_bool(input, drx::detail::trafaret_version::v2) == cols[4]);
        ++lines;
    }
    CHECK(lines > 150);
}

TEST_CASE("python numbers: the facts of docs/reference/query-conversions.md, spelled out") {
    using drx::detail::python_float;
    using drx::detail::python_int;
    CHECK(python_int("\xd9\xa3").value == 3);                       // U+0663 ARABIC-INDIC THREE
    CHECK(python_int("\xef\xbc\x93").value == 3);                   // U+FF13 FULLWIDTH THREE
    CHECK(python_int("\xc2\xa0" "3\xc2\xa0").value == 3);           // NBSP stripped
    CHECK_FALSE(python_int("\x1c" "3").ok());                       // U+001C is not stripped by int()
    CHECK_FALSE(python_int("\xc2\xb2").ok());                       // superscript two is not decimal
    CHECK_FALSE(python_int("1__000").ok());
    CHECK(python_int("1_000").value == 1000);
    CHECK(python_int(std::string(4300, '1')).ok());
    CHECK(python_int(std::string(4301, '0')).st == drx::detail::python_int_result::status::too_many_digits);
    CHECK(python_int(std::string(4301, '0'), 0).ok());               // no limit
    auto big = python_int("-9223372036854775809");
    CHECK(big.ok());
    CHECK_FALSE(big.fits);
    CHECK(big.negative);
    CHECK(python_int("-9223372036854775808").value == INT64_MIN);
    CHECK(std::signbit(*python_float("-0")));
    CHECK(std::isinf(*python_float("1e400")));
    CHECK(*python_float("1e-400") == 0.0);
    CHECK(std::isnan(*python_float("-nAn")));
    CHECK_FALSE(python_float("nan(1)"));
    CHECK_FALSE(python_float("1_e3"));
    CHECK(*python_float("1_000.5e1_0") == 10005000000000.0);
    // Invalid UTF-8 is never a Python str: every conversion refuses it.
    CHECK_FALSE(python_int("3\xff").ok());
    CHECK_FALSE(python_float("3\xc3"));
    CHECK_FALSE(drx::detail::trafaret_str_bool("true\xed\xa0\x80"));
    CHECK(drx::detail::python_decimal_value(U'\U0001D7D7') == 9);  // MATHEMATICAL BOLD DIGIT NINE
    CHECK(drx::detail::python_decimal_value(U'\u00B2') == -1);
    CHECK(drx::detail::python_isspace(U'\u001C'));
    CHECK_FALSE(drx::detail::python_isspace(U'\u200B'));
}

namespace {

bool python3_available() { return std::system("python3 -c \"import sys\" >/dev/null 2>&1") == 0; }

constexpr char const* oracle = R"PY(import sys
src, dst = sys.argv[1], sys.argv[2]
T1 = ("t", "true", "y", "yes", "on", "1"); F1 = ("false", "n", "no", "off", "0", "none")
def i(s):
    try: return "ok %d" % int(s)
    except ValueError as e: return "ValueError limit" if "Exceeds the limit" in str(e) else "ValueError"
def f(s):
    try: return repr(float(s))
    except ValueError: return "ValueError"
def b(s, v2):
    w = str(s).strip().lower()
    if w in T1 or (v2 and w == "1.0"): return "True"
    if w in F1 or (v2 and w == "0.0"): return "False"
    return "DataError"
out = []
for h in open(src).read().split():
    s = bytes.fromhex(h).decode("utf-8")
    out.append("\t".join([h, i(s), f(s), b(s, False), b(s, True)]))
open(dst, "w").write("\n".join(out) + "\n")
)PY";

// Random texts from an alphabet of the characters that matter to int(), float() and StrBool.
std::vector<std::string> random_texts(std::size_t n) {
    static char const* const atoms[] = {
        "0", "1", "2", "5", "9", "0", "1", "7", "_", "_", ".", ".", "e", "E", "+", "-", " ", "\t", "\n",
        "\x0b", "\x1c", "\x1f", "\xc2\x85", "\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\xa8", "\xe2\x80\x8b",
        "\xd9\xa3", "\xef\xbc\x95", "\xf0\x9d\x9f\x8e", "\xc2\xb2", "i", "n", "f", "a", "t", "y", "I", "N",
        "F", "A", "inf", "nan", "infinity", "true", "yes", "no", "off", "on", "none", "x", "\xc4\xb0",
        "\xe2\x84\xaa", "e308", "e-320", "1e400", "00000",
    };
    std::mt19937_64 rng(0x707974686f6e6e75ull);
    std::uniform_int_distribution<std::size_t> len(0, 8), pick(0, std::size(atoms) - 1);
    std::vector<std::string> out;
    for (std::size_t k = 0; k < n; ++k) {
        std::string s;
        for (std::size_t j = len(rng); j > 0; --j) s += atoms[pick(rng)];
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace

TEST_CASE("python numbers: live differential against python3 over random texts") {
    if (!python3_available()) {
        MESSAGE("SKIPPED: python3 not found; the live differential did not run (the golden file did)");
        return;
    }
    auto dir = fs::temp_directory_path() /
               ("drx_pynum_" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(dir);
    auto texts = random_texts(20000);
    // An empty text has an empty hex line, which the oracle's split() drops; the golden file
    // covers the empty text.
    std::erase(texts, std::string());
    {
        std::ofstream s(dir / "o.py");
        s << oracle;
        std::ofstream in(dir / "in.txt");
        for (auto const& t : texts) in << to_hex(t) << '\n';
    }
    std::string cmd = "python3 '" + (dir / "o.py").string() + "' '" + (dir / "in.txt").string() + "' '" +
                      (dir / "out.txt").string() + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::ifstream out(dir / "out.txt");
    std::size_t n = 0, mismatches = 0;
    for (std::string line; std::getline(out, line);) {
        auto cols = split_tabs(line);
        REQUIRE(cols.size() == 5);
        std::string input = from_hex(cols[0]);
        bool ok = int_matches(cols[1], drx_int(input)) && drx_float(input) == cols[2] &&
                  drx_bool(input, drx::detail::trafaret_version::v1) == cols[3] &&
                  drx_bool(input, drx::detail::trafaret_version::v2) == cols[4];
        if (!ok && ++mismatches <= 10) {
            CAPTURE(cols[0]);
            CHECK(drx_int(input) == cols[1]);
            CHECK(drx_float(input) == cols[2]);
            CHECK(drx_bool(input, drx::detail::trafaret_version::v1) == cols[3]);
        }
        ++n;
    }
    CHECK(n == texts.size());
    CHECK(mismatches == 0);
    MESSAGE("python numbers: " << n << " random texts compared with CPython");
    std::error_code ec;
    fs::remove_all(dir, ec);
}

TEST_CASE("the generated tables and golden files are what their CPython scripts produce") {
    if (!python3_available()) {
        MESSAGE("SKIPPED: python3 not found; the generators were not re-run");
        return;
    }
    fs::path root = source_dir();
    std::string version_cmd = "python3 -c \"import unicodedata, sys; sys.exit(0 if unicodedata.unidata_version == '" +
                              std::string(drx::detail::python_unicode_version) + "' else 3)\"";
    int same_unicode = std::system(version_cmd.c_str());
    if (same_unicode != 0) {
        MESSAGE("SKIPPED: python3's Unicode version is not " << drx::detail::python_unicode_version
                                                             << ", the one the tables were generated from");
    } else {
        std::string cmd = "python3 '" + (root / "tests/tools/gen_python_unicode_tables.py").string() + "' --check '" +
                          (root / "include/drx/detail/python_unicode_tables.hpp").string() + "' >/dev/null";
        CHECK(std::system(cmd.c_str()) == 0);
    }
    std::string golden = "python3 '" + (root / "tests/tools/make_deployment_golden.py").string() + "' --check >/dev/null";
    CHECK(std::system(golden.c_str()) == 0);
}
