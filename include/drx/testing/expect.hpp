// SPDX-License-Identifier: BSL-1.0
// drx::testing: the predicates behind the doctest macros (drx/testing/doctest.hpp) and the
// GoogleTest matchers (drx/testing/gtest.hpp), usable with any test framework.
//
//     drx::testing::outcome o = drx::testing::expect_valid<drx::cluster_list>(text);
//     if (!o) std::cerr << o.message << '\n';
//     // cluster-list: invalid (1 error)
//     //   /clusters/0/percent<TAB>cluster.percent.range<TAB>error<TAB>expected a number in [0, 100]
//
// The input is JSON text (anything convertible to std::string_view: read and checked with
// drx::validate<T>) or a T (checked with drx::check). The last argument, optional, is a
// drx::context (copied; the facts the context-dependent rules need), a drx::context const*
// (not copied) or drx::validate_options (the reading policies and check options, used as given). Checking goes to level consistency
// unless the options say otherwise. The message lists every diagnostic as `drx check` prints
// it (drx/print.hpp), and the rules skipped for lack of context, on success as on failure.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <drx/check.hpp>
#include <drx/context.hpp>
#include <drx/diagnostic.hpp>
#include <drx/print.hpp>

namespace drx::testing {

/// Whether an expectation held, and the text that says why (always filled).
struct outcome {
    bool passed = false;
    std::string message;
    explicit operator bool() const noexcept { return passed; }
    /// The message.
    friend std::ostream& operator<<(std::ostream& os, outcome const& o) { return os << o.message; }
};

namespace detail {

/// What the input gave: the findings of validating or checking.
struct findings {
    bool has_value = false;
    std::vector<diagnostic> diagnostics;
    std::vector<skipped_rule> skipped;
    std::size_t omitted = 0;
};

/// The options of a check: the given validate_options, or the defaults with `ctx`.
struct options {
    validate_options opt;
    std::optional<context> ctx;

    options() = default;
    // Implicit, so that the last argument of expect_* may be any of these.
    options(context c) : ctx(std::move(c)) {}
    options(context const* c) { opt.check.ctx = c; }
    options(validate_options o) : opt(o) {}
    options(options const& o) : opt(o.opt), ctx(o.ctx) { fix(); }
    options& operator=(options const& o) {
        opt = o.opt;
        ctx = o.ctx;
        fix();
        return *this;
    }
    validate_options const& get() {
        fix();
        return opt;
    }

private:
    void fix() {
        if (ctx) opt.check.ctx = &*ctx;
    }
};

template <class T>
std::string schema_label() {
    if constexpr (requires { drx_schema_name(static_cast<T const*>(nullptr)); })
        return std::string(drx_schema_name(static_cast<T const*>(nullptr)));
    else
        return "the object";
}

template <class T, class In>
findings run(In const& input, options& o) {
    validate_options const& opt = o.get();
    findings f;
    if constexpr (std::is_convertible_v<In const&, std::string_view>) {
        result<T> r = validate<T>(std::string_view(input), opt);
        f.has_value = r.unchecked() != nullptr;
        f.diagnostics = std::move(r.diagnostics());
        f.skipped = std::move(r.skipped());
        f.omitted = r.omitted();
    } else {
        static_assert(std::is_same_v<In, T>,
                      "drx::testing: the input is JSON text (convertible to std::string_view) or an object of the "
                      "checked type");
        check_report rep = check(input, opt.check);
        f.has_value = true;
        f.diagnostics = std::move(rep.diagnostics);
        f.skipped = std::move(rep.skipped);
        f.omitted = rep.omitted;
    }
    return f;
}

inline std::string printed(findings const& f) {
    std::ostringstream os;
    ::drx::detail::print_findings(os, f.has_value, f.diagnostics, f.skipped, f.omitted);
    return os.str();
}

inline std::string where(std::string_view pointer) {
    return pointer.empty() ? std::string("the root (\"\")") : std::string(pointer);
}

template <class T, class In>
outcome finding(In const& input, severity sev, std::string_view rule, std::string_view pointer, options o) {
    findings const f = run<T>(input, o);
    char const* const kind = sev == severity::error ? "error" : "warning";
    bool found = false;
    std::vector<std::string> elsewhere;
    bool other_severity = false;
    for (diagnostic const& d : f.diagnostics) {
        if (d.rule != rule) continue;
        if (d.pointer == pointer && d.severity == sev)
            found = true;
        else if (d.pointer == pointer)
            other_severity = true;
        else
            elsewhere.push_back(where(d.pointer));
    }
    std::string m = schema_label<T>() + ": ";
    if (found) {
        m += std::string(kind) + " " + std::string(rule) + " at " + where(pointer) + ", as expected; ";
    } else {
        m += "expected " + std::string(sev == severity::error ? "an error " : "a warning ") + std::string(rule) +
             " at " + where(pointer);
        std::string why;
        auto add = [&](std::string const& s) { why += (why.empty() ? "" : "; ") + s; };
        if (other_severity) add(sev == severity::error ? "it is a warning there" : "it is an error there");
        if (!elsewhere.empty()) {
            std::string at;
            for (auto const& p : elsewhere) at += (at.empty() ? "" : ", ") + p;
            add("it is reported at " + at);
        }
        for (skipped_rule const& s : f.skipped)
            if (s.rule == rule) add("the rule was skipped: it needs " + s.needs);
        if (!why.empty()) m += " (" + why + ")";
        m += "; ";
    }
    m += "drx found: " + printed(f);
    return {found, std::move(m)};
}

}  // namespace detail

/// Passes when the input is valid: read completely and no diagnostic is an error (warnings
/// are allowed, and listed in the message).
template <class T, class In>
outcome expect_valid(In const& input, detail::options o = {}) {
    detail::findings const f = detail::run<T>(input, o);
    bool const ok = f.has_value && !has_errors(f.diagnostics);
    return {ok, detail::schema_label<T>() + ": " + detail::printed(f)};
}

/// Passes when checking the input reports an error with rule id `rule` at JSON Pointer
/// `pointer` (other diagnostics may come with it).
template <class T, class In>
outcome expect_breaks(In const& input, std::string_view rule, std::string_view pointer, detail::options o = {}) {
    return detail::finding<T>(input, severity::error, rule, pointer, std::move(o));
}

/// Passes when checking the input reports a warning with rule id `rule` at JSON Pointer
/// `pointer` (whether or not the input is otherwise valid).
template <class T, class In>
outcome expect_warns(In const& input, std::string_view rule, std::string_view pointer, detail::options o = {}) {
    return detail::finding<T>(input, severity::warning, rule, pointer, std::move(o));
}

}  // namespace drx::testing
