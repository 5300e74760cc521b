// SPDX-License-Identifier: BSL-1.0
// drx: the command-line tool (contract section 6).
//
//   drx schemas
//   drx check SCHEMA [INPUT...] [--jsonl] [--level schema|rules|consistency] [--context JSON|@FILE]
//             [--request QUERY] [--json | --quiet]
//   drx --version
//   drx query [--algorithm xemp|shap] [--model-kind KIND] [--deployment ID] [--context JSON] QUERY_STRING
//   drx format SCHEMA [FILE|-] [--compact | --python | --indent N] [--utf8] [--level L]
//   drx csv [FILE|-] [--max-explanations N] [--record FILE] [--explained-classes N] [--client-text-padding]
//   drx generate SCHEMA [--seed N] [--count K] [--invalid] [--query]
//   drx dictionary [--query] [SCHEMA...]
//   drx json-schema SCHEMA [--unknown-keys error|warning|ignore]
//   drx json-schema --all --out DIR [--unknown-keys error|warning|ignore]
//   drx openapi [--unknown-keys error|warning|ignore]
//   drx rules [SCHEMA] [--json | --markdown]
//
// Reading policies for check and format: --unknown-keys error|warning|ignore,
// --duplicate-keys error|last-wins, --max-depth N (at most 512), --max-diagnostics N,
// --max-input-size BYTES (csv takes the last three too). An input is read only up to the size
// limit, so an endless one stops at once.
// Exit codes: 0 success, 1 invalid input, 2 usage or I/O error (an input that cannot be read,
// or output that cannot be written, e.g. to a full disk).
#include <cerrno>
#include <charconv>
#include <cstring>
#include <limits>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <drx/drx.hpp>
#include <drx/tools/csv.hpp>
#include <drx/tools/fuzz.hpp>
#include <drx/tools/generate.hpp>
#include <drx/tools/generate_query.hpp>
#include <drx/tools/json_schema.hpp>
#include <drx/tools/openapi.hpp>
#include <drx/tools/rule_list.hpp>

namespace {

constexpr char const* usage_text =
    "usage: drx schemas\n"
    "       drx check SCHEMA [INPUT...] [--jsonl] [--level schema|rules|consistency] [--context JSON|@FILE]\n"
    "                 [--request QUERY] [--json | --quiet]     (INPUT: a file, a directory of *.json, or -)\n"
    "       drx format SCHEMA [FILE|-] [--compact | --python | --indent N] [--utf8] [--level L]\n"
    "       drx csv [FILE|-] [--max-explanations N] [--record FILE] [--explained-classes N] [--client-text-padding]\n"
    "       drx query [--algorithm xemp|shap] [--model-kind KIND] [--deployment ID] [--context JSON] QUERY_STRING\n"
    "       drx generate SCHEMA [--seed N] [--count K] [--invalid] [--query]\n"
    "       drx dictionary [--query] [SCHEMA...]\n"
    "       drx json-schema SCHEMA | --all --out DIR  [--unknown-keys error|warning|ignore]\n"
    "       drx openapi [--unknown-keys error|warning|ignore]\n"
    "       drx rules [SCHEMA] [--json | --markdown]\n"
    "reading options (check, format): --unknown-keys error|warning|ignore, --duplicate-keys error|last-wins,\n"
    "       --max-depth N (at most 512), --max-diagnostics N, --max-input-size BYTES (csv: the last three)\n"
    "options take their value as --option VALUE or --option=VALUE; -- ends the options of check, format\n"
    "       and csv (later arguments are inputs); drx COMMAND --help prints this\n"
    "exit codes: 0 success, 1 invalid input, 2 usage or I/O error\n";

struct usage_error {
    std::string message;
};

int fail_usage(std::string const& message) {
    std::cerr << "drx: " << message << "\n" << usage_text;
    return 2;
}

/// An input that could not be read: "drx: cannot read PATH: REASON" (exit 2).
struct io_error {
    std::string message;
};

/// The value of --unknown-keys.
drx::unknown_keys unknown_keys_option(std::string const& v) {
    if (v == "error") return drx::unknown_keys::error;
    if (v == "warning") return drx::unknown_keys::warning;
    if (v == "ignore") return drx::unknown_keys::ignore;
    throw usage_error{"--unknown-keys is error, warning or ignore, got '" + v + "'"};
}

/// Reads a file (or standard input for "" and "-") with a size limit: at most `limit` + 1
/// bytes are read, so an endless input (/dev/zero) stops at once. Returns false when the input
/// is larger than `limit`; throws io_error when it cannot be read.
bool read_input(std::string const& path, std::string& out, std::size_t limit) {
    bool const stdin_input = path.empty() || path == "-";
    std::string const name = stdin_input ? std::string("standard input") : path;
    std::FILE* f = stdin_input ? stdin : std::fopen(path.c_str(), "rb");
    if (!f) throw io_error{"cannot read " + name + ": " + std::strerror(errno)};
    out.clear();
    std::size_t const cap = limit == static_cast<std::size_t>(-1) ? limit : limit + 1;
    char buf[1 << 16];
    while (out.size() < cap) {
        std::size_t want = std::min(sizeof buf, cap - out.size());
        std::size_t got = std::fread(buf, 1, want, f);
        out.append(buf, got);
        if (got < want) break;
    }
    int const err = std::ferror(f) ? errno : 0;
    if (!stdin_input) std::fclose(f);
    if (err) throw io_error{"cannot read " + name + ": " + std::strerror(err)};
    return out.size() <= limit;
}

/// The value of --context: a context as JSON, or @FILE for one in a file.
drx::context context_option(std::string const& v) {
    std::string text = v;
    if (v.starts_with("@") && !read_input(v.substr(1), text, std::size_t{1} << 20))
        throw usage_error{"--context " + v + ": the file is larger than 1 MiB"};
    drx::read_options ro;
    ro.unknown_keys = drx::unknown_keys::error;
    auto r = drx::read<drx::context>(text, ro);
    if (!r) {
        std::string m = "--context is not a valid context:";
        for (auto const& d : r.diagnostics()) m += "\n  " + drx::to_line(d);
        throw usage_error{m};
    }
    return std::move(r).value();
}

/// The diagnostic of an input over the size limit (what the reader says of a text over it).
drx::diagnostic input_too_large(std::size_t limit) {
    return {"", std::string(drx::schema_rule::limit), drx::severity::error,
            "input larger than the limit of " + std::to_string(limit) + " bytes (--max-input-size); reading stopped there",
            "size <= " + std::to_string(limit), "more than " + std::to_string(limit) + " bytes"};
}

std::size_t to_size(std::string const& s, char const* what) {
    std::size_t v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) throw usage_error{std::string(what) + " needs a number, got '" + s + "'"};
    return v;
}

