// expect: the rules of this type compare with another request type
// SPDX-License-Identifier: BSL-1.0
// A prediction explanations page compared with a deployment predictions query: the page's
// rules read a record, a create body or a mode (drx::request_types_of), so this is refused
// when it compiles instead of skipping the rules at run time.
#include <drx/api/deployment.hpp>
#include <drx/api/prediction_explanations.hpp>
#include <drx/check.hpp>

int main() {
    drx::prediction_explanations_page page;
    drx::deployment_predictions_query query;
    return drx::check(page, {}, query).ok() ? 0 : 1;
}
