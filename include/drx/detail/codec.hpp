// SPDX-License-Identifier: BSL-1.0
// drx: recorded HTTP bodies: base64 (RFC 4648, as HAR 1.2 stores binary content), decoded and
// encoded, and gzip (RFC 1952, Content-Encoding: gzip) decoded with zlib. Decoding is bounded: a
// decoded body larger than the caller's limit is refused, so a small compressed input cannot
// expand without bound (docs/verify.md, "Bodies").
//
// Users of this header link zlib (CMake: the drx::verify target, or ZLIB::ZLIB).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <zlib.h>

namespace drx::detail {

/// The bytes of a base64 text (standard alphabet; '=' padding optional; ASCII whitespace,
/// as line breaks, ignored), or std::nullopt when the text is not base64.
inline std::optional<std::string> base64_decode(std::string_view in) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    std::string out;
    out.reserve(in.size() / 4 * 3 + 3);
    std::uint32_t acc = 0;
    int bits = 0;
    std::size_t pad = 0;
    for (char c : in) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') {
            ++pad;
            continue;
        }
        int v = value(c);
        if (v < 0 || pad) return std::nullopt;  // a character after the padding
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    // Leftover bits: 0 (complete quantum), 2 (one '=' due) or 4 (two due); 6 cannot happen.
    if (bits == 6 || pad > 2 || (pad && pad != static_cast<std::size_t>(bits / 2))) return std::nullopt;
    if ((acc & ((1u << bits) - 1)) != 0) return std::nullopt;  // non-zero padding bits
    return out;
}

/// The base64 text of `in` (standard alphabet, padded, no line breaks).
inline std::string base64_encode(std::string_view in) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= in.size(); i += 3) {
        std::uint32_t v = static_cast<unsigned char>(in[i]) << 16 | static_cast<unsigned char>(in[i + 1]) << 8 |
                          static_cast<unsigned char>(in[i + 2]);
        out += alphabet[v >> 18];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    if (std::size_t rest = in.size() - i) {
        std::uint32_t v = static_cast<unsigned char>(in[i]) << 16;
        if (rest == 2) v |= static_cast<unsigned char>(in[i + 1]) << 8;
        out += alphabet[v >> 18];
        out += alphabet[(v >> 12) & 63];
        out += rest == 2 ? alphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

/// True when `in` starts with the gzip magic bytes (1f 8b).
inline bool looks_gzip(std::string_view in) noexcept {
    return in.size() >= 2 && static_cast<unsigned char>(in[0]) == 0x1f && static_cast<unsigned char>(in[1]) == 0x8b;
}

/// What gunzip() gives: the bytes, or why not.
struct gunzip_result {
    std::optional<std::string> bytes;
    /// Why decoding failed ("not gzip data", "truncated gzip data", "larger than N bytes", ...).
    std::string error;
};

/// Decompresses gzip data (one or more members, as RFC 1952 allows), refusing an output of more
/// than `max_size` bytes and anything that is not complete gzip data.
inline gunzip_result gunzip(std::string_view in, std::size_t max_size) {
    gunzip_result r;
    if (!looks_gzip(in)) {
        r.error = "not gzip data (no 1f 8b header)";
        return r;
    }
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        r.error = "zlib could not start";
        return r;
    }
    std::string out;
    char buf[16384];
    std::size_t pos = 0;
    int rc = Z_OK;
    while (true) {
        std::size_t chunk = std::min<std::size_t>(in.size() - pos, 1u << 30);
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + pos));
        zs.avail_in = static_cast<uInt>(chunk);
        std::size_t before_in = zs.avail_in;
        do {
            zs.next_out = reinterpret_cast<Bytef*>(buf);
            zs.avail_out = sizeof buf;
            rc = inflate(&zs, Z_NO_FLUSH);
            if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
                inflateEnd(&zs);
                r.error = zs.msg ? std::string("invalid gzip data: ") + zs.msg : "invalid gzip data";
                return r;
            }
            std::size_t got = sizeof buf - zs.avail_out;
            if (out.size() + got > max_size) {
                inflateEnd(&zs);
                r.error = "the decompressed body is larger than " + std::to_string(max_size) + " bytes";
                return r;
            }
            out.append(buf, got);
        } while (zs.avail_out == 0 && rc != Z_STREAM_END);
        pos += before_in - zs.avail_in;
        if (rc == Z_STREAM_END) {
            // Another member may follow (concatenated gzip files are one gzip stream).
            if (pos < in.size() && looks_gzip(in.substr(pos))) {
                inflateReset(&zs);
                continue;
            }
            break;
        }
        if (pos >= in.size()) break;  // input used up before the end of the stream
        if (rc == Z_BUF_ERROR && before_in == zs.avail_in) break;
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        r.error = "truncated gzip data";
        return r;
    }
    if (pos < in.size()) {
        r.error = "bytes after the end of the gzip data";
        return r;
    }
    r.bytes = std::move(out);
    return r;
}

}  // namespace drx::detail