/// Options shared by check and format.
struct common {
    std::string schema;
    std::string file;
    /// check: every input (files, directories, "-"); format: at most one (file).
    std::vector<std::string> inputs;
    drx::read_options read;
    drx::check_options check;
    drx::context ctx;
    /// --request: the query the checked response answers (check.request refers to it).
    std::optional<drx::deployment_predictions_query> request;
    bool have_ctx = false;
    bool have_request = false;
};

/// Parses the shared options; returns the arguments it does not know.
std::vector<std::string> parse_common(std::vector<std::string> const& args, common& c) {
    std::vector<std::string> rest;
    std::vector<std::string> positional;
    std::optional<drx::deployment_predictions_query> request;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string const& a = args[i];
        auto value = [&]() -> std::string const& {
            if (i + 1 >= args.size()) throw usage_error{a + " needs a value"};
            return args[++i];
        };
        if (a == "--level") {
            std::string const& v = value();
            if (v == "schema")
                c.check.level = drx::level::schema;
            else if (v == "rules")
                c.check.level = drx::level::rules;
            else if (v == "consistency")
                c.check.level = drx::level::consistency;
            else
                throw usage_error{"--level is schema, rules or consistency, got '" + v + "'"};
        } else if (a == "--context") {
            c.ctx = context_option(value());
            c.have_ctx = true;
        } else if (a == "--request") {
            // The deployment predictions query that produced the checked response (contract
            // section 6); consistency rules compare against it.
            auto r = drx::validate_query<drx::deployment_predictions_query>(value(), {.level = drx::level::rules});
            if (!r.ok()) {
                std::string m = "--request is not a valid deployment predictions query:";
                for (auto const& d : r.diagnostics()) m += "\n  " + drx::to_line(d);
                throw usage_error{m};
            }
            request = r.value();
        } else if (a == "--unknown-keys") {
            c.read.unknown_keys = unknown_keys_option(value());
        } else if (a == "--duplicate-keys") {
            std::string const& v = value();
            if (v == "error")
                c.read.duplicate_keys = drx::duplicate_keys::error;
            else if (v == "last-wins")
                c.read.duplicate_keys = drx::duplicate_keys::last_wins;
            else
                throw usage_error{"--duplicate-keys is error or last-wins, got '" + v + "'"};
        } else if (a == "--max-depth") {
            c.read.max_depth = to_size(value(), "--max-depth");
            if (c.read.max_depth > drx::max_depth_limit)
                throw usage_error{"--max-depth is at most " + std::to_string(drx::max_depth_limit) +
                                  " (deeper nesting would overflow the stack), got '" + args[i] + "'"};
        } else if (a == "--max-diagnostics") {
            c.read.max_diagnostics = to_size(value(), "--max-diagnostics");
        } else if (a == "--max-input-size") {
            c.read.max_input_size = to_size(value(), "--max-input-size");
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            rest.push_back(a);
            // options of the subcommand that take a value
            if (a == "--indent") rest.push_back(value());
        } else {
            positional.push_back(a);
        }
    }
    if (positional.empty()) throw usage_error{"missing SCHEMA"};
    c.schema = positional[0];
    c.inputs.assign(positional.begin() + 1, positional.end());
    if (!c.inputs.empty()) c.file = c.inputs[0];
    if (request) {
        c.request = std::move(*request);
        c.check.request = drx::request_ref::of(*c.request);
        c.have_ctx = true;
        c.have_request = true;
    }
    if (c.have_ctx) c.check.ctx = &c.ctx;
    return rest;
}

void print_skipped(drx::schema_run const& run) {
    for (auto const& s : run.skipped)
        std::cerr << "drx: note: rule " << s.rule << " skipped: the context lacks " << s.needs << "\n";
    if (!run.omitted) return;
    bool stopped = !run.diagnostics.empty() && run.diagnostics.back().rule == drx::schema_rule::limit &&
                   run.diagnostics.back().message.find("max_diagnostics") != std::string::npos;
    if (stopped)
        std::cerr << "drx: note: " << run.omitted
                  << " diagnostics not listed (--max-diagnostics); reading or checking stopped at the first error past "
                     "the limit, so the document may hold more\n";
    else
        std::cerr << "drx: note: " << run.omitted << " more diagnostics omitted (--max-diagnostics)\n";
}

