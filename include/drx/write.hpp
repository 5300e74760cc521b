// SPDX-License-Identifier: BSL-1.0
// drx: writing exact JSON from described structs (docs/reference/exact-json.md).
//
//     drx::result<std::string> r = drx::write(obj);                       // compact
//     std::string s = drx::to_json(obj, drx::write_options::indented(2));  // throws drx::error
//
// Keys in declared order; Python repr(float) numbers; kinds kept; absent omitted, null
// written; json.dumps string escaping with ensure_ascii on by default; compact, Python default
// and indent-N layouts; NaN and infinities refused unless allow_nan. Written straight from the
// structs, with no DOM in between.
#pragma once

#include <algorithm>
#include <array>
#include <cstring>
#include <charconv>
#include <string>
#include <string_view>
#include <variant>
#include <utility>
#include <vector>

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <drx/detail/python_format.hpp>
#include <drx/detail/traits.hpp>
#include <drx/diagnostic.hpp>
#include <drx/wire_name.hpp>

namespace drx {

/// The layouts of Python's json.dumps (docs/reference/exact-json.md (Layouts)).
enum class layout {
    compact,  ///< separators=(",", ":")
    python,   ///< the json.dumps default: ", " and ": "
    indent,   ///< indent=N: "," at line ends, ": " after keys
};

/// Options of the writer.
struct write_options {
    drx::layout layout = drx::layout::compact;
    /// Spaces per level for layout::indent.
    int indent = 2;
    /// json.dumps' ensure_ascii (on by default); false writes UTF-8 as is.
    bool ensure_ascii = true;
    /// Write NaN and infinities as Python does (NaN, Infinity, -Infinity) instead of refusing.
    bool allow_nan = false;

    static write_options compact() { return {}; }
    static write_options python() {
        write_options o;
        o.layout = drx::layout::python;
        return o;
    }
    static write_options indented(int n) {
        write_options o;
        o.layout = drx::layout::indent;
        o.indent = n;
        return o;
    }
};

namespace detail {

/// Writes JSON text into a string; with Measure, writes nothing and adds up an upper bound of
/// the length of the text instead (bound()), from the same walk. write() writes a small text in
/// one walk; once its text passes measure_after, it reserves the whole text's bound, so a large
/// document is never copied to a bigger buffer again (measure_later).
/// With Compact, the layout is layout::compact whatever the options say (the separators are
/// then known at compile time); without, it is the options' layout.
template <bool Measure, bool Compact = false>
class basic_json_writer {
public:
    /// `track`: keep the path of the value being written, for the pointers of refused values.
    /// Without it a refused value is only noted (failed()), and the caller writes again with it.
    /// The text is appended to `out` when finish() is called (or the writer is destroyed).
    basic_json_writer(std::string& out, write_options const& opt, bool track = true)
        : out_(out), opt_(opt), track_(track && !Measure) {
        // The text is written through a pointer into `out`, whose size runs a window ahead of
        // the text (grow): a value checks the room it needs once (ensure), and is then stored
        // with plain stores.
        if constexpr (!Measure) p_ = end_ = out_.data() + out_.size();
    }
    basic_json_writer(basic_json_writer const&) = delete;
    basic_json_writer& operator=(basic_json_writer const&) = delete;
    ~basic_json_writer() { finish(); }

    /// Ends the writing: `out` holds what it held before and the text written, nothing more.
    void finish() {
        if constexpr (!Measure) {
            if (!p_) return;
            out_.resize(static_cast<std::size_t>(p_ - out_.data()));
            p_ = end_ = nullptr;
        }
    }
    /// With Measure: at least the length of the text the values given so far are written as.
    std::size_t bound() const noexcept { return bound_; }

    /// Strings up to this length ask for room for their worst case (json_string_max).
    static constexpr std::size_t short_string = 256;
    /// What reserve_json adds to the bound: the worst case of a short string beyond its bound.
    static constexpr std::size_t slack = json_string_max(short_string);

