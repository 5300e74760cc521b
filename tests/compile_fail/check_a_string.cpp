// expect: checkable
// SPDX-License-Identifier: BSL-1.0
#include <drx/check.hpp>

#include <string>

int main() { return drx::check(std::string("{}")).ok() ? 0 : 1; }
