// SPDX-License-Identifier: BSL-1.0
// drx-mock's endpoints (docs/mock.md): the deployment predictions routes, answered one row per
// input row from the canned XEMP or SHAP rows, and the clustering and prediction-explanations
// routes, answered from payload files. Requests are checked as the real server checks them
// (drx::check_predictions_request, drx/api/deployment_server.hpp; drx::apply_cluster_rename and
// drx::cluster_rename_http_error, drx/api/clustering_ops.hpp), answers are written as the
// Python server writes JSON (drx::write_options::python(), drx/write.hpp), and each
// predictions answer is checked against its request with the consistency rules before it goes
// out. Only the drx headers used here are included (not drx/drx.hpp); the heaviest drx work
// is in predictions.cpp, payloads.cpp and payloads_api.cpp (examples/mock/endpoints.hpp).
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <boost/describe/class.hpp>

#include <drx/api/clustering_ops.hpp>
#include <drx/api/deployment_server.hpp>
#include <drx/check.hpp>
#include <drx/detail/codec.hpp>
#include <drx/detail/csv_records.hpp>
#include <drx/write.hpp>

#include "endpoints.hpp"

namespace drx_mock {

namespace {

// ---- texts (drx's own; docs/mock.md lists them) ----------------------------------------------

namespace text {
constexpr std::string_view not_found = "Not Found";  // drx::cluster_not_found_message
constexpr std::string_view method_not_allowed = "Method Not Allowed";
constexpr std::string_view empty_body =
    "The request body is empty: send the rows to score as CSV with a header row, or as a JSON array of objects";
constexpr std::string_view no_header = "The CSV body has no header row: its first line names the columns";
constexpr std::string_view no_rows_csv = "The CSV body has a header row but no data rows";
constexpr std::string_view open_quote = "The CSV body ends inside a quoted field";
constexpr std::string_view no_rows_json = "The JSON body is an empty array: no rows to score";
constexpr std::string_view not_records = "The JSON body is not an array of objects";
constexpr std::string_view not_gzip = "Content-Encoding is gzip but the body does not decode as gzip";
constexpr std::string_view no_part = "The multipart/form-data body has no part to read the rows from";
}  // namespace text

using namespace detail;

/// The value of header field `name` (the first one), or nullopt.
std::optional<std::string_view> field(request const& r, std::string_view name) {
    for (auto const& [k, v] : r.fields)
        if (iequal(k, name)) return std::string_view(v);
    return std::nullopt;
}

/// The media type of a Content-Type value, lower case, without parameters.
std::string media_type(std::string_view ct) {
    std::string t = lower(ct.substr(0, ct.find(';')));
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.erase(t.begin());
    return t;
}

std::filesystem::path default_payloads() {
    if (char const* s = std::getenv("DRX_SOURCE_DIR")) return std::filesystem::path(s) / "examples/payloads";
    // Installed (cmake --install): bin/drx-mock beside share/drx/payloads.
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        auto installed = exe.parent_path().parent_path() / "share/drx/payloads";
        if (std::filesystem::is_directory(installed, ec)) return installed;
    }
    return "examples/payloads";
}


/// Every occurrence of `from` in `s` replaced by `to`.
std::string replaced(std::string s, std::string_view from, std::string_view to) {
    if (from.empty() || from == to) return s;
    for (std::size_t i = s.find(from); i != std::string::npos; i = s.find(from, i + to.size())) s.replace(i, from.size(), to);
    return s;
}

// ---- routes ------------------------------------------------------------------------------------

enum class endpoint { predictions, predictions_serverless, cluster_names, cluster_insights, records, record, page };

struct route {
    /// Segments from the root; "{}" is a parameter. The shapes of the routes table of
    /// include/drx/tools/verify.hpp (docs/verify.md, "The endpoints").
    std::string_view path;
    endpoint what;
    /// The methods served, as the Allow field lists them.
    std::string_view allow;
};

constexpr route routes[] = {
    {"predApi/v1.0/deployments/{}/predictions", endpoint::predictions, "POST"},
    {"api/v2/deployments/{}/predictions", endpoint::predictions_serverless, "POST"},
    {"api/v2/projects/{}/models/{}/clusterNames", endpoint::cluster_names, "GET, PATCH"},
    {"api/v2/projects/{}/models/{}/clusterInsights", endpoint::cluster_insights, "GET"},
    {"api/v2/projects/{}/predictionExplanationsRecords", endpoint::records, "GET"},
    {"api/v2/projects/{}/predictionExplanationsRecords/{}", endpoint::record, "GET"},
    {"api/v2/projects/{}/predictionExplanations/{}", endpoint::page, "GET"},
};

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t b = 0;
    while (b <= s.size()) {
        std::size_t e = s.find(sep, b);
        if (e == std::string_view::npos) e = s.size();
        if (e > b) out.push_back(s.substr(b, e - b));
        b = e + 1;
    }
    return out;
}