int cmd_schemas(std::vector<std::string> const& args) {
    if (!args.empty()) return fail_usage("schemas takes no arguments");
    for (auto const& e : drx::catalogue()) std::cout << e.name << "\n";
    return 0;
}

/// deployment-predictions-headers names are case-insensitive (contract section 6): the keys are
/// rewritten to their canonical spelling before the generic reader sees them (until the core
/// reader can match keys case-insensitively itself).
std::string canonical_header_names(std::string const& schema, std::string const& text) {
    if (schema != drx::schema_name_of<drx::deployment_predictions_headers>()) return text;
    return drx::canonical_keys<drx::deployment_predictions_headers>(text);
}

drx::schema_entry const& schema_or_throw(std::string const& name) {
    if (auto const* e = drx::find_schema(name)) return *e;
    throw usage_error{"unknown schema '" + name + "' (see drx schemas)"};
}

/// --request gives a deployment predictions query: refused, as a usage error, for a schema
/// whose rules compare against no request or against another request type, so a request of
/// the wrong type is never silently ignored.
void check_request_fits(common const& c, drx::schema_entry const& schema) {
    if (!c.have_request) return;
    auto types = schema.request_types();
    constexpr std::string_view query = "deployment_predictions_query";
    if (std::find(types.begin(), types.end(), query) != types.end()) return;
    if (types.empty())
        throw usage_error{"--request does not apply to " + c.schema + ": none of its rules compares against a request"};
    std::string names;
    for (auto t : types) names += (names.empty() ? "" : "; ") + std::string(t);
    throw usage_error{"--request gives a deployment predictions query, but the rules of " + c.schema +
                      " compare against " + names};
}

/// Reads the input of check and format, and runs the schema over it; an input over the size
/// limit gives the schema.limit diagnostic without reading the rest.
drx::schema_run run_input(common const& c, drx::schema_entry const& schema, drx::write_options const* wo) {
    std::string text;
    if (!read_input(c.file, text, c.read.max_input_size)) {
        drx::schema_run run;
        run.diagnostics.push_back(input_too_large(c.read.max_input_size));
        return run;
    }
    text = canonical_header_names(c.schema, text);
    return schema.run(text, c.read, c.check, wo);
}

/// The files an input names: itself, or the *.json files under a directory (sorted).
std::vector<std::string> expand_input(std::string const& in) {
    std::error_code ec;
    if (in.empty() || in == "-" || !std::filesystem::is_directory(in, ec)) return {in};
    std::vector<std::string> out;
    for (auto it = std::filesystem::recursive_directory_iterator(in, ec); !ec && it != std::filesystem::end(it);
         it.increment(ec))
        if (it->is_regular_file(ec) && it->path().extension() == ".json") out.push_back(it->path().string());
    if (ec) throw io_error{"cannot read the directory " + in + ": " + ec.message()};
    if (out.empty()) throw io_error{"no *.json file in the directory " + in};
    std::sort(out.begin(), out.end());
    return out;
}

/// Calls f(line_number, text) for each non-empty line of a JSON Lines input; a line longer
/// than `limit` is passed as std::nullopt (its rest is skipped).
template <class F>
void for_each_line(std::string const& path, std::size_t limit, F&& f) {
    bool const stdin_input = path.empty() || path == "-";
    std::string const name = stdin_input ? std::string("standard input") : path;
    std::FILE* file = stdin_input ? stdin : std::fopen(path.c_str(), "rb");
    if (!file) throw io_error{"cannot read " + name + ": " + std::strerror(errno)};
    std::string line;
    bool too_long = false;
    std::size_t n = 0;
    auto flush = [&] {
        ++n;
        if (too_long)
            f(n, std::optional<std::string>());
        else if (line.find_first_not_of(" \t\r") != std::string::npos)
            f(n, std::optional<std::string>(line));
        line.clear();
        too_long = false;
    };
    char buf[1 << 16];
    for (std::size_t got; (got = std::fread(buf, 1, sizeof buf, file)) > 0;) {
        std::string_view chunk(buf, got);
        while (!chunk.empty()) {
            std::size_t nl = chunk.find('\n');
            std::string_view part = chunk.substr(0, nl);
            if (!too_long) {
                line.append(part);
                if (line.size() > limit) {
                    too_long = true;
                    line.clear();
                }
            }
            if (nl == std::string_view::npos) break;
            flush();
            chunk.remove_prefix(nl + 1);
        }
    }
    int const err = std::ferror(file) ? errno : 0;
    if (!line.empty() || too_long) flush();
    if (!stdin_input) std::fclose(file);
    if (err) throw io_error{"cannot read " + name + ": " + std::strerror(err)};
}

