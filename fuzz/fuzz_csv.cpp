// SPDX-License-Identifier: BSL-1.0
// libFuzzer harness: the CSV export (drx::write_explanations_csv_from_json, `drx csv`), with
// drx's structure-aware mutator (drx/tools/fuzz.hpp) keeping the inputs readable pages and
// deployment responses most of the time.
//
// Checked on every input:
//  - reading and exporting never crash;
//  - an exported CSV is well formed: every record (csv.QUOTE_MINIMAL, "\n" line ends) has as
//    many fields as the header, and there is one record per row of the document after the
//    header.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <drx/schemas.hpp>
#include <drx/tools/csv.hpp>
#include <drx/tools/fuzz.hpp>

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

namespace {

[[noreturn]] void fail(char const* what, std::string_view a, std::string_view b = {}) {
    std::fprintf(stderr, "csv harness: %s\n  %.*s\n  %.*s\n", what, static_cast<int>(a.size()), a.data(),
                 static_cast<int>(b.size()), b.data());
    std::abort();
}

/// The field counts of the records of a QUOTE_MINIMAL CSV; empty when it is malformed (a quote
/// inside an unquoted field, text after a closing quote, an unterminated quote or last record).
std::vector<std::size_t> record_widths(std::string_view csv) {
    std::vector<std::size_t> widths;
    std::size_t fields = 1;
    std::size_t i = 0;
    bool at_field_start = true;
    while (i < csv.size()) {
        char c = csv[i];
        if (at_field_start && c == '"') {
            ++i;
            for (;;) {
                if (i >= csv.size()) return {};
                if (csv[i] == '"') {
                    if (i + 1 < csv.size() && csv[i + 1] == '"') {
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
            }
            if (i < csv.size() && csv[i] != ',' && csv[i] != '\n') return {};
            at_field_start = false;
            continue;
        }
        if (c == ',') {
            ++fields;
            at_field_start = true;
        } else if (c == '\n') {
            widths.push_back(fields);
            fields = 1;
            at_field_start = true;
        } else if (c == '"') {
            return {};
        } else {
            at_field_start = false;
        }
        ++i;
    }
    if (!at_field_start || fields != 1) return {};  // the last record lacks its "\n"
    return widths;
}

template <class T>
std::size_t rows_of(std::string_view text) {
    auto r = drx::read<T>(text);
    return r.unchecked() ? r.unchecked()->data.size() : 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view text(reinterpret_cast<char const*>(data), size);
    drx::result<std::string> csv = drx::write_explanations_csv_from_json(text);
    if (!csv.ok()) return 0;
    std::size_t rows = 0;
    switch (drx::explanations_document_of(text)) {
        case drx::explanations_document::page: rows = rows_of<drx::prediction_explanations_page>(text); break;
        case drx::explanations_document::deployment_xemp: rows = rows_of<drx::deployment_xemp_response>(text); break;
        case drx::explanations_document::deployment_shap: rows = rows_of<drx::deployment_shap_response>(text); break;
    }
    std::vector<std::size_t> widths = record_widths(csv.value());
    if (widths.empty()) fail("the CSV is malformed", csv.value(), text);
    for (std::size_t w : widths)
        if (w != widths.front()) fail("a record's width differs from the header's", csv.value(), text);
    if (widths.size() != rows + 1) fail("not one record per row", csv.value(), text);
    return 0;
}

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned seed) {
    drx::mutate_options opt;
    opt.fallback = &LLVMFuzzerMutate;
    std::string_view text(reinterpret_cast<char const*>(data), size);
    // Mostly the kind the input already is; now and then another kind (a fresh document).
    auto kind = drx::explanations_document_of(text);
    if (seed % 16 == 0) kind = static_cast<drx::explanations_document>((seed >> 4) % 3);
    switch (kind) {
        case drx::explanations_document::deployment_xemp:
            return drx::mutate_json<drx::deployment_xemp_response>(data, size, max_size, seed, opt);
        case drx::explanations_document::deployment_shap:
            return drx::mutate_json<drx::deployment_shap_response>(data, size, max_size, seed, opt);
        case drx::explanations_document::page: break;
    }
    return drx::mutate_json<drx::prediction_explanations_page>(data, size, max_size, seed, opt);
}
