// expect: drx members are double, not float
// SPDX-License-Identifier: BSL-1.0
#include <drx/read.hpp>

struct with_float {
    float ratio = 0;
};
BOOST_DESCRIBE_STRUCT(with_float, (), (ratio))

int main() { return drx::read<with_float>("{\"ratio\": 0.1}").ok() ? 0 : 1; }
