// SPDX-License-Identifier: BSL-1.0
// drx: reading deployment-predictions-headers (and any described struct) from a JSON object
// whose names match ignoring ASCII case, as HTTP header names do. Kept
// apart from drx/api/deployment_request.hpp so that declaring and checking the deployment
// objects needs no JSON parser.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <drx/api/deployment_request.hpp>
#include <drx/json_value.hpp>
#include <drx/object_map.hpp>
#include <drx/read.hpp>
#include <drx/write.hpp>

namespace drx {

/// Reads T from a JSON object whose keys match T's wire names ignoring ASCII case (HTTP
/// header names): each key is replaced by the wire name it matches, then T is read as usual.
/// Two keys naming the same member are a schema.duplicate_key error.
///
/// drx's reader matches keys exactly; a hook for case-insensitive objects would let the
/// catalogue do this itself (requested of the core).
template <class T>
result<T> read_case_insensitive(std::string_view text, read_options const& opt = {}) {
    result<object_map<json_value>> raw = read<object_map<json_value>>(text, opt);
    std::vector<diagnostic> diags = std::move(raw.diagnostics());
    if (!raw.unchecked()) return {std::nullopt, std::move(diags), raw.omitted()};
    boost::json::object obj;
    for (auto const& [k, v] : *raw.unchecked()) {
        std::string_view w = detail::deployment_impl::wire_name_ci<T>(k);
        std::string key = w.empty() ? k : std::string(w);
        if (obj.contains(key)) {
            std::string ptr;
            detail::append_pointer_token(ptr, key);
            diags.push_back({ptr, std::string(schema_rule::duplicate_key), severity::error,
                             "header \"" + k + "\" given twice (names are case-insensitive)", {}, {}});
            continue;
        }
        obj[key] = v.value;
    }
    result<T> r = read<T>(boost::json::value(std::move(obj)), opt);
    for (auto& d : r.diagnostics()) diags.push_back(std::move(d));
    bool bad = has_errors(diags);
    std::optional<T> value;
    if (!bad && r.unchecked()) value = *r.unchecked();
    return {std::move(value), std::move(diags), r.omitted()};
}

/// The JSON object `text` with each key that matches a wire name of T ignoring ASCII case
/// rewritten to that wire name (compact, UTF-8 kept); `text` unchanged when it is not a
/// readable JSON object (the reader then reports why). For tools that hand the text to the
/// generic reader, e.g. `drx check deployment-predictions-headers`.
template <class T>
std::string canonical_keys(std::string_view text) {
    result<object_map<json_value>> raw = read<object_map<json_value>>(text);
    if (!raw.ok()) return std::string(text);
    object_map<json_value> out;
    for (auto const& [k, v] : raw.value()) {
        std::string_view w = detail::deployment_impl::wire_name_ci<T>(k);
        out.append(w.empty() ? k : std::string(w), v);
    }
    write_options o;
    o.ensure_ascii = false;
    o.allow_nan = true;
    result<std::string> w = write(out, o);
    return w.ok() ? std::move(w).value() : std::string(text);
}

/// Reads deployment-predictions-headers from JSON with case-insensitive names
/// (README.md, "The drx tool"), e.g. `{"authorization": "Bearer abc", "content-type": "text/csv"}`.
/// (A template only so that it is compiled where it is called; call it as a function.)
template <int = 0>
result<deployment_predictions_headers> read_headers(std::string_view json, read_options const& opt = {}) {
    return read_case_insensitive<deployment_predictions_headers>(json, opt);
}

}  // namespace drx
