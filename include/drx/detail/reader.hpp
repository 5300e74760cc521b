// SPDX-License-Identifier: BSL-1.0
// drx internals: the event-driven reader.
//
// One state machine reads every described type. JSON events (from Boost.JSON's basic_parser
// or from a walk over a boost::json::value) arrive at `reader`; a stack of frames says where
// they go. Each C++ type contributes a static table of operations (`value_ops`), derived from
// its declaration, so there is no per-object reading code. Deep or hostile input never
// recurses: containers that are not wanted are skipped with a depth counter.
#pragma once

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <drx/detail/number_text.hpp>
#include <drx/detail/python_format.hpp>
#include <drx/detail/text.hpp>
#include <drx/detail/traits.hpp>
#include <drx/diagnostic.hpp>
#include <drx/read_options.hpp>
#include <drx/rules.hpp>
#include <drx/wire_name.hpp>

namespace drx {

namespace detail {

class reader;
struct frame;

/// Where the next value goes: an object and the operations of its type.
struct slot {
    void* target = nullptr;
    struct value_ops const* ops = nullptr;
};

/// The operations of one C++ type for each kind of JSON value.
struct value_ops {
    void (*on_null)(void*, reader&);
    void (*on_bool)(void*, bool, reader&);
    void (*on_number)(void*, number_token const&, reader&);
    void (*on_string)(void*, std::string_view, reader&);
    void (*on_object)(void*, reader&);  // must push a frame
    void (*on_array)(void*, reader&);   // must push a frame
    std::string (*expected)();
};

struct object_ops {
    slot (*key)(frame&, std::string_view, reader&);
    void (*end)(frame&, reader&);
};
struct array_ops {
    slot (*element)(frame&, reader&);
    void (*end)(frame&, reader&);
};

struct frame {
    enum class kind : unsigned char { object, array, skip };
    kind k = kind::skip;
    void* target = nullptr;
    object_ops const* obj = nullptr;
    array_ops const* arr = nullptr;
    std::size_t count = 0;  // array: elements so far; skip: open containers; object: the next member
    std::bitset<128> seen;  // described struct: members seen
    std::unique_ptr<std::unordered_set<std::string>> keys;  // other keys seen (duplicates)
    // A captured subtree (std::variant): built as a value, then resolved into `resolve_target`.
    std::unique_ptr<boost::json::value> capture;
    void (*resolve)(void*, boost::json::value&, reader&) = nullptr;
    void* resolve_target = nullptr;
};

inline std::string number_text_of(number_token const& t) {
    switch (t.src) {
        case number_token::source::text: return abbreviate(std::string(t.text));
        case number_token::source::int64: return std::to_string(t.i);
        case number_token::source::uint64: return std::to_string(t.u);
        case number_token::source::dbl: {
            std::string s;
            append_float_repr(s, t.d);
            return s;
        }
    }
    return {};
}

/// What the reader takes from a member's declared rules: its wrong_type rule, the range rule
/// that numbers its type cannot hold are reported under (with wrong_type), and the one_of rule
/// of an enumeration member, which a string outside the enumeration is reported under.
struct member_read_rules {
    std::string_view type_id, type_message, expected, item_expected;
    std::string_view range_id, range_message, range_expected;
    std::string_view enum_id, enum_message;
    std::string enum_expected;
};

template <class C>
struct is_one_of : std::false_type {};
template <std::size_t N>
struct is_one_of<rules::one_of<N>> : std::true_type {};

template <class C>
struct is_range_constraint : std::is_same<C, rules::range> {};
template <>
struct is_range_constraint<rules::each<rules::range>> : std::true_type {};

/// The read rules declared on member pointer M of T; nullptr when it declares no wrong_type.
template <class T, auto M>
member_read_rules const* member_read_rules_of() {
    static member_read_rules const* const found = [] {
        static member_read_rules r;
        for_each_rule<T>([&](auto const& rule) {
            using R = std::remove_cvref_t<decltype(rule)>;
            if constexpr (requires { R::pointer; rule.constraint; }) {
                if constexpr (std::is_same_v<std::remove_cv_t<decltype(R::pointer)>, decltype(M)>) {
                    using C = std::remove_cvref_t<decltype(rule.constraint)>;
                    if (R::pointer != M) return;
                    if constexpr (std::is_same_v<C, rules::wrong_type>) {
                        r.type_id = rule.id;
                        r.type_message = rule.message;
                        r.expected = rule.constraint.expected;
                        r.item_expected = rule.constraint.item_expected;
                    } else if constexpr (is_range_constraint<C>::value) {
                        if (r.range_id.empty()) {
                            r.range_id = rule.id;
                            r.range_message = rule.message;
                            r.range_expected = rule.expected;
                        }
                    } else if constexpr (is_one_of<C>::value &&
                                         described_enum<unwrap_t<std::remove_cvref_t<member_type_t<M>>>> &&
                                         std::is_same_v<std::remove_cvref_t<decltype(rule.guard)>, rules::always>) {
                        // Only a one_of that lists every enumerator, always: it is the member's
                        // enumeration under a contract rule id (a subset, or one under a
                        // condition, is another rule and leaves schema.enum alone).
                        using E = unwrap_t<std::remove_cvref_t<member_type_t<M>>>;
                        bool all = true;
                        std::size_t n = 0;
                        for_each_enum_wire_name<E>([&](std::string_view w) {
                            ++n;
                            all = all && std::find(rule.constraint.values.begin(), rule.constraint.values.end(), w) !=
                                             rule.constraint.values.end();
                        });
                        if (r.enum_id.empty() && all && n == rule.constraint.values.size()) {
                            r.enum_id = rule.id;
                            r.enum_message = rule.message;
                            r.enum_expected = rule.expected.empty() ? describe(rule.constraint) : std::string(rule.expected);
                        }
                    }
                }
            }
        });
        if (r.type_id.empty()) r.range_id = {};  // numbers go to the range rule only with wrong_type
        return r.type_id.empty() && r.enum_id.empty() ? nullptr : &r;
    }();
    return found;
}

class reader {
public:
    reader(slot root, read_options const& opt) : root_(root), opt_(opt) {}

