// SPDX-License-Identifier: BSL-1.0
// drx: the catalogue of every schema, compiled once (README.md (Compiling the catalogue
// once)).
//
// drx is header-only, and drx::catalogue() instantiates reading, checking and writing for every
// schema wherever it is called. A program that calls it from several files can compile it once:
// define DRX_SEPARATE_CATALOGUE for every file of the program, and include this header in
// exactly one of them (as Boost.JSON's src.hpp). Nothing else changes.
#pragma once

#if !defined(DRX_SEPARATE_CATALOGUE)
#error "define DRX_SEPARATE_CATALOGUE for every file of the program (see README.md, Compiling the catalogue once)"
#endif

#include <drx/schemas.hpp>

template std::span<drx::schema_entry const> drx::catalogue<drx::all_schemas>();
