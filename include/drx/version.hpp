// SPDX-License-Identifier: BSL-1.0
// drx: version of the library.
#pragma once

/// Version of drx as MAJOR * 10000 + MINOR * 100 + PATCH.
#define DRX_VERSION 100

namespace drx {
/// The library version as text, "MAJOR.MINOR.PATCH".
inline constexpr char const version_string[] = "0.1.0";
}  // namespace drx
