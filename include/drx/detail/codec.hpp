// SPDX-License-Identifier: BSL-1.0
// drx: recorded HTTP bodies: base64 (drx/detail/base64.hpp, as HAR 1.2 stores binary content)
// and gzip (RFC 1952, Content-Encoding: gzip) decoded with zlib. Decoding gzip is bounded: a
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

#include <drx/detail/base64.hpp>

namespace drx::detail {

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
