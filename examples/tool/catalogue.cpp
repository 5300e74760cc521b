// SPDX-License-Identifier: BSL-1.0
// The drx tool's catalogue of every schema, in a file of its own: the tool is compiled with
// DRX_SEPARATE_CATALOGUE (examples/CMakeLists.txt), so examples/drx.cpp only calls the
// catalogue and the two files compile in parallel (drx/catalogue_src.hpp; README.md
// (Compiling the catalogue once)).
#include <drx/catalogue_src.hpp>
