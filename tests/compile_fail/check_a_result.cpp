// expect: delete
// SPDX-License-Identifier: BSL-1.0
#include <drx/api/explanations_mode.hpp>
#include <drx/check.hpp>

int main() {
    auto r = drx::read<drx::explanations_mode>("{}");
    return drx::check(r).ok() ? 0 : 1;  // the result, not its value
}