/// One --json record: {"input", "schema", "valid", "diagnostics", "skipped", "omitted"}.
std::string check_record(std::string const& input, std::string const& schema, drx::schema_run const& run) {
    drx::write_options wo;
    wo.ensure_ascii = false;
    std::string out = "{\"input\":";
    drx::detail::append_json_string(out, input, false);
    out += ",\"schema\":";
    drx::detail::append_json_string(out, schema, false);
    out += run.ok() ? ",\"valid\":true" : ",\"valid\":false";
    out += ",\"diagnostics\":" + drx::to_json(run.diagnostics, wo) + ",\"skipped\":[";
    for (std::size_t i = 0; i < run.skipped.size(); ++i) {
        out += i ? ",{\"rule\":" : "{\"rule\":";
        drx::detail::append_json_string(out, run.skipped[i].rule, false);
        out += ",\"needs\":";
        drx::detail::append_json_string(out, run.skipped[i].needs, false);
        out += "}";
    }
    out += "],\"omitted\":" + std::to_string(run.omitted) + "}";
    return out;
}

/// drx check SCHEMA [INPUT...] [--jsonl] [--json] [--quiet]: each input is a file, a directory
/// (its *.json files) or - (standard input, also when there is none); with --jsonl every line
/// of an input is a document ("FILE:LINE" names it). One input prints its diagnostics as
/// lines; several prefix each line with the input's name. --json prints one record per input
/// (JSON Lines); --quiet prints nothing. Exit 1 when any input is invalid.
int cmd_check(std::vector<std::string> const& args) {
    common c;
    bool json = false, jsonl = false, quiet = false;
    for (auto const& a : parse_common(args, c)) {
        if (a == "--json")
            json = true;
        else if (a == "--jsonl")
            jsonl = true;
        else if (a == "--quiet" || a == "-q")
            quiet = true;
        else
            throw usage_error{"unknown option " + a};
    }
    auto const& schema = schema_or_throw(c.schema);
    check_request_fits(c, schema);
    std::vector<std::string> files;
    for (auto const& in : c.inputs.empty() ? std::vector<std::string>{"-"} : c.inputs)
        for (auto& f : expand_input(in)) files.push_back(std::move(f));
    bool const prefixed = files.size() > 1 || jsonl;
    bool all_ok = true;
    auto report = [&](std::string const& name, drx::schema_run const& run) {
        all_ok = all_ok && run.ok();
        if (quiet) return;
        if (json) {
            std::cout << check_record(name, c.schema, run) << "\n";
            return;
        }
        for (auto const& d : run.diagnostics) std::cout << (prefixed ? name + "\t" : "") << drx::to_line(d) << "\n";
        if (prefixed)
            for (auto const& sk : run.skipped)
                std::cerr << "drx: note: " << name << ": rule " << sk.rule << " skipped: the context lacks " << sk.needs << "\n";
        else
            print_skipped(run);
    };
    for (auto const& file : files) {
        std::string const name = file.empty() || file == "-" ? "-" : file;
        if (!jsonl) {
            common one = c;
            one.file = file;
            report(name, run_input(one, schema, nullptr));
            continue;
        }
        for_each_line(file, c.read.max_input_size, [&](std::size_t n, std::optional<std::string> const& text) {
            drx::schema_run run;
            if (!text)
                run.diagnostics.push_back(input_too_large(c.read.max_input_size));
            else
                run = schema.run(canonical_header_names(c.schema, *text), c.read, c.check, nullptr);
            report(name + ":" + std::to_string(n), run);
        });
    }
    std::cout.flush();
    if (!std::cout) throw io_error{"cannot write the output"};
    return all_ok ? 0 : 1;
}

int cmd_format(std::vector<std::string> const& args) {
    common c;
    c.check.level = drx::level::rules;
    drx::write_options wo;
    auto rest = parse_common(args, c);
    for (std::size_t i = 0; i < rest.size(); ++i) {
        std::string const& a = rest[i];
        if (a == "--compact")
            wo.layout = drx::layout::compact;
        else if (a == "--python")
            wo.layout = drx::layout::python;
        else if (a == "--indent") {
            wo.layout = drx::layout::indent;
            std::size_t n = to_size(rest[++i], "--indent");
            if (n > 64) throw usage_error{"--indent is at most 64"};
            wo.indent = static_cast<int>(n);
        } else if (a == "--utf8")
            wo.ensure_ascii = false;
        else
            throw usage_error{"unknown option " + a};
    }
    if (c.inputs.size() > 1) throw usage_error{"too many arguments (format takes one input)"};
    auto const& schema = schema_or_throw(c.schema);
    check_request_fits(c, schema);
    drx::schema_run run = run_input(c, schema, &wo);
    for (auto const& d : run.diagnostics) std::cerr << drx::to_line(d) << "\n";
    print_skipped(run);
    if (!run.output) return 1;
    std::cout << *run.output << "\n";
    return 0;
}