    /// Texts up to this length are written without a first walk: their string doubles as it
    /// grows, which costs less than walking a small object twice.
    static constexpr std::size_t measure_after = 512 * 1024;

    /// `v` is the whole value this writer is about to write: once its text is longer than
    /// measure_after, the writer walks `v` once to add up the text's bound (as reserve_json
    /// does) and reserves it, so a large text is never copied to a bigger buffer again.
    template <class T>
    void measure_later(T const& v) {
        if constexpr (!Measure) {
            start_ = static_cast<std::size_t>(p_ - out_.data());
            root_ = &v;
            measure_ = &measure_value<T>;
        }
    }

    template <class T>
    void value(T const& v) {
        using U = std::remove_cvref_t<T>;
        if constexpr (is_optional<U>::value) {
            // An absent optional at the top level or in an array is written as null.
            if (v)
                value(*v);
            else
                raw("null");
        } else if constexpr (is_nullable<U>::value) {
            if (v.has_value())
                value(*v);
            else
                raw("null");
        } else if constexpr (std::is_same_v<U, bool>) {
            if (v)
                raw("true");
            else
                raw("false");
        } else if constexpr (integer_type<U>) {
            integer(v);
        } else if constexpr (float_type<U>) {
            static_assert(std::is_same_v<U, double>,
                          "drx members are double, not float or long double: a float member would write 0.1 back as "
                          "0.10000000149011612");
            floating(v);
        } else if constexpr (std::is_same_v<U, number>) {
            if (v.is_integer())
                integer(v.as_integer());
            else
                floating(v.value());
        } else if constexpr (std::is_same_v<U, scalar>) {
            alternative(v.variant());
        } else if constexpr (std::is_same_v<U, std::string> || std::is_same_v<U, std::string_view>) {
            string(v);
        } else if constexpr (std::is_same_v<U, null_t>) {
            raw("null");
        } else if constexpr (described_enum<U>) {
            string(enum_wire_name(v));
        } else if constexpr (is_variant<U>::value) {
            alternative(v);
        } else if constexpr (is_vector<U>::value || is_std_array<U>::value) {
            array(v);
        } else if constexpr (is_object_map<U>::value) {
            map(v);
        } else if constexpr (std::is_same_v<U, json_value>) {
            dom(v.value);
        } else if constexpr (std::is_same_v<U, boost::json::value>) {
            dom(v);
        } else if constexpr (described_struct<U>) {
            object(v);
        } else {
            static_assert(sizeof(U) == 0,
                          "drx cannot write this type. drx writes bool, integers, double, std::string, drx::number, "
                          "drx::scalar, drx::json_value, described enums and structs (BOOST_DESCRIBE_STRUCT: a struct "
                          "without its describe line lands here), and std::optional, drx::nullable, std::vector, "
                          "std::array, std::variant and drx::object_map of them.");
        }
    }

