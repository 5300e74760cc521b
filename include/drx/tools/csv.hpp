// SPDX-License-Identifier: BSL-1.0
// drx: prediction explanations as CSV, exactly as the Python client's download_to_csv writes
// them (seed 002; docs/reference/csv.md).
//
//     drx::result<std::string> csv = drx::write_explanations_csv(page, record);
//
// The client builds a pandas DataFrame (get_all_as_dataframe) and writes it with
// `DataFrame.to_csv(filename, header=True, index=False, encoding=...)`. drx reproduces both
// steps:
//
// Columns (decided from the FIRST row and the record, docs/reference/csv.md (Columns)): row_id,
// prediction; adjusted_prediction when the first row has one; class_{i}_label /
// class_{i}_probability for each prediction value of the first row when it has more than one; then,
// per explained class k (multiclass and clustering: `explained_class_{k}_` prefix, k <
// numTopClasses or len(classNames)) and slot i < maxExplanations, explanation_{i}_feature,
// _feature_value, _label, _qualitative_strength, _strength, and _per_ngram_text_explanations when
// the first row's first explanation carries the perNgramTextExplanations key (even as null).
//
// Rows (docs/reference/csv.md (Rows)): prediction values sorted by label with Python's ordering
// (strings by code point, numbers numerically); explanations in server order, grouped for
// multiclass and clustering into runs of equal label (Python equality), each run one explained
// class, a short run padded before the next one starts; empty cells at the end.
//
// Cells (docs/reference/csv.md (Cells, download_to_csv), pandas 1.5 semantics): every column's type
// is inferred as pandas does (all ints: int64; ints or floats with gaps: float64, so 57000 prints
// as 57000.0; any string: object, written with str(); only booleans: bool); floats print as
// Python's repr (numpy's shortest form: 0.30000000000000004, 1e-07, 1e+16, -0.0, inf); missing
// values are empty; the text-explanation cell is json.dumps(..., ensure_ascii=False) of the
// client's converted dicts (snake_case keys in the client's order: ngrams [{ending_index,
// starting_index}], is_unknown, qualitative_strength, strength); csv.QUOTE_MINIMAL (a field holding
// ',', '"' or a newline is quoted, '"' doubled; a lone '\r' is not quoted); lines end with "\n";
// UTF-8 without BOM.
//
// Differences from the client, by design (all documented on explanations_csv_options):
//  - Text columns with multiclass or clustering: the client pads a short class with 5 empty
//    cells per missing explanation although each takes 6, shifting every later class one
//    column to the left per missing explanation (docs/reference/csv.md (Rows), the client's
//    quirks).
//    drx writes the aligned layout (6 per missing explanation) unless
//    `client_text_padding` asks for the client's shifted one.
//  - Where the client fails (no rows: StopIteration; a later row with more prediction values
//    than the first: pandas' "N columns passed, passed data had M columns"; a missing label:
//    KeyError; string and numeric labels mixed: TypeError), drx returns diagnostics instead.
//  - A row with more explanations than the slots (per class), or more explained classes than
//    the columns hold, is refused (response.explanations.count, response.explained_classes);
//    the client either fails or, for multiclass, silently misaligns such a row.
//  - Deployment responses (seed 003) are not exported by the client; drx lays their rows out
//    the same way (they never have text columns; SHAP's null qualitativeStrength is empty).
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/json/basic_parser_impl.hpp>

#include <drx/api/deployment.hpp>
#include <drx/api/prediction_explanations.hpp>
#include <drx/check.hpp>
#include <drx/diagnostic.hpp>
#include <drx/read.hpp>
#include <drx/rules.hpp>
#include <drx/scalar.hpp>
#include <drx/write.hpp>

namespace drx {

/// Options of write_explanations_csv().
struct explanations_csv_options {
    /// Explanation slots per explained class. The client uses the record's maxExplanations;
    /// when absent, drx uses the largest count in the rows (per explained class).
    std::optional<std::int64_t> max_explanations;
    /// The number of explained classes of a multiclass or clustering record (numTopClasses or
    /// len(classNames), seed 002's get_number_of_explained_classes()). Absent or 0: the
    /// record has no mode and the columns carry no `explained_class_{k}_` prefix.
    std::optional<std::int64_t> explained_classes;
    /// Reproduce the client's shifted layout for text columns with multiclass or clustering
    /// (5 empty cells per missing explanation instead of 6). Off by default: drx aligns.
    bool client_text_padding = false;

