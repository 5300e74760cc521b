// SPDX-License-Identifier: BSL-1.0
// drx: what the response families share (prediction explanations pages and deployment responses):
// Python's label semantics, one implementation of each consistency rule of a row
// (docs/reference/rule-sources.md (Consistency of responses): response.row_id, .explanations.order,
// .prediction_values.sum, .prediction.threshold, .qualitative.sign, .explanations.count,
// .explained_classes, .explanations.threshold), and the repairs and near-miss sites of those rules.
// The families differ only in how a rule learns the request (request_facts) and where it is
// declared. Internal; used by drx/api/prediction_explanations.hpp and drx/api/deployment.hpp.
#pragma once

#include <algorithm>
#include <array>
#include <utility>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <map>
#include <optional>
#include <variant>

#include <drx/api/qualitative_strength.hpp>
#include <drx/context.hpp>
#include <drx/detail/actual_text.hpp>
#include <drx/nullable.hpp>
#include <drx/number.hpp>
#include <drx/rules.hpp>
#include <drx/scalar.hpp>

namespace drx::detail {

// ---- Python's semantics of labels ------------------------------------------------------------

/// -1, 0, +1 comparing an integer with a (non-NaN) double exactly, as Python does.
inline int pe_compare_int_double(std::int64_t i, double d) noexcept {
    if (d >= 9223372036854775808.0) return -1;
    if (d < -9223372036854775808.0) return 1;
    double t = std::trunc(d);
    auto ti = static_cast<std::int64_t>(t);
    if (i != ti) return i < ti ? -1 : 1;
    if (d > t) return -1;
    if (d < t) return 1;
    return 0;
}

/// A number as Python sees it: bools are the integers 0 and 1.
inline bool pe_is_number(scalar const& s) noexcept { return s.is_number() || s.is_bool(); }

/// Python's comparison of two numbers (int, float, bool), exact across kinds; NaN compares
/// as unordered (returns 2).
inline int pe_compare_numbers(scalar const& a, scalar const& b) noexcept {
    auto as_int = [](scalar const& s, std::int64_t& i) {
        if (s.is_bool()) {
            i = s.as_bool() ? 1 : 0;
            return true;
        }
        if (s.is_integer()) {
            i = s.as_integer();
            return true;
        }
        return false;
    };
    std::int64_t ia = 0, ib = 0;
    bool a_int = as_int(a, ia), b_int = as_int(b, ib);
    if (a_int && b_int) return ia < ib ? -1 : (ia > ib ? 1 : 0);
    if (a_int) {
        double db = b.as_float();
        if (db != db) return 2;
        return pe_compare_int_double(ia, db);
    }
    double da = a.as_float();
    if (da != da) return 2;
    if (b_int) return -pe_compare_int_double(ib, da);
    double db = b.as_float();
    if (db != db) return 2;
    return da < db ? -1 : (da > db ? 1 : 0);
}

/// Python's `a == b` for JSON scalars: 1 == 1.0 == True, "1" != 1, None == None.
inline bool pe_python_equal(scalar const& a, scalar const& b) noexcept {
    if (pe_is_number(a) && pe_is_number(b)) return pe_compare_numbers(a, b) == 0;
    if (a.is_string() && b.is_string()) return a.as_string() == b.as_string();
    if (a.is_null() && b.is_null()) return true;
    return false;
}

/// Python's str() of a scalar label, to compare numeric labels with class names.
inline std::string pe_python_str(scalar const& s) {
    if (s.is_string()) return s.as_string();
    if (s.is_bool()) return s.as_bool() ? "True" : "False";
    if (s.is_integer()) return std::to_string(s.as_integer());
    if (s.is_float()) return python_number_text(s.as_float());
    return "None";
}


/// A key under which labels that Python considers equal collide (1, 1.0 and True; "1" apart):
/// booleans and integral floats in the int64 range become integers; an absent label is None;
/// NaN labels share one key of their own. A string key views the label's text (a key lives no
/// longer than the row it was taken from), so making one allocates nothing.
struct pe_label_key {
    enum class kind : unsigned char { none, integer, floating, string, nan };
    // No default member initializers: an array of keys is left uninitialized until used
    // (label_index); `pe_label_key{}` is the None key.
    kind k;
    union {
        std::int64_t i;
        double d;
    };
    std::string_view s;

