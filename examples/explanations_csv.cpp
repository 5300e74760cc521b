// SPDX-License-Identifier: BSL-1.0
// Example: read a page of prediction explanations and its record, check the page against the
// record, and write the CSV that the Python client's download_to_csv would write.
//
// Run from the repository root (payloads in examples/payloads/), or set DRX_SOURCE_DIR.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <drx/api/prediction_explanations.hpp>
#include <drx/api/prediction_explanations_ops.hpp>
#include <drx/tools/csv.hpp>

namespace {

std::string payload(std::string const& name) {
    std::string dir = "examples/payloads/";
    if (char const* src = std::getenv("DRX_SOURCE_DIR")) dir = std::string(src) + "/examples/payloads/";
    std::ifstream f(dir + name, std::ios::binary);
    if (!f) throw std::runtime_error("cannot open " + dir + name + " (run from the repository root)");
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

}  // namespace

int main() try {
    // 1. Read the record (GET projects/{pid}/predictionExplanationsRecords/{id}/) and a page of
    //    rows (GET projects/{pid}/predictionExplanations/{id}/?offset=0&excludeAdjustedPredictions=true).
    auto record = drx::read<drx::prediction_explanations_record>(payload("prediction-explanations-record.json"));
    auto page = drx::read<drx::prediction_explanations_page>(payload("prediction-explanations-page.json"));
    for (auto const* ds : {&record.diagnostics(), &page.diagnostics()})
        for (auto const& d : *ds) std::cerr << drx::to_line(d) << "\n";
    if (!record || !page) return 1;

    drx::prediction_explanations_record const& rec = record.value();
    drx::prediction_explanations_page const& p = page.value();
    std::cout << "record " << rec.id << ": maxExplanations " << rec.max_explanations
              << ", clustering or multiclass: " << (drx::is_unsupervised_clustering_or_multiclass(rec) ? "yes" : "no")
              << ", explained classes per row: " << drx::get_number_of_explained_classes(rec) << "\n";
    std::cout << "page: " << p.data.size() << " of " << p.count << " rows, adjustment method "
              << drx::adjustment_method_of(p) << ", next page: " << drx::next_page_url(p).value_or("(none)") << "\n";

    // 2. Check the page against its record: explanation counts, explained classes, symbols...
    drx::context ctx;
    ctx.model_kind = drx::model_kind::clustering;
    drx::check_options co;
    co.ctx = &ctx;
    drx::check_report rep = drx::check_against_record(p, rec, co);
    std::cout << "consistency with the record: " << (rep.ok() ? "ok" : "errors") << ", "
              << rep.diagnostics.size() << " diagnostics\n";
    for (auto const& d : rep.diagnostics) std::cout << "  " << drx::to_line(d) << "\n";

    // 3. The CSV, with maxExplanations and the mode taken from the record, as the client does.
    drx::result<std::string> csv = drx::write_explanations_csv(p, rec);
    if (!csv) {
        for (auto const& d : csv.diagnostics()) std::cerr << drx::to_line(d) << "\n";
        return 1;
    }
    std::cout << "\ndownload_to_csv would write:\n" << csv.value();

    // 4. The query of the next page, as the client sends it.
    drx::page_request next;
    next.offset = static_cast<std::int64_t>(p.data.size());
    next.limit = 3;
    std::cout << "\nnext request: " << drx::page_path(rec.project_id, rec.id, next) << "\n";
    return 0;
} catch (std::exception const& e) {
    std::cerr << "explanations_csv: " << e.what() << "\n";
    return 1;
}
