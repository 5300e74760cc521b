// SPDX-License-Identifier: BSL-1.0
// drx: every schema of the catalogue (docs/reference/objects.md (Schema catalogue)), by name.
#pragma once

#include <span>

#include <boost/mp11/algorithm.hpp>

#include <drx/api/clustering.hpp>
#include <drx/api/deployment.hpp>
#include <drx/api/prediction_explanations.hpp>
#include <drx/catalogue.hpp>

namespace drx {

/// Every schema drx declares, as a type list.
using all_schemas = boost::mp11::mp_append<clustering_schemas, prediction_explanations_schemas, deployment_schemas>;

/// Every schema drx declares, by name, in catalogue order. (A template only so that the
/// catalogue, which instantiates reading, checking and writing for every schema, is compiled
/// where it is called, not in every file that includes this header: call it as catalogue().)
template <class List = all_schemas>
std::span<schema_entry const> catalogue() {
    static std::vector<schema_entry> const entries = make_catalogue<List>();
    return entries;
}

#if defined(DRX_SEPARATE_CATALOGUE)
// Separate compilation of the catalogue (README.md (Compiling the catalogue once)): the
// catalogue of every schema, which instantiates reading, checking and writing for all of them,
// is compiled in the one file of the program that includes <drx/catalogue_src.hpp>; the
// others only call it.
extern template std::span<schema_entry const> catalogue<all_schemas>();
#endif

/// The schema named `name`, or nullptr.
template <class List = all_schemas>
schema_entry const* find_schema(std::string_view name) {
    for (auto const& e : catalogue<List>())
        if (e.name == name) return &e;
    return nullptr;
}

}  // namespace drx
