// SPDX-License-Identifier: BSL-1.0
// The baseline of bench/format_process.sh: a program that reads a file, parses it with
// boost::json::parse (default resource) and writes boost::json::serialize of it to standard
// output, the least a JSON round trip costs with Boost.JSON's DOM.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <boost/json.hpp>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: parse_serialize FILE\n";
        return 2;
    }
    std::ifstream f(argv[1], std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    boost::json::value v = boost::json::parse(text);
    std::string out = boost::json::serialize(v);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}
