// SPDX-License-Identifier: BSL-1.0
// drx: the error body {"message": "..."}, one wire object of the prediction server (seed 003's
// errors list) and of the clustering endpoints, one C++ type. Catalogued as deployment-error,
// its stable schema name.
#pragma once

#include <string>
#include <string_view>

#include <boost/describe/class.hpp>

namespace drx {

/// An error body: {"message": "..."}. Written with write_options::python() it reads as the
/// servers' bodies do (`{"message": "Not Found"}`).
struct error_body {
    std::string message;
};
BOOST_DESCRIBE_STRUCT(error_body, (), (message))
constexpr std::string_view drx_schema_name(error_body const*) { return "deployment-error"; }

/// The prediction server's error body (seed 003).
using deployment_error = error_body;
/// The clustering endpoints' error body.
using cluster_error_body = error_body;

}  // namespace drx
