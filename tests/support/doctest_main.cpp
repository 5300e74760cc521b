// SPDX-License-Identifier: BSL-1.0
// The one doctest main() shared by every tests/test_*.cpp executable.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
