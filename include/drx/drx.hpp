// drx: everything. Include the focused headers instead to keep builds lean:
//   <drx/read.hpp>   reading with diagnostics      <drx/write.hpp>   exact writing
//   <drx/rules.hpp>  declaring rules               <drx/check.hpp>   checking and validating
//   <drx/api/...>    the API objects, one header per family
//   <drx/schemas.hpp> the catalogue of every schema by name
#pragma once

#include <drx/catalogue.hpp>
#include <drx/check.hpp>
#include <drx/api/clustering_ops.hpp>
#include <drx/api/qualitative_strength.hpp>
#include <drx/context.hpp>
#include <drx/diagnostic.hpp>
#include <drx/json_value.hpp>
#include <drx/nullable.hpp>
#include <drx/number.hpp>
#include <drx/object_map.hpp>
#include <drx/read.hpp>
#include <drx/rules.hpp>
#include <drx/scalar.hpp>
#include <drx/schemas.hpp>
#include <drx/version.hpp>
#include <drx/wire_name.hpp>
#include <drx/write.hpp>