struct routed {
    route const* r = nullptr;
    std::vector<std::string> params;
    std::string_view path;
    std::string_view query;
};

/// The route of a target by its path alone (empty segments skipped: the trailing slash is
/// optional); r is nullptr for an unknown path.
routed find_route(std::string_view target) {
    routed out;
    out.path = target.substr(0, target.find('?'));
    if (out.path.size() < target.size()) out.query = target.substr(out.path.size() + 1);
    auto segs = split(out.path, '/');
    for (auto const& r : routes) {
        auto pat = split(r.path, '/');
        if (pat.size() != segs.size()) continue;
        std::vector<std::string> params;
        bool ok = true;
        for (std::size_t i = 0; i < pat.size() && ok; ++i) {
            if (pat[i] == "{}")
                params.emplace_back(segs[i]);
            else
                ok = pat[i] == segs[i];
        }
        if (!ok) continue;
        out.r = &r;
        out.params = std::move(params);
        return out;
    }
    return out;
}

bool allows(route const& r, std::string_view method) {
    for (auto m : split(r.allow, ','))
        if ((m.front() == ' ' ? m.substr(1) : m) == method) return true;
    return false;
}

// ---- request bodies: the rows --------------------------------------------------------------------


/// CSV (drx/detail/csv_records.hpp, the records drx verify counts too): the first record is the
/// header.
std::optional<refusal> parse_csv(std::string_view s, std::size_t max_rows, table& t) {
    std::vector<drx::scalar> record;
    bool header = true;
    std::optional<refusal> bad;
    auto end = drx::detail::for_each_csv_record(
        s, [&](std::string&& f) { record.emplace_back(std::move(f)); },
        [&] {
            if (header) {
                for (auto& c : record) t.columns.push_back(c.as_string());
                header = false;
            } else if (t.rows.size() >= max_rows) {
                bad = refusal{413, "The body sends more than " + std::to_string(max_rows) +
                                       " rows, the mock's limit (--max-rows)"};
            } else if (record.size() > t.columns.size()) {
                bad = refusal{400, "The CSV body's row " + std::to_string(t.rows.size()) + " (rowId) has " +
                                       std::to_string(record.size()) + " fields; its header row has " +
                                       std::to_string(t.columns.size())};
            } else {
                t.rows.push_back(std::move(record));
            }
            record.clear();
            return !bad;
        });
    if (bad) return bad;
    if (end == drx::detail::csv_end::open_quote) return refusal{400, std::string(text::open_quote)};
    if (header) return refusal{400, std::string(text::no_header)};
    if (t.rows.empty()) return refusal{400, std::string(text::no_rows_csv)};
    return std::nullopt;
}

/// A JSON array of objects whose values are strings, numbers, booleans or null (drx::scalar);
/// a key absent from a row is null there.
std::optional<refusal> parse_json(std::string_view s, std::size_t max_rows, table& t) {
    drx::read_options ro;
    ro.max_input_size = std::max<std::size_t>(ro.max_input_size, s.size());
    auto r = drx::read<std::vector<drx::object_map<drx::scalar>>>(s, ro);
    if (!r) {
        auto const& d = r.diagnostics().front();
        return refusal{400, std::string(text::not_records) + ": " + (d.pointer.empty() ? "" : d.pointer + ": ") + d.message};
    }
    auto const& records = r.value();
    if (records.empty()) return refusal{400, std::string(text::no_rows_json)};
    if (records.size() > max_rows)
        return refusal{413, "The body sends more than " + std::to_string(max_rows) + " rows, the mock's limit (--max-rows)"};
    std::unordered_map<std::string_view, std::size_t> at;
    for (auto const& rec : records)
        for (auto const& [k, v] : rec)
            if (at.emplace(k, t.columns.size()).second) t.columns.push_back(k);
    t.rows.reserve(records.size());
    for (auto const& rec : records) {
        std::vector<drx::scalar> row(t.columns.size());
        for (auto const& [k, v] : rec) row[at.at(k)] = v;
        t.rows.push_back(std::move(row));
    }
    return std::nullopt;
}

