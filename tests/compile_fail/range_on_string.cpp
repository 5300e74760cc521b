// expect: this constraint cannot judge the member's type and would never fire
// SPDX-License-Identifier: BSL-1.0
#include <drx/rules.hpp>

#include <string>

struct named {
    std::string name;
};
BOOST_DESCRIBE_STRUCT(named, (), (name))

inline auto drx_rules(named const*) {
    return std::tuple{drx::rules::member<&named::name>("named.range", drx::rules::range{0, 10})};
}

int main() { return static_cast<int>(std::tuple_size_v<decltype(drx_rules(static_cast<named const*>(nullptr)))>); }
