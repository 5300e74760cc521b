// SPDX-License-Identifier: BSL-1.0
// libFuzzer harness: every schema of the catalogue reads the input.
//
// Invariants checked on every input, for every schema:
//  - reading, checking and writing never crash (ASan/UBSan watch memory and UB);
//  - a document that reads without errors writes without errors, and the written text reads
//    again without errors and writes to the same text (write(read(write(x))) == write(x)),
//    in the compact, Python and indented layouts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

#include <drx/schemas.hpp>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view text(reinterpret_cast<char const*>(data), size);
    drx::read_options ro;
    ro.max_input_size = 1 << 20;
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
