// SPDX-License-Identifier: BSL-1.0
// Golden tests for drx/detail/python_format.hpp (docs/reference/exact-json.md: Floats,
// Strings, NaN and infinities).
// Needs no Python at test time: every expected text below was produced by CPython 3.11's
// repr(float) / json.dumps (see the first line of each table), by
// tests/tools/make_python_golden.py, never by the code under test. To regenerate, run that
// script and paste its tables between the BEGIN/END GENERATED markers.
#include <doctest/doctest.h>

#include <drx/detail/python_format.hpp>

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

struct float_case {
    std::uint64_t bits;
    char const* repr;
};

// clang-format off
float_case const float_cases[] = {
// Produced by CPython 3.11.7's repr/json.dumps
// BEGIN GENERATED floats: {bits, repr}
    {0x0000000000000000ull, "0.0"},
    {0x8000000000000000ull, "-0.0"},
    {0x3ff0000000000000ull, "1.0"},
    {0xbff0000000000000ull, "-1.0"},
    {0x3fb999999999999aull, "0.1"},
    {0x3fd3333333333334ull, "0.30000000000000004"},
    {0x3ee4f8b588e368f1ull, "1e-05"},
    {0x3f1a36e2eb1c432dull, "0.0001"},
    {0x3f1cd5f99c38b04bull, "0.00011"},
    {0x3f1a36e2eb1c432eull, "0.00010000000000000002"},
    {0x3f1a36e2eb1c432cull, "9.999999999999999e-05"},
    {0x4341c37937e08000ull, "1e+16"},
    {0x4341c37937e07fffull, "9999999999999998.0"},
    {0x430c6bf526340000ull, "1000000000000000.0"},
    {0x43118b54f22aeb03ull, "1234567890123456.8"},
    {0x3e8421f5f40d8376ull, "1.5e-07"},
    {0x42dc12218377de6bull, "123456789012345.67"},
    {0x42a674e79c5fe522ull, "12345678901234.566"},
    {0x4480f0cf064dd592ull, "1e+22"},
    {0x44b52d02c7e14af6ull, "1e+23"},
    {0xc341c37937e08000ull, "-1e+16"},
    {0xbf1a36e2eb1c432dull, "-0.0001"},
    {0x419d6f3454000000ull, "123456789.0"},
    {0x39b4484bfeebc2a0ull, "1e-30"},
    {0x46293e5939a08ceaull, "1e+30"},
    {0x7fefffffffffffffull, "1.7976931348623157e+308"},
    {0x0000000000000001ull, "5e-324"},
    {0x0010000000000000ull, "2.2250738585072014e-308"},
    {0x000fffffffffffffull, "2.225073858507201e-308"},
    {0xbff8000000000000ull, "-1.5"},
    {0x4059000000000000ull, "100.0"},
    {0x54b249ad2594c37dull, "1e+100"},
    {0x3c36b082c2148b8eull, "1.23e-18"},
    {0x3de0f782bf7cc83full, "1.2345e-10"},
    {0x3fe0000000000000ull, "0.5"},
    {0x4004000000000000ull, "2.5"},
    {0x400921fb54442d18ull, "3.141592653589793"},
    {0xc005bf0a8b145769ull, "-2.718281828459045"},
    {0x4340000000000000ull, "9007199254740992.0"},
    {0x4340000000000001ull, "9007199254740994.0"},
    {0x43f0000000000000ull, "1.8446744073709552e+19"},
    {0x40fe240000000000ull, "123456.0"},
    {0x3f50624dd2f1a9fcull, "0.001"},
    {0x3f847ae147ae147bull, "0.01"},
    {0x3f23a92a30553262ull, "0.00015000000000000001"},
    {0x4011666666666666ull, "4.35"},
    {0x444b1ae4d6e2ef50ull, "1e+21"},
    {0x3e7ad7f29abcaf48ull, "1e-07"},
    {0x81a56e1fc2f8f359ull, "-1e-300"},
    {0x40f0000000000000ull, "65536.0"},
    {0x3fc999999999999aull, "0.2"},
    {0x3ff199999999999aull, "1.1"},
    {0x0000000000000003ull, "1.5e-323"},
    {0x43b0000000000000ull, "1.152921504606847e+18"},
    {0x4341c37937e08001ull, "1.0000000000000002e+16"},
    {0x3eb0c6f7a0b5ed8dull, "1e-06"},
    {0x4376345785d8a000ull, "1e+17"},
    {0x7e41eb2d66005835ull, "1.5e+300"},
    {0x00005c0ab9347ed7ull, "5e-310"},
    {0x405edd2f1a9fbe77ull, "123.456"},
    {0xbf5437c5692b3cc5ull, "-0.001234"},
    {0x3e080d43de9cc603ull, "7e-10"},
    {0x3ff0000000000001ull, "1.0000000000000002"},
    {0x3fefffffffffffffull, "0.9999999999999999"},
    {0x4045000000000000ull, "42.0"},
    {0x7ff8000000000000ull, "NaN"},
    {0x7ff0000000000000ull, "Infinity"},
    {0xfff0000000000000ull, "-Infinity"},
// END GENERATED floats
};

