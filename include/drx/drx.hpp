// SPDX-License-Identifier: BSL-1.0
// drx: everything (no generators: <drx/tools/generate.hpp>). Include the focused headers
// instead to keep builds lean (bench/compile_table.sh measures them):
//   <drx/api/...>      the API objects, one header per family (declarations, rules, hooks)
//   <drx/checker.hpp>  checking rules        <drx/check.hpp>  checking and validating text
//   <drx/read.hpp>     reading JSON          <drx/write.hpp>  exact writing
//   <drx/read_options.hpp>  the reading options alone   <drx/fwd.hpp>  entropy, mutation sites
//   <drx/query.hpp>    query strings: reading, writing, validating
//   <drx/api/clustering_ops.hpp>  renames, summaries   <drx/schemas.hpp>  the catalogue by name
//   <drx/api/prediction_explanations_ops.hpp>  modes, create bodies, paging, collect_rows
//   <drx/api/deployment_server.hpp>  the deployment predictions server entry point
#pragma once

#include <drx/catalogue.hpp>
#include <drx/check.hpp>
#include <drx/api/clustering_ops.hpp>
#include <drx/api/deployment_headers_json.hpp>
#include <drx/api/deployment_server.hpp>
#include <drx/api/prediction_explanations_ops.hpp>
#include <drx/api/qualitative_strength.hpp>
#include <drx/context.hpp>
#include <drx/diagnostic.hpp>
#include <drx/json_value.hpp>
#include <drx/nullable.hpp>
#include <drx/number.hpp>
#include <drx/object_map.hpp>
#include <drx/query.hpp>
#include <drx/read.hpp>
#include <drx/read_options.hpp>
#include <drx/rules.hpp>
#include <drx/scalar.hpp>
#include <drx/schemas.hpp>
#include <drx/version.hpp>
#include <drx/wire_name.hpp>
#include <drx/write.hpp>
