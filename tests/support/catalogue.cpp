// SPDX-License-Identifier: BSL-1.0
// The catalogue of every schema, compiled once for all the tests: every test is compiled with
// DRX_SEPARATE_CATALOGUE and linked with this file (drx/catalogue_src.hpp; README.md
// (Compiling the catalogue once)).
#include <drx/catalogue_src.hpp>