/// The first part of a multipart/form-data body (RFC 7578): its content and Content-Type.
std::optional<std::pair<std::string_view, std::string>> first_part(std::string_view content_type, std::string_view body) {
    std::string ct = lower(content_type);
    auto b = ct.find("boundary=");
    if (b == std::string::npos) return std::nullopt;
    std::string_view boundary = content_type.substr(b + 9);
    boundary = boundary.substr(0, boundary.find(';'));
    if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"') boundary = boundary.substr(1, boundary.size() - 2);
    if (boundary.empty()) return std::nullopt;
    std::string delim = "--" + std::string(boundary);
    auto start = body.find(delim);
    if (start == std::string_view::npos) return std::nullopt;
    auto head_end = body.find("\r\n\r\n", start);
    if (head_end == std::string_view::npos) return std::nullopt;
    std::string_view head = body.substr(start, head_end - start);
    std::string part_type;
    for (auto line : split(head, '\n')) {
        std::string l = lower(line);
        if (l.starts_with("content-type:")) part_type = media_type(line.substr(13));
    }
    auto content = head_end + 4;
    auto end = body.find("\r\n" + delim, content);
    if (end == std::string_view::npos) return std::nullopt;
    return std::pair{body.substr(content, end - content), part_type};
}

/// The rows of a decoded predictions body, by its media type.
std::optional<refusal> parse_rows(std::string_view content_type, std::string_view body, std::size_t max_rows, table& t) {
    std::string type = media_type(content_type);
    if (type == "multipart/form-data") {
        auto part = first_part(content_type, body);
        if (!part) return refusal{400, std::string(text::no_part)};
        body = part->first;
        type = part->second;
    }
    if (body.empty()) return refusal{400, std::string(text::empty_body)};
    if (type == "application/json") return parse_json(body, max_rows, t);
    return parse_csv(body, max_rows, t);
}


// ---- paging ----------------------------------------------------------------------------------------

struct paging {
    std::size_t offset = 0;
    std::optional<std::size_t> limit;  // limit=0 or absent: all
    bool exclude_adjusted = true;       // excludeAdjustedPredictions, true by default
};

std::optional<refusal> paging_of(std::string_view query, bool exclude, paging& p) {
    for (auto kv : split(query, '&')) {
        auto eq = kv.find('=');
        std::string_view k = kv.substr(0, eq), v = eq == std::string_view::npos ? std::string_view() : kv.substr(eq + 1);
        if (k == "offset" || k == "limit") {
            bool digits = !v.empty() && v.size() <= 18 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (!digits) return refusal{400, std::string(k) + " must be a non-negative integer, got \"" + std::string(v) + "\""};
            std::size_t n = std::stoull(std::string(v));
            if (k == "offset") p.offset = n;
            else if (n) p.limit = n;
            else p.limit.reset();
        } else if (exclude && k == "excludeAdjustedPredictions") {
            if (v != "true" && v != "false")
                return refusal{400, "excludeAdjustedPredictions must be true or false, got \"" + std::string(v) + "\""};
            p.exclude_adjusted = v == "true";
        }
    }
    return std::nullopt;
}

/// The items of a page, and the links to the next and previous ones (null at the ends).
template <class T>
std::size_t page_of(std::vector<T>& items, paging const& p, std::string const& base, drx::nullable<std::string>& next,
                    drx::nullable<std::string>& previous) {
    std::size_t total = items.size();
    std::size_t from = std::min(p.offset, total);
    items.erase(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(from));
    if (p.limit && items.size() > *p.limit) items.resize(*p.limit);
    auto link = [&](std::size_t offset) {
        return base + "?offset=" + std::to_string(offset) + "&limit=" + std::to_string(*p.limit);
    };
    next = drx::null;
    previous = drx::null;
    if (p.limit && from + items.size() < total) next = link(from + items.size());
    if (p.limit && from > 0) previous = link(from > *p.limit ? from - *p.limit : 0);
    return total;
}