/// drx csv: a prediction explanations page (or a deployment XEMP/SHAP response) as the CSV the
/// Python client's download_to_csv writes (contract section 6; wire-format.md section 6).
/// --record FILE takes maxExplanations and the mode from a prediction-explanations-record, as
/// the client does; --max-explanations and --explained-classes override; without either the
/// largest count in the rows is used and the layout has no explained_class_ prefix.
/// --client-text-padding writes the client's shifted layout for text columns with a mode.
int cmd_csv(std::vector<std::string> const& args) {
    std::string file, record_file;
    drx::explanations_csv_options opt;
    drx::validate_options vo;
    std::optional<std::int64_t> max_explanations, explained_classes;
    auto to_count = [](std::string const& v, char const* what) {
        std::size_t n = to_size(v, what);
        if (n > static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max()))
            throw usage_error{std::string(what) + " is at most 9223372036854775807, got '" + v + "'"};
        return static_cast<std::int64_t>(n);
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string const& a = args[i];
        auto value = [&]() -> std::string const& {
            if (i + 1 >= args.size()) throw usage_error{a + " needs a value"};
            return args[++i];
        };
        if (a == "--max-explanations")
            max_explanations = to_count(value(), "--max-explanations");
        else if (a == "--explained-classes")
            explained_classes = to_count(value(), "--explained-classes");
        else if (a == "--max-input-size")
            vo.read.max_input_size = to_size(value(), "--max-input-size");
        else if (a == "--max-depth") {
            vo.read.max_depth = to_size(value(), "--max-depth");
            if (vo.read.max_depth > drx::max_depth_limit)
                throw usage_error{"--max-depth is at most " + std::to_string(drx::max_depth_limit) + ", got '" + args[i] + "'"};
        } else if (a == "--max-diagnostics")
            vo.read.max_diagnostics = to_size(value(), "--max-diagnostics");
        else if (a == "--record")
            record_file = value();
        else if (a == "--client-text-padding")
            opt.client_text_padding = true;
        else if (a.size() > 1 && a[0] == '-' && a != "-")
            throw usage_error{"unknown option " + a};
        else if (file.empty())
            file = a;
        else
            throw usage_error{"too many arguments"};
    }
    auto report = [](std::vector<drx::diagnostic> const& ds) {
        for (auto const& d : ds) std::cerr << drx::to_line(d) << "\n";
        return drx::has_errors(ds);
    };
    if (!record_file.empty()) {
        std::string rt;
        if (!read_input(record_file, rt, vo.read.max_input_size)) {
            report({input_too_large(vo.read.max_input_size)});
            return 1;
        }
        drx::validate_options rvo = vo;
        rvo.check.level = drx::level::rules;
        auto rec = drx::validate<drx::prediction_explanations_record>(rt, rvo);
        if (report(rec.diagnostics()) || !rec.ok()) return 1;
        bool padding = opt.client_text_padding;
        opt = drx::explanations_csv_options::from_record(rec.value());
        opt.client_text_padding = padding;
    }
    if (max_explanations) opt.max_explanations = max_explanations;
    if (explained_classes) opt.explained_classes = explained_classes;
    std::string text;
    if (!read_input(file, text, vo.read.max_input_size)) {
        report({input_too_large(vo.read.max_input_size)});
        return 1;
    }
    auto csv = drx::write_explanations_csv_from_json(text, opt, vo);
    if (report(csv.diagnostics()) || !csv.ok()) return 1;
    std::cout << csv.value();
    return 0;
}

/// drx query [--algorithm xemp|shap] [--model-kind KIND] [--deployment ID] [--context JSON]
/// QUERY_STRING: the deployment predictions endpoint's answer to a query string (contract
/// section 6). Accepted: exit 0 and the decoded parameters as JSON (Python's json.dumps
/// layout). Refused: exit 1 and "STATUS BODY" with the real server's exact body. Diagnostics
/// (warnings too) go to stderr. A leading '?' is dropped.
int cmd_query(std::vector<std::string> const& args) {
    drx::context ctx;
    std::optional<drx::explanation_algorithm> algorithm;
    std::optional<drx::model_kind> kind;
    std::optional<std::string> id, query;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string const& a = args[i];
        auto value = [&]() -> std::string const& {
            if (i + 1 >= args.size()) throw usage_error{a + " needs a value"};
            return args[++i];
        };
        if (a == "--algorithm") {
            drx::explanation_algorithm v{};
            if (!drx::enum_from_wire(value(), v)) throw usage_error{"--algorithm is xemp or shap, got '" + args[i] + "'"};
            algorithm = v;
        } else if (a == "--model-kind") {
            drx::model_kind v{};
            if (!drx::enum_from_wire(value(), v))
                throw usage_error{"--model-kind is binary, regression, multiclass, clustering, anomaly or time-series, got '" +
                                  args[i] + "'"};
            kind = v;
        } else if (a == "--deployment") {
            id = value();
        } else if (a == "--context") {
            ctx = context_option(value());
        } else if (a.size() > 1 && a[0] == '-' && !query) {
            throw usage_error{"unknown option " + a};
        } else if (!query) {
            query = a;
        } else {
            throw usage_error{"too many arguments"};
        }
    }
    if (!query) throw usage_error{"missing QUERY_STRING"};
    if (algorithm) ctx.algorithm = algorithm;
    if (kind) ctx.model_kind = kind;
    std::string_view q = *query;
    if (!q.empty() && q.front() == '?') q.remove_prefix(1);
    auto r = drx::check_predictions_request(id ? std::optional<std::string_view>(*id) : std::nullopt, q, nullptr, &ctx);
    for (auto const& d : r.diagnostics) std::cerr << drx::to_line(d) << "\n";
    if (!r.ok()) {
        std::cout << r.error->status << " " << r.error->body << "\n";
        return 1;
    }
    std::cout << drx::to_json(*r.query, drx::write_options::python()) << "\n";
    return 0;
}

