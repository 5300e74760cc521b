// expect: a struct without its describe line lands here
// SPDX-License-Identifier: BSL-1.0
#include <drx/read.hpp>

struct inner {
    int x = 0;
};  // no BOOST_DESCRIBE_STRUCT

struct outer {
    inner i;
};
BOOST_DESCRIBE_STRUCT(outer, (), (i))

int main() { return drx::read<outer>("{}").ok() ? 0 : 1; }