    // ---- events ----
    void null() {
        if (in_skip()) return;
        slot s = begin_value();
        s.ops->on_null(s.target, *this);
        end_value();
    }
    void boolean(bool b) {
        if (in_skip()) return;
        slot s = begin_value();
        s.ops->on_bool(s.target, b, *this);
        end_value();
    }
    void number(number_token const& t) {
        if (in_skip()) return;
        slot s = begin_value();
        s.ops->on_number(s.target, t, *this);
        end_value();
    }
    void string(std::string_view v) {
        if (in_skip()) return;
        slot s = begin_value();
        s.ops->on_string(s.target, v, *this);
        end_value();
    }
    void begin_object() { begin_container(true); }
    void begin_array() { begin_container(false); }
    void key(std::string_view k) {
        if (in_skip()) return;
        frame& f = stack_.back();
        push_segment(k);
        pending_ = f.obj->key(f, k, *this);
    }
    void end_object() { end_container(); }
    void end_array() { end_container(); }

    // ---- used by the value operations ----
    void push_object(void* target, object_ops const* ops) {
        frame& f = stack_.emplace_back();
        f.k = frame::kind::object;
        f.target = target;
        f.obj = ops;
    }
    void push_array(void* target, array_ops const* ops) {
        frame& f = stack_.emplace_back();
        f.k = frame::kind::array;
        f.target = target;
        f.arr = ops;
    }
    void push_skip() {
        frame& f = stack_.emplace_back();
        f.k = frame::kind::skip;
        f.count = 1;
    }
    static slot skip_slot();
    /// Captures the container that starts now into a value, then calls resolve(target, value).
    void push_capture(void* target, void (*resolve)(void*, boost::json::value&, reader&), bool object);