    /// The options the client derives from a record: its maxExplanations and, when the record
    /// has a mode, its number of explained classes.
    static explanations_csv_options from_record(prediction_explanations_record const& r) {
        explanations_csv_options o;
        o.max_explanations = r.max_explanations;
        if (is_unsupervised_clustering_or_multiclass(r)) o.explained_classes = get_number_of_explained_classes(r);
        return o;
    }
};

/// The most columns write_explanations_csv() builds (explained classes x slots x 6 at most);
/// more is refused with csv.options.
inline constexpr std::int64_t csv_max_columns = 1'000'000;

/// The most cells (rows x columns, the header not counted) write_explanations_csv() builds;
/// more is refused with csv.options before any output is built. The CSV is returned as one
/// string and every cell takes at least its separator, so this bounds the output from below
/// at 50 MB and, at the 10 to 20 bytes of a typical cell, puts it around 0.5 to 1 GB. Real
/// pages are far below it: a row with 10 explanations takes over 1 KB of JSON, so a page of
/// the largest input (read_options::max_input_size, 64 MB) holds at most some 60,000 such
/// rows of about 56 columns, under 3.5 million cells; it is the slot options (maxExplanations,
/// explained classes) that multiply a small page into a huge table (--max-explanations 166666
/// made some 640 MB of CSV of a 280 KB page of 740 rows). Rows collected from many pages
/// (collect_rows(), drx/api/prediction_explanations_ops.hpp) reach the limit past about
/// 900,000 rows of 56 columns: export them in parts.
inline constexpr std::int64_t csv_max_cells = 50'000'000;

/// Rule ids of the CSV export's own diagnostics (beyond the response.* ids it reuses).
namespace csv_rule {
/// The page has no rows (the client fails with StopIteration).
inline constexpr std::string_view no_rows = "csv.no_rows";
/// A label is missing (KeyError in the client) or labels mix strings and numbers (TypeError).
inline constexpr std::string_view label = "csv.label";
/// A row has more cells than the columns (pandas: "N columns passed, passed data had M columns").
inline constexpr std::string_view columns = "csv.columns";
/// A negative max_explanations or explained_classes option, or more than csv_max_columns columns
/// or csv_max_cells cells.
inline constexpr std::string_view options = "csv.options";
}  // namespace csv_rule

namespace detail {

// ---- the client's converted text-explanation dicts (docs/reference/csv.md (Cells)): snake_case
// keys in the order of the client's converter ----

struct csv_ngram {
    std::int64_t ending_index = 0;
    std::int64_t starting_index = 0;
};
BOOST_DESCRIBE_STRUCT(csv_ngram, (), (ending_index, starting_index))
constexpr auto drx_wire_names(csv_ngram const*) {
    return std::array{rename{"ending_index", "ending_index"}, rename{"starting_index", "starting_index"}};
}

struct csv_text_item {
    std::vector<csv_ngram> ngrams;
    bool is_unknown = false;
    std::string qualitative_strength;
    number strength;
};
BOOST_DESCRIBE_STRUCT(csv_text_item, (), (ngrams, is_unknown, qualitative_strength, strength))
constexpr auto drx_wire_names(csv_text_item const*) {
    return std::array{rename{"is_unknown", "is_unknown"}, rename{"qualitative_strength", "qualitative_strength"}};
}

/// json.dumps(value, ensure_ascii=False) of a text-explanation list (null: "null").
inline std::string csv_text_cell(std::optional<nullable<std::vector<ngram_text_explanation>>> const& v) {
    nullable<std::vector<csv_text_item>> items;
    if (v && v->has_value()) {
        auto& out = items.emplace();
        for (auto const& it : **v) {
            csv_text_item c;
            for (auto const& g : it.ngrams) c.ngrams.push_back({g.ending_index, g.starting_index});
            c.is_unknown = it.is_unknown;
            c.qualitative_strength = it.qualitative_strength;
            c.strength = it.strength;
            out.push_back(std::move(c));
        }
    }
    write_options o = write_options::python();
    o.ensure_ascii = false;
    o.allow_nan = true;  // json.dumps' default
    std::string s;
    write_to(s, items, o);
    return s;
}

inline scalar csv_scalar(number const& n) { return n.is_integer() ? scalar(n.as_integer()) : scalar(n.value()); }

/// One explanation as the export sees it.
struct csv_explanation {
    scalar feature;
    scalar feature_value;
    std::optional<scalar> label;  // absent: missing or null on the wire
    scalar qualitative_strength;
    scalar strength;
    bool has_text_key = false;
    std::string text;
};

/// One row as the export sees it (the client's PredictionExplanationsRow after conversion).
struct csv_row {
    scalar row_id;
    scalar prediction;
    scalar adjusted_prediction;  // null when absent
    std::vector<std::pair<std::optional<scalar>, scalar>> values;
    std::vector<csv_explanation> explanations;
    std::string pointer;
};

inline std::optional<scalar> csv_label(std::optional<scalar> const& l) {
    if (!l || l->is_null()) return std::nullopt;  // the client drops null keys
    return *l;
}

inline csv_row csv_row_of(prediction_explanations_row const& r, std::string pointer) {
    csv_row out;
    out.row_id = scalar(r.row_id);
    out.prediction = r.prediction;
    if (r.adjusted_prediction) out.adjusted_prediction = *r.adjusted_prediction;
    for (auto const& v : r.prediction_values) out.values.emplace_back(csv_label(v.label), csv_scalar(v.value));
    for (auto const& e : r.prediction_explanations) {
        csv_explanation c;
        c.feature = scalar(e.feature);
        c.feature_value = e.feature_value;
        c.label = csv_label(e.label);
        c.qualitative_strength = scalar(e.qualitative_strength);
        c.strength = csv_scalar(e.strength);
        c.has_text_key = e.per_ngram_text_explanations.has_value();
        c.text = csv_text_cell(e.per_ngram_text_explanations);
        out.explanations.push_back(std::move(c));
    }
    out.pointer = std::move(pointer);
    return out;
}

template <class Row>
csv_row csv_row_of_deployment(Row const& r, std::string pointer) {
    csv_row out;
    out.row_id = scalar(r.row_id);
    out.prediction = r.prediction;
    for (auto const& v : r.prediction_values)
        out.values.emplace_back(csv_label(std::optional<scalar>(v.label)), csv_scalar(v.value));
    for (auto const& e : r.prediction_explanations) {
        csv_explanation c;
        c.feature = scalar(e.feature);
        c.feature_value = e.feature_value;
        c.label = csv_label(std::optional<scalar>(e.label));
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(e.qualitative_strength)>, std::string>)
            c.qualitative_strength = scalar(e.qualitative_strength);
        else if (e.qualitative_strength.has_value())
            c.qualitative_strength = scalar(*e.qualitative_strength);
        c.strength = csv_scalar(e.strength);
        c.text = "null";
        out.explanations.push_back(std::move(c));
    }
    out.pointer = std::move(pointer);
    return out;
}

/// Python's sort key comparison of two labels; both are present and of one family.
inline bool csv_label_less(scalar const& a, scalar const& b) {
    if (a.is_string()) return a.as_string() < b.as_string();  // code point order = UTF-8 byte order
    return pe_compare_numbers(a, b) == -1;
}

/// A column's dtype as pandas infers it from Python objects (lib.maybe_convert_objects).
enum class csv_dtype { int64, float64, boolean, object };

/// What a column holds, gathered cell by cell.
struct csv_column_kinds {
    bool str = false, null = false, nan = false, boolean = false, integer = false, floating = false;

