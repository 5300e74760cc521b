// Consumer of an installed drx: prints the version, exits non-zero on any mismatch.
#include <drx/version.hpp>

#include <cstdio>
#include <string>

int main() {
    int failures = 0;
    auto const text = std::string(drx::version_string);

    // DRX_VERSION is MAJOR * 10000 + MINOR * 100 + PATCH.
    auto const from_macro = std::to_string(DRX_VERSION / 10000) + "." +
                            std::to_string(DRX_VERSION / 100 % 100) + "." +
                            std::to_string(DRX_VERSION % 100);
    if (text != from_macro) {
        std::fprintf(stderr, "FAIL: version_string %s != DRX_VERSION %s\n", text.c_str(),
                     from_macro.c_str());
        ++failures;
    }
#ifdef DRX_EXPECTED_VERSION
    if (text != DRX_EXPECTED_VERSION) {
        std::fprintf(stderr, "FAIL: headers say %s, installed package says %s\n", text.c_str(),
                     DRX_EXPECTED_VERSION);
        ++failures;
    }
#endif

    std::printf("drx %s\n", text.c_str());
    return failures == 0 ? 0 : 1;
}