    /// Reports a value of the wrong JSON type at the current position: schema.type, or the
    /// rule id and message its member declares with rules::wrong_type (set_member_rules).
    void type_error(std::string actual_kind, std::string actual) {
        if (member_rules_ && !member_rules_->type_id.empty() && inside_member()) {
            bool item = segs_.size() != member_rules_depth_;
            std::string_view e = item && !member_rules_->item_expected.empty() ? member_rules_->item_expected
                                                                               : member_rules_->expected;
            rule_error(member_rules_->type_id, std::string(member_rules_->type_message), std::string(e),
                       std::move(actual));
            return;
        }
        std::string exp = current_->expected();
        add(schema_rule::type, "expected " + exp + ", got " + actual_kind, exp, std::move(actual));
    }
    /// Reports an integral number the member's integer type cannot hold under the member's
    /// range rule, when it declares wrong_type and a range; false when it does not.
    bool range_error(std::string const& text) {
        if (!member_rules_ || member_rules_->range_id.empty() || !inside_member()) return false;
        std::string m(member_rules_->range_message);
        if (auto at = m.find("{}"); at != std::string::npos) m.replace(at, 2, text);
        rule_error(member_rules_->range_id, std::move(m), std::string(member_rules_->range_expected), text);
        return true;
    }
    /// Reports a string outside an enumeration under the member's one_of rule, when it declares
    /// one (its message, else "expected one of ..., got ..."); false when it does not.
    bool enum_error(std::string_view s) {
        if (!member_rules_ || member_rules_->enum_id.empty() || !inside_member() || segs_.size() != member_rules_depth_)
            return false;
        std::string act = json_quoted(s);
        std::string m(member_rules_->enum_message);
        if (m.empty()) m = "expected " + member_rules_->enum_expected + ", got " + act;
        if (auto at = m.find("{value}"); at != std::string::npos) m.replace(at, 7, act);
        if (auto at = m.find("{}"); at != std::string::npos) m.replace(at, 2, s);
        rule_error(member_rules_->enum_id, std::move(m), member_rules_->enum_expected, std::move(act));
        return true;
    }
    /// The read rules of the member whose key was just read (nullptr: none).
    void set_member_rules(member_read_rules const* t) {
        if (!t) return;
        member_rules_ = t;
        member_rules_depth_ = segs_.size();
        member_rules_serial_ = segs_.empty() ? 0 : segs_.back().serial;
    }
    /// An error of a member's own rule (its wrong_type, or its range), not of the schema level:
    /// the object is complete and its rules are still checked (validate() lists this error in
    /// the order of the rules; the member's own rules skip the member).
    void rule_error(std::string_view rule, std::string message, std::string expected, std::string actual) {
        bool had = errors_;
        add(rule, std::move(message), std::move(expected), std::move(actual));
        if (!capped_) errors_ = had;
    }
    void add(std::string_view rule, std::string message, std::optional<std::string> expected = {},
             std::optional<std::string> actual = {}, severity sev = severity::error) {
        add_at(pointer(), rule, std::move(message), std::move(expected), std::move(actual), sev);
    }
    void add_at(std::string const& ptr, std::string_view rule, std::string message,
                std::optional<std::string> expected = {}, std::optional<std::string> actual = {},
                severity sev = severity::error) {
        if (sev == severity::error) errors_ = true;  // even when not recorded: never valid
        if (capped_ || diags_.size() >= opt_.max_diagnostics) {
            ++omitted_;
            if (sev == severity::error && !capped_) {
                // The result is invalid anyway: stop here, and say so (finish() adds the note).
                capped_ = true;
                stopped_ = true;
                cap_pointer_ = ptr;
            }
            return;
        }
        diags_.push_back({ptr, std::string(rule), sev, std::move(message), std::move(expected), std::move(actual)});
    }
    /// A member that was not present; reported at the member's own pointer.
    void missing(std::string_view wire) {
        std::string p = pointer();
        append_pointer_token(p, wire);
        add_at(p, schema_rule::required, "missing required member \"" + std::string(wire) + "\"");
    }
    void unknown_key(std::string_view k, bool closed) {
        if (closed || opt_.unknown_keys == unknown_keys::error)
            add(schema_rule::unknown_key, "unknown key \"" + std::string(k) + "\"" + (closed ? " (this object is closed)" : ""),
                {}, {}, severity::error);
        else if (opt_.unknown_keys == unknown_keys::warning)
            add(schema_rule::unknown_key, "unknown key \"" + std::string(k) + "\" (ignored)", {}, {}, severity::warning);
    }
    /// Reports a duplicate key; returns true when the new value should replace the old one.
    bool duplicate(std::string_view k) {
        if (opt_.duplicate_keys == duplicate_keys::last_wins) {
            add(schema_rule::duplicate_key, "duplicate key \"" + std::string(k) + "\": the last value wins", {}, {},
                severity::warning);
            return true;
        }
        add(schema_rule::duplicate_key, "duplicate key \"" + std::string(k) + "\"");
        return false;
    }
    /// Marks `k` as seen in frame f; true if it was seen before.
    static bool seen_before(frame& f, std::string_view k) {
        if (!f.keys) f.keys = std::make_unique<std::unordered_set<std::string>>();
        return !f.keys->emplace(k).second;
    }
    void stop() { stopped_ = true; }

    /// Called once the input ended or reading stopped: when an error was dropped at the
    /// diagnostics cap, appends the schema.limit error that says where reading stopped (its
    /// pointer is the dropped error's), so the list always holds an error when the document is
    /// invalid. The same for text and for a boost::json::value.
    void finish() {
        if (!capped_ || finished_) return;
        finished_ = true;
        std::string m = "reading stopped at the limit of " + std::to_string(opt_.max_diagnostics) +
                        " diagnostics (max_diagnostics) on an error it did not list, at the value this "
                        "diagnostic points to; the rest of the document was not read, so more problems may follow";
        diags_.push_back({cap_pointer_, std::string(schema_rule::limit), severity::error, std::move(m),
                          "at most " + std::to_string(opt_.max_diagnostics) + " diagnostics", {}});
    }
    /// True when reading stopped on an error past the diagnostics cap.
    bool capped() const noexcept { return capped_; }