/// One JSON line of a labelled case: {"rule": ..., "pointer": ..., "instance": ...}; the
/// instance is JSON text, or a JSON string when `as_string` (a query string).
std::string case_line(drx::labelled_case const& c, bool as_string) {
    std::string line = "{\"rule\":";
    drx::detail::append_json_string(line, c.rule, true);
    line += ",\"pointer\":";
    drx::detail::append_json_string(line, c.pointer, true);
    line += ",\"instance\":";
    if (as_string)
        drx::detail::append_json_string(line, c.instance, true);
    else
        line += c.instance;
    return line;
}

/// drx generate SCHEMA [--seed N] [--count K] [--invalid] [--query] (contract section 6): K
/// JSON lines of generated instances that pass `drx check`; with --invalid, K near misses as
/// {"rule": ..., "pointer": ..., "instance": ...}, each failing with exactly that rule there.
/// --query (deployment-predictions-query only): the instances as query strings, each line
/// {"query": ...}; with --invalid {"rule", "pointer", "instance": the query string, "status",
/// "body"}: the one rule the query breaks and the server's answer to it.
int cmd_generate(std::vector<std::string> const& args) {
    std::optional<std::string> schema;
    std::uint64_t seed = 0;
    std::size_t count = 10;
    bool invalid = false, query = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string const& a = args[i];
        auto value = [&]() -> std::string const& {
            if (i + 1 >= args.size()) throw usage_error{a + " needs a value"};
            return args[++i];
        };
        if (a == "--seed") {
            std::string const& v = value();
            auto r = std::from_chars(v.data(), v.data() + v.size(), seed);
            if (r.ec != std::errc() || r.ptr != v.data() + v.size()) throw usage_error{"--seed needs a number, got '" + v + "'"};
        } else if (a == "--count") {
            count = to_size(value(), "--count");
        } else if (a == "--invalid") {
            invalid = true;
        } else if (a == "--query") {
            query = true;
        } else if (!a.empty() && a[0] == '-') {
            throw usage_error{"unknown option " + a};
        } else if (!schema) {
            schema = a;
        } else {
            throw usage_error{"too many arguments"};
        }
    }
    if (!schema) throw usage_error{"missing SCHEMA"};
    drx::seeded_entropy e(seed);
    drx::generator g(e);
    if (query) {
        using Q = drx::deployment_predictions_query;
        if (*schema != drx::schema_name_of<Q>())
            throw usage_error{"--query is for " + std::string(drx::schema_name_of<Q>()) + " only"};
        if (invalid) {
            for (auto const& c : drx::query_near_misses<Q>(g, count)) {
                auto answer = drx::check_predictions_request(std::nullopt, c.instance, nullptr, nullptr);
                std::string line = case_line(c, true);
                if (answer.error) {
                    line += ",\"status\":" + std::to_string(answer.error->status) + ",\"body\":";
                    drx::detail::append_json_string(line, answer.error->body, true);
                }
                std::cout << line << "}\n";
            }
            return 0;
        }
        for (std::size_t k = 0; k < count; ++k) {
            drx::result<std::string> q = drx::generate_valid_query<Q>(g);
            if (!q) {
                std::cerr << "drx: no valid query string could be generated\n";
                return 1;
            }
            std::string line = "{\"query\":";
            drx::detail::append_json_string(line, q.value(), true);
            std::cout << line << "}\n";
        }
        return 0;
    }
    int rc = 0;
    bool found = drx::with_schema<drx::all_schemas>(*schema, [&](auto t) {
        using T = typename decltype(t)::type;
        if (invalid) {
            for (auto const& c : drx::near_misses<T>(g, count)) std::cout << case_line(c, false) << "}\n";
            return;
        }
        for (std::size_t k = 0; k < count; ++k) {
            drx::result<T> v = drx::generate_valid<T>(g);
            if (!v) {
                std::cerr << "drx: no valid " << *schema << " instance could be generated\n";
                rc = 1;
                return;
            }
            std::cout << drx::to_json(v.value()) << "\n";
        }
    });
    if (!found) throw usage_error{"unknown schema '" + *schema + "' (see drx schemas)"};
    return rc;
}

/// drx dictionary [--query] [SCHEMA...]: a libFuzzer dictionary (-dict=FILE) of the named
/// schemas (all schemas when none): wire names and literals, in the JSON form or, with
/// --query, the query-string form. fuzz/*.dict are its output.
int cmd_dictionary(std::vector<std::string> const& args) {
    drx::dictionary_form form = drx::dictionary_form::json;
    std::vector<std::string> names;
    for (auto const& a : args) {
        if (a == "--query")
            form = drx::dictionary_form::query;
        else if (!a.empty() && a[0] == '-')
            throw usage_error{"unknown option " + a};
        else
            names.push_back(a);
    }
    for (auto const& n : names)
        if (!drx::find_schema(n)) throw usage_error{"unknown schema '" + n + "' (see drx schemas)"};
    // One dictionary over the chosen schemas: the tokens of each, merged and sorted.
    std::set<std::string> lines;
    std::string header;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, drx::all_schemas>>([&](auto t) {
        using T = typename decltype(t)::type;
        if (!names.empty() && std::find(names.begin(), names.end(), drx::schema_name_of<T>()) == names.end()) return;
        std::istringstream in(drx::fuzz_dictionary<T>(form));
        std::string line;
        while (std::getline(in, line)) {
            if (line.starts_with("#"))
                header = line;
            else
                lines.insert(line);
        }
    });
    std::cout << header << "\n";
    for (auto const& l : lines) std::cout << l << "\n";
    return 0;
}