    void add(scalar const& v) {
        if (v.is_null())
            null = true;
        else if (v.is_string())
            str = true;
        else if (v.is_bool())
            boolean = true;
        else if (v.is_integer())
            integer = true;
        else if (std::isnan(v.as_float()))
            nan = true;
        else
            floating = true;
    }

    /// pandas 1.5's choice: any string makes an object column; booleans stay bool only alone;
    /// gaps (None) or NaN turn numbers into float64; only None is an object column.
    csv_dtype dtype() const {
        if (str) return csv_dtype::object;
        if (boolean) return (null || nan || integer || floating) ? csv_dtype::object : csv_dtype::boolean;
        if (null || nan) return (integer || floating || nan) ? csv_dtype::float64 : csv_dtype::object;
        if (floating) return csv_dtype::float64;
        return csv_dtype::int64;
    }
};

/// The dtype of column `col` of a table (rows of cells).
inline csv_dtype csv_infer(std::vector<std::vector<scalar>> const& table, std::size_t col) {
    csv_column_kinds k;
    for (auto const& row : table) k.add(row[col]);
    return k.dtype();
}

/// str() of a Python float, as Python and numpy print it (NaN is never printed: it is empty).
inline void csv_float(std::string& out, double d) {
    if (std::isinf(d)) {
        out += d < 0 ? "-inf" : "inf";
        return;
    }
    append_float_repr(out, d);
}

/// Appends one field with csv.QUOTE_MINIMAL (delimiter ',', quotechar '"', lineterminator "\n").
inline void csv_field(std::string& out, std::string_view f) {
    if (f.find_first_of(",\"\n") == std::string_view::npos) {
        out += f;
        return;
    }
    out += '"';
    for (char c : f) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

/// Appends a cell's text for a column of dtype t (pandas to_csv with na_rep=""); a string is
/// quoted as csv_field() does when `quoted` (numbers and booleans never need it).
inline void append_csv_cell(std::string& out, scalar const& v, csv_dtype t, bool quoted) {
    if (v.is_null()) return;
    if (v.is_string()) {
        if (quoted)
            csv_field(out, v.as_string());
        else
            out += v.as_string();
        return;
    }
    if (v.is_bool()) {
        out += v.as_bool() ? "True" : "False";
        return;
    }
    if (v.is_integer()) {
        if (t == csv_dtype::float64) {
            csv_float(out, static_cast<double>(v.as_integer()));
        } else {
            char buf[24];
            auto r = std::to_chars(buf, buf + sizeof buf, v.as_integer());
            out.append(buf, r.ptr);
        }
        return;
    }
    double d = v.as_float();
    if (std::isnan(d)) return;
    csv_float(out, d);
}

/// A cell's text for a column of dtype t (pandas to_csv with na_rep=""), unquoted.
inline std::string csv_cell(scalar const& v, csv_dtype t) {
    std::string s;
    append_csv_cell(s, v, t, false);
    return s;
}

inline result<std::string> csv_write(std::vector<csv_row> const& rows, explanations_csv_options const& opt,
                                     std::string const& rows_pointer) {
    std::vector<diagnostic> diags;
    auto fail = [&](std::string ptr, std::string_view rule, std::string msg, std::optional<std::string> exp = {},
                    std::optional<std::string> act = {}) {
        diags.push_back({std::move(ptr), std::string(rule), severity::error, std::move(msg), std::move(exp), std::move(act)});
    };
    if (opt.max_explanations && *opt.max_explanations < 0)
        fail("", csv_rule::options, "max_explanations is negative: " + std::to_string(*opt.max_explanations),
             "an integer >= 0", std::to_string(*opt.max_explanations));
    if (opt.explained_classes && *opt.explained_classes < 0)
        fail("", csv_rule::options, "explained_classes is negative: " + std::to_string(*opt.explained_classes),
             "an integer >= 0", std::to_string(*opt.explained_classes));
    if (rows.empty())
        fail(rows_pointer, csv_rule::no_rows,
             "there are no rows: the client's export fails (StopIteration on its first-row probe)");
    if (!diags.empty()) return {std::nullopt, std::move(diags)};

    bool const multiclass = opt.explained_classes && *opt.explained_classes > 0;
    std::int64_t const classes = multiclass ? *opt.explained_classes : 1;

    // Runs of equal labels (Python equality) of a row's explanations.
    auto same_run_label = [](csv_explanation const& a, csv_explanation const& b) {
        if (!a.label || !b.label) return !a.label && !b.label;
        return pe_python_equal(*a.label, *b.label);
    };

    std::int64_t max_expl = 0;
    if (opt.max_explanations) {
        max_expl = *opt.max_explanations;
    } else {
        for (auto const& r : rows) {
            std::int64_t run = 0;
            for (std::size_t j = 0; j < r.explanations.size(); ++j) {
                run = (multiclass && j > 0 && !same_run_label(r.explanations[j], r.explanations[j - 1])) ? 1 : run + 1;
                max_expl = std::max(max_expl, run);
            }
        }
    }

    csv_row const& first = rows.front();
    // Guard against absurd options (the client would try to build the columns anyway).
    if (static_cast<double>(classes) * static_cast<double>(max_expl) * 6.0 > static_cast<double>(csv_max_columns))
        return {std::nullopt,
                {{"", std::string(csv_rule::options), severity::error,
                  "explained_classes x max_explanations makes more than " + std::to_string(csv_max_columns) +
                      " columns",
                  "at most " + std::to_string(csv_max_columns) + " columns",
                  std::to_string(classes) + " x " + std::to_string(max_expl)}}};
    bool const adjusted = !first.adjusted_prediction.is_null();
    bool const classification = first.values.size() > 1;
    bool const text = !first.explanations.empty() && first.explanations.front().has_text_key;
    std::size_t const width = text ? 6 : 5;
    std::size_t const pad_width = opt.client_text_padding ? 5 : width;

    // The table's size, known before anything is built: the columns are at most
    // csv_max_columns plus the first row's prediction value columns (its cells, read already).
    std::size_t const column_count = 2 + (adjusted ? 1 : 0) + (classification ? 2 * first.values.size() : 0) +
                                     static_cast<std::size_t>(classes) * static_cast<std::size_t>(max_expl) * width;
    if (rows.size() > static_cast<std::size_t>(csv_max_cells) / column_count)  // rows x columns > the limit
        return {std::nullopt,
                {{"", std::string(csv_rule::options), severity::error,
                  std::to_string(rows.size()) + " rows x " + std::to_string(column_count) +
                      " columns makes more than " + std::to_string(csv_max_cells) +
                      " cells (explained_classes x max_explanations: " +
                      std::to_string(classes) + " x " + std::to_string(max_expl) + ")",
                  "at most " + std::to_string(csv_max_cells) + " cells",
                  std::to_string(rows.size()) + " x " + std::to_string(column_count)}}};

    std::vector<std::string> columns{"row_id", "prediction"};
    if (adjusted) columns.emplace_back("adjusted_prediction");
    if (classification)
        for (std::size_t i = 0; i < first.values.size(); ++i) {
            columns.push_back("class_" + std::to_string(i) + "_label");
            columns.push_back("class_" + std::to_string(i) + "_probability");
        }
    static constexpr std::string_view fields[] = {"feature",  "feature_value", "label", "qualitative_strength",
                                                  "strength", "per_ngram_text_explanations"};
    for (std::int64_t k = 0; k < classes; ++k)
        for (std::int64_t i = 0; i < max_expl; ++i)
            for (std::size_t f = 0; f < width; ++f) {
                std::string c = multiclass ? "explained_class_" + std::to_string(k) + "_" : std::string();
                c += "explanation_" + std::to_string(i) + "_" + std::string(fields[f]);
                columns.push_back(std::move(c));
            }

    // Builds one row's cells as the client does; reports (first pass only) and returns false
    // where the client fails or drx refuses. The table is built twice (kinds, then text) so
    // that memory stays that of one row.
    // Cells are pointers into the rows (no copies); the few made here live in `made`, whose
    // elements never move (a deque), until the next row.
    scalar const none;
    std::deque<scalar> made;
    auto build = [&](csv_row const& r, std::vector<scalar const*>& data, bool report) {
        auto refuse = [&](std::string ptr, std::string_view rule, std::string msg, std::optional<std::string> exp = {},
                          std::optional<std::string> act = {}) {
            if (report) fail(std::move(ptr), rule, std::move(msg), std::move(exp), std::move(act));
            return false;
        };
        data.clear();
        made.clear();
        data.push_back(&r.row_id);
        data.push_back(&r.prediction);
        if (adjusted) data.push_back(&r.adjusted_prediction);
        if (classification) {
            bool strings = false, numbers = false, missing = false;
            for (std::size_t j = 0; j < r.values.size(); ++j) {
                auto const& l = r.values[j].first;
                if (!l) {
                    refuse(r.pointer + json_pointer("predictionValues", j, "label"), csv_rule::label,
                           "a prediction value has no label: the client's sort fails (KeyError: 'label')");
                    missing = true;
                } else if (l->is_string()) {
                    strings = true;
                } else {
                    numbers = true;
                }
            }
            if (missing) return false;
            if (strings && numbers)
                return refuse(r.pointer + "/predictionValues", csv_rule::label,
                              "prediction value labels mix strings and numbers: the client's sort fails (TypeError: "
                              "'<' not supported between instances of 'str' and a number)");
            using value_pair = std::pair<std::optional<scalar>, scalar>;
            std::vector<value_pair const*> sorted;
            sorted.reserve(r.values.size());
            for (auto const& v : r.values) sorted.push_back(&v);
            std::stable_sort(sorted.begin(), sorted.end(),
                             [](value_pair const* a, value_pair const* b) { return csv_label_less(*a->first, *b->first); });
            for (value_pair const* p : sorted) {
                data.push_back(&*p->first);
                data.push_back(&p->second);
            }
        }
        std::int64_t run = 0, run_index = 0;
        for (std::size_t j = 0; j < r.explanations.size(); ++j) {
            auto const& e = r.explanations[j];
            auto ptr = [&] { return r.pointer + json_pointer("predictionExplanations", j); };  // when refused
            if (!e.label)
                return refuse(ptr() + "/label", csv_rule::label,
                              "an explanation has no label: the client fails (KeyError: 'label')");
            if (multiclass && j > 0 && !same_run_label(e, r.explanations[j - 1])) {
                data.insert(data.end(), static_cast<std::size_t>(max_expl - run) * pad_width, &none);
                run = 0;
                ++run_index;
                if (run_index >= classes)
                    return refuse(ptr() + "/label", "response.explained_classes",
                                  "the row explains more than " + std::to_string(classes) +
                                      " classes (runs of equal labels); the CSV has columns for " +
                                      std::to_string(classes),
                                  std::to_string(classes) + " classes", std::to_string(run_index + 1) + " or more");
            }
            if (run >= max_expl)
                return refuse(ptr(), "response.explanations.count",
                              "the row has more than " + std::to_string(max_expl) + " explanations" +
                                  (multiclass ? " for class " + pe_python_str(*e.label) : std::string()) +
                                  "; the CSV has " + std::to_string(max_expl) + " slots" +
                                  (multiclass ? " per class" : ""),
                              "at most " + std::to_string(max_expl), std::to_string(run + 1) + " or more");
            ++run;
            data.push_back(&e.feature);
            data.push_back(&e.feature_value);
            data.push_back(&*e.label);
            data.push_back(&e.qualitative_strength);
            data.push_back(&e.strength);
            if (text) data.push_back(&made.emplace_back(e.text));
        }
        return true;
    };

    std::vector<csv_column_kinds> kinds(columns.size());
    std::size_t widest = columns.size();
    std::string widest_pointer;
    std::vector<scalar const*> data;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!build(rows[i], data, true)) continue;
        if (data.size() > widest) {
            if (widest == columns.size()) widest_pointer = rows[i].pointer;
            widest = data.size();
            continue;
        }
        for (std::size_t c = 0; c < columns.size(); ++c) kinds[c].add(c < data.size() ? *data[c] : none);
    }
    if (widest > columns.size())
        fail(widest_pointer + "/predictionValues", csv_rule::columns,
             std::to_string(columns.size()) + " columns passed, passed data had " + std::to_string(widest) +
                 " columns (a row has more prediction values than the first row)",
             std::to_string(columns.size()) + " cells", std::to_string(widest) + " cells");
    if (!diags.empty()) return {std::nullopt, std::move(diags)};

