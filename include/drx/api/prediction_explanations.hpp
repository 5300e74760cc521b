// drx: prediction explanations objects (seed 002; wire-format.md sections 5, 6, 10 and 11).
#pragma once

#include <boost/mp11/list.hpp>

namespace drx {

/// The prediction explanations family's schemas, in catalogue order.
using prediction_explanations_schemas = boost::mp11::mp_list<>;

}  // namespace drx
