// SPDX-License-Identifier: BSL-1.0
// drx: the types that declarations name without including a generator or a format.
//
// A custom rule (rules.hpp) may carry its own repair and near misses (drx::rules::custom's
// `repair` and `near_misses`); those functions take the types below, so an API header that
// declares them includes this file, not drx/tools/generate.hpp. The generator implements
// entropy (seeded or from fuzzer bytes) and collects mutation sites.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>

#include <drx/diagnostic.hpp>

namespace drx {

// ---- entropy --------------------------------------------------------------------------------

/// A source of random bits for the generators.
class entropy {
public:
    virtual ~entropy() = default;
    /// 64 random bits.
    virtual std::uint64_t next() = 0;

    /// Uniform in [0, n); 0 when n is 0.
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
    /// Uniform in [lo, hi] (inclusive); lo when hi < lo.
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        if (hi <= lo) return lo;
        std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
        std::uint64_t r = span == std::numeric_limits<std::uint64_t>::max() ? next() : below(span + 1);
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + r);
    }
    /// Uniform in [0, 1).
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// True with probability p.
    bool chance(double p) { return unit() < p; }
};

/// One place where an instance can be moved onto or across a rule's boundary: applying it
/// changes the instance so that the rule `rule` holds exactly at its bound (`valid`) or fails
/// at `pointer` with severity `sev` when checked at level `lvl`.
struct mutation_site {
    std::string rule;
    std::string pointer;
    std::string label;
    bool valid = false;
    level lvl = level::rules;
    severity sev = severity::error;
    /// Changes the instance the site was listed for; false when it does not apply to it.
    std::function<bool()> apply;
};

}  // namespace drx
