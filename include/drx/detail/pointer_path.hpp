// SPDX-License-Identifier: BSL-1.0
// drx: the position of a walk through an object as JSON Pointer segments (wire names and
// indices), kept as views and numbers and turned into RFC 6901 text only when a diagnostic needs
// it: walking costs nothing per member or item beyond a push and a pop.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <drx/diagnostic.hpp>

namespace drx::detail {

/// A JSON Pointer under construction. Keys are views: what they view must outlive the segment
/// (wire names are static; object_map keys live in the walked object).
class pointer_path {
public:
    pointer_path() : segs_(16) {}  // deeper walks only grow it
    /// Pushes a member (returns the mark to pop to).
    std::size_t push(std::string_view key) { return push_segment({key, npos}); }
    /// Pushes an array index.
    std::size_t push(std::size_t index) { return push_segment({{}, index}); }
    void pop(std::size_t mark) { n_ = mark; }

    /// The pointer's text ("" for the root).
    std::string str() const {
        std::string out;
        append_to(out);
        return out;
    }
    /// Appends the pointer's text to `out`.
    void append_to(std::string& out) const {
        for (std::size_t i = 0; i < n_; ++i) {
            auto const& s = segs_[i];
            if (s.index == npos) {
                append_pointer_token(out, s.key);
            } else {
                out += '/';
                out += std::to_string(s.index);
            }
        }
    }
    /// The text of the pointer with `relative` (a pointer, "" or "/...") appended.
    std::string str(std::string_view relative) const {
        std::string out = str();
        out += relative;
        return out;
    }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    struct segment {
        std::string_view key;
        std::size_t index;
    };
    // A push and a pop are a store and a count: segs_ only grows, n_ says how much is in use.
    // Inlined into every walk step (a push per member visited: a call would cost more than it).
    [[gnu::always_inline]] std::size_t push_segment(segment s) {
        if (n_ == segs_.size()) [[unlikely]]
            grow();
        segs_[n_] = s;
        return n_++;
    }
    [[gnu::noinline]] void grow() { segs_.resize(2 * n_); }
    std::vector<segment> segs_;
    std::size_t n_ = 0;
};

}  // namespace drx::detail
