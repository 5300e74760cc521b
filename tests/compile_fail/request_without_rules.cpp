// expect: no rule of this type compares with a request
// SPDX-License-Identifier: BSL-1.0
// A cluster list has no rule that reads a request: passing one is a mistake, refused when it
// compiles.
#include <drx/api/clustering.hpp>
#include <drx/api/deployment.hpp>
#include <drx/check.hpp>

int main() {
    drx::cluster_list list;
    drx::deployment_predictions_query query;
    return drx::check(list, {}, query).ok() ? 0 : 1;
}