/// drx json-schema SCHEMA | --all --out DIR [--unknown-keys POLICY]: the JSON Schema (draft
/// 2020-12) of a schema, derived from its declaration and rules (drx/tools/json_schema.hpp);
/// with --all, one DIR/NAME.json per catalogue schema (DIR must exist).
int cmd_json_schema(std::vector<std::string> const& args) {
    std::optional<std::string> schema, out;
    bool all = false;
    drx::json_schema_options opt;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string const& a = args[i];
        auto value = [&]() -> std::string const& {
            if (i + 1 >= args.size()) throw usage_error{a + " needs a value"};
            return args[++i];
        };
        if (a == "--all") {
            all = true;
        } else if (a == "--out") {
            out = value();
        } else if (a == "--unknown-keys") {
            opt.unknown_keys = unknown_keys_option(value());
        } else if (!a.empty() && a[0] == '-') {
            throw usage_error{"unknown option " + a};
        } else if (!schema) {
            schema = a;
        } else {
            throw usage_error{"too many arguments"};
        }
    }
    if (all == schema.has_value()) throw usage_error{"json-schema takes a SCHEMA or --all"};
    if (all != out.has_value()) throw usage_error{"--all and --out DIR go together"};
    if (!all) {
        bool found = drx::with_schema<drx::all_schemas>(*schema, [&](auto t) {
            using T = typename decltype(t)::type;
            std::cout << drx::json_schema<T>(opt);
        });
        if (!found) throw usage_error{"unknown schema '" + *schema + "' (see drx schemas)"};
        std::cout.flush();
        if (!std::cout) throw io_error{"cannot write the output"};
        return 0;
    }
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, drx::all_schemas>>([&](auto t) {
        using T = typename decltype(t)::type;
        std::string path = *out + "/" + std::string(drx::schema_name_of<T>()) + ".json";
        std::ofstream f(path, std::ios::binary);
        f << drx::json_schema<T>(opt);
        f.close();
        if (!f) throw io_error{"cannot write " + path + ": " + std::strerror(errno)};
    });
    return 0;
}

/// drx openapi [--unknown-keys POLICY]: the OpenAPI 3.1 document of the documented endpoints,
/// every schema a component (drx/tools/openapi.hpp).
int cmd_openapi(std::vector<std::string> const& args) {
    drx::openapi_options opt;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--unknown-keys" && i + 1 < args.size())
            opt.schema.unknown_keys = unknown_keys_option(args[++i]);
        else
            throw usage_error{args[i] == "--unknown-keys" ? "--unknown-keys needs a value" : "unknown argument " + args[i]};
    }
    std::cout << drx::openapi(opt);
    std::cout.flush();
    if (!std::cout) throw io_error{"cannot write the output"};
    return 0;
}

/// One rule id over the catalogue: where it is declared and what it says.
struct rule_row {
    std::string id;
    std::set<std::string> levels, severities, needs, members, messages;
    std::vector<std::string> schemas;
};

template <class C>
std::string joined(C const& items, std::string_view sep = ", ") {
    std::string out;
    for (auto const& x : items) out += (out.empty() ? "" : std::string(sep)) + x;
    return out;
}