// ---- the service -------------------------------------------------------------------------------------


std::optional<deployment> deployment_of(std::string const& spec) {
    auto parts = split(spec, ':');
    if (spec.empty() || spec.front() == ':' || spec.back() == ':' || spec.find("::") != std::string::npos ||
        parts.empty() || parts.size() > 3)
        return std::nullopt;
    deployment d;
    d.id = std::string(parts[0]);
    if (parts.size() > 1 && !drx::enum_from_wire(parts[1], d.kind)) return std::nullopt;
    if (parts.size() > 2 && !drx::enum_from_wire(parts[2], d.algorithm)) return std::nullopt;
    return d;
}

std::vector<deployment> default_deployments() {
    return {{"5f0c1b2d3e4f5a6b7c8d9e0f", drx::model_kind::binary, drx::explanation_algorithm::xemp},
            {"5f0c1b2d3e4f5a6b7c8d9e1a", drx::model_kind::binary, drx::explanation_algorithm::shap},
            {"5f0c1b2d3e4f5a6b7c8d9e2b", drx::model_kind::multiclass, drx::explanation_algorithm::xemp},
            {"5f0c1b2d3e4f5a6b7c8d9e3c", drx::model_kind::time_series, drx::explanation_algorithm::xemp}};
}

struct explanations {
    drx::prediction_explanations_record record;
    drx::prediction_explanations_page page;
};

template <class T>
answer written(T const& v, unsigned status = 200) {
    auto w = drx::write(v, drx::write_options::python());  // json.dumps defaults, as the server
    if (!w) return error(500, "mock: cannot write the answer: " + drx::to_line(w.diagnostics().front()));
    return {status, std::move(w).value(), "application/json", {}};
}

class impl final : public service {
public:
    bool init(settings const& s) {
        s_ = s;
        scenario_file sc;
        std::filesystem::path payloads = default_payloads();
        if (s.scenario) {
            auto r = read_scenario(*s.scenario);
            if (!r) return false;
            sc = std::move(*r);
            if (sc.payloads) payloads = s.scenario->parent_path() / *sc.payloads;
        }
        if (s.payloads) payloads = *s.payloads;
        managed_cloud_ = s.managed_cloud || sc.managed_cloud.value_or(false);
        if (sc.deployments)
            for (auto const& d : *sc.deployments)
                deployments_.push_back({d.id, d.model_kind.value_or(drx::model_kind::binary),
                                        d.algorithm.value_or(drx::explanation_algorithm::xemp)});
        for (auto const& spec : s.deployments) deployments_.push_back(*deployment_of(spec));
        if (deployments_.empty()) deployments_ = default_deployments();

        drx::cluster_list clusters;
        drx::prediction_explanations_record record;
        drx::prediction_explanations_page page;
        if (!load_payload(payloads / "deployment-xemp-response.json", xemp_) || !load_payload(payloads / "deployment-shap-response.json", shap_) ||
            !load_payload(payloads / "cluster-list.json", clusters) || !load_payload(payloads / "cluster-insights-page.json", insights_) ||
            !load_payload(payloads / "prediction-explanations-record.json", record) ||
            !load_payload(payloads / "prediction-explanations-page.json", page))
            return false;
        if (xemp_.data.empty() || shap_.data.empty()) {
            std::cerr << "mock: the canned deployment responses of " << payloads << " need at least one row each\n";
            return false;
        }
        // The projects served: the scenario's, else those the payloads name.
        std::vector<scenario_project> projects;
        if (sc.projects)
            projects = *sc.projects;
        else if (clusters.project_id == record.project_id)
            projects = {{clusters.project_id, std::vector{clusters.model_id}, std::vector{record.id}}};
        else
            projects = {{clusters.project_id, std::vector{clusters.model_id}, std::nullopt},
                        {record.project_id, std::nullopt, std::vector{record.id}}};
        for (auto const& p : projects) {
            auto& records = records_[p.id];
            for (auto const& m : p.clustering_models.value_or(std::vector<std::string>{})) {
                auto l = clusters;
                l.project_id = p.id;
                l.model_id = m;
                models_[p.id + "/" + m] = std::move(l);
            }
            for (auto const& id : p.prediction_explanations.value_or(std::vector<std::string>{})) {
                // The payload's record and page, under this project and id (also in their URLs).
                explanations x{record, page};
                auto ids = [&](std::string u) { return replaced(replaced(std::move(u), record.project_id, p.id), record.id, id); };
                x.record.project_id = p.id;
                x.record.id = id;
                x.record.prediction_explanations_location = ids(x.record.prediction_explanations_location);
                x.page.id = id;
                x.page.prediction_explanations_record_location = ids(x.page.prediction_explanations_record_location);
                explanations_[p.id + "/" + id] = std::move(x);
                records.push_back(id);
            }
        }
        return true;
    }