    /// The pointer of the value about to start: an array element's index is pushed only when
    /// the element begins, so it is added here; inside a skipped subtree, the skipped value's.
    std::string next_value_pointer() const {
        if (!stack_.empty() && stack_.back().k == frame::kind::array)
            return pointer() + "/" + std::to_string(stack_.back().count);
        return pointer();
    }
    /// Enforces max_string_length on a string (at the next value's pointer) or a key (at its
    /// object's pointer); reports schema.limit and stops when `n` bytes are over the limit.
    bool length_ok(std::size_t n, bool key) {
        if (n <= opt_.max_string_length) return true;
        add_at(key ? pointer() : next_value_pointer(), schema_rule::limit,
               std::string(key ? "key" : "string") + " longer than the limit of " +
                   std::to_string(opt_.max_string_length) + " bytes",
               "length <= " + std::to_string(opt_.max_string_length), std::to_string(n) + " bytes or more");
        stopped_ = true;
        return false;
    }

    // ---- state ----
    bool stopped() const noexcept { return stopped_; }
    bool has_errors() const noexcept { return errors_; }
    bool complete() const noexcept { return root_done_ && stack_.empty(); }
    /// The JSON Pointer of the current position (made when asked: only diagnostics need it).
    std::string pointer() const {
        std::string out;
        for (auto const& s : segs_) {
            if (s.index == no_index) {
                append_pointer_token(out, std::string_view(keys_).substr(s.key_at, s.key_size));
            } else {
                out += '/';
                out += std::to_string(s.index);
            }
        }
        return out;
    }
    std::vector<diagnostic>& diagnostics() noexcept { return diags_; }
    std::size_t omitted() const noexcept { return omitted_; }
    read_options const& options() const noexcept { return opt_; }

private:
    /// True when the current position is the member whose read rules are set, or below it:
    /// the segment it was set at is still on the path (each push has its own serial number).
    bool inside_member() const {
        if (member_rules_depth_ == 0) return true;
        return segs_.size() >= member_rules_depth_ && segs_[member_rules_depth_ - 1].serial == member_rules_serial_;
    }
    bool in_skip() const noexcept { return !stack_.empty() && stack_.back().k == frame::kind::skip; }

    slot begin_value() {
        slot s;
        if (stack_.empty()) {
            root_done_ = true;
            s = root_;
        } else {
            frame& f = stack_.back();
            if (f.k == frame::kind::object) {
                s = pending_;
            } else {
                push_segment(f.count);
                ++f.count;
                s = f.arr->element(f, *this);
            }
        }
        current_ = s.ops;
        return s;
    }
    void end_value() {
        if (!stack_.empty()) pop_segment();
    }
    void begin_container(bool object) {
        if (++depth_ > opt_.max_depth) {
            add_at(next_value_pointer(), schema_rule::limit,
                   "nesting deeper than the limit of " + std::to_string(opt_.max_depth),
                   "depth <= " + std::to_string(opt_.max_depth), std::to_string(depth_));
            stopped_ = true;
            return;
        }
        if (in_skip()) {
            ++stack_.back().count;
            return;
        }
        slot s = begin_value();
        if (object)
            s.ops->on_object(s.target, *this);
        else
            s.ops->on_array(s.target, *this);
    }
    void end_container() {
        --depth_;
        frame& f = stack_.back();
        if (f.k == frame::kind::skip) {
            if (--f.count != 0) return;
        } else if (f.k == frame::kind::object) {
            f.obj->end(f, *this);
        } else {
            f.arr->end(f, *this);
        }
        if (f.resolve) {
            // Resolve at the captured value's own position, before its segment is popped.
            auto captured = std::move(f.capture);
            auto resolve = f.resolve;
            void* target = f.resolve_target;
            stack_.pop_back();
            resolve(target, *captured, *this);
            end_value();
            return;
        }
        stack_.pop_back();
        end_value();
    }
    // The path: one segment per open member or item, a key copied into keys_ (the parser's view
    // of it does not last) or an index, turned into pointer text only by pointer().
    void push_segment(std::string_view k) {
        segs_.push_back(segment{keys_.size(), k.size(), no_index, ++serial_});
        keys_.append(k.data(), k.size());
    }
    void push_segment(std::size_t i) { segs_.push_back(segment{keys_.size(), 0, i, ++serial_}); }
    void pop_segment() {
        keys_.resize(segs_.back().key_at);
        segs_.pop_back();
    }

