// SPDX-License-Identifier: BSL-1.0
// drx: the records of a CSV text (RFC 4180), as the deployment predictions server reads a
// body: fields may be quoted ("a,b", "say ""hi""", line breaks inside); records end with LF,
// CRLF or CR; blank lines are not records (pandas and Python's csv module skip them). One
// splitter serves drx verify, which counts the rows a request sends
// (drx/tools/verify.hpp), and drx-mock, which answers them (examples/mock/service.cpp).
#pragma once

#include <string>
#include <string_view>

namespace drx::detail {

/// How a CSV text ended.
enum class csv_end {
    /// Every record was passed on.
    complete,
    /// A record's callback asked to stop.
    stopped,
    /// The text ends inside a quoted field: its last record was not passed on.
    open_quote
};

/// Calls field(std::string&&) for each field and record() after the last field of each
/// non-blank record; record() returns false to stop.
template <class Field, class Record>
csv_end for_each_csv_record(std::string_view s, Field&& field, Record&& record) {
    std::string f;
    bool in_quotes = false, any = false;
    auto end_record = [&] {
        field(std::move(f));
        f.clear();
        any = false;
        return record();
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (in_quotes) {
            if (c != '"')
                f += c;
            else if (i + 1 < s.size() && s[i + 1] == '"')
                f += s[++i];
            else
                in_quotes = false;
            continue;
        }
        if (c == '"') {
            in_quotes = any = true;
        } else if (c == ',') {
            field(std::move(f));
            f.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (any && !end_record()) return csv_end::stopped;
            if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
        } else {
            f += c;
            any = true;
        }
    }
    if (in_quotes) return csv_end::open_quote;
    if (any && !end_record()) return csv_end::stopped;
    return csv_end::complete;
}

}  // namespace drx::detail