struct string_case {
    std::string_view input;          // UTF-8 bytes of the Python str
    char const* ascii;               // json.dumps(s)
    std::string_view utf8;           // json.dumps(s, ensure_ascii=False), UTF-8 bytes
};

string_case const string_cases[] = {
// Produced by CPython 3.11.7's repr/json.dumps
// BEGIN GENERATED strings: {utf8 input, dumps ensure_ascii=True, dumps ensure_ascii=False}
    {std::string_view("", 0), "\"\"", std::string_view("\"\"", 2)},
    {std::string_view("a", 1), "\"a\"", std::string_view("\"a\"", 3)},
    {std::string_view("hello world", 11), "\"hello world\"", std::string_view("\"hello world\"", 13)},
    {std::string_view("quote\"in", 8), "\"quote\\\"in\"", std::string_view("\"quote\\\"in\"", 11)},
    {std::string_view("back\\slash", 10), "\"back\\\\slash\"", std::string_view("\"back\\\\slash\"", 13)},
    {std::string_view("/slash", 6), "\"/slash\"", std::string_view("\"/slash\"", 8)},
    {std::string_view("\177", 1), "\"\\u007f\"", std::string_view("\"\177\"", 3)},
    {std::string_view("\000\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037", 32), "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"", std::string_view("\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"", 174)},
    {std::string_view("tab\011here\012nl\015cr\010bs\014ff", 20), "\"tab\\there\\nnl\\rcr\\bbs\\fff\"", std::string_view("\"tab\\there\\nnl\\rcr\\bbs\\fff\"", 27)},
    {std::string_view("\303\251", 2), "\"\\u00e9\"", std::string_view("\"\303\251\"", 4)},
    {std::string_view("caf\303\251", 5), "\"caf\\u00e9\"", std::string_view("\"caf\303\251\"", 7)},
    {std::string_view("\342\202\254", 3), "\"\\u20ac\"", std::string_view("\"\342\202\254\"", 5)},
    {std::string_view("\357\277\277", 3), "\"\\uffff\"", std::string_view("\"\357\277\277\"", 5)},
    {std::string_view("\357\273\277", 3), "\"\\ufeff\"", std::string_view("\"\357\273\277\"", 5)},
    {std::string_view("\360\237\230\200", 4), "\"\\ud83d\\ude00\"", std::string_view("\"\360\237\230\200\"", 6)},
    {std::string_view("x\360\237\230\200y", 6), "\"x\\ud83d\\ude00y\"", std::string_view("\"x\360\237\230\200y\"", 8)},
    {std::string_view("\342\200\250\342\200\251", 6), "\"\\u2028\\u2029\"", std::string_view("\"\342\200\250\342\200\251\"", 8)},
    {std::string_view("\364\217\277\277", 4), "\"\\udbff\\udfff\"", std::string_view("\"\364\217\277\277\"", 6)},
    {std::string_view("\360\220\200\200", 4), "\"\\ud800\\udc00\"", std::string_view("\"\360\220\200\200\"", 6)},
    {std::string_view("\302\200", 2), "\"\\u0080\"", std::string_view("\"\302\200\"", 4)},
    {std::string_view("\337\277", 2), "\"\\u07ff\"", std::string_view("\"\337\277\"", 4)},
    {std::string_view("\340\240\200", 3), "\"\\u0800\"", std::string_view("\"\340\240\200\"", 5)},
    {std::string_view("\355\237\277", 3), "\"\\ud7ff\"", std::string_view("\"\355\237\277\"", 5)},
    {std::string_view("\356\200\200", 3), "\"\\ue000\"", std::string_view("\"\356\200\200\"", 5)},
    {std::string_view("mixed \303\251\342\202\254\360\237\230\200 \001\"\\ end", 23), "\"mixed \\u00e9\\u20ac\\ud83d\\ude00 \\u0001\\\"\\\\ end\"", std::string_view("\"mixed \303\251\342\202\254\360\237\230\200 \\u0001\\\"\\\\ end\"", 32)},
    {std::string_view("\000", 1), "\"\\u0000\"", std::string_view("\"\\u0000\"", 8)},
    {std::string_view("~ \037", 3), "\"~ \\u001f\"", std::string_view("\"~ \\u001f\"", 10)},
    {std::string_view("abcdefgh\177ijklmnop", 17), "\"abcdefgh\\u007fijklmnop\"", std::string_view("\"abcdefgh\177ijklmnop\"", 19)},
    {std::string_view("0123456789\037abcdefghij", 21), "\"0123456789\\u001fabcdefghij\"", std::string_view("\"0123456789\\u001fabcdefghij\"", 28)},
    {std::string_view("ABCDEFGHIJ\"KLMNOPQRST", 21), "\"ABCDEFGHIJ\\\"KLMNOPQRST\"", std::string_view("\"ABCDEFGHIJ\\\"KLMNOPQRST\"", 24)},
    {std::string_view("ABCDEFGHIJ\\KLMNOPQRST", 21), "\"ABCDEFGHIJ\\\\KLMNOPQRST\"", std::string_view("\"ABCDEFGHIJ\\\\KLMNOPQRST\"", 24)},
    {std::string_view("ABCDEFGHIJ\303\251KLMNOPQRST\360\237\230\200", 26), "\"ABCDEFGHIJ\\u00e9KLMNOPQRST\\ud83d\\ude00\"", std::string_view("\"ABCDEFGHIJ\303\251KLMNOPQRST\360\237\230\200\"", 28)},
    {std::string_view("abcdefghijklmnop\012", 17), "\"abcdefghijklmnop\\n\"", std::string_view("\"abcdefghijklmnop\\n\"", 20)},
    {std::string_view(" !#$%&'()*+,-./0123456789:;<=>\077@[]^_`{|}~", 41), "\" !#$%&'()*+,-./0123456789:;<=>\077@[]^_`{|}~\"", std::string_view("\" !#$%&'()*+,-./0123456789:;<=>\077@[]^_`{|}~\"", 43)},