    std::vector<csv_dtype> types(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) types[c] = kinds[c].dtype();

    std::string out;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (c) out += ',';
        csv_field(out, columns[c]);
    }
    out += '\n';
    for (std::size_t i = 0; i < rows.size(); ++i) {
        build(rows[i], data, false);
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (c) out += ',';
            append_csv_cell(out, c < data.size() ? *data[c] : none, types[c], true);
        }
        out += '\n';
    }
    return {std::move(out), {}};
}

}  // namespace detail

/// The CSV of rows (for example every row of every page, see collect_rows() in
/// drx/api/prediction_explanations_ops.hpp), as the client's download_to_csv writes it for a
/// record with `opt`'s maxExplanations and mode.
/// Diagnostic pointers are "/{index}/..." into `rows`.
inline result<std::string> write_explanations_csv(std::vector<prediction_explanations_row> const& rows,
                                                  explanations_csv_options const& opt = {}) {
    std::vector<detail::csv_row> rs;
    for (std::size_t i = 0; i < rows.size(); ++i) rs.push_back(detail::csv_row_of(rows[i], json_pointer(i)));
    return detail::csv_write(rs, opt, "");
}

/// The CSV of a page's rows; diagnostic pointers are "/data/{index}/...".
inline result<std::string> write_explanations_csv(prediction_explanations_page const& page,
                                                  explanations_csv_options const& opt = {}) {
    std::vector<detail::csv_row> rs;
    for (std::size_t i = 0; i < page.data.size(); ++i)
        rs.push_back(detail::csv_row_of(page.data[i], json_pointer("data", i)));
    return detail::csv_write(rs, opt, "/data");
}

