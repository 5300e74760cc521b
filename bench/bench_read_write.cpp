// SPDX-License-Identifier: BSL-1.0
// Reading and writing a deployment XEMP response: drx (events straight into structs, exact
// number conversion; writing straight from structs) against Boost.JSON's DOM parse and
// serialize of the same text. Run: build/bench/bench_read_write --benchmark_min_time=1
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <drx/api/deployment.hpp>
#include <drx/read.hpp>
#include <drx/write.hpp>

namespace {

/// A response of `rows` binary XEMP rows with 3 explanations each, with seed-003-like values.
std::string make_response(std::size_t rows) {
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> u(0, 1);
    drx::deployment_xemp_response r;
    for (std::size_t i = 0; i < rows; ++i) {
        drx::deployment_xemp_row row;
        double p = u(rng);
        row.prediction_values = {{drx::number(p), drx::scalar(1)}, {drx::number(1 - p), drx::scalar(0)}};
        row.prediction_threshold = drx::number(0.5);
        row.prediction = drx::scalar(p >= 0.5 ? 1 : 0);
        row.row_id = static_cast<std::int64_t>(i);
        for (int k = 0; k < 3; ++k)
            row.prediction_explanations.push_back(
                {drx::scalar(k == 1 ? drx::scalar(62) : drx::scalar("male")), drx::number(-u(rng)), "Feature" + std::to_string(k),
                 "--", drx::scalar(1)});
        r.data.push_back(std::move(row));
    }
    return drx::to_json(r);
}

std::string const& payload() {
    static std::string const s = make_response(2000);
    return s;
}

void drx_read(benchmark::State& st) {
    for (auto _ : st) {
        auto r = drx::read<drx::deployment_xemp_response>(payload());
        benchmark::DoNotOptimize(r);
    }
    st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations() * payload().size()));
}
BENCHMARK(drx_read);

void boost_json_parse_dom(benchmark::State& st) {
    for (auto _ : st) {
        auto v = boost::json::parse(payload());
        benchmark::DoNotOptimize(v);
    }
    st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations() * payload().size()));
}
BENCHMARK(boost_json_parse_dom);

void drx_write(benchmark::State& st) {
    auto obj = drx::read<drx::deployment_xemp_response>(payload()).value();
    for (auto _ : st) {
        auto s = drx::to_json(obj);
        benchmark::DoNotOptimize(s);
    }
    st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations() * payload().size()));
}
BENCHMARK(drx_write);

void boost_json_serialize_dom(benchmark::State& st) {
    auto v = boost::json::parse(payload());
    for (auto _ : st) {
        auto s = boost::json::serialize(v);
        benchmark::DoNotOptimize(s);
    }
    st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations() * payload().size()));
}
BENCHMARK(boost_json_serialize_dom);

}  // namespace
