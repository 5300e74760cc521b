// expect: drx cannot read or write this member type
// SPDX-License-Identifier: BSL-1.0
#include <drx/read.hpp>

#include <set>

struct has_a_set {
    std::set<int> ids;  // not a type drx reads
};
BOOST_DESCRIBE_STRUCT(has_a_set, (), (ids))

int main() { return drx::read<has_a_set>("{}").ok() ? 0 : 1; }
