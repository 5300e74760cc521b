// SPDX-License-Identifier: BSL-1.0
// drx: the options of reading (the public part of the reader; drx/read.hpp reads).
//
// Kept apart from drx/detail/reader.hpp so that code which only sets options, such as a tool's
// command-line parser or drx/check.hpp's validate_options, names them without the reader.
#pragma once

#include <cstddef>

namespace drx {

/// What to do with keys an object does not declare.
enum class unknown_keys { error, warning, ignore };
/// What to do with a key that appears twice in one object. Duplicates are
/// always reported: as errors, or as warnings when the last one wins.
enum class duplicate_keys { error, last_wins };

/// Options of the reader.
struct read_options {
    drx::unknown_keys unknown_keys = drx::unknown_keys::warning;
    drx::duplicate_keys duplicate_keys = drx::duplicate_keys::error;
    /// Deepest nesting of arrays and objects accepted; at most max_depth_limit.
    std::size_t max_depth = 64;
    /// Largest input text in bytes.
    std::size_t max_input_size = std::size_t{64} << 20;
    /// Longest string or key in bytes (after unescaping).
    std::size_t max_string_length = std::size_t{16} << 20;
    /// Most diagnostics collected. Warnings past the cap are counted (result::omitted()) and
    /// reading goes on; the first error past the cap stops reading, and one more diagnostic,
    /// a schema.limit error saying where reading stopped, ends the list. So a result whose
    /// diagnostics hold no error is valid, whatever the cap (0 included).
    std::size_t max_diagnostics = 100;
};

/// The deepest max_depth a reader accepts. Boost.JSON's parser recurses once per level of
/// nesting: measured at about 175 bytes of stack per level at -O0 (g++ 12) and about 900
/// bytes with AddressSanitizer (clang 14, -O0), so 512 levels fit a 1 MiB thread stack in
/// every build, with room for the caller (tests/test_reader.cpp reads that deep on such a
/// thread). A larger max_depth is refused with a schema.limit diagnostic before anything is
/// read, and by the drx tool as a usage error.
inline constexpr std::size_t max_depth_limit = 512;

/// Declares that objects of T accept no keys beyond their members, whatever the reader's
/// unknown-key policy (the Python client's strict nested dicts).
/// Found by argument-dependent lookup: `constexpr bool drx_closed(T const*) { return true; }`.
constexpr bool drx_closed(void const*) { return false; }

}  // namespace drx