// END GENERATED strings
};

std::string_view const invalid_utf8_cases[] = {
// Produced by CPython 3.11.7's repr/json.dumps
// BEGIN GENERATED invalid utf-8 (bytes.decode('utf-8') raises)
    std::string_view("\200", 1),
    std::string_view("\277", 1),
    std::string_view("\300\200", 2),
    std::string_view("\301\277", 2),
    std::string_view("\302", 1),
    std::string_view("\302A", 2),
    std::string_view("\340\200\200", 3),
    std::string_view("\340\237\277", 3),
    std::string_view("\355\240\200", 3),
    std::string_view("\355\277\277", 3),
    std::string_view("\342\202", 2),
    std::string_view("\360\200\200\200", 4),
    std::string_view("\360\217\277\277", 4),
    std::string_view("\364\220\200\200", 4),
    std::string_view("\365\200\200\200", 4),
    std::string_view("\377", 1),
    std::string_view("\376", 1),
    std::string_view("\360\237\230", 3),
    std::string_view("ok\351", 3),
    std::string_view("abcdefgh\200abcdefgh", 17),
    std::string_view("\370\210\200\200\200", 5),
// END GENERATED invalid
};
// clang-format on

std::string repr_of(double x) {
    std::string out;
    drx::detail::append_float_repr(out, x);
    return out;
}

}  // namespace

TEST_CASE("python_format: append_float_repr matches CPython repr on the golden table") {
    for (auto const& c : float_cases) {
        double const x = std::bit_cast<double>(c.bits);
        CAPTURE(c.repr);
        CHECK(repr_of(x) == c.repr);
    }
}

TEST_CASE("python_format: append_float_repr appends and never clears") {
    std::string out = "[";
    drx::detail::append_float_repr(out, 1.5);
    out += ',';
    drx::detail::append_float_repr(out, -0.0);
    out += ',';
    drx::detail::append_float_repr(out, 1e16);
    out += ']';
    CHECK(out == "[1.5,-0.0,1e+16]");
    // A negative NaN is still spelled NaN, as json.dumps writes it.
    CHECK(repr_of(-std::bit_cast<double>(0x7ff8000000000000ull)) == "NaN");
}

TEST_CASE("python_format: is_valid_utf8") {
    for (auto const& c : string_cases) {
        CHECK(drx::detail::is_valid_utf8(c.input));
    }
    for (auto const s : invalid_utf8_cases) {
        CAPTURE(s);
        CHECK_FALSE(drx::detail::is_valid_utf8(s));
    }
    CHECK(drx::detail::is_valid_utf8(std::string_view()));
    CHECK(drx::detail::is_valid_utf8("plain ascii that is longer than eight bytes"));
}

TEST_CASE("python_format: append_json_string matches CPython json.dumps") {
    for (auto const& c : string_cases) {
        CAPTURE(c.ascii);
        std::string a = "prefix:";
        REQUIRE(drx::detail::append_json_string(a, c.input, true));
        CHECK(a == "prefix:" + std::string(c.ascii));
        std::string u;
        REQUIRE(drx::detail::append_json_string(u, c.input, false));
        CHECK(u == c.utf8);
    }
}

TEST_CASE("python_format: append_json_string refuses invalid UTF-8 and leaves out unchanged") {
    for (auto const s : invalid_utf8_cases) {
        CAPTURE(s);
        for (bool const ensure_ascii : {true, false}) {
            std::string out = "keep \"me\"";
            CHECK_FALSE(drx::detail::append_json_string(out, s, ensure_ascii));
            CHECK(out == "keep \"me\"");
        }
    }
}
