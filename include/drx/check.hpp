// SPDX-License-Identifier: BSL-1.0
// drx: checking rules, and validating text in one call.
//
//     drx::check_report rep = drx::check(obj, {.level = drx::level::rules, .ctx = &ctx});
//     drx::result<T> r = drx::validate<T>(text, {.check = {.ctx = &ctx}});
//
// check() is in drx/checker.hpp (which declaring objects needs); this header adds the reader.
#pragma once

#include <algorithm>
#include <iterator>
#include <string_view>
#include <vector>

#include <drx/checker.hpp>
#include <drx/read.hpp>

namespace drx {

/// Options of validate(): how to read, and how far to check.
struct validate_options {
    read_options read;
    check_options check;
};

/// Reads `text` and checks the object's rules; the result is ok() only when both pass.
/// Rules are checked only on a completely read object (schema-level errors stop there).
/// The rules skipped for lack of context are in result::skipped(). One diagnostics cap,
/// opt.read.max_diagnostics, covers reading and checking together.
namespace detail {

/// Moves the errors of members' own rules (rules::wrong_type; any rule id outside schema.*) out
/// of a reader's diagnostics, for the checker to report in the order of the rules.
inline std::vector<diagnostic> take_member_rule_failures(std::vector<diagnostic>& ds) {
    std::vector<diagnostic> out;
    auto keep = std::stable_partition(ds.begin(), ds.end(), [](diagnostic const& d) { return d.rule.starts_with("schema."); });
    std::move(keep, ds.end(), std::back_inserter(out));
    ds.erase(keep, ds.end());
    return out;
}

}  // namespace detail

template <class T>
    requires checkable<T>
result<T> validate(std::string_view text, validate_options const& opt = {}) {
    result<T> r = read<T>(text, opt.read);
    if (r.unchecked() && opt.check.level != level::schema) {
        check_options co = opt.check;
        std::vector<diagnostic> failures = detail::take_member_rule_failures(r.diagnostics());
        co.read_failures = &failures;
        std::size_t used = r.diagnostics().size();
        co.max_diagnostics = opt.read.max_diagnostics > used ? opt.read.max_diagnostics - used : 0;
        check_report rep = check(*r.unchecked(), co);
        for (auto& d : rep.diagnostics) r.diagnostics().push_back(std::move(d));
        r.skipped() = std::move(rep.skipped);
        r.add_omitted(rep.omitted);
    }
    return r;
}

}  // namespace drx