    std::string summary() const override {
        std::string s = "deployments";
        for (auto const& d : deployments_)
            s += " " + d.id + " (" + std::string(drx::enum_wire_name(d.kind)) + ", " + std::string(drx::enum_wire_name(d.algorithm)) + ")";
        s += "; clustering models";
        for (auto const& [k, v] : models_) s += " " + k;
        s += "; prediction explanations";
        for (auto const& [k, v] : explanations_) s += " " + k;
        if (managed_cloud_) s += "; managed cloud (DataRobot-Key required)";
        return s;
    }

    std::optional<answer> head(request const& r) override {
        routed rt = find_route(r.target);
        if (auto refused = unrouted(r, rt)) return refused;
        if (rt.r->what != endpoint::predictions && rt.r->what != endpoint::predictions_serverless) return std::nullopt;
        prediction p;
        if (auto refused = check_prediction(r, rt.params[0], rt.query, rt.r->what == endpoint::predictions_serverless,
                                            deployments_, managed_cloud_, true, p))
            return refused;
        return std::nullopt;  // headers and query accepted: read the body, then answer
    }

    answer respond(request const& r, std::string const& raw) override {
        routed rt = find_route(r.target);
        if (auto refused = unrouted(r, rt)) return *refused;
        std::string decoded;
        std::string const* body = &raw;
        if (auto enc = field(r, "Content-Encoding"); enc && (media_type(*enc) == "gzip" || media_type(*enc) == "x-gzip")) {
            auto g = drx::detail::gunzip(raw, s_.max_body_bytes);
            if (!g.bytes) {
                // codec.hpp's only size error; every other one means the bytes are not gzip data.
                if (g.error.starts_with("the decompressed body is larger"))
                    return error(413, "Request body is larger than the mock's limit of " + std::to_string(s_.max_body_bytes) +
                                          " bytes (--max-body-bytes) once decompressed");
                return error(400, std::string(text::not_gzip) + ": " + g.error);
            }
            decoded = std::move(*g.bytes);
            body = &decoded;
        }
        std::string const base = "http://" + std::string(field(r, "Host").value_or("127.0.0.1")) + std::string(rt.path);
        std::string key = rt.params.size() > 1 ? rt.params[0] + "/" + rt.params[1] : std::string();
        paging pg;
        switch (rt.r->what) {
            case endpoint::predictions:
            case endpoint::predictions_serverless:
            {
                prediction p;
                if (auto refused = check_prediction(r, rt.params[0], rt.query, rt.r->what == endpoint::predictions_serverless,
                                                    deployments_, managed_cloud_, false, p))
                    return *refused;
                table t;
                if (auto bad = parse_rows(p.headers.content_type.value_or("text/csv"), *body, s_.max_rows, t))
                    return error(bad->status, bad->message);
                return score(p, t, xemp_, shap_);
            }
            case endpoint::cluster_names: {
                auto it = models_.find(key);
                if (it == models_.end()) return error(404, drx::cluster_not_found_message);
                if (r.method == "GET") return written(it->second);
                return rename(it->second, *body);
            }
            case endpoint::cluster_insights: {
                if (!models_.count(key)) return error(404, drx::cluster_not_found_message);
                if (auto bad = paging_of(rt.query, false, pg)) return error(bad->status, bad->message);
                auto page = insights_;
                page.total_count = static_cast<std::int64_t>(page_of(page.data, pg, base, page.next_page, page.previous_page));
                page.count = static_cast<std::int64_t>(page.data.size());
                return written(page);
            }
            case endpoint::records: {
                auto it = records_.find(rt.params[0]);
                if (it == records_.end()) return error(404, text::not_found);
                if (auto bad = paging_of(rt.query, false, pg)) return error(bad->status, bad->message);
                drx::prediction_explanations_record_list list;
                for (auto const& id : it->second) list.data.push_back(explanations_.at(rt.params[0] + "/" + id).record);
                drx::nullable<std::string> next, previous;
                page_of(list.data, pg, base, next, previous);
                list.next_page = next;
                list.previous_page = previous;
                list.count = static_cast<std::int64_t>(list.data.size());
                return written(list);
            }
            case endpoint::record: {
                auto it = explanations_.find(key);
                if (it == explanations_.end()) return error(404, text::not_found);
                return written(it->second.record);
            }
            case endpoint::page: {
                auto it = explanations_.find(key);
                if (it == explanations_.end()) return error(404, text::not_found);
                if (auto bad = paging_of(rt.query, true, pg)) return error(bad->status, bad->message);
                auto page = it->second.page;
                drx::nullable<std::string> next, previous;
                page_of(page.data, pg, base, next, previous);
                page.next_page = next;
                page.previous_page = previous;
                if (pg.exclude_adjusted)
                    for (auto& row : page.data) {
                        row.adjusted_prediction.reset();
                        row.adjusted_prediction_values.reset();
                    }
                return written(page);
            }
        }
        return error(500, "mock: unrouted request");
    }

private:
    settings s_;
    bool managed_cloud_ = false;
    std::vector<deployment> deployments_;
    drx::deployment_xemp_response xemp_;
    drx::deployment_shap_response shap_;
    drx::cluster_insights_page insights_;
    /// The clusters of each clustering model, "projectId/modelId" (renames are kept).
    std::map<std::string, drx::cluster_list> models_;
    /// Explanations by "projectId/id".
    std::map<std::string, explanations> explanations_;
    /// Each project's explanation ids, in the scenario's order.
    std::map<std::string, std::vector<std::string>> records_;

