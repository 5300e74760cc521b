// SPDX-License-Identifier: BSL-1.0
// drx: the diagnostic record.
//
// Every finding of reading, rule checking or writing is one diagnostic (docs/reference/reading.md):
// where (an RFC 6901 JSON Pointer in wire names), what rule (a stable id), how serious
// (error or warning), a message, and where useful what was expected and what came.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

namespace drx {

/// How serious a diagnostic is. Errors make a document invalid; warnings do not.
enum class severity { error, warning };
BOOST_DESCRIBE_ENUM(severity, error, warning)

/// The levels of checking (docs/reference/reading.md): shape and types, per-object rules
/// (docs/reference/rule-sources.md), consistency across members and against a request
/// (docs/reference/rule-sources.md (Consistency of responses)).
enum class level { schema, rules, consistency };
BOOST_DESCRIBE_ENUM(level, schema, rules, consistency)

/// One finding.
struct diagnostic {
    /// RFC 6901 JSON Pointer to the value, built from wire names ("" is the whole document).
    std::string pointer;
    /// Stable rule id, e.g. "schema.type" or "mode.num_top_classes.range".
    std::string rule;
    drx::severity severity = drx::severity::error;
    /// Human-readable message.
    std::string message;
    /// What was expected, when useful (e.g. "integer in [1, 10]").
    std::optional<std::string> expected;
    /// What came, as JSON text, when useful (e.g. `11` or `"abc"`).
    std::optional<std::string> actual;

    friend bool operator==(diagnostic const&, diagnostic const&) = default;
};
BOOST_DESCRIBE_STRUCT(diagnostic, (), (pointer, rule, severity, message, expected, actual))

/// Schema-level rule ids (docs/reference/reading.md).
namespace schema_rule {
inline constexpr std::string_view syntax = "schema.syntax";
inline constexpr std::string_view type = "schema.type";
inline constexpr std::string_view required = "schema.required";
inline constexpr std::string_view unknown_key = "schema.unknown_key";
inline constexpr std::string_view duplicate_key = "schema.duplicate_key";
inline constexpr std::string_view enumeration = "schema.enum";
inline constexpr std::string_view number_range = "schema.number_range";
inline constexpr std::string_view limit = "schema.limit";
}  // namespace schema_rule

/// Writer rule ids (drx's own: the writer refuses these with a clear error,
/// docs/reference/exact-json.md).
namespace write_rule {
inline constexpr std::string_view non_finite = "write.non_finite";
inline constexpr std::string_view utf8 = "write.utf8";
}  // namespace write_rule

/// A rule that was not applied: the context lacked facts it needs, or held a request of
/// another type than the rule compares against.
struct skipped_rule {
    std::string rule;
    /// What it needs that the context lacks: context keys (wire names), or the request type.
    std::string needs;
    friend bool operator==(skipped_rule const&, skipped_rule const&) = default;
};
BOOST_DESCRIBE_STRUCT(skipped_rule, (), (rule, needs))

/// True if any diagnostic is an error.
inline bool has_errors(std::vector<diagnostic> const& ds) noexcept {
    for (auto const& d : ds)
        if (d.severity == severity::error) return true;
    return false;
}

/// The one-line text form used by `drx check`: POINTER<TAB>RULE<TAB>SEVERITY<TAB>MESSAGE.
inline std::string to_line(diagnostic const& d) {
    std::string s;
    s.reserve(d.pointer.size() + d.rule.size() + d.message.size() + 12);
    s += d.pointer;
    s += '\t';
    s += d.rule;
    s += '\t';
    s += d.severity == severity::error ? "error" : "warning";
    s += '\t';
    for (char c : d.message) s += (c == '\n' || c == '\t') ? ' ' : c;
    return s;
}

/// Thrown by the throwing API (drx::parse, drx::to_json) with every diagnostic found.
class error : public std::runtime_error {
public:
    explicit error(std::vector<diagnostic> ds)
        : std::runtime_error(summary(ds)), diagnostics_(std::move(ds)) {}
    std::vector<diagnostic> const& diagnostics() const noexcept { return diagnostics_; }

private:
    static std::string summary(std::vector<diagnostic> const& ds) {
        std::string s;
        for (auto const& d : ds) {
            if (d.severity != severity::error) continue;
            if (!s.empty()) {
                s += " (and more)";
                break;
            }
            s = to_line(d);
        }
        return s.empty() ? std::string("drx error") : s;
    }
    std::vector<diagnostic> diagnostics_;
};

/// The outcome of reading, validating or writing: a value when valid, and the diagnostics.
///
/// A result never presents a half-filled object as valid: value() throws drx::error unless
/// ok(). An object that was read completely but broke rules is still reachable, explicitly,
/// through unchecked().
template <class T>
class result {
public:
    result() = default;
    result(std::optional<T> v, std::vector<diagnostic> ds, std::size_t omitted = 0)
        : value_(std::move(v)), diags_(std::move(ds)), omitted_(omitted) {}

