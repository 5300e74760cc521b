// SPDX-License-Identifier: BSL-1.0
// drx internals: short JSON texts for diagnostics.
#pragma once

#include <string>
#include <string_view>

#include <drx/detail/python_format.hpp>

namespace drx::detail {

/// Abbreviates a JSON text for a diagnostic's `actual`.
inline std::string abbreviate(std::string s) {
    if (s.size() > 80) {
        std::size_t cut = 77;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
        s.resize(cut);
        s += "...";
    }
    return s;
}

/// A string as a JSON literal (UTF-8 kept), abbreviated.
inline std::string json_quoted(std::string_view s) {
    std::string out;
    std::size_t cut = s.size() > 200 ? 200 : s.size();
    while (cut > 0 && cut < s.size() && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    if (!append_json_string(out, s.substr(0, cut), false)) out = "\"<invalid UTF-8>\"";
    return abbreviate(std::move(out));
}

}  // namespace drx::detail
