// SPDX-License-Identifier: BSL-1.0
// drx: json_value, an opaque JSON value for members whose shape is not documented.
#pragma once

#include <boost/json/value.hpp>

namespace drx {

/// Any JSON value, kept as a boost::json::value.
///
/// For members whose shape the sources do not document (for example the `warnings` of
/// `shapExplanationsMetadata`, docs/reference/open-questions.md (Unknown)). drx reads it with its
/// own exact number conversion and writes it with its own writer, so floats keep Python's repr.
struct json_value {
    boost::json::value value;
    friend bool operator==(json_value const& a, json_value const& b) { return a.value == b.value; }
};

}  // namespace drx
