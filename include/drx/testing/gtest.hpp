// SPDX-License-Identifier: BSL-1.0
// drx::testing for GoogleTest: matchers on API documents whose explanations list drx's
// diagnostics (docs/testing.md). Needs GoogleTest's gMock (EXPECT_THAT; link GTest::gmock).
//
//     #include <drx/testing/gtest.hpp>
//     using drx::testing::IsValid;
//     using drx::testing::Breaks;
//
//     EXPECT_THAT(body, IsValid<drx::cluster_list>());
//     EXPECT_THAT(body, IsValid<drx::cluster_rename_request>(ctx));            // with a drx::context
//     EXPECT_THAT(R"({"name": "a", "percent": 101})", Breaks<drx::cluster>("cluster.percent.range", "/percent"));
//     EXPECT_THAT(body, drx::testing::Warns<drx::cluster_list>("cluster.percent.sum", "/clusters"));
//
// The value matched is JSON text (std::string, std::string_view, a string literal: read and
// checked with drx::validate<T>) or a T (checked with drx::check). The optional last argument
// of each matcher is a drx::context (copied into the matcher), a drx::context const* (not
// copied) or drx::validate_options. A failure explains itself with every diagnostic as
// `drx check` prints it, and the rules skipped for lack of context:
//     Value of: body
//     Expected: is a valid cluster-list
//       Actual: "{...}", cluster-list: invalid (1 error)
//       /clusters/0/percent<TAB>cluster.percent.range<TAB>error<TAB>expected a number in [0, 100]
// Including this header also brings drx/print.hpp, so GoogleTest prints drx values (scalars,
// numbers, diagnostics, results) through their operator<<.
//
// Inside namespace drx, `testing` names drx::testing: write GoogleTest's as ::testing.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include <gmock/gmock-matchers.h>

#include <drx/testing/expect.hpp>

namespace drx::testing {

namespace detail {

/// The polymorphic matcher behind IsValid<T>.
template <class T>
class is_valid_matcher {
public:
    explicit is_valid_matcher(options o) : o_(std::move(o)) {}

    template <class In>
    bool MatchAndExplain(In const& input, ::testing::MatchResultListener* listener) const {
        outcome const r = expect_valid<T>(input, o_);
        *listener << r.message;
        return r.passed;
    }
    void DescribeTo(std::ostream* os) const { *os << "is a valid " << schema_label<T>(); }
    void DescribeNegationTo(std::ostream* os) const { *os << "is not a valid " << schema_label<T>(); }

private:
    options o_;
};

/// The polymorphic matcher behind Breaks<T> and Warns<T>.
template <class T>
class finding_matcher {
public:
    finding_matcher(severity sev, std::string rule, std::string pointer, options o)
        : sev_(sev), rule_(std::move(rule)), pointer_(std::move(pointer)), o_(std::move(o)) {}

    template <class In>
    bool MatchAndExplain(In const& input, ::testing::MatchResultListener* listener) const {
        outcome const r = finding<T>(input, sev_, rule_, pointer_, o_);
        *listener << r.message;
        return r.passed;
    }
    void DescribeTo(std::ostream* os) const { describe(os, "has"); }
    void DescribeNegationTo(std::ostream* os) const { describe(os, "does not have"); }

private:
    void describe(std::ostream* os, char const* verb) const {
        *os << "is a " << schema_label<T>() << " document that " << verb << " "
            << (sev_ == severity::error ? "an error " : "a warning ") << rule_ << " at " << where(pointer_);
    }
    severity sev_;
    std::string rule_;
    std::string pointer_;
    options o_;
};

}  // namespace detail

/// Matches JSON text (or a T) that reads as a T and breaks no rule; warnings are allowed.
template <class T>
::testing::PolymorphicMatcher<detail::is_valid_matcher<T>> IsValid(detail::options o = {}) {
    return ::testing::MakePolymorphicMatcher(detail::is_valid_matcher<T>(std::move(o)));
}

/// Matches JSON text (or a T) whose diagnostics hold an error `rule` at JSON Pointer `pointer`.
template <class T>
::testing::PolymorphicMatcher<detail::finding_matcher<T>> Breaks(std::string rule, std::string pointer,
                                                                   detail::options o = {}) {
    return ::testing::MakePolymorphicMatcher(
        detail::finding_matcher<T>(severity::error, std::move(rule), std::move(pointer), std::move(o)));
}

/// Matches JSON text (or a T) whose diagnostics hold a warning `rule` at JSON Pointer `pointer`.
template <class T>
::testing::PolymorphicMatcher<detail::finding_matcher<T>> Warns(std::string rule, std::string pointer,
                                                                  detail::options o = {}) {
    return ::testing::MakePolymorphicMatcher(
        detail::finding_matcher<T>(severity::warning, std::move(rule), std::move(pointer), std::move(o)));
}

}  // namespace drx::testing
