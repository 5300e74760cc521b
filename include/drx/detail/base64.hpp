// SPDX-License-Identifier: BSL-1.0
// drx: base64 (RFC 4648, the standard alphabet), decoded and encoded. One decoder serves the
// Basic credentials of an Authorization header (strict: padded, nothing else) and the bodies of
// recorded exchanges (lenient, as HAR files and MIME write them: line breaks and other ASCII
// whitespace skipped, padding optional). Neither checks that the unused bits of the last
// character are zero, as Python's base64.b64decode does not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace drx::detail {

enum class base64_mode {
    /// Non-empty, a multiple of 4 characters, padded with '=', nothing else.
    strict,
    /// Whitespace skipped, padding optional; "" decodes to "".
    lenient
};

/// The bytes of a base64 text, or std::nullopt when it is not base64 in that mode.
inline std::optional<std::string> base64_decode(std::string_view in, base64_mode mode = base64_mode::strict) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    bool const strict = mode == base64_mode::strict;
    if (strict && (in.empty() || in.size() % 4 != 0)) return std::nullopt;
    std::string out;
    out.reserve(in.size() / 4 * 3 + 3);
    std::uint32_t acc = 0;
    int bits = 0;
    std::size_t chars = 0, pad = 0;
    for (char c : in) {
        if (!strict && (c == ' ' || c == '\n' || c == '\r' || c == '\t')) continue;
        if (c == '=') {
            ++pad;
            continue;
        }
        int v = value(c);
        if (v < 0 || pad) return std::nullopt;  // not base64, or a character after the padding
        ++chars;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    // The last quantum: 2 characters need "==", 3 need "=", 1 is no byte at all.
    std::size_t const rest = chars % 4;
    if (rest == 1 || pad > 2) return std::nullopt;
    std::size_t const due = rest == 0 ? 0 : 4 - rest;
    if (pad != 0 && pad != due) return std::nullopt;
    if (strict && pad != due) return std::nullopt;
    return out;
}

/// The base64 text of `in` (standard alphabet, padded, no line breaks).
inline std::string base64_encode(std::string_view in) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= in.size(); i += 3) {
        std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << 16 |
                          static_cast<std::uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8 |
                          static_cast<unsigned char>(in[i + 2]);
        out += alphabet[v >> 18];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    if (std::size_t rest = in.size() - i) {
        std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << 16;
        if (rest == 2) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8;
        out += alphabet[v >> 18];
        out += alphabet[(v >> 12) & 63];
        out += rest == 2 ? alphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

}  // namespace drx::detail
