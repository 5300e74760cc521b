// SPDX-License-Identifier: BSL-1.0
// drx: the text of a value in a diagnostic's `actual` (docs/reference/reading.md (Diagnostics)).
#pragma once

#include <string>

#include <drx/detail/text.hpp>
#include <drx/write.hpp>

namespace drx::detail {

/// The compact JSON text of a value, abbreviated, for a diagnostic's `actual`.
template <class V>
std::string actual_text(V const& v) {
    write_options o;
    o.ensure_ascii = false;
    o.allow_nan = true;
    std::string s;
    write_to(s, v, o);
    return abbreviate(std::move(s));
}

}  // namespace drx::detail