    slot root_;
    read_options const& opt_;
    std::vector<frame> stack_;
    slot pending_;
    value_ops const* current_ = nullptr;
    static constexpr std::size_t no_index = static_cast<std::size_t>(-1);
    struct segment {
        std::size_t key_at;
        std::size_t key_size;
        std::size_t index;  // no_index for a key
        std::size_t serial;
    };
    std::vector<segment> segs_;
    std::string keys_;
    std::size_t serial_ = 0;
    std::vector<diagnostic> diags_;
    std::size_t omitted_ = 0;
    std::size_t depth_ = 0;
    bool root_done_ = false;
    bool stopped_ = false;
    bool errors_ = false;
    bool capped_ = false;
    bool finished_ = false;
    std::string cap_pointer_;
    member_read_rules const* member_rules_ = nullptr;
    std::size_t member_rules_depth_ = 0;
    std::size_t member_rules_serial_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Default operations: a value of the wrong JSON type.

inline void wrong_null(void*, reader& r) { r.type_error("null", "null"); }
inline void wrong_bool(void*, bool b, reader& r) { r.type_error("boolean", b ? "true" : "false"); }
inline void wrong_number(void*, number_token const& t, reader& r) {
    r.type_error(t.integer_literal() ? "integer" : "number", number_text_of(t));
}
inline void wrong_string(void*, std::string_view s, reader& r) { r.type_error("string", json_quoted(s)); }
inline void wrong_object(void*, reader& r) {
    r.type_error("object", "{...}");
    r.push_skip();
}
inline void wrong_array(void*, reader& r) {
    r.type_error("array", "[...]");
    r.push_skip();
}

inline void skip_null(void*, reader&) {}
inline void skip_bool(void*, bool, reader&) {}
inline void skip_number(void*, number_token const&, reader&) {}
inline void skip_string(void*, std::string_view, reader&) {}
inline void skip_container(void*, reader& r) { r.push_skip(); }
inline std::string skip_expected() { return "anything"; }
inline constexpr value_ops skip_ops{skip_null, skip_bool, skip_number, skip_string, skip_container, skip_container,
                                    skip_expected};
inline slot reader::skip_slot() { return {nullptr, &skip_ops}; }

template <class T>
inline constexpr bool unsupported_type = false;

/// Operations of type T; specialized below by kind of type. The primary template is what an
/// unsupported member type meets: a compile error that says what drx reads.
template <class T>
struct rd {
    static_assert(unsupported_type<T>,
                  "drx cannot read or write this member type. drx reads bool, integers, double, std::string, "
                  "drx::number, drx::scalar, drx::json_value, described enums (BOOST_DESCRIBE_ENUM), described structs "
                  "(BOOST_DESCRIBE_STRUCT: a struct without its describe line lands here), and std::optional, "
                  "drx::nullable, std::vector, std::array, std::variant and drx::object_map of them.");
};

/// Base holding the defaults; a specialization overrides what its type accepts.
struct rd_defaults {
    static void null(void* p, reader& r) { wrong_null(p, r); }
    static void boolean(void* p, bool b, reader& r) { wrong_bool(p, b, r); }
    static void number(void* p, number_token const& t, reader& r) { wrong_number(p, t, r); }
    static void string(void* p, std::string_view s, reader& r) { wrong_string(p, s, r); }
    static void object(void* p, reader& r) { wrong_object(p, r); }
    static void array(void* p, reader& r) { wrong_array(p, r); }
};

template <class T>
inline constexpr value_ops ops_v{&rd<T>::null,   &rd<T>::boolean, &rd<T>::number,  &rd<T>::string,
                                 &rd<T>::object, &rd<T>::array,   &rd<T>::expected};

template <class T>
slot slot_of(T& v) {
    return {&v, &ops_v<T>};
}

// ---- bool, string ----

template <>
struct rd<bool> : rd_defaults {
    static void boolean(void* p, bool b, reader&) { *static_cast<bool*>(p) = b; }
    static std::string expected() { return "boolean"; }
};

template <>
struct rd<std::string> : rd_defaults {
    static void string(void* p, std::string_view s, reader&) { static_cast<std::string*>(p)->assign(s); }
    static std::string expected() { return "string"; }
};

// ---- numbers ----

/// True for an integer literal (no fraction, no exponent) beyond 64 bits.
inline bool literal_beyond_64_bits(number_token const& t) {
    if (t.src != number_token::source::text || !t.integer_literal()) return false;
    bool neg = false;
    std::uint64_t mag = 0;
    return exact_integer_text(t.text, neg, mag) == conv::out_of_range;
}

inline void report_conv(conv c, number_token const& t, reader& r, std::string_view what) {
    if (c == conv::not_integral)
        r.type_error("non-integral number", number_text_of(t));
    else if (literal_beyond_64_bits(t) || !r.range_error(number_text_of(t)))
        r.add(schema_rule::number_range, "number does not fit " + std::string(what), std::string(what),
              number_text_of(t));
}

template <class I>
    requires integer_type<I>
struct rd<I> : rd_defaults {
    static void number(void* p, number_token const& t, reader& r) {
        conv c = to_integer(t, *static_cast<I*>(p));
        if (c != conv::ok) report_conv(c, t, r, range_text());
    }
    static std::string range_text() {
        return "an integer in [" + std::to_string(std::numeric_limits<I>::min()) + ", " +
               std::to_string(std::numeric_limits<I>::max()) + "]";
    }
    static std::string expected() { return "integer"; }
};

template <class F>
    requires float_type<F>
struct rd<F> : rd_defaults {
    static_assert(std::is_same_v<F, double>,
                  "drx members are double, not float or long double: JSON numbers are Python floats (doubles), and a "
                  "float member would write 0.1 back as 0.10000000149011612");
    static void number(void* p, number_token const& t, reader& r) {
        double d = 0;
        conv c = to_double(t, d);
        if (c != conv::ok) return report_conv(c, t, r, "a finite double without underflow to zero");
        *static_cast<F*>(p) = static_cast<F>(d);
    }
    static std::string expected() { return "number"; }
};

/// Reads a number keeping its kind: an integer literal becomes an integer.
inline bool read_number_kind(number_token const& t, reader& r, drx::number& out) {
    if (t.integer_literal()) {
        std::int64_t i = 0;
        conv c = to_integer(t, i);
        if (c != conv::ok) {
            report_conv(c, t, r, "a 64-bit signed integer");
            return false;
        }
        out = drx::number(i);
        return true;
    }
    double d = 0;
    conv c = to_double(t, d);
    if (c != conv::ok) {
        report_conv(c, t, r, "a finite double without underflow to zero");
        return false;
    }
    out = drx::number(d);
    return true;
}

template <>
struct rd<number> : rd_defaults {
    static void number(void* p, number_token const& t, reader& r) {
        read_number_kind(t, r, *static_cast<drx::number*>(p));
    }
    static std::string expected() { return "number"; }
};

template <>
struct rd<scalar> : rd_defaults {
    static void null(void* p, reader&) { *static_cast<scalar*>(p) = scalar(); }
    static void boolean(void* p, bool b, reader&) { *static_cast<scalar*>(p) = scalar(b); }
    static void number(void* p, number_token const& t, reader& r) {
        drx::number n;
        if (!read_number_kind(t, r, n)) return;
        *static_cast<scalar*>(p) = n.is_integer() ? scalar(n.as_integer()) : scalar(n.value());
    }
    static void string(void* p, std::string_view s, reader&) { *static_cast<scalar*>(p) = scalar(s); }
    static std::string expected() { return "string, number, boolean or null"; }
};

// ---- enumerations ----

template <class E>
std::string enum_choices() {
    std::string s;
    for_each_enum_wire_name<E>([&](std::string_view n) {
        if (!s.empty()) s += ", ";
        s += json_quoted(n);
    });
    return s;
}

template <class E>
    requires described_enum<E>
struct rd<E> : rd_defaults {
    static void string(void* p, std::string_view s, reader& r) {
        if (!enum_from_wire<E>(s, *static_cast<E*>(p)) && !r.enum_error(s))
            r.add(schema_rule::enumeration, "expected one of " + enum_choices<E>() + ", got " + json_quoted(s),
                  "one of " + enum_choices<E>(), json_quoted(s));
    }
    static std::string expected() { return "string"; }
};

// ---- wrappers ----

template <class U>
struct rd<std::optional<U>> {
    static U* get(void* p) { return &static_cast<std::optional<U>*>(p)->emplace(); }
    static void null(void* p, reader& r) { rd<U>::null(get(p), r); }
    static void boolean(void* p, bool b, reader& r) { rd<U>::boolean(get(p), b, r); }
    static void number(void* p, number_token const& t, reader& r) { rd<U>::number(get(p), t, r); }
    static void string(void* p, std::string_view s, reader& r) { rd<U>::string(get(p), s, r); }
    static void object(void* p, reader& r) { rd<U>::object(get(p), r); }
    static void array(void* p, reader& r) { rd<U>::array(get(p), r); }
    static std::string expected() { return rd<U>::expected(); }
};

template <class U>
struct rd<nullable<U>> {
    static U* get(void* p) { return &static_cast<nullable<U>*>(p)->emplace(); }
    static void null(void* p, reader&) { static_cast<nullable<U>*>(p)->reset(); }
    static void boolean(void* p, bool b, reader& r) { rd<U>::boolean(get(p), b, r); }
    static void number(void* p, number_token const& t, reader& r) { rd<U>::number(get(p), t, r); }
    static void string(void* p, std::string_view s, reader& r) { rd<U>::string(get(p), s, r); }
    static void object(void* p, reader& r) { rd<U>::object(get(p), r); }
    static void array(void* p, reader& r) { rd<U>::array(get(p), r); }
    static std::string expected() { return rd<U>::expected() + " or null"; }
};

// ---- arrays ----

template <class U, class A>
struct rd<std::vector<U, A>> : rd_defaults {
    using V = std::vector<U, A>;
    static slot element(frame& f, reader&) { return slot_of(static_cast<V*>(f.target)->emplace_back()); }
    /// The size of the last array of this type read on this thread: arrays of one type tend to
    /// have the same size (three explanations per row), so the next one reserves that much (at
    /// most 64) and grows no more than once, without unused capacity.
    static std::size_t& size_hint() {
        static thread_local std::size_t h = 0;
        return h;
    }
    static void end(frame& f, reader&) { size_hint() = static_cast<V*>(f.target)->size(); }
    static constexpr array_ops aops{&element, &end};
    static void array(void* p, reader& r) {
        if (std::size_t h = size_hint()) static_cast<V*>(p)->reserve(std::min<std::size_t>(h, 64));
        r.push_array(p, &aops);
    }
    static std::string expected() { return "array"; }
};

template <class U, std::size_t N>
struct rd<std::array<U, N>> : rd_defaults {
    using V = std::array<U, N>;
    static slot element(frame& f, reader& r) {
        std::size_t i = f.count - 1;
        if (i < N) return slot_of((*static_cast<V*>(f.target))[i]);
        if (i == N)
            r.add(schema_rule::type, "expected an array of exactly " + std::to_string(N) + " items, got more",
                  "array of " + std::to_string(N) + " items", {});
        return reader::skip_slot();
    }
    static void end(frame& f, reader& r) {
        if (f.count < N)
            r.add(schema_rule::type,
                  "expected an array of exactly " + std::to_string(N) + " items, got " + std::to_string(f.count),
                  "array of " + std::to_string(N) + " items", std::to_string(f.count) + " items");
    }
    static constexpr array_ops aops{&element, &end};
    static void array(void* p, reader& r) { r.push_array(p, &aops); }
    static std::string expected() { return "array of " + std::to_string(N) + " items"; }
};

// ---- objects with free keys ----

template <class U>
struct rd<object_map<U>> : rd_defaults {
    using M = object_map<U>;
    static slot key(frame& f, std::string_view k, reader& r) {
        M& m = *static_cast<M*>(f.target);
        if (U* old = m.find(k)) {  // a hash lookup in maps of more than a few keys
            if (!r.duplicate(k)) return reader::skip_slot();
            *old = U{};
            return slot_of(*old);
        }
        return slot_of(m.append(std::string(k)));
    }
    static void end(frame&, reader&) {}
    static constexpr object_ops oops{&key, &end};
    static void object(void* p, reader& r) { r.push_object(p, &oops); }
    static std::string expected() { return "object"; }
};

// ---- any JSON (json_value) ----

/// A number as a boost::json::value holds it: an integer literal as int64, else uint64; any
/// other number as a double. Not ok when it fits none of them (the value is then unchanged).
inline conv to_json_number(number_token const& t, boost::json::value& j) {
    if (t.integer_literal()) {
        std::int64_t i = 0;
        std::uint64_t u = 0;
        if (to_integer(t, i) == conv::ok)
            j = i;
        else if (to_integer(t, u) == conv::ok)
            j = u;
        else
            return conv::out_of_range;
        return conv::ok;
    }
    double d = 0;
    conv c = to_double(t, d);
    if (c == conv::ok) j = d;
    return c;
}

template <>
struct rd<boost::json::value> : rd_defaults {
    using J = boost::json::value;
    static void null(void* p, reader&) { *static_cast<J*>(p) = nullptr; }
    static void boolean(void* p, bool b, reader&) { *static_cast<J*>(p) = b; }
    static void number(void* p, number_token const& t, reader& r) {
        conv c = to_json_number(t, *static_cast<J*>(p));
        if (c == conv::ok) return;
        if (t.integer_literal())
            report_conv(c, t, r, "a 64-bit integer");
        else
            report_conv(c, t, r, "a finite double without underflow to zero");
    }
    static void string(void* p, std::string_view s, reader&) { *static_cast<J*>(p) = s; }
    static slot key(frame& f, std::string_view k, reader& r) {
        boost::json::object& o = static_cast<J*>(f.target)->get_object();
        if (o.contains(k)) {
            if (!r.duplicate(k)) return reader::skip_slot();
            J& v = o[k];
            v = nullptr;
            return slot_of(v);
        }
        return slot_of(o[k]);
    }
    static slot element(frame& f, reader&) {
        return slot_of(static_cast<J*>(f.target)->get_array().emplace_back(nullptr));
    }
    static void end_object(frame&, reader&) {}
    static constexpr object_ops oops{&key, &end_object};
    static constexpr array_ops aops{&element, &end_object};
    static void object(void* p, reader& r) {
        static_cast<J*>(p)->emplace_object();
        r.push_object(p, &oops);
    }
    static void array(void* p, reader& r) {
        static_cast<J*>(p)->emplace_array();
        r.push_array(p, &aops);
    }
    static std::string expected() { return "any JSON value"; }
};

inline void reader::push_capture(void* target, void (*resolve)(void*, boost::json::value&, reader&), bool object) {
    frame& f = stack_.emplace_back();
    f.capture = std::make_unique<boost::json::value>();
    f.target = f.capture.get();
    f.resolve = resolve;
    f.resolve_target = target;
    if (object) {
        f.k = frame::kind::object;
        f.capture->emplace_object();
        f.obj = &rd<boost::json::value>::oops;
    } else {
        f.k = frame::kind::array;
        f.capture->emplace_array();
        f.arr = &rd<boost::json::value>::aops;
    }
}

template <>
struct rd<json_value> {
    using J = boost::json::value;
    static J* get(void* p) { return &static_cast<json_value*>(p)->value; }
    static void null(void* p, reader& r) { rd<J>::null(get(p), r); }
    static void boolean(void* p, bool b, reader& r) { rd<J>::boolean(get(p), b, r); }
    static void number(void* p, number_token const& t, reader& r) { rd<J>::number(get(p), t, r); }
    static void string(void* p, std::string_view s, reader& r) { rd<J>::string(get(p), s, r); }
    static void object(void* p, reader& r) { rd<J>::object(get(p), r); }
    static void array(void* p, reader& r) { rd<J>::array(get(p), r); }
    static std::string expected() { return rd<J>::expected(); }
};

// ---- described structs ----

template <class T>
struct struct_table {
    using members = members_of<T>;
    static constexpr std::size_t size = boost::mp11::mp_size<members>::value;
    static_assert(size <= 128, "drx reads described structs of at most 128 members");