    std::vector<diagnostic>& errors() { return errors_; }
    /// True when a value was refused (with or without its diagnostic).
    bool failed() const noexcept { return failed_; }

private:
    bool compact() const noexcept { return Compact || opt_.layout == layout::compact; }
    bool indent() const noexcept { return !Compact && opt_.layout == layout::indent; }
    /// Makes room for `n` more characters at p_ (with Measure: counts them).
    void ensure(std::size_t n) {
        if constexpr (Measure) {
            bound_ += n;
        } else if (static_cast<std::size_t>(end_ - p_) < n) [[unlikely]] {
            grow(n);
        }
    }
    /// The string's size is kept at most a window (64 KiB) ahead of the text: resizing fills
    /// the new characters, and filling the whole reserved capacity would touch memory the text
    /// never uses. Past the capacity, the first time the text is longer than `measure_after`
    /// (when measure_later was called), the whole text's bound is reserved; otherwise the
    /// capacity doubles.
    [[gnu::noinline]] void grow(std::size_t n) {
        constexpr std::size_t window = 64 * 1024;
        std::size_t const used = static_cast<std::size_t>(p_ - out_.data());
        if (used + n > out_.capacity()) {
            if (measure_ && used + n - start_ > measure_after) {
                std::size_t const bound = std::exchange(measure_, nullptr)(root_, opt_);
                out_.reserve(std::max(used + n, start_ + bound + slack));
            }
            if (used + n > out_.capacity()) out_.reserve(std::max(used + n, 2 * out_.capacity()));
        }
        out_.resize(std::max(used + n, std::min(out_.capacity(), used + window)));
        p_ = out_.data() + used;
        end_ = out_.data() + out_.size();
    }
    void put(char c) {
        ensure(1);
        if constexpr (!Measure) *p_++ = c;
    }
    void put(char const* s, std::size_t n) {
        ensure(n);
        if constexpr (!Measure) {
            std::memcpy(p_, s, n);
            p_ += n;
        }
    }
    template <std::size_t N>
    void raw(char const (&s)[N]) {
        put(s, N - 1);
    }

    /// The value a variant holds, through a switch on its index (inlined, where std::visit
    /// calls through a table).
    template <class V>
    void alternative(V const& v) {
        if (v.valueless_by_exception()) throw std::bad_variant_access();
        boost::mp11::mp_with_index<std::variant_size_v<V>>(v.index(),
                                                           [&](auto i) { value(*std::get_if<i.value>(&v)); });
    }

    template <class I>
    void integer(I i) {
        ensure(24);  // 20 digits and a sign at most
        if constexpr (!Measure) p_ = std::to_chars(p_, p_ + 24, i).ptr;
    }

    void floating(double d) {
        if (!std::isfinite(d) && !opt_.allow_nan) {
            fail(write_rule::non_finite, "NaN and infinities are not JSON; set write_options::allow_nan to write "
                                         "Python's NaN / Infinity / -Infinity");
            raw("null");
            return;
        }
        ensure(float_repr_max);
        if constexpr (!Measure) p_ = write_float_repr(p_, d);
    }

    void string(std::string_view s) {
        if constexpr (Measure) {
            bound_ += json_string_bound(s);
            return;
        }
        // The room a short string may need at most (six characters a byte) fits in the slack
        // reserve_json adds to the bound; a long one asks for its exact bound, so neither makes
        // a reserved string grow.
        ensure(s.size() <= short_string ? json_string_max(s.size()) : json_string_bound(s));
        if (char* e = write_json_string(p_, s, opt_.ensure_ascii)) {
            p_ = e;
        } else {
            fail(write_rule::utf8, "the string is not valid UTF-8");
            raw("\"\"");
        }
    }

    void open(char c) {
        put(c);
        ++depth_;
    }
    // Separator before an element; `first` is true for the first one. Inlined: it runs once a
    // value, and the compact layout makes it a test and a store.
    [[gnu::always_inline]] void element_start(bool first) {
        if (compact()) {
            if (!first) put(',');
            return;
        }
        if (!first) {
            if (indent())
                put(',');
            else
                raw(", ");
        }
        if (indent()) newline();
    }
    void close(char c, bool empty) {
        --depth_;
        if (!empty && indent()) newline();
        put(c);
    }
    void newline() {
        std::size_t const n =
            static_cast<std::size_t>(depth_) * static_cast<std::size_t>(opt_.indent < 0 ? 0 : opt_.indent);
        ensure(n + 1);
        if constexpr (!Measure) {
            *p_++ = '\n';
            std::memset(p_, ' ', n);
            p_ += n;
        }
    }
    void key(std::string_view k) {
        string(k);
        if (compact())
            put(':');
        else
            raw(": ");
    }
    /// A member's key: its wire name quoted at compile time when it needs no escaping (every
    /// wire name drx declares), so writing it is one append.
    template <class T, class D>
    void member_key() {
        constexpr std::string_view k = wire_name_of<T, D>();
        if constexpr (plain_key(k)) {
            // "key": and "key": , each one append.
            static constexpr auto quoted = quote<T, D>();
            put(quoted.data(), compact() ? quoted.size() - 1 : quoted.size());
        } else {
            key(k);
        }
    }
    /// True when `k` is written as itself between quotes, with or without ensure_ascii.
    static constexpr bool plain_key(std::string_view k) {
        for (char c : k)
            if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e || c == '"' || c == '\\')
                return false;
        return true;
    }
    template <class T, class D>
    static constexpr auto quote() {
        constexpr std::string_view k = wire_name_of<T, D>();
        std::array<char, k.size() + 4> a{};
        a[0] = '"';
        for (std::size_t i = 0; i < k.size(); ++i) a[i + 1] = k[i];
        a[k.size() + 1] = '"';
        a[k.size() + 2] = ':';
        a[k.size() + 3] = ' ';
        return a;
    }

