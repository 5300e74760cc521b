// expect: checkable
#include <drx/check.hpp>

#include <string>

int main() { return drx::check(std::string("{}")).ok() ? 0 : 1; }