/// drx rules [SCHEMA] [--json | --markdown]: every rule id of the catalogue (or of SCHEMA) with
/// its schemas, level, severity, the context facts it needs, the members it is declared on and
/// its message forms, read from the declarations (drx/tools/rule_list.hpp); docs/rules.md is
/// the Markdown form.
int cmd_rules(std::vector<std::string> const& args) {
    enum class form { text, json, markdown } f = form::text;
    std::optional<std::string> only;
    for (auto const& a : args) {
        if (a == "--json")
            f = form::json;
        else if (a == "--markdown")
            f = form::markdown;
        else if (!a.empty() && a[0] == '-')
            throw usage_error{"unknown option " + a};
        else if (!only)
            only = a;
        else
            throw usage_error{"too many arguments"};
    }
    if (only && !drx::find_schema(*only)) throw usage_error{"unknown schema '" + *only + "' (see drx schemas)"};
    std::map<std::string, rule_row> rows;
    auto add = [&](drx::rule_info const& r, std::string const& schema) {
        rule_row& row = rows[r.id];
        row.id = r.id;
        row.levels.insert(std::string(drx::enum_wire_name(r.level)));
        row.severities.insert(r.severity == drx::severity::error ? "error" : "warning");
        for (auto k : drx::needs_keys(r.needs)) row.needs.insert(std::string(k));
        if (!r.member.empty()) row.members.insert(r.member);
        if (!r.message.empty()) row.messages.insert(r.message);
        if (row.schemas.empty() || row.schemas.back() != schema) row.schemas.push_back(schema);
    };
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, drx::all_schemas>>([&](auto t) {
        using T = typename decltype(t)::type;
        std::string schema(drx::schema_name_of<T>());
        if (only && *only != schema) return;
        for (auto const& r : drx::reader_rules_info()) add(r, schema);
        for (auto const& r : drx::query_rules_info<T>()) add(r, schema);
        drx::for_each_object_type<T>([&](auto u) {
            using U = typename decltype(u)::type;
            for (auto const& r : drx::rules_info<U>()) add(r, schema);
        });
    });
    if (!only)
        for (auto const& r : drx::operation_rules_info()) add(r, "(operations)");
    if (f == form::json) {
        boost::json::array out;
        auto arr = [](auto const& c) {
            boost::json::array a;
            for (auto const& x : c) a.emplace_back(boost::json::string_view(x.data(), x.size()));
            return a;
        };
        for (auto const& [id, r] : rows)
            out.push_back(boost::json::object{{"id", id},
                                              {"schemas", arr(r.schemas)},
                                              {"levels", arr(r.levels)},
                                              {"severities", arr(r.severities)},
                                              {"needs", arr(r.needs)},
                                              {"members", arr(r.members)},
                                              {"messages", arr(r.messages)}});
        std::cout << drx::detail::json_schema_impl::pretty_text(out);
    } else if (f == form::markdown) {
        auto cell = [](std::string s) {
            std::string o;
            for (char c : s) {
                if (c == '|') o += "\\|";
                else if (c == '\n') o += "<br>";
                else o += c;
            }
            return o;
        };
        std::cout << "# Rule ids\n\n"
                     "Every rule id drx reports, as `drx rules --markdown` prints it from the declarations (a test\n"
                     "keeps this file equal). Levels: `schema` (reading), `rules` (one object), `consistency`\n"
                     "(across members and rows, against the request). A rule that needs context facts is skipped,\n"
                     "and said so, when the context lacks them. Messages are message forms: `{}` and the other\n"
                     "placeholders (docs/declaring-objects.md) stand for the value; upper-case words for parts\n"
                     "of the reader's messages.\n\n"
                     "| id | level | severity | needs | schemas | members | message |\n"
                     "|---|---|---|---|---|---|---|\n";
        for (auto const& [id, r] : rows)
            std::cout << "| `" << id << "` | " << joined(r.levels) << " | " << joined(r.severities) << " | "
                      << cell(joined(r.needs)) << " | " << (r.schemas.size() == drx::catalogue().size() ? std::string("all")
                                                                                                      : cell(joined(r.schemas)))
                      << " | " << cell(joined(r.members)) << " | " << cell(joined(r.messages, "<br>")) << " |\n";
    } else {
        for (auto const& [id, r] : rows)
            std::cout << id << '\t' << joined(r.levels) << '\t' << joined(r.severities) << '\t'
                      << (r.needs.empty() ? "-" : joined(r.needs)) << '\t' << joined(r.schemas, ",") << '\t'
                      << (r.messages.empty() ? "" : *r.messages.begin()) << '\n';
    }
    std::cout.flush();
    if (!std::cout) throw io_error{"cannot write the output"};
    return 0;
}

}  // namespace

int run_command(std::string const& cmd, std::vector<std::string> const& args) {
    try {
        if (cmd == "schemas") return cmd_schemas(args);
        if (cmd == "check") return cmd_check(args);
        if (cmd == "format") return cmd_format(args);
        if (cmd == "csv") return cmd_csv(args);
        if (cmd == "query") return cmd_query(args);
        if (cmd == "generate") return cmd_generate(args);
        if (cmd == "dictionary") return cmd_dictionary(args);
        if (cmd == "json-schema") return cmd_json_schema(args);
        if (cmd == "openapi") return cmd_openapi(args);
        if (cmd == "rules") return cmd_rules(args);
        if (cmd == "--version" || cmd == "version") {
            std::cout << "drx " << drx::version_string << "\n";
            return 0;
        }
        if (cmd == "--help" || cmd == "-h" || cmd == "help") {
            std::cout << usage_text;
            return 0;
        }
        return fail_usage("unknown command '" + cmd + "'");
    } catch (usage_error const& e) {
        return fail_usage(e.message);
    } catch (io_error const& e) {
        std::cerr << "drx: " << e.message << "\n";
        return 2;
    } catch (std::exception const& e) {
        std::cerr << "drx: " << e.what() << "\n";
        return 2;
    }
}

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return fail_usage("missing command");
    std::string cmd = args.front();
    args.erase(args.begin());
    // --option=value is --option value; COMMAND --help prints the usage; after --, every
    // argument is an input (check, format, csv): a file named "-x.json" is read as ./-x.json.
    std::vector<std::string> split;
    bool inputs_only = false;
    bool const file_inputs = cmd == "check" || cmd == "format" || cmd == "csv";
    for (auto const& a : args) {
        if (inputs_only) {
            split.push_back(a.size() > 1 && a[0] == '-' ? "./" + a : a);
            continue;
        }
        if (a == "--" && file_inputs) {
            inputs_only = true;
            continue;
        }
        if (a == "--help" || a == "-h") {
            std::cout << usage_text;
            return 0;
        }
        std::size_t eq = a.find('=');
        if (a.starts_with("--") && eq != std::string::npos && eq > 2) {
            split.push_back(a.substr(0, eq));
            split.push_back(a.substr(eq + 1));
        } else {
            split.push_back(a);
        }
    }
    int rc = run_command(cmd, split);
    // Output that did not reach its destination (a full disk, a closed pipe or descriptor) is
    // an I/O error, whatever the command found: nothing may be lost silently.
    errno = 0;
    std::cout.flush();
    if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) {
        int const err = errno;
        std::cerr << "drx: cannot write to standard output: " << (err ? std::strerror(err) : "write error") << "\n";
        return 2;
    }
    return rc;
}
