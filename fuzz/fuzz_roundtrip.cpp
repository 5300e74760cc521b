// SPDX-License-Identifier: BSL-1.0
// libFuzzer harness: the round trip of every schema, from instances built out of the fuzzer's
// bytes with the adapter (drx/tools/fuzz.hpp).
//
// The first byte picks the schema; the rest become an instance (drx::fuzz_instance). Checked on
// every input:
//  - the instance writes, in the compact, Python and indented layouts, with and without
//    ensure_ascii;
//  - the writer's output parses with an independent parser (Boost.JSON's);
//  - reading the output gives an object with no schema errors, and writing that object again
//    gives the same text (read, write, read again: the same object);
//  - checking the instance at every level never crashes;
//  - the deployment predictions query also round-trips through its query-string form.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/mp11/algorithm.hpp>

#include <drx/query.hpp>
#include <drx/schemas.hpp>
#include <drx/tools/fuzz.hpp>

namespace {

[[noreturn]] void fail(char const* what, std::string const& a, std::string const& b = {}) {
    std::fprintf(stderr, "round trip broke: %s\n  %s\n  %s\n", what, a.c_str(), b.c_str());
    std::abort();
}

template <class T>
void round_trip(std::uint8_t const* data, std::size_t size) {
    T v = drx::fuzz_instance<T>(data, size);
    for (auto lvl : {drx::level::rules, drx::level::consistency}) (void)drx::check(v, {.level = lvl});

    drx::write_options layouts[] = {drx::write_options::compact(), drx::write_options::python(),
                                    drx::write_options::indented(2)};
    for (auto wo : layouts) {
        for (bool ascii : {true, false}) {
            wo.ensure_ascii = ascii;
            drx::result<std::string> text = drx::write(v, wo);
            if (!text) fail("a generated instance does not write", drx::to_line(text.diagnostics().front()));
            boost::json::error_code ec;
            (void)boost::json::parse(text.value(), ec);
            if (ec) fail("the writer's output does not parse with Boost.JSON", text.value(), ec.message());
            drx::result<T> back = drx::read<T>(text.value());
            if (!back.unchecked() || drx::has_errors(back.diagnostics()))
                fail("the writer's output does not read back", text.value(),
                     back.diagnostics().empty() ? std::string() : drx::to_line(back.diagnostics().front()));
            drx::result<std::string> again = drx::write(*back.unchecked(), wo);
            if (!again || again.value() != text.value())
                fail("write(read(text)) differs from text", text.value(), again ? again.value() : "<no output>");
        }
    }

    if constexpr (std::is_same_v<T, drx::deployment_predictions_query>) {
        std::string q = drx::write_query(v);
        auto back = drx::read_query<drx::deployment_predictions_query>(q);
        if (!back.unchecked() || drx::has_errors(back.diagnostics()))
            fail("the query string does not read back", q,
                 back.diagnostics().empty() ? std::string() : drx::to_line(back.diagnostics().front()));
        std::string again = drx::write_query(*back.unchecked());
        if (again != q) fail("write_query(read_query(q)) differs from q", q, again);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    constexpr std::size_t n = boost::mp11::mp_size<drx::all_schemas>::value;
    boost::mp11::mp_with_index<n>(data[0] % n, [&](auto i) {
        round_trip<boost::mp11::mp_at_c<drx::all_schemas, decltype(i)::value>>(data + 1, size - 1);
    });
    return 0;
}