/// The CSV of a page, with maxExplanations and the mode taken from its record, as the client
/// does. `client_text_padding`: see explanations_csv_options.
inline result<std::string> write_explanations_csv(prediction_explanations_page const& page,
                                                  prediction_explanations_record const& record,
                                                  bool client_text_padding = false) {
    auto opt = explanations_csv_options::from_record(record);
    opt.client_text_padding = client_text_padding;
    return write_explanations_csv(page, opt);
}

/// The CSV of a deployment's XEMP response (seed 003), laid out as the client lays out rows.
inline result<std::string> write_explanations_csv(deployment_xemp_response const& response,
                                                  explanations_csv_options const& opt = {}) {
    std::vector<detail::csv_row> rs;
    for (std::size_t i = 0; i < response.data.size(); ++i)
        rs.push_back(detail::csv_row_of_deployment(response.data[i], json_pointer("data", i)));
    return detail::csv_write(rs, opt, "/data");
}

/// The CSV of a deployment's SHAP response (seed 003); qualitativeStrength (null) is empty.
inline result<std::string> write_explanations_csv(deployment_shap_response const& response,
                                                  explanations_csv_options const& opt = {}) {
    std::vector<detail::csv_row> rs;
    for (std::size_t i = 0; i < response.data.size(); ++i)
        rs.push_back(detail::csv_row_of_deployment(response.data[i], json_pointer("data", i)));
    return detail::csv_write(rs, opt, "/data");
}

