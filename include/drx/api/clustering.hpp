// drx: clustering objects (seeds 000 and 001; wire-format.md sections 3, 4, 5.11 and 11).
#pragma once

#include <boost/mp11/list.hpp>

namespace drx {

/// The clustering family's schemas, in catalogue order.
using clustering_schemas = boost::mp11::mp_list<>;

}  // namespace drx