    static pe_label_key of_integer(std::int64_t v) noexcept {
        pe_label_key key{};
        key.k = kind::integer;
        key.i = v;
        return key;
    }
    static pe_label_key of_kind(kind k, double v = 0, std::string_view text = {}) noexcept {
        pe_label_key key{};
        key.k = k;
        key.d = v;
        key.s = text;
        return key;
    }

    friend bool operator==(pe_label_key const& a, pe_label_key const& b) noexcept {
        if (a.k != b.k) return false;
        switch (a.k) {
            case kind::integer: return a.i == b.i;
            case kind::floating: return a.d == b.d;
            case kind::string: return a.s == b.s;
            default: return true;
        }
    }
    friend bool operator<(pe_label_key const& a, pe_label_key const& b) noexcept {
        if (a.k != b.k) return a.k < b.k;
        switch (a.k) {
            case kind::integer: return a.i < b.i;
            case kind::floating: return a.d < b.d;
            case kind::string: return a.s < b.s;
            default: return false;
        }
    }
};

inline pe_label_key pe_key_of(scalar const* l) noexcept {
    using kind = pe_label_key::kind;
    if (!l || l->is_null()) return pe_label_key{};
    if (l->is_string()) return pe_label_key::of_kind(kind::string, 0, l->as_string());
    if (l->is_bool()) return pe_label_key::of_integer(l->as_bool() ? 1 : 0);
    if (l->is_integer()) return pe_label_key::of_integer(l->as_integer());
    double d = l->as_float();
    if (d != d) return pe_label_key::of_kind(kind::nan);
    if (d == std::trunc(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0)
        return pe_label_key::of_integer(static_cast<std::int64_t>(d));
    return pe_label_key::of_kind(kind::floating, d);
}
inline pe_label_key pe_key_of(std::optional<scalar> const& l) noexcept { return pe_key_of(l ? &*l : nullptr); }

/// Labels (by their pe_label_key) to a number: searched in place while there are at most 8 (a
/// row explains one to a few classes; nothing is allocated), in a map past that, so a row of
/// many classes still costs n log n.
class label_index {
public:
    /// The number stored for `key`, storing `value` when the key is new; and whether it was.
    std::pair<std::size_t*, bool> emplace(pe_label_key key, std::size_t value) {
        if (!map_) {
            for (std::size_t i = 0; i < n_; ++i)
                if (small_[i].key == key) return {&small_[i].value, false};
            if (n_ < small_size) {
                small_[n_] = {key, value};
                return {&small_[n_++].value, true};
            }
            map_.emplace();
            for (std::size_t i = 0; i < n_; ++i) map_->emplace(small_[i].key, small_[i].value);
        }
        auto [it, fresh] = map_->emplace(std::move(key), value);
        return {&it->second, fresh};
    }

private:
    struct entry {
        pe_label_key key;
        std::size_t value;
    };
    static constexpr std::size_t small_size = 8;
    entry small_[small_size];  // the first n_ are in use; the rest is never read
    std::size_t n_ = 0;
    std::optional<std::map<pe_label_key, std::size_t>> map_;
};

}  // namespace drx::detail

namespace drx::detail::response_rows {

// ---- what a row rule reads of either family's rows -------------------------------------------

/// A label (deployment rows always have one; records API explanations may omit it: None).
inline scalar const* label_of(scalar const& l) noexcept { return &l; }
inline scalar const* label_of(std::optional<scalar> const& l) noexcept { return l ? &*l : nullptr; }
/// Python's == of two labels, absent ones being None.
inline bool same_label(scalar const* a, scalar const* b) noexcept {
    static scalar const none;
    return pe_python_equal(a ? *a : none, b ? *b : none);
}
/// A label as Python's str() prints it ("None" when absent).
inline std::string label_str(scalar const* l) { return l ? pe_python_str(*l) : std::string("None"); }
/// predictionThreshold as a double, when present and not null.
inline std::optional<double> threshold_of(std::optional<number> const& t) {
    return t ? std::optional<double>(t->value()) : std::nullopt;
}
inline std::optional<double> threshold_of(std::optional<nullable<number>> const& t) {
    return t && t->has_value() ? std::optional<double>((**t).value()) : std::nullopt;
}

/// The shape of a row: the context's model kind when it names one, else the number of
/// prediction values (1: regression, 2: binary, more: several classes).
enum class row_shape { regression, binary, several, unknown };

template <class Row>
row_shape shape_of(Row const& r, context const* ctx) {
    if (ctx && ctx->model_kind) {
        switch (*ctx->model_kind) {
            case model_kind::regression: return row_shape::regression;
            case model_kind::binary: return row_shape::binary;
            case model_kind::multiclass:
            case model_kind::clustering: return row_shape::several;
            default: break;
        }
    }
    switch (r.prediction_values.size()) {
        case 0: return row_shape::unknown;
        case 1: return row_shape::regression;
        case 2: return row_shape::binary;
        default: return row_shape::several;
    }
}

/// The positive class of a binary row: the class its explanations are for (a positive
/// strength raises its probability), else the first prediction value's, which the sources
/// list first. nullptr when the row has neither.
template <class Row>
scalar const* positive_label(Row const& r) {
    if (!r.prediction_explanations.empty()) {
        scalar const* l = label_of(r.prediction_explanations.front().label);
        for (auto const& pv : r.prediction_values)
            if (same_label(label_of(pv.label), l)) return l;
    }
    if (!r.prediction_values.empty()) return label_of(r.prediction_values.front().label);
    return nullptr;
}

/// The explained value of a binary or regression row: the positive-class probability, or the
/// prediction (the one prediction value when the prediction is not a number).
template <class Row>
std::optional<double> explained_value(Row const& r, row_shape shape) {
    if (shape == row_shape::regression) {
        if (r.prediction.is_number()) return r.prediction.as_double();
        if (r.prediction_values.size() == 1) return r.prediction_values.front().value.value();
        return std::nullopt;
    }
    if (shape != row_shape::binary) return std::nullopt;
    scalar const* pos = positive_label(r);
    if (!pos) return std::nullopt;
    for (auto const& pv : r.prediction_values)
        if (same_label(label_of(pv.label), pos)) return pv.value.value();
    return std::nullopt;
}

/// The distinct labels of a row's explanations with their counts, in first-seen order
/// (Python equality), and the index of each label's (max+1)-th explanation when it has one.
struct label_count {
    scalar const* label = nullptr;
    std::int64_t count = 0;
    std::size_t first_over = 0;
};

template <class Row>
std::vector<label_count> label_counts(Row const& row, std::int64_t max) {
    std::vector<label_count> out;
    label_index index;
    auto const& es = row.prediction_explanations;
    for (std::size_t j = 0; j < es.size(); ++j) {
        scalar const* l = label_of(es[j].label);
        auto [at, fresh] = index.emplace(pe_key_of(l), out.size());
        if (fresh) out.push_back({l, 0, 0});
        auto& c = out[*at];
        if (++c.count == max + 1) c.first_over = j;
    }
    return out;
}

// ---- the row rules ---------------------------------------------------------------------------

/// The tolerance of response.prediction_values.sum.
inline constexpr double values_sum_tolerance = 1e-6;

/// response.explanations.order (a warning): within each class, explanations come by falling
/// |strength|; each is compared with the previous explanation of the same class, wherever it
/// is ([A .5, B .9, A .7] breaks it at the second A).
template <class Row>
void rule_explanations_order(Row const& r, reporter& rep) {
    auto const& ex = r.prediction_explanations;
    if (ex.size() < 2) return;
    // Explanations of one class mostly come together: while the class stays that of the
    // previous explanation, that one is the one to compare with, and the index of each class's
    // last explanation is only written when the class changes (and read only then).
    label_index last;  // class -> index of its previous explanation, as of the last change
    pe_label_key run = pe_key_of(label_of(ex[0].label));
    for (std::size_t i = 1; i < ex.size(); ++i) {
        pe_label_key key = pe_key_of(label_of(ex[i].label));
        std::size_t j = i - 1;
        if (!(key == run)) {
            *last.emplace(run, i - 1).first = i - 1;
            run = key;
            auto [at, fresh] = last.emplace(key, i);
            if (fresh) continue;
            j = *at;
        }
        double a = std::fabs(ex[j].strength.value()), b = std::fabs(ex[i].strength.value());
        if (b > a)
            rep.report(json_pointer("predictionExplanations", i, "strength"),
                       "explanations are not ordered by falling |strength|: |" + python_number_text(ex[i].strength.value()) +
                           "| is above |" + python_number_text(ex[j].strength.value()) + "| (explanation " +
                           std::to_string(j) + ")",
                       "|strength| <= " + python_number_text(a), python_number_text(ex[i].strength.value()));
    }
}

/// response.prediction_values.sum: the class probabilities of a classification row add up to
/// 1 within 1e-6 (a regression row's one value is not a probability).
template <class Row>
void rule_prediction_values_sum(Row const& r, reporter& rep) {
    if (shape_of(r, rep.ctx()) == row_shape::regression || r.prediction_values.size() < 2) return;
    double sum = 0;
    for (auto const& pv : r.prediction_values) sum += pv.value.value();
    if (!(std::fabs(sum - 1.0) <= values_sum_tolerance))
        rep.report(json_pointer("predictionValues"), "class probabilities add up to " + python_number_text(sum) + ", not 1",
                   "a sum of 1 (within 1e-6)", python_number_text(sum));
}

/// response.prediction.threshold: a binary row's prediction is the positive class exactly
/// when its probability reaches predictionThreshold.
template <class Row>
void rule_prediction_threshold(Row const& r, reporter& rep) {
    auto t = threshold_of(r.prediction_threshold);
    if (!t || shape_of(r, rep.ctx()) != row_shape::binary || r.prediction_values.size() != 2) return;
    scalar const* pos = positive_label(r);
    auto p = explained_value(r, row_shape::binary);
    if (!pos || !p) return;
    scalar const* neg = nullptr;
    for (auto const& pv : r.prediction_values)
        if (!same_label(label_of(pv.label), pos)) neg = label_of(pv.label);
    if (!neg) return;
    scalar const& want = *p >= *t ? *pos : *neg;
    if (!pe_python_equal(r.prediction, want))
        rep.report(json_pointer("prediction"),
                   "the positive class's probability " + python_number_text(*p) + (*p >= *t ? " reaches" : " is below") +
                       " predictionThreshold " + python_number_text(*t) + ", so the prediction is " + actual_text(want) +
                       ", got " + actual_text(r.prediction),
                   actual_text(want), actual_text(r.prediction));
}

/// response.qualitative.sign for one symbol and strength, reported at `pointer`: a positive
/// symbol needs a strength >= 0, a negative one <= 0 (zero and NaN match either).
inline void qualitative_sign(std::string_view symbol, double strength, std::string_view pointer, reporter& rep) {
    int sign = drx::qualitative_sign(symbol);
    if ((sign > 0 && strength < 0) || (sign < 0 && strength > 0))
        rep.report(pointer,
                   "qualitativeStrength " + json_quoted(symbol) + " is " + (sign > 0 ? "positive" : "negative") +
                       " but strength is " + python_number_text(strength),
                   sign > 0 ? "strength >= 0" : "strength <= 0", python_number_text(strength));
}

/// response.qualitative.sign for anything with a qualitativeStrength and a strength (an
/// explanation of either family, an n-gram explanation), at its own /qualitativeStrength.
template <class T>
void symbol_sign_rule(T const& v, reporter& rep) {
    qualitative_sign(v.qualitative_strength, v.strength.value(), "/qualitativeStrength", rep);
}

template <class T>
void fix_symbol(T& v);
template <class Explanation, class Sites>
void qualitative_sign_site(Explanation& e, std::string pointer, Sites& out);
template <class T>
void repair_symbol(T& v, entropy&, context const*) {
    fix_symbol(v);
}
template <class T>
void symbol_near_misses(T& v, entropy&, context const*, std::vector<mutation_site>& out) {
    qualitative_sign_site(v, "/qualitativeStrength", out);
}

/// The consistency rules of anything that carries an XEMP qualitativeStrength and a strength:
/// one of the eight symbols (response.qualitative.symbol), with the strength's sign
/// (response.qualitative.sign). One declaration for both families' explanations and n-grams.
template <class T>
auto symbol_rules() {
    using namespace drx::rules;
    return std::tuple{
        member<&T::qualitative_strength>("response.qualitative.symbol",
                                         one_of<qualitative_symbols.size()>{qualitative_symbols})
            .at(level::consistency),
        custom<T>{{"response.qualitative.sign", severity::error, level::consistency},
                  "the qualitativeStrength symbol's sign matches the strength's sign", &symbol_sign_rule<T>,
                  needs::nothing, {}, &repair_symbol<T>, &symbol_near_misses<T>},
    };
}

/// Repair of response.qualitative.sign: the symbol agrees with the strength.
template <class T>
void fix_symbol(T& v) {
    v.qualitative_strength = std::string(symbol_agreeing_with(v.qualitative_strength, v.strength.value()));
}

/// What the request rules need of the request that produced a response; each family fills it
/// from its own request type.
struct request_facts {
    /// Explanations per explained class; absent: no limit.
    std::optional<std::int64_t> max_explanations;
    /// thresholdLow / thresholdHigh, and whether they select rows (not with a class mode).
    std::optional<double> threshold_low, threshold_high;
    bool thresholds_apply = true;
    /// Classes each explained row covers; absent: not checked (e.g. binary deployment rows).
    std::optional<std::int64_t> explained_classes;
    /// The classes asked for by name (classNames / explanationClassNames).
    std::optional<std::vector<std::string>> class_names;
    /// Words for messages: how the request names the count ("numTopClasses or len(classNames)";
    /// a literal, so that the facts of every row cost no allocation).
    std::string_view classes_source;
};

/// response.explanations.count: no class of a row has more explanations than asked for.
template <class Row>
void rule_explanations_count(Row const& r, request_facts const& f, reporter& rep) {
    if (!f.max_explanations) return;
    std::int64_t const max = *f.max_explanations;
    auto counts = label_counts(r, max);
    for (auto const& c : counts) {
        if (c.count <= max) continue;
        rep.report(json_pointer("predictionExplanations", c.first_over),
                   "the row has " + std::to_string(c.count) + " explanations" +
                       (counts.size() > 1 ? " for class " + label_str(c.label) : std::string()) +
                       ", more than maxExplanations " + std::to_string(max),
                   "at most " + std::to_string(max) + " explanations" + (counts.size() > 1 ? " per class" : ""),
                   std::to_string(c.count));
    }
}

/// response.explained_classes: a row with explanations covers the requested number of classes
/// (at most the classes it has), and only classes asked for by name.
template <class Row>
void rule_explained_classes(Row const& r, request_facts const& f, reporter& rep) {
    if (!f.explained_classes || r.prediction_explanations.empty()) return;
    auto labels = label_counts(r, std::numeric_limits<std::int64_t>::max() - 1);
    std::int64_t want = *f.explained_classes;
    if (!r.prediction_values.empty()) want = std::min<std::int64_t>(want, static_cast<std::int64_t>(r.prediction_values.size()));
    if (static_cast<std::int64_t>(labels.size()) != want)
        rep.report(json_pointer("predictionExplanations"),
                   "the row explains " + std::to_string(labels.size()) + " classes; the request asks for " +
                       std::to_string(want) + (f.classes_source.empty() ? std::string() : " (" + std::string(f.classes_source) + ")"),
                   std::to_string(want) + " classes", std::to_string(labels.size()) + " classes");
    if (!f.class_names) return;
    std::set<std::string, std::less<>> names(f.class_names->begin(), f.class_names->end());
    for (std::size_t j = 0; j < r.prediction_explanations.size(); ++j) {
        scalar const* l = label_of(r.prediction_explanations[j].label);
        std::string name = label_str(l);
        if (names.find(name) == names.end())
            rep.report(json_pointer("predictionExplanations", j, "label"),
                       "class " + json_quoted(name) + " is not among the classes asked for", "one of the requested classes",
                       l ? actual_text(*l) : std::string("absent"));
    }
}

/// response.explanations.threshold: with thresholds, only rows whose explained value (the
/// positive-class probability, or the regression prediction) is below thresholdLow or above
/// thresholdHigh carry explanations. Rows of several classes are not judged (undocumented).
template <class Row>
void rule_explanations_threshold(Row const& r, request_facts const& f, reporter& rep) {
    if ((!f.threshold_low && !f.threshold_high) || !f.thresholds_apply || r.prediction_explanations.empty()) return;
    row_shape shape = shape_of(r, rep.ctx());
    auto v = explained_value(r, shape);
    if (!v) return;
    bool below = f.threshold_low && *v < *f.threshold_low;
    bool above = f.threshold_high && *v > *f.threshold_high;
    if (below || above) return;
    std::string what = shape == row_shape::regression ? "prediction" : "positive-class probability";
    std::string bounds;
    if (f.threshold_low) bounds += "below thresholdLow " + python_number_text(*f.threshold_low);
    if (f.threshold_high)
        bounds += std::string(bounds.empty() ? "" : " or ") + "above thresholdHigh " + python_number_text(*f.threshold_high);
    rep.report(json_pointer("predictionExplanations"),
               "the row carries explanations but its " + what + " " + python_number_text(*v) + " is not " + bounds, bounds,
               python_number_text(*v));
}



/// Repair of response.explanations.order: explanations by falling |strength| (stable).
template <class Row>
void fix_explanation_order(Row& r) {
    std::stable_sort(r.prediction_explanations.begin(), r.prediction_explanations.end(),
                     [](auto const& a, auto const& b) { return std::fabs(a.strength.value()) > std::fabs(b.strength.value()); });
}

/// Repair of response.prediction_values.sum: with two values or more, the values scaled to add
/// up to 1 (equal shares when they add up to 0 or overflow).
template <class Row>
void fix_prediction_values_sum(Row& r) {
    auto& pv = r.prediction_values;
    if (pv.size() < 2) return;
    double total = 0;
    for (auto const& v : pv) total += std::fabs(v.value.value());
    for (auto& v : pv)
        v.value = number(total > 0 && std::isfinite(total) ? std::fabs(v.value.value()) / total
                                                           : 1.0 / static_cast<double>(pv.size()));
}

/// Repair of response.prediction.threshold: a binary row's prediction set to the class its
/// positive-class probability and predictionThreshold call for.
template <class Row>
void fix_prediction_threshold(Row& r) {
    auto t = threshold_of(r.prediction_threshold);
    if (r.prediction_values.size() != 2 || !t) return;
    scalar const* pos = positive_label(r);
    auto p = explained_value(r, row_shape::binary);
    scalar const* neg = nullptr;
    for (auto const& v : r.prediction_values)
        if (pos && !same_label(label_of(v.label), pos)) neg = label_of(v.label);
    if (pos && neg && p) r.prediction = *p >= *t ? *pos : *neg;
}


/// Near miss of response.prediction_values.sum: the first class probability raised by 0.25.
template <class Row, class Sites>
void prediction_values_sum_site(Row& r, Sites& out) {
    if (r.prediction_values.size() < 2) return;
    out.push_back({"response.prediction_values.sum", "/predictionValues", "probabilities add up to 1.25", false,
                   level::consistency, severity::error, [&r] {
                       r.prediction_values[0].value = number(r.prediction_values[0].value.value() + 0.25);
                       return true;
                   }});
}

/// Near miss of response.qualitative.sign for an explanation `e` at `pointer` (the pointer of
/// its qualitativeStrength): a non-zero strength with its sign turned.
template <class Explanation, class Sites>
void qualitative_sign_site(Explanation& e, std::string pointer, Sites& out) {
    out.push_back({"response.qualitative.sign", std::move(pointer), "strength of the opposite sign", false,
                   level::consistency, severity::error, [&e] {
                       double s = e.strength.value();
                       if (s == 0 || std::isnan(s)) return false;
                       if (e.strength.is_integer()) {
                           if (e.strength.as_integer() == INT64_MIN) return false;
                           e.strength = number(-e.strength.as_integer());
                       } else {
                           e.strength = number(-s);
                       }
                       return true;
                   }});
}

// ---- the row rules, declared once -------------------------------------------------------
//
// A row type of either family declares, next to it, where its request facts come from:
//     std::optional<request_facts> drx_request_facts(Row const*, reporter const&);
//     constexpr auto drx_request_types(Row const*);  // rules::request_of<R...>(names)

template <class Row>
void rule_count_of(Row const& r, reporter& rep) {
    if (auto f = drx_request_facts(static_cast<Row const*>(nullptr), rep)) rule_explanations_count(r, *f, rep);
}
template <class Row>
void rule_threshold_of(Row const& r, reporter& rep) {
    if (auto f = drx_request_facts(static_cast<Row const*>(nullptr), rep)) rule_explanations_threshold(r, *f, rep);
}
template <class Row>
void rule_classes_of(Row const& r, reporter& rep) {
    if (auto f = drx_request_facts(static_cast<Row const*>(nullptr), rep)) rule_explained_classes(r, *f, rep);
}
template <class Row>
void repair_order(Row& r, entropy&, context const*) {
    fix_explanation_order(r);
}
template <class Row>
void repair_values_sum(Row& r, entropy&, context const*) {
    fix_prediction_values_sum(r);
}
template <class Row>
void values_sum_near_misses(Row& r, entropy&, context const*, std::vector<mutation_site>& out) {
    prediction_values_sum_site(r, out);
}
template <class Row>
void repair_threshold(Row& r, entropy&, context const*) {
    fix_prediction_threshold(r);
}

/// The consistency rules of a response row, for both families: the
/// probabilities, the decision threshold, the order of explanations, and (against the request
/// the context holds) their count, the explained classes and the threshold selection.
template <class Row>
auto row_rules() {
    using namespace drx::rules;
    constexpr auto c = drx::level::consistency;
    constexpr request_types req = drx_request_types(static_cast<Row const*>(nullptr));
    return std::tuple{
        custom<Row>{{"response.prediction_values.sum", severity::error, c},
                    "class probabilities add up to 1 (within 1e-6)", &rule_prediction_values_sum<Row>, needs::nothing,
                    {}, &repair_values_sum<Row>, &values_sum_near_misses<Row>},
        custom<Row>{{"response.prediction.threshold", severity::error, c},
                    "a binary prediction is the positive class exactly when its probability reaches "
                    "predictionThreshold",
                    &rule_prediction_threshold<Row>, needs::nothing, {}, &repair_threshold<Row>},
        custom<Row>{{"response.explanations.order", severity::warning, c},
                    "explanations come by falling |strength| (within each explained class)",
                    &rule_explanations_order<Row>, needs::nothing, {}, &repair_order<Row>},
        custom<Row>{{"response.explanations.count", severity::error, c},
                    "no row has more explanations (per explained class) than maxExplanations asked for",
                    &rule_count_of<Row>, needs::request, req},
        custom<Row>{{"response.explained_classes", severity::error, c},
                    "rows with explanations explain the requested number of classes (numTopClasses or "
                    "len(classNames); one without a mode)",
                    &rule_classes_of<Row>, needs::request, req},
        custom<Row>{{"response.explanations.threshold", severity::error, c},
                    "with thresholds, only rows whose prediction or positive-class probability is below "
                    "thresholdLow or above thresholdHigh carry explanations",
                    &rule_threshold_of<Row>, needs::request, req},
    };
}

/// response.row_id on member Data (the rows): rowIds are non-negative, unique and ascending.
template <auto Data>
constexpr auto row_id_rule() {
    using Row = typename std::remove_cvref_t<decltype(std::declval<member_class_t<Data>&>().*Data)>::value_type;
    return rules::member<Data>("response.row_id", rules::ascending_by<&Row::row_id>{0}).at(level::consistency);
}

}  // namespace drx::detail::response_rows