/// The kinds of document write_explanations_csv_from_json() reads.
enum class explanations_document { page, deployment_xemp, deployment_shap };

namespace detail {

/// The basic_parser handler of explanations_document_of(): it builds nothing, tracks the depth
/// and notes only (i) whether the top-level value is an object whose keys are all "data" and
/// (ii) whether an element object of the "data" array has the key shapExplanationsMetadata
/// itself. Its state is a few words whatever the input (Boost's parser needs O(depth) more).
/// It stops the parse (ec set, false returned) as soon as the answer is "page".
struct explanations_kind_handler : unlimited_parser_sizes {

    static constexpr std::string_view data_key = "data";
    static constexpr std::string_view shap_key = "shapExplanationsMetadata";

    std::size_t max_depth;
    std::size_t depth = 0;
    bool top_object = false;  // the top-level value is an object
    bool data_keys = false;   // it has a key, and every key so far is "data"
    bool in_data = false;     // the current top-level value is that of a "data" key
    bool rows = false;        // the open container at depth 2 is the "data" array
    bool shap = false;        // a row of the (last) "data" array has shapExplanationsMetadata
    // The key being read, when it is no longer than shap_key (longer keys match nothing).
    char key[shap_key.size()] = {};
    std::size_t key_size = 0;

    explicit explanations_kind_handler(std::size_t depth_limit) : max_depth(depth_limit) {}