    /// True when a value exists and no diagnostic is an error.
    bool ok() const noexcept { return value_.has_value() && !has_errors(diags_); }
    explicit operator bool() const noexcept { return ok(); }

    /// The value; throws drx::error (with the diagnostics) unless ok().
    T& value() & {
        ensure();
        return *value_;
    }
    T const& value() const& {
        ensure();
        return *value_;
    }
    T&& value() && {
        ensure();
        return std::move(*value_);
    }
    /// The value, or nullptr unless ok().
    T* get_if() noexcept { return ok() ? &*value_ : nullptr; }
    T const* get_if() const noexcept { return ok() ? &*value_ : nullptr; }

    /// The object even when rules failed, as long as it was read completely (the schema level
    /// passed); nullptr otherwise. Meant for tools that show or repair invalid documents.
    T const* unchecked() const noexcept { return value_ ? &*value_ : nullptr; }

    /// Every diagnostic collected, in document order within each level.
    std::vector<diagnostic> const& diagnostics() const& noexcept { return diags_; }
    std::vector<diagnostic>& diagnostics() & noexcept { return diags_; }
    /// By value from a temporary, so `for (auto& d : drx::read<T>(s).diagnostics())` is safe.
    std::vector<diagnostic> diagnostics() && noexcept { return std::move(diags_); }
    /// How many diagnostics were dropped after the configured cap was reached.
    std::size_t omitted() const noexcept { return omitted_; }
    /// Counts `n` more dropped diagnostics (checks run after reading).
    void add_omitted(std::size_t n) noexcept { omitted_ += n; }

    /// Rules not applied for lack of context facts (drx::validate fills it; each rule id once).
    std::vector<skipped_rule> const& skipped() const noexcept { return skipped_; }
    std::vector<skipped_rule>& skipped() noexcept { return skipped_; }

    /// Drops the value (used when later checks find an error that makes it unusable).
    void discard_value() noexcept { value_.reset(); }

private:
    void ensure() const {
        if (!ok()) {
            auto ds = diags_;
            if (ds.empty() || !has_errors(ds))
                ds.push_back({"", std::string(schema_rule::syntax), severity::error, "no value", {}, {}});
            throw error(std::move(ds));
        }
    }
    std::optional<T> value_;
    std::vector<diagnostic> diags_;
    std::size_t omitted_ = 0;
    std::vector<skipped_rule> skipped_;
};

namespace detail {

/// Appends one RFC 6901 reference token ("~" -> "~0", "/" -> "~1").
inline void append_pointer_token(std::string& p, std::string_view tok) {
    p += '/';
    for (char c : tok) {
        if (c == '~')
            p += "~0";
        else if (c == '/')
            p += "~1";
        else
            p += c;
    }
}

}  // namespace detail

}  // namespace drx