    /// 404 for an unknown path, 405 (with Allow) for a method the path is not served with.
    static std::optional<answer> unrouted(request const& r, routed const& rt) {
        if (!rt.r) return error(404, text::not_found);
        if (allows(*rt.r, r.method)) return std::nullopt;
        answer a = error(405, text::method_not_allowed);
        a.fields.emplace_back("Allow", std::string(rt.r->allow));
        return a;
    }




    /// PATCH clusterNames: the rename checked against the model's clusters, then applied.
    answer rename(drx::cluster_list& current, std::string const& body) {
        drx::context c;
        c.model_kind = drx::model_kind::clustering;
        c.cluster_names = drx::cluster_names_of(current.clusters);
        c.n_clusters = static_cast<std::int64_t>(c.cluster_names->size());
        drx::validate_options vo;
        vo.check.level = drx::level::consistency;
        vo.check.ctx = &c;
        auto req = drx::validate<drx::cluster_rename_request>(body, vo);
        if (auto refused = drx::cluster_rename_http_error(req.diagnostics()))
            return written(refused->body, static_cast<unsigned>(refused->status));
        if (!req) {
            for (auto const& d : req.diagnostics())
                if (d.severity == drx::severity::error) return error(422, d.message);
            return error(422, "The rename body is not a cluster-name-mappings object");
        }
        auto renamed = drx::apply_cluster_rename(current, req.value());
        if (!renamed) return error(422, renamed.diagnostics().front().message);
        current = std::move(renamed).value();
        return written(current);
    }
};

}  // namespace

std::string error_body(std::string_view message) { return drx::deployment_error_body(message); }

std::uint64_t real_body_limit() { return drx::deployment_body_limit; }

answer body_too_large(std::uint64_t max_body_bytes) {
    if (max_body_bytes >= drx::deployment_body_limit) return error(413, drx::deployment_text::body_too_large);
    return error(413, "Request body is larger than the mock's limit of " + std::to_string(max_body_bytes) +
                          " bytes (--max-body-bytes)");
}

answer header_too_large() { return error(431, "Request header too large"); }

bool valid_deployment_option(std::string const& spec) { return deployment_of(spec).has_value(); }

std::unique_ptr<service> service::load(settings const& s) {
    auto p = std::make_unique<impl>();
    if (!p->init(s)) return nullptr;
    return p;
}

}  // namespace drx_mock
