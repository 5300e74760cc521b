// SPDX-License-Identifier: BSL-1.0
// libFuzzer harness: every schema of the catalogue reads the input.
//
// Invariants checked on every input, for every schema:
//  - reading, checking and writing never crash (ASan/UBSan watch memory and UB);
//  - a document that reads without errors writes without errors, and the written text reads
//    again without errors and writes to the same text (write(read(write(x))) == write(x)),
//    in the compact, Python and indented layouts;
//  - the direct reader (drx/detail/direct_reader.hpp), drx::read's fast path, accepts a text
//    only when the event-driven reader reads it with no diagnostic, into the same object (the
//    same exact JSON), whatever the unknown-key and duplicate-key policies.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

#include <boost/mp11/algorithm.hpp>

#include <drx/schemas.hpp>

namespace {

template <class T>
void direct_agrees(std::string_view text, drx::read_options const& ro) {
    T fast{};
    if (!drx::detail::direct::read(text, fast, ro)) return;
    drx::result<T> slow = drx::detail::read_events<T>(text, ro);
    bool clean = slow.unchecked() && slow.diagnostics().empty() && slow.omitted() == 0;
    auto w = [](T const& v) { return drx::write(v, drx::write_options::compact()); };
    if (!clean || w(fast).value() != w(*slow.unchecked()).value()) {
        std::fprintf(stderr, "the direct reader disagrees for schema %.*s\n", static_cast<int>(drx::schema_name_of<T>().size()),
                     drx::schema_name_of<T>().data());
        for (auto const& d : slow.diagnostics()) std::fprintf(stderr, "  %s\n", drx::to_line(d).c_str());
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view text(reinterpret_cast<char const*>(data), size);
    drx::read_options ro;
    ro.max_input_size = 1 << 20;
    drx::read_options lenient = ro;
    lenient.unknown_keys = drx::unknown_keys::ignore;
    lenient.duplicate_keys = drx::duplicate_keys::last_wins;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, drx::all_schemas>>([&](auto t) {
        using T = typename decltype(t)::type;
        direct_agrees<T>(text, ro);
        direct_agrees<T>(text, lenient);
    });
    drx::check_options co;
    drx::write_options layouts[] = {drx::write_options::compact(), drx::write_options::python(),
                                    drx::write_options::indented(2)};
    for (auto const& schema : drx::catalogue()) {
        for (auto const& wo : layouts) {
            drx::schema_run first = schema.run(text, ro, co, &wo);
            if (!first.output) continue;
            drx::schema_run second = schema.run(*first.output, ro, co, &wo);
            if (!second.output || *second.output != *first.output) {
                std::fprintf(stderr, "round trip broke for schema %.*s\nfirst:  %s\nsecond: %s\n",
                             static_cast<int>(schema.name.size()), schema.name.data(), first.output->c_str(),
                             second.output ? second.output->c_str() : "<no output>");
                for (auto const& d : second.diagnostics) std::fprintf(stderr, "  %s\n", drx::to_line(d).c_str());
                std::abort();
            }
        }
    }
    return 0;
}