    static bool stop(boost::json::error_code& ec) {
        ec = boost::json::error::exception;
        return false;
    }
    bool begin(boost::json::error_code& ec) {
        if (++depth > max_depth) {  // the reader's own limit (it reports it, with a pointer)
            ec = boost::json::error::too_deep;
            return false;
        }
        return true;
    }
    bool scalar_value(boost::json::error_code& ec) { return depth == 0 ? stop(ec) : true; }  // a scalar document

    bool on_document_begin(boost::json::error_code&) { return true; }
    bool on_document_end(boost::json::error_code&) { return true; }
    bool on_object_begin(boost::json::error_code& ec) {
        if (!begin(ec)) return false;
        if (depth == 1) top_object = true;
        return true;
    }
    bool on_object_end(std::size_t, boost::json::error_code& ec) {
        if (depth == 1 && !data_keys) return stop(ec);  // {}: a page
        --depth;
        return true;
    }
    bool on_array_begin(boost::json::error_code& ec) {
        if (!begin(ec)) return false;
        if (depth == 1) return stop(ec);  // a top-level array: a page
        if (depth == 2 && in_data) rows = true;
        return true;
    }
    bool on_array_end(std::size_t, boost::json::error_code&) {
        if (depth == 2) rows = false;
        --depth;
        return true;
    }
    void key_part(boost::json::string_view s, std::size_t n) {
        // n: the key's size so far, s included
        if (n <= sizeof key) std::copy(s.data(), s.data() + s.size(), key + (n - s.size()));
        key_size = n;
    }
    bool on_key_part(boost::json::string_view s, std::size_t n, boost::json::error_code&) {
        key_part(s, n);
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t n, boost::json::error_code& ec) {
        key_part(s, n);
        std::string_view k = key_size <= sizeof key ? std::string_view(key, key_size) : std::string_view();
        key_size = 0;
        if (depth == 1) {
            if (k != data_key) return stop(ec);  // another top-level key: a page
            data_keys = in_data = true;
            shap = false;  // a repeated "data": the last one counts, as in a DOM
        } else if (depth == 3 && rows && k == shap_key) {
            shap = true;  // a key of an element object of the "data" array
        }
        return true;
    }
    bool on_string_part(boost::json::string_view, std::size_t, boost::json::error_code&) { return true; }
    bool on_string(boost::json::string_view, std::size_t, boost::json::error_code& ec) { return scalar_value(ec); }
    bool on_number_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_int64(std::int64_t, boost::json::string_view, boost::json::error_code& ec) { return scalar_value(ec); }
    bool on_uint64(std::uint64_t, boost::json::string_view, boost::json::error_code& ec) { return scalar_value(ec); }
    bool on_double(double, boost::json::string_view, boost::json::error_code& ec) { return scalar_value(ec); }
    bool on_bool(bool, boost::json::error_code& ec) { return scalar_value(ec); }
    bool on_null(boost::json::error_code& ec) { return scalar_value(ec); }
    bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }
};

}  // namespace detail

