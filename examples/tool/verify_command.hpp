// SPDX-License-Identifier: BSL-1.0
// drx verify: the command that checks recorded exchanges (drx/tools/verify.hpp does the work;
// docs/verify.md describes the command). Kept in its own translation unit of the tool.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <drx/context.hpp>
#include <drx/read_options.hpp>

namespace drx_tool {

/// What the command line of drx verify says.
struct verify_command {
    /// Recordings: HAR files, JSON Lines files, or - (standard input).
    std::vector<std::string> inputs;
    bool json = false;
    bool quiet = false;
    bool allow_bad_requests = false;
    std::optional<drx::context> ctx;
    /// Largest recording, in bytes.
    std::size_t max_input_size = std::size_t{256} << 20;
    drx::read_options read;
};

/// Reads a whole input (a path, or "-" for standard input) with a size limit; false when it
/// is larger. Throws the tool's I/O error when it cannot be read.
using input_reader = std::function<bool(std::string const& path, std::string& out, std::size_t limit)>;

/// Runs drx verify: one line (or one JSON record) per exchange on `out`, a summary on `err`.
/// Returns the exit code: 0 when no exchange violates the contract, 1 when one does.
int run_verify(verify_command const& cmd, input_reader const& read, std::ostream& out, std::ostream& err);

}  // namespace drx_tool
