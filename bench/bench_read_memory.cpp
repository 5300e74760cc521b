// SPDX-License-Identifier: BSL-1.0
// What reading costs in memory: the peak of the bytes allocated while drx::read builds a 10k- or
// 100k-row deployment XEMP or SHAP response (bench/inputs.hpp), against the bytes its result
// holds once read (the structs: vectors, strings, variants), and what checking the object at the
// consistency level allocates. The program counts every allocation through its own global
// operator new and delete (the usable size of each block, malloc_usable_size), so the figures
// are bytes, not pages; the input text is allocated before the count starts.
// Counters (one iteration: the figures do not vary between runs):
//   text_MB         the input's compact JSON
//   structs_MB      held by the result after reading
//   peak_MB         the most held at once during the read
//   peak_x_structs  peak_MB / structs_MB (the project's aim: at most 1.1)
//   check_KB        allocated in all by drx::check at level consistency of the object read
//                   (diagnostics, pointers and rule reports are made only for a problem)
// Run: build/bench/bench_read_memory   (any build type: the counts do not depend on it)
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <cstddef>
#include <cstdlib>
#include <new>
#include <string>

#include <drx/check.hpp>
#include <drx/read.hpp>
#include <drx/write.hpp>

#include "inputs.hpp"

namespace {

std::size_t live_bytes = 0;      // held now
std::size_t peak_bytes = 0;      // the most held since the last reset
std::size_t allocated_bytes = 0; // allocated in all since the program started

void* counted_alloc(std::size_t n) {
    void* p = std::malloc(n ? n : 1);
    if (!p) throw std::bad_alloc();
    std::size_t const u = malloc_usable_size(p);
    live_bytes += u;
    allocated_bytes += u;
    if (live_bytes > peak_bytes) peak_bytes = live_bytes;
    return p;
}

void counted_free(void* p) noexcept {
    if (!p) return;
    live_bytes -= malloc_usable_size(p);
    std::free(p);
}

}  // namespace

void* operator new(std::size_t n) { return counted_alloc(n); }
void* operator new[](std::size_t n) { return counted_alloc(n); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }

namespace {

constexpr double mb = 1024.0 * 1024.0;

template <class T, T (*Make)(std::size_t)>
void read_memory(benchmark::State& st) {
    std::string const text = drx::to_json(Make(static_cast<std::size_t>(st.range(0))));
    double structs = 0, peak = 0, check = 0;
    bool good = true;
    for (auto _ : st) {
        std::size_t const base = live_bytes;
        peak_bytes = live_bytes;
        auto r = drx::read<T>(text);
        structs = static_cast<double>(live_bytes - base);
        peak = static_cast<double>(peak_bytes - base);
        if (!r.ok()) {
            good = false;
            break;
        }
        std::size_t const before_check = allocated_bytes;
        auto const report = drx::check(r.value());  // check_options' default level: consistency
        check = static_cast<double>(allocated_bytes - before_check);
        good = good && report.ok();
        benchmark::DoNotOptimize(r);
    }
    if (!good) st.SkipWithError("the input does not read or check clean");
    st.counters["text_MB"] = static_cast<double>(text.size()) / mb;
    st.counters["structs_MB"] = structs / mb;
    st.counters["peak_MB"] = peak / mb;
    st.counters["peak_x_structs"] = structs > 0 ? peak / structs : 0;
    st.counters["check_KB"] = check / 1024.0;
}

}  // namespace

BENCHMARK(read_memory<drx::deployment_xemp_response, &bench::xemp_response>)
    ->Name("read_memory/xemp")->Arg(10000)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(read_memory<drx::deployment_shap_response, &bench::shap_response>)
    ->Name("read_memory/shap")->Arg(10000)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond);