/// The kind of a JSON document: a deployment response is an object whose only key is "data"
/// (SHAP when an element object of its "data" array has the key shapExplanationsMetadata, XEMP
/// otherwise); anything else is read as a prediction explanations page, and so is a document
/// that is not valid JSON or is beyond `ro`'s limits (max_input_size, max_depth: the reader's
/// limits, so that a document the reader accepts is never misread), for the page reader to
/// report. The text is scanned with Boost's event parser: no DOM is built, memory is O(depth).
inline explanations_document explanations_document_of(std::string_view text, read_options const& ro = {}) {
    if (text.size() > ro.max_input_size) return explanations_document::page;
    boost::json::parse_options po;  // as drx's reader: strict JSON, Boost's limit above the reader's
    po.max_depth = ro.max_depth > static_cast<std::size_t>(-1) - 2 ? ro.max_depth : ro.max_depth + 2;
    boost::json::basic_parser<detail::explanations_kind_handler> p(po, ro.max_depth);
    boost::json::error_code ec;
    std::size_t n = p.write_some(false, text.data(), text.size(), ec);
    if (ec || text.find_first_not_of(" \t\r\n", n) != std::string_view::npos) return explanations_document::page;
    auto const& h = p.handler();
    if (!h.top_object || !h.data_keys) return explanations_document::page;
    return h.shap ? explanations_document::deployment_shap : explanations_document::deployment_xemp;
}

/// Reads a page or a deployment response from JSON text (explanations_document_of() decides
/// which, within vo.read's limits), checks it up to the rules level (a page's record location
/// must be a URL, as the client requires), and writes its CSV. The diagnostics of reading,
/// checking (warnings too) and exporting are all returned; the CSV only when there is no error.
inline result<std::string> write_explanations_csv_from_json(std::string_view text,
                                                            explanations_csv_options const& opt = {},
                                                            validate_options vo = {}) {
    if (vo.check.level == level::consistency) vo.check.level = level::rules;
    auto run = [&](auto const& r) -> result<std::string> {
        std::vector<diagnostic> ds = r.diagnostics();
        if (!r.ok()) return {std::nullopt, std::move(ds)};
        auto csv = write_explanations_csv(r.value(), opt);
        for (auto const& d : csv.diagnostics()) ds.push_back(d);
        if (!csv.ok()) return {std::nullopt, std::move(ds)};
        return {std::move(csv).value(), std::move(ds)};
    };
    switch (explanations_document_of(text, vo.read)) {
        case explanations_document::deployment_shap: return run(validate<deployment_shap_response>(text, vo));
        case explanations_document::deployment_xemp: return run(validate<deployment_xemp_response>(text, vo));
        case explanations_document::page: break;
    }
    return run(validate<prediction_explanations_page>(text, vo));
}

}  // namespace drx