    struct entry {
        std::string_view wire;
        slot (*make)(void*);
        void (*reset)(void*);
        bool required;
        member_read_rules const* (*read_rules)();
    };

    static std::array<entry, size> const& entries() {
        static std::array<entry, size> const table = [] {
            std::array<entry, size> t{};
            std::size_t i = 0;
            boost::mp11::mp_for_each<members>([&](auto d) {
                using D = decltype(d);
                using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
                t[i++] = entry{wire_name_of<T, D>(),
                               [](void* p) { return slot_of(static_cast<T*>(p)->*D::pointer); },
                               [](void* p) { static_cast<T*>(p)->*D::pointer = M{}; }, !is_optional<M>::value,
                               &member_read_rules_of<T, D::pointer>};
            });
            return t;
        }();
        return table;
    }

    /// Member indexes sorted by wire name, for binary search.
    static std::array<std::uint16_t, size> const& sorted() {
        static std::array<std::uint16_t, size> const s = [] {
            std::array<std::uint16_t, size> a{};
            for (std::size_t i = 0; i < size; ++i) a[i] = static_cast<std::uint16_t>(i);
            auto const& e = entries();
            std::sort(a.begin(), a.end(), [&](auto x, auto y) { return e[x].wire < e[y].wire; });
            return a;
        }();
        return s;
    }