    template <class A>
    void array(A const& a) {
        open('[');
        std::size_t i = 0;
        for (auto const& e : a) {
            element_start(i == 0);
            push({}, i, true);
            value(e);
            pop();
            ++i;
        }
        close(']', i == 0);
    }

    template <class M>
    void map(M const& m) {
        open('{');
        bool first = true;
        for (auto const& [k, v] : m) {
            element_start(first);
            first = false;
            key(k);
            push(k, 0, false);
            value(v);
            pop();
        }
        close('}', first);
    }

    template <class T>
    void object(T const& obj) {
        open('{');
        bool first = true;
        boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
            using D = decltype(d);
            auto const& m = obj.*D::pointer;
            if constexpr (is_optional<std::remove_cvref_t<decltype(m)>>::value) {
                if (!m) return;  // absent: omitted (docs/reference/exact-json.md (Absent and null))
            }
            constexpr std::string_view k = wire_name_of<T, D>();
            element_start(first);
            first = false;
            member_key<T, D>();
            push(k, 0, false);
            if constexpr (is_optional<std::remove_cvref_t<decltype(m)>>::value)
                value(*m);
            else
                value(m);
            pop();
        });
        close('}', first);
    }

    void dom(boost::json::value const& v) {
        switch (v.kind()) {
            case boost::json::kind::null: raw("null"); break;
            case boost::json::kind::bool_:
                if (v.get_bool())
                    raw("true");
                else
                    raw("false");
                break;
            case boost::json::kind::int64: integer(v.get_int64()); break;
            case boost::json::kind::uint64: integer(v.get_uint64()); break;
            case boost::json::kind::double_: floating(v.get_double()); break;
            case boost::json::kind::string: string(v.get_string()); break;
            case boost::json::kind::array: {
                open('[');
                std::size_t i = 0;
                for (auto const& e : v.get_array()) {
                    element_start(i == 0);
                    push({}, i, true);
                    dom(e);
                    pop();
                    ++i;
                }
                close(']', i == 0);
                break;
            }
            case boost::json::kind::object: {
                open('{');
                bool first = true;
                for (auto const& kv : v.get_object()) {
                    element_start(first);
                    first = false;
                    key(kv.key());
                    push(kv.key(), 0, false);
                    dom(kv.value());
                    pop();
                }
                close('}', first);
                break;
            }
        }
    }

    void push(std::string_view key, std::size_t index, bool is_index) {
        if (track_) path_.push_back({key, index, is_index});
    }
    void pop() {
        if (track_) path_.pop_back();
    }

    void fail(std::string_view rule, std::string_view message) {
        failed_ = true;
        if (!track_) return;
        std::string p;
        for (auto const& s : path_) {
            if (s.is_index)
                append_pointer_token(p, std::to_string(s.index));
            else
                append_pointer_token(p, s.key);
        }
        errors_.push_back({std::move(p), std::string(rule), severity::error, std::string(message), {}, {}});
    }

    struct segment {
        std::string_view key;
        std::size_t index;
        bool is_index;
    };
    template <class T>
    static std::size_t measure_value(void const* v, write_options const& opt);

    std::string& out_;
    char* p_ = nullptr;    // where the next character goes, in out_
    char* end_ = nullptr;  // the end of out_ (its size, ahead of the text)
    std::size_t bound_ = 0;  // with Measure: the length counted so far
    // measure_later: the value, where its text starts in out_, and the walk that bounds it
    // (cleared once used).
    void const* root_ = nullptr;
    std::size_t start_ = 0;
    std::size_t (*measure_)(void const*, write_options const&) = nullptr;
    write_options const& opt_;
    int depth_ = 0;
    bool track_ = true;
    bool failed_ = false;
    std::vector<segment> path_;
    std::vector<diagnostic> errors_;
};

