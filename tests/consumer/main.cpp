// SPDX-License-Identifier: BSL-1.0
// Consumer of an installed drx: uses the umbrella header the way a user does (read, check,
// write a seed 003 payload) and checks the version; exits non-zero on any mismatch.
#include <drx/drx.hpp>
#include <drx/print.hpp>
#include <drx/testing/expect.hpp>

#include <cstdio>
#include <sstream>
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

    // Seed 003's SHAP example, compact, as CPython's json.dumps writes it.
    std::string const shap =
        R"({"data":[{"deploymentApprovalStatus":"APPROVED","prediction":0.0,"predictionExplanations":[)"
        R"({"featureValue":"9","strength":0.0534648234,"qualitativeStrength":null,"feature":"number_diagnoses","label":1},)"
        R"({"featureValue":"0","strength":-0.0490243586,"qualitativeStrength":null,"feature":"number_inpatient","label":1}],)"
        R"("rowId":0,"predictionValues":[{"value":0.3111782477,"label":1},{"value":0.6888217523,"label":0.0}],)"
        R"("predictionThreshold":0.5,"shapExplanationsMetadata":{"warnings":null,"remainingTotal":-0.089668474,)"
        R"("baseValue":0.3964062631}}]})";
    auto r = drx::validate<drx::deployment_shap_response>(shap);
    if (!r) {
        std::fprintf(stderr, "FAIL: the seed 003 SHAP example does not validate\n");
        ++failures;
    } else if (drx::to_json(r.value()) != shap) {
        std::fprintf(stderr, "FAIL: the seed 003 SHAP example does not round-trip\n");
        ++failures;
    }
    auto bad = drx::read<drx::deployment_error>(R"({"message": 5})");
    if (bad || bad.diagnostics().size() != 1 || bad.diagnostics()[0].pointer != "/message" ||
        bad.diagnostics()[0].rule != "schema.type") {
        std::fprintf(stderr, "FAIL: a wrong type is not reported as schema.type at /message\n");
        ++failures;
    }
    // The installed testing headers (docs/testing.md): a predicate and a printer.
    auto const breaks = drx::testing::expect_breaks<drx::deployment_error>(R"({"message": 5})", "schema.type", "/message");
    if (!breaks) {
        std::fprintf(stderr, "FAIL: expect_breaks: %s\n", breaks.message.c_str());
        ++failures;
    }
    std::ostringstream printed;
    printed << drx::scalar(1.0) << ' ' << drx::severity::warning;
    if (printed.str() != "1.0 warning") {
        std::fprintf(stderr, "FAIL: drx/print.hpp printed \"%s\", not \"1.0 warning\"\n", printed.str().c_str());
        ++failures;
    }
    if (drx::find_schema("deployment-xemp-response") == nullptr) {
        std::fprintf(stderr, "FAIL: the catalogue lacks deployment-xemp-response\n");
        ++failures;
    }

    std::printf("drx %s: %zu schemas\n", text.c_str(), drx::catalogue().size());
    return failures == 0 ? 0 : 1;
}