    static std::size_t find(std::string_view k) {
        auto const& e = entries();
        auto const& s = sorted();
        auto it = std::lower_bound(s.begin(), s.end(), k, [&](std::uint16_t i, std::string_view v) { return e[i].wire < v; });
        if (it != s.end() && e[*it].wire == k) return *it;
        return size;
    }
};

template <class T>
    requires described_struct<T>
struct rd<T> : rd_defaults {
    using table = struct_table<T>;
    static slot key(frame& f, std::string_view k, reader& r) {
        // Keys mostly come in declaration order: try the member after the last one first.
        std::size_t i = f.count < table::size && table::entries()[f.count].wire == k ? f.count : table::find(k);
        if (i == table::size) {
            if (reader::seen_before(f, k)) {
                r.duplicate(k);
            } else {
                r.unknown_key(k, drx_closed(static_cast<T const*>(nullptr)));
            }
            return reader::skip_slot();
        }
        auto const& e = table::entries()[i];
        if (f.seen[i]) {
            if (!r.duplicate(k)) return reader::skip_slot();
            e.reset(f.target);
        }
        f.seen.set(i);
        f.count = i + 1;
        r.set_member_rules(e.read_rules());
        return e.make(f.target);
    }
    static void end(frame& f, reader& r) {
        auto const& es = table::entries();
        for (std::size_t i = 0; i < table::size; ++i)
            if (!f.seen[i] && es[i].required) r.missing(es[i].wire);
    }
    static constexpr object_ops oops{&key, &end};
    static void object(void* p, reader& r) { r.push_object(p, &oops); }
    static std::string expected() { return "object"; }
};

}  // namespace detail
}  // namespace drx