using json_writer = basic_json_writer<false>;

/// Calls `f` with a writer into `out` for the options' layout (the compact one known at compile
/// time) and returns what `f` returns.
template <bool Measure, class F>
auto with_writer(std::string& out, write_options const& opt, bool track, F&& f) {
    if (opt.layout == layout::compact) {
        basic_json_writer<Measure, true> w(out, opt, track);
        return f(w);
    }
    basic_json_writer<Measure, false> w(out, opt, track);
    return f(w);
}

/// An upper bound of the length of the text of `v` (the writer's Measure walk).
template <class T>
std::size_t json_bound(T const& v, write_options const& opt) {
    std::string unused;
    return with_writer<true>(unused, opt, false, [&](auto& m) {
        m.value(v);
        return m.bound();
    });
}

template <bool Measure, bool Compact>
template <class T>
std::size_t basic_json_writer<Measure, Compact>::measure_value(void const* v, write_options const& opt) {
    return json_bound(*static_cast<T const*>(v), opt);
}

/// Reserves room in `out` for the text of `v` after what it holds (an upper bound: pages of the
/// reservation the text does not reach are never touched).
template <class T>
void reserve_json(std::string& out, T const& v, write_options const& opt) {
    out.reserve(out.size() + json_bound(v, opt) + basic_json_writer<false>::slack);
}

}  // namespace detail

/// Appends `v` as exact JSON to `out`; returns the diagnostics of refused values (empty on
/// success; on failure `out` holds partial text that must not be used).
template <class T>
std::vector<diagnostic> write_to(std::string& out, T const& v, write_options const& opt = {}) {
    std::size_t const start = out.size();
    // No path kept: nothing is refused, mostly. A small text is written in one walk; a large
    // one reserves its whole bound once it passes measure_after (measure_later).
    bool const refused = detail::with_writer<false>(out, opt, false, [&](auto& w) {
        w.measure_later(v);
        w.value(v);
        w.finish();
        return w.failed();
    });
    if (!refused) return {};
    // Again, with the path, for the pointers of what was refused.
    out.resize(start);
    return detail::with_writer<false>(out, opt, true, [&](auto& w) {
        w.value(v);
        w.finish();
        return std::move(w.errors());
    });
}

/// Writes `v` as exact JSON. Never throws (but std::bad_alloc); refused values (NaN or
/// infinities without allow_nan, invalid UTF-8 in a string) give diagnostics and no text.
template <class T>
result<std::string> write(T const& v, write_options const& opt = {}) {
    std::string out;
    std::vector<diagnostic> refused = write_to(out, v, opt);
    if (refused.empty()) return {std::move(out), {}};
    return {std::nullopt, std::move(refused)};
}

/// Writes `v` as exact JSON; throws drx::error on refused values.
template <class T>
std::string to_json(T const& v, write_options const& opt = {}) {
    return write(v, opt).value();
}

}  // namespace drx
