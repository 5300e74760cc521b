// SPDX-License-Identifier: BSL-1.0
// drx::testing for doctest: assertions on API documents whose failures list drx's diagnostics
// (docs/testing.md).
//
//     #include <doctest/doctest.h>
//     #include <drx/testing/doctest.hpp>
//
//     DRX_CHECK_VALID(drx::cluster_list, body);                  // read and every rule passes
//     DRX_CHECK_VALID(drx::cluster_rename_request, body, ctx);   // with a drx::context
//     DRX_CHECK_BREAKS(drx::cluster, R"({"name": "a", "percent": 101})", "cluster.percent.range", "/percent");
//     DRX_CHECK_WARNS(drx::cluster_list, body, "cluster.percent.sum", "/clusters");
//
// A failure is reported at the macro's file and line, as a doctest CHECK (or REQUIRE) failure:
//     test.cpp:12: ERROR: DRX_CHECK_VALID(drx::cluster, text): cluster: invalid (1 error)
//       /percent<TAB>cluster.percent.range<TAB>error<TAB>expected a number in [0, 100]
// The second argument is JSON text or an object of the type; the last, optional, a drx::context,
// a drx::context const* or drx::validate_options (drx/testing/expect.hpp, whose predicates the
// macros call). A passing macro adds nothing to doctest's assertion counts: doctest counts a
// check when it reports it, and these report only failures. Include doctest before this header.
//
// doctest 2.4 prints every enum as its underlying number, whatever operator<< says; this header
// gives doctest the wire names of drx::severity, drx::level, drx::model_kind and
// drx::explanation_algorithm, and DRX_DOCTEST_PRINT_ENUM(drx::autopilot_mode) (at namespace
// scope, after the enum's header) does the same for another described enum of drx.
#pragma once

#include <sstream>

#include <drx/testing/expect.hpp>

#ifndef DOCTEST_VERSION_MAJOR
#error "drx/testing/doctest.hpp: include <doctest/doctest.h> first"
#endif

/// Makes doctest print a described enum of namespace drx by its wire name (drx/print.hpp).
#define DRX_DOCTEST_PRINT_ENUM(E)                                                                \
    namespace drx {                                                                             \
    inline ::doctest::String toString(E e) {                                                    \
        ::std::ostringstream drx_os_;                                                           \
        drx_os_ << e;                                                                           \
        return ::doctest::String(drx_os_.str().c_str());                                        \
    }                                                                                           \
    }                                                                                           \
    static_assert(true, "")

DRX_DOCTEST_PRINT_ENUM(::drx::severity);
DRX_DOCTEST_PRINT_ENUM(::drx::level);
DRX_DOCTEST_PRINT_ENUM(::drx::model_kind);
DRX_DOCTEST_PRINT_ENUM(::drx::explanation_algorithm);

#ifndef DOCTEST_CONFIG_DISABLE

/// Reports `outcome` (a drx::testing::outcome) through doctest's ADD_FAIL_CHECK_AT or
/// ADD_FAIL_AT when it did not pass, prefixed with the macro call as written.
#define DRX_DETAIL_DOCTEST_REPORT(add_at, call_text, ...)                                        \
    do {                                                                                        \
        ::drx::testing::outcome const drx_testing_outcome_ = __VA_ARGS__;                       \
        if (!drx_testing_outcome_.passed)                                                       \
            add_at(__FILE__, __LINE__, call_text ": " << drx_testing_outcome_.message);           \
    } while (false)

#else

#define DRX_DETAIL_DOCTEST_REPORT(add_at, call_text, ...) (static_cast<void>(0))

#endif

/// DRX_CHECK_VALID(T, input[, context or options]): the input reads as a T and breaks no rule.
#define DRX_CHECK_VALID(T, ...)                                                                   \
    DRX_DETAIL_DOCTEST_REPORT(DOCTEST_ADD_FAIL_CHECK_AT, "DRX_CHECK_VALID(" #T ", " #__VA_ARGS__ ")", \
                              ::drx::testing::expect_valid<T>(__VA_ARGS__))
/// As DRX_CHECK_VALID, ending the test case on failure.
#define DRX_REQUIRE_VALID(T, ...)                                                                 \
    DRX_DETAIL_DOCTEST_REPORT(DOCTEST_ADD_FAIL_AT, "DRX_REQUIRE_VALID(" #T ", " #__VA_ARGS__ ")",   \
                              ::drx::testing::expect_valid<T>(__VA_ARGS__))

/// DRX_CHECK_BREAKS(T, input, "rule.id", "/pointer"[, context or options]): an error with
/// that rule id at that JSON Pointer is among the diagnostics.
#define DRX_CHECK_BREAKS(T, ...)                                                                  \
    DRX_DETAIL_DOCTEST_REPORT(DOCTEST_ADD_FAIL_CHECK_AT, "DRX_CHECK_BREAKS(" #T ", " #__VA_ARGS__ ")", \
                              ::drx::testing::expect_breaks<T>(__VA_ARGS__))
/// As DRX_CHECK_BREAKS, ending the test case on failure.
#define DRX_REQUIRE_BREAKS(T, ...)                                                                \
    DRX_DETAIL_DOCTEST_REPORT(DOCTEST_ADD_FAIL_AT, "DRX_REQUIRE_BREAKS(" #T ", " #__VA_ARGS__ ")",  \
                              ::drx::testing::expect_breaks<T>(__VA_ARGS__))

/// DRX_CHECK_WARNS(T, input, "rule.id", "/pointer"[, context or options]): a warning with
/// that rule id at that JSON Pointer is among the diagnostics.
#define DRX_CHECK_WARNS(T, ...)                                                                   \
    DRX_DETAIL_DOCTEST_REPORT(DOCTEST_ADD_FAIL_CHECK_AT, "DRX_CHECK_WARNS(" #T ", " #__VA_ARGS__ ")", \
                              ::drx::testing::expect_warns<T>(__VA_ARGS__))
