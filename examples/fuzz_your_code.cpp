// SPDX-License-Identifier: BSL-1.0
// Example: fuzzing your own code with drx types (drx/tools/fuzz.hpp, docs/fuzzing.md).
//
// `summarize` stands for code of yours that consumes a prediction explanations page: it
// finds, per row, the feature with the strongest explanation. The harness below is what you
// would compile with `clang++ -fsanitize=fuzzer,address,undefined` as LLVMFuzzerTestOneInput;
// here, so that the example runs anywhere, main() feeds it random byte strings instead of
// libFuzzer's. Each byte string becomes a page through drx::fuzz_instance (the same bytes
// always give the same page), and the harness checks properties of your code on it.
//
// A second harness shows structure-aware mutation: drx::mutate_json_text turns one valid page
// document into near relatives (an object regenerated, a value across a rule's boundary, a
// schema rule broken, another layout), which is what your JSON-reading code should survive.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <drx/api/prediction_explanations.hpp>
#include <drx/tools/fuzz.hpp>

namespace {

/// Your code: the strongest feature of each row (by |strength|), or nothing for a row
/// without explanations.
std::vector<std::optional<std::string>> summarize(drx::prediction_explanations_page const& page) {
    std::vector<std::optional<std::string>> out;
    for (auto const& row : page.data) {
        std::optional<std::string> best;
        double best_abs = -1;
        for (auto const& e : row.prediction_explanations) {
            double a = std::fabs(e.strength.value());
            if (a > best_abs) {
                best_abs = a;
                best = e.feature;
            }
        }
        out.push_back(best);
    }
    return out;
}

/// The harness: LLVMFuzzerTestOneInput's body.
int fuzz_one(std::uint8_t const* data, std::size_t size) {
    auto page = drx::fuzz_instance<drx::prediction_explanations_page>(data, size);
    auto summary = summarize(page);
    // Properties of your code, on any page the declaration allows.
    if (summary.size() != page.data.size()) std::abort();
    for (std::size_t i = 0; i < summary.size(); ++i)
        if (summary[i].has_value() == page.data[i].prediction_explanations.empty()) std::abort();
    return 0;
}

/// Your JSON-reading code: reads a page and counts its rows, or -1 when the text is refused.
long rows_of(std::string const& text) {
    auto r = drx::validate<drx::prediction_explanations_page>(text);
    return r ? static_cast<long>(r.value().data.size()) : -1;
}

}  // namespace

int main() {
    // 1. Bytes as typed instances.
    std::mt19937_64 rng(2026);
    std::size_t rows = 0, explained = 0;
    for (int run = 0; run < 2000; ++run) {
        std::vector<std::uint8_t> bytes(rng() % 256);
        for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
        fuzz_one(bytes.data(), bytes.size());
        auto page = drx::fuzz_instance<drx::prediction_explanations_page>(bytes.data(), bytes.size());
        rows += page.data.size();
        for (auto const& row : page.data) explained += !row.prediction_explanations.empty();
    }
    std::cout << "2000 pages from random bytes: " << rows << " rows, " << explained
              << " with explanations; summarize() kept its properties on all of them\n";

    // 2. Structure-aware mutation of one valid document.
    drx::seeded_entropy e(7);
    drx::generator g(e);
    std::string doc = drx::to_json(drx::generate_valid<drx::prediction_explanations_page>(g).value());
    std::size_t read = 0, refused = 0;
    for (unsigned seed = 0; seed < 200; ++seed) {
        drx::seeded_entropy m(seed);
        std::optional<std::string> mutated = drx::mutate_json_text<drx::prediction_explanations_page>(doc, m);
        if (!mutated) continue;
        (rows_of(*mutated) >= 0 ? read : refused) += 1;
    }
    std::cout << "200 mutations of a valid page: " << read << " read, " << refused
              << " refused with diagnostics, none crashed\n";
    return read > 0 && refused > 0 ? 0 : 1;
}
