// SPDX-License-Identifier: BSL-1.0
// drx: the command-line tool (README.md, "The drx tool"; docs/cli.md).
//
// The synopsis of every command is `command_docs` below: `drx --help` prints it, the README's
// synopsis is a copy of it (tests/cli/t_readme.sh keeps the two equal), and `drx COMMAND --help`
// starts with the command's lines. Arguments are parsed with CLI11: each command is a
// subcommand, each option one declaration (declare_* below) whose callback converts and
// checks its value; `drx COMMAND --help` lists the declarations.
//
// Reading policies for check and format: --unknown-keys error|warning|ignore,
// --duplicate-keys error|last-wins, --max-depth N (at most 512), --max-diagnostics N,
// --max-input-size BYTES (csv takes the last three too). An input is read only up to the size
// limit, so an endless one stops at once.
// Exit codes: 0 success, 1 invalid input, 2 usage or I/O error (an input that cannot be read,
// or output that cannot be written, e.g. to a full disk). A usage error is one line on stderr,
// "drx: PROBLEM (see drx COMMAND --help)"; an I/O error names the path and the system's reason,
// "drx: cannot read PATH: REASON". docs/cli.md describes the conventions.
#include <cerrno>
#include <charconv>
#include <cstring>
#include <limits>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
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

#include <CLI/CLI.hpp>

#include <drx/drx.hpp>
#include <drx/tools/csv.hpp>
#include <drx/tools/fuzz.hpp>
#include <drx/tools/generate.hpp>
#include <drx/tools/generate_query.hpp>
#include <drx/tools/json_schema.hpp>
#include <drx/tools/openapi.hpp>
#include <drx/tools/rule_list.hpp>
#include <drx/tools/rule_sources.hpp>

#include "tool/proxy_command.hpp"
#include "tool/verify_command.hpp"

namespace {

/// What `drx --help` and `drx COMMAND --help` say of a command. `synopsis` is one or more
/// lines, each a "drx ..." line or a continuation indented under the command's arguments;
/// `drx --help` prints every synopsis, in this order, as one block (the README's synopsis).
struct command_doc {
    std::string_view name;  // "" for a line that is no command (drx --version)
    std::string_view synopsis;
    std::string_view summary;
};

constexpr command_doc command_docs[] = {
    {"schemas", "drx schemas", "Prints the schema names, one per line."},
    {"", "drx --version", ""},
    {"check",
     "drx check SCHEMA [INPUT...] [--jsonl] [--level schema|rules|consistency] [--context JSON|@FILE]\n"
     "          [--request QUERY] [--json | --quiet] [READING OPTIONS]",
     "Checks documents against every rule of SCHEMA up to --level (consistency by default) and prints one\n"
     "diagnostic per line: POINTER<TAB>RULE<TAB>SEVERITY<TAB>MESSAGE; with several inputs (or --jsonl)\n"
     "each line starts with the input's name and a tab. Notes on rules skipped for lack of context go\n"
     "to stderr. Exit 1 when any input is invalid."},
    {"format",
     "drx format SCHEMA [FILE|-] [--compact | --python | --indent N] [--utf8] [--level L]\n"
     "           [--context JSON|@FILE] [--request QUERY] [READING OPTIONS]",
     "Reads a document, checks it up to --level (rules by default) and writes it as the server does,\n"
     "followed by a newline. Diagnostics go to stderr; nothing is written when there are errors (exit 1)."},
    {"csv",
     "drx csv [FILE|-] [--max-explanations N] [--record FILE] [--explained-classes N] [--client-text-padding]\n"
     "        [--max-depth N] [--max-diagnostics N] [--max-input-size BYTES]",
     "Writes a prediction explanations page (or a deployment XEMP or SHAP response) as the CSV the\n"
     "Python client's download_to_csv writes. Diagnostics go to stderr (exit 1 on an error)."},
    {"query", "drx query [--algorithm xemp|shap] [--model-kind KIND] [--deployment ID] [--context JSON|@FILE] QUERY_STRING",
     "Answers a deployment predictions query string as the server does: the decoded parameters as\n"
     "JSON (exit 0), or STATUS BODY with the server's exact body (exit 1). Diagnostics go to stderr."},
    {"generate", "drx generate SCHEMA [--seed N] [--count K] [--invalid] [--query]",
     "Writes K JSON lines of generated instances that pass drx check; with --invalid, near misses\n"
     "{\"rule\", \"pointer\", \"instance\"} that fail with exactly that rule at that pointer."},
    {"dictionary", "drx dictionary [--query] [SCHEMA...]",
     "Writes a libFuzzer dictionary (-dict=FILE) of the wire names and literals of the schemas\n"
     "(all schemas when none is named)."},
    {"json-schema",
     "drx json-schema SCHEMA [--unknown-keys error|warning|ignore]\n"
     "drx json-schema --all --out DIR [--unknown-keys error|warning|ignore]",
     "Prints the JSON Schema (draft 2020-12) of a schema, derived from its declaration and rules;\n"
     "with --all, writes DIR/NAME.json for every schema (DIR must exist)."},
    {"openapi", "drx openapi [--unknown-keys error|warning|ignore]",
     "Prints the OpenAPI 3.1 document of the documented endpoints, every schema a component."},
    {"rules", "drx rules [SCHEMA] [--json | --markdown]",
     "Lists every rule id (of the catalogue, or of SCHEMA) with its schemas, level, severity, the\n"
     "context facts it needs, its message and its source, tab-separated; --json and --markdown\n"
     "(docs/rules.md) add the members it is declared on and every message form."},
    {"verify",
     "drx verify [RECORDING...] [--json | --quiet] [--context JSON|@FILE] [--allow-bad-requests]\n"
     "           [--max-input-size BYTES]",
     "Verifies recorded exchanges (HAR 1.2 files, or JSON Lines of {request, response}) against the\n"
     "documented endpoints: the request, the status, the exact error body, and the response against\n"
     "its request. One line per exchange (or one JSON record); unknown routes are skipped. Exit 1 when\n"
     "any exchange violates the contract (docs/verify.md)."},
    {"proxy",
     "drx proxy --upstream http://HOST:PORT [--listen HOST:PORT] [--port-file FILE] [--record FILE]\n"
     "          [--fail-on-violation] [--json | --quiet] [--context JSON|@FILE] [--allow-bad-requests]\n"
     "          [--max-exchanges N] [--timeout SECONDS]",
     "Forwards HTTP requests to the upstream server, verifies every exchange as drx verify does and\n"
     "reports it; --record writes the exchanges (HAR 1.2 when FILE ends in .har, else JSON Lines);\n"
     "--fail-on-violation answers a violation with 502. Runs until SIGINT or SIGTERM (or the limits);\n"
     "exit 1 when any exchange violated the contract (docs/verify.md)."},
};

/// What `drx --help` says after the synopsis, and `drx COMMAND --help` after the options.
constexpr std::string_view conventions_text =
    "options take their value as --option VALUE or --option=VALUE; -- ends the options (check, format\n"
    "       and csv read every later argument as an input, even one starting with -)\n"
    "exit codes: 0 success, 1 invalid input, 2 usage or I/O error\n";

constexpr std::string_view reading_options_text =
    "reading options (check, format): --unknown-keys error|warning|ignore, --duplicate-keys error|last-wins,\n"
    "       --max-depth N (at most 512), --max-diagnostics N, --max-input-size BYTES (csv: the last three)\n";

command_doc const* find_doc(std::string_view name) {
    for (auto const& d : command_docs)
        if (!d.name.empty() && d.name == name) return &d;
    return nullptr;
}

/// A usage error: "drx: MESSAGE (see drx COMMAND --help)" on one line, exit 2.
struct usage_error {
    std::string message;
};

/// An input that could not be read: "drx: cannot read PATH: REASON" (exit 2).
struct io_error {
    std::string message;
};

/// Set once a failed write to standard output was reported (main() reports it otherwise).
bool output_error_reported = false;

/// Flushes standard output: output that did not reach it is an I/O error with the system's
/// reason ("cannot write to standard output: No space left on device").
void flush_output() {
    if (std::cout) {
        errno = 0;
        std::cout.flush();
        if (std::cout) return;
    }  // else errno is still the reason of the write that failed
    output_error_reported = true;
    throw io_error{std::string("cannot write to standard output: ") + (errno ? std::strerror(errno) : "write error")};
}

/// The diagnostics of a refused option value, on one line: "POINTER RULE: MESSAGE; ...".
std::string one_line(std::vector<drx::diagnostic> const& ds) {
    std::string m;
    for (auto const& d : ds) {
        if (!m.empty()) m += "; ";
        m += (d.pointer.empty() ? "" : d.pointer + " ") + d.rule + ": " + d.message;
    }
    return m;
}

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
        throw usage_error{"--context is not a valid context: " + one_line(r.diagnostics())};
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

/// Declares an option that takes a value: `convert` checks and stores it (throwing
/// usage_error with the reason) as soon as the option is parsed, so options act in the order
/// they are given and the last of a repeated one wins.
CLI::Option* value_option(CLI::App& cmd, std::string name, std::string value_name, std::string help,
                          std::function<void(std::string const&)> convert) {
    return cmd.add_option_function<std::string>(std::move(name), std::move(convert), std::move(help))
        ->type_name(std::move(value_name))
        ->trigger_on_parse();
}

/// Declares a flag whose action runs as soon as it is parsed (the last of --json and
/// --markdown wins, like the last of --compact, --python and --indent).
CLI::Option* flag_option(CLI::App& cmd, std::string name, std::string help, std::function<void()> action) {
    return cmd.add_flag_callback(std::move(name), std::move(action), std::move(help))->trigger_on_parse();
}

constexpr char const* reading_group = "reading options";

std::size_t depth_option(std::string const& v) {
    std::size_t n = to_size(v, "--max-depth");
    if (n > drx::max_depth_limit)
        throw usage_error{"--max-depth is at most " + std::to_string(drx::max_depth_limit) +
                          " (deeper nesting would overflow the stack), got '" + v + "'"};
    return n;
}

/// --max-depth, --max-diagnostics, --max-input-size (check, format and csv).
void declare_limits(CLI::App& cmd, drx::read_options& r) {
    value_option(cmd, "--max-depth", "N", "deeper nesting is a schema.limit error (default 64, at most 512)",
                 [&r](std::string const& v) { r.max_depth = depth_option(v); })
        ->group(reading_group);
    value_option(cmd, "--max-diagnostics", "N", "the most diagnostics listed (default 100)",
                 [&r](std::string const& v) { r.max_diagnostics = to_size(v, "--max-diagnostics"); })
        ->group(reading_group);
    value_option(cmd, "--max-input-size", "BYTES", "a larger input is a schema.limit error (default 64 MiB)",
                 [&r](std::string const& v) { r.max_input_size = to_size(v, "--max-input-size"); })
        ->group(reading_group);
}

/// The reading policies of check and format.
void declare_reading_options(CLI::App& cmd, drx::read_options& r) {
    value_option(cmd, "--unknown-keys", "error|warning|ignore", "what an undocumented key is (default warning)",
                 [&r](std::string const& v) { r.unknown_keys = unknown_keys_option(v); })
        ->group(reading_group);
    value_option(cmd, "--duplicate-keys", "error|last-wins", "what a repeated key is (default error)",
                 [&r](std::string const& v) {
                     if (v == "error")
                         r.duplicate_keys = drx::duplicate_keys::error;
                     else if (v == "last-wins")
                         r.duplicate_keys = drx::duplicate_keys::last_wins;
                     else
                         throw usage_error{"--duplicate-keys is error or last-wins, got '" + v + "'"};
                 })
        ->group(reading_group);
    declare_limits(cmd, r);
}

/// SCHEMA, --level, --context, --request and the reading options (check and format).
void declare_common(CLI::App& cmd, common& c) {
    cmd.add_option("SCHEMA", c.schema, "a schema name (drx schemas lists them)");
    value_option(cmd, "--level", "schema|rules|consistency", "how far to check: reading, each object, across objects",
                 [&c](std::string const& v) {
                     if (v == "schema")
                         c.check.level = drx::level::schema;
                     else if (v == "rules")
                         c.check.level = drx::level::rules;
                     else if (v == "consistency")
                         c.check.level = drx::level::consistency;
                     else
                         throw usage_error{"--level is schema, rules or consistency, got '" + v + "'"};
                 });
    value_option(cmd, "--context", "JSON|@FILE", "facts about the model: a context object, or @FILE",
                 [&c](std::string const& v) {
                     c.ctx = context_option(v);
                     c.have_ctx = true;
                 });
    value_option(cmd, "--request", "QUERY", "the deployment predictions query that was answered",
                 [&c](std::string const& v) {
                     // The deployment predictions query that produced the checked response
                     // (README.md, "The drx tool"); consistency rules compare against it.
                     auto r = drx::validate_query<drx::deployment_predictions_query>(v, {.level = drx::level::rules});
                     if (!r.ok())
                         throw usage_error{"--request is not a valid deployment predictions query: " +
                                           one_line(r.diagnostics())};
                     c.request = r.value();
                 });
    declare_reading_options(cmd, c.read);
}

/// After parsing: SCHEMA is given, the checks see the context and the request.
void finish_common(common& c) {
    if (c.schema.empty()) throw usage_error{"missing SCHEMA"};
    if (!c.inputs.empty()) c.file = c.inputs[0];
    if (c.request) {
        c.check.request = drx::request_ref::of(*c.request);
        c.have_ctx = true;
        c.have_request = true;
    }
    if (c.have_ctx) c.check.ctx = &c.ctx;
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

struct no_args {};

void declare_schemas(CLI::App&, no_args&) {}

int cmd_schemas(no_args&) {
    for (auto const& e : drx::catalogue()) std::cout << e.name << "\n";
    return 0;
}

/// deployment-predictions-headers names are case-insensitive (README.md, "The drx tool"): the keys are
/// rewritten to their canonical spelling before the generic reader sees them (until the core
/// reader can match keys case-insensitively itself).
std::string canonical_header_names(std::string const& schema, std::string const& text) {
    if (schema != drx::schema_name_of<drx::deployment_predictions_headers>()) return text;
    return drx::canonical_keys<drx::deployment_predictions_headers>(text);
}

drx::schema_entry const& schema_or_throw(std::string const& name) {
    if (auto const* e = drx::find_schema(name)) return *e;
    throw usage_error{"unknown schema '" + name + "': drx schemas lists the schemas"};
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
    out += ",\"diagnostics\":" + drx::to_json(run.diagnostics, wo) + ",\"skipped\":" + drx::to_json(run.skipped, wo);
    out += ",\"omitted\":" + std::to_string(run.omitted) + "}";
    return out;
}

/// drx check SCHEMA [INPUT...] [--jsonl] [--json] [--quiet]: each input is a file, a directory
/// (its *.json files) or - (standard input, also when there is none); with --jsonl every line
/// of an input is a document ("FILE:LINE" names it). One input prints its diagnostics as
/// lines; several prefix each line with the input's name. --json prints one record per input
/// (JSON Lines); --quiet prints nothing. Exit 1 when any input is invalid.
struct check_args {
    common c;
    bool json = false, jsonl = false, quiet = false;
};

void declare_check(CLI::App& cmd, check_args& a) {
    declare_common(cmd, a.c);
    cmd.add_option("INPUT", a.c.inputs, "a file, a directory (its *.json files) or - (stdin, the default)");
    cmd.add_flag("--jsonl", a.jsonl, "every line of an input is a document, named FILE:LINE");
    cmd.add_flag("--json", a.json, "one JSON record per input (JSON Lines)");
    cmd.add_flag("-q,--quiet", a.quiet, "print nothing; the exit code tells");
}

int cmd_check(check_args& a) {
    common& c = a.c;
    finish_common(c);
    bool const json = a.json, jsonl = a.jsonl, quiet = a.quiet;
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
    flush_output();
    return all_ok ? 0 : 1;
}

struct format_args {
    common c;
    drx::write_options wo;
};

void declare_format(CLI::App& cmd, format_args& a) {
    a.c.check.level = drx::level::rules;
    declare_common(cmd, a.c);
    cmd.add_option("FILE", a.c.file, "the document: a file or - (stdin, the default)");
    drx::write_options& wo = a.wo;
    flag_option(cmd, "--compact", "no whitespace (the default)", [&wo] { wo.layout = drx::layout::compact; });
    flag_option(cmd, "--python", "json.dumps' default layout", [&wo] { wo.layout = drx::layout::python; });
    value_option(cmd, "--indent", "N", "json.dumps(indent=N), N at most 64", [&wo](std::string const& v) {
        std::size_t n = to_size(v, "--indent");
        if (n > 64) throw usage_error{"--indent is at most 64"};
        wo.layout = drx::layout::indent;
        wo.indent = static_cast<int>(n);
    });
    flag_option(cmd, "--utf8", "non-ASCII characters as UTF-8, not \\u escapes", [&wo] { wo.ensure_ascii = false; });
}

int cmd_format(format_args& a) {
    common& c = a.c;
    drx::write_options const& wo = a.wo;
    finish_common(c);
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
/// Python client's download_to_csv writes (docs/reference/csv.md; README.md, "The drx tool").
/// --record FILE takes maxExplanations and the mode from a prediction-explanations-record, as
/// the client does; --max-explanations and --explained-classes override; without either the
/// largest count in the rows is used and the layout has no explained_class_ prefix.
/// --client-text-padding writes the client's shifted layout for text columns with a mode.
struct csv_args {
    std::string file, record_file;
    drx::explanations_csv_options opt;
    drx::validate_options vo;
    std::optional<std::int64_t> max_explanations, explained_classes;
};

std::int64_t count_option(std::string const& v, char const* what) {
    std::size_t n = to_size(v, what);
    if (n > static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max()))
        throw usage_error{std::string(what) + " is at most 9223372036854775807, got '" + v + "'"};
    return static_cast<std::int64_t>(n);
}

void declare_csv(CLI::App& cmd, csv_args& a) {
    cmd.add_option("FILE", a.file, "the page or response: a file or - (stdin, the default)");
    value_option(cmd, "--max-explanations", "N", "explanation slots per row (default: the most in the rows)",
                 [&a](std::string const& v) { a.max_explanations = count_option(v, "--max-explanations"); });
    cmd.add_option("--record", a.record_file, "take maxExplanations and the mode from this record")
        ->type_name("FILE");
    value_option(cmd, "--explained-classes", "N", "explained classes per row (multiclass)",
                 [&a](std::string const& v) { a.explained_classes = count_option(v, "--explained-classes"); });
    cmd.add_flag("--client-text-padding", a.opt.client_text_padding,
                 "the client's shifted layout of text columns with a mode");
    declare_limits(cmd, a.vo.read);
}

int cmd_csv(csv_args& a) {
    std::string const& file = a.file;
    std::string const& record_file = a.record_file;
    drx::explanations_csv_options& opt = a.opt;
    drx::validate_options const& vo = a.vo;
    auto const& max_explanations = a.max_explanations;
    auto const& explained_classes = a.explained_classes;
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
/// QUERY_STRING: the deployment predictions endpoint's answer to a query string (README.md,
/// "The drx tool"). Accepted: exit 0 and the decoded parameters as JSON (Python's json.dumps
/// layout). Refused: exit 1 and "STATUS BODY" with the real server's exact body. Diagnostics
/// (warnings too) go to stderr. A leading '?' is dropped.
struct query_args {
    drx::context ctx;
    std::optional<drx::explanation_algorithm> algorithm;
    std::optional<drx::model_kind> kind;
    std::optional<std::string> id, query;
};

void declare_query(CLI::App& cmd, query_args& a) {
    value_option(cmd, "QUERY_STRING", "", "the query string (a leading ? is dropped)",
                 [&a](std::string const& v) { a.query = v; });
    value_option(cmd, "--algorithm", "xemp|shap", "the deployment's explanation algorithm", [&a](std::string const& v) {
        drx::explanation_algorithm e{};
        if (!drx::enum_from_wire(v, e)) throw usage_error{"--algorithm is xemp or shap, got '" + v + "'"};
        a.algorithm = e;
    });
    value_option(cmd, "--model-kind", "KIND", "binary, regression, multiclass, clustering, anomaly or time-series",
                 [&a](std::string const& v) {
                     drx::model_kind k{};
                     if (!drx::enum_from_wire(v, k))
                         throw usage_error{
                             "--model-kind is binary, regression, multiclass, clustering, anomaly or time-series, got '" +
                             v + "'"};
                     a.kind = k;
                 });
    value_option(cmd, "--deployment", "ID", "the deployment id of the request path",
                 [&a](std::string const& v) { a.id = v; });
    value_option(cmd, "--context", "JSON|@FILE", "facts about the model: a context object, or @FILE",
                 [&a](std::string const& v) { a.ctx = context_option(v); });
}

int cmd_query(query_args& a) {
    drx::context& ctx = a.ctx;
    auto const& algorithm = a.algorithm;
    auto const& kind = a.kind;
    auto const& id = a.id;
    auto const& query = a.query;
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

/// drx generate SCHEMA [--seed N] [--count K] [--invalid] [--query] (README.md, "The drx tool"): K
/// JSON lines of generated instances that pass `drx check`; with --invalid, K near misses as
/// {"rule": ..., "pointer": ..., "instance": ...}, each failing with exactly that rule there.
/// --query (deployment-predictions-query only): the instances as query strings, each line
/// {"query": ...}; with --invalid {"rule", "pointer", "instance": the query string, "status",
/// "body"}: the one rule the query breaks and the server's answer to it.
struct generate_args {
    std::optional<std::string> schema;
    std::uint64_t seed = 0;
    std::size_t count = 10;
    bool invalid = false, query = false;
};

void declare_generate(CLI::App& cmd, generate_args& a) {
    value_option(cmd, "SCHEMA", "", "a schema name (drx schemas lists them)", [&a](std::string const& v) { a.schema = v; });
    value_option(cmd, "--seed", "N", "the generator's seed (default 0)",
                 [&a](std::string const& v) {
                     auto r = std::from_chars(v.data(), v.data() + v.size(), a.seed);
                     if (r.ec != std::errc() || r.ptr != v.data() + v.size())
                         throw usage_error{"--seed needs a number, got '" + v + "'"};
                 });
    value_option(cmd, "--count", "K", "how many lines (default 10)",
                 [&a](std::string const& v) { a.count = to_size(v, "--count"); });
    cmd.add_flag("--invalid", a.invalid, "near misses, each labelled with the rule it breaks");
    cmd.add_flag("--query", a.query, "query strings (deployment-predictions-query only)");
}

int cmd_generate(generate_args& a) {
    auto const& schema = a.schema;
    std::uint64_t const seed = a.seed;
    std::size_t const count = a.count;
    bool const invalid = a.invalid, query = a.query;
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
    if (!found) throw usage_error{"unknown schema '" + *schema + "': drx schemas lists the schemas"};
    return rc;
}

/// drx dictionary [--query] [SCHEMA...]: a libFuzzer dictionary (-dict=FILE) of the named
/// schemas (all schemas when none): wire names and literals, in the JSON form or, with
/// --query, the query-string form. fuzz/*.dict are its output.
struct dictionary_args {
    drx::dictionary_form form = drx::dictionary_form::json;
    std::vector<std::string> names;
};

void declare_dictionary(CLI::App& cmd, dictionary_args& a) {
    cmd.add_option("SCHEMA", a.names, "the schemas (default: all)");
    flag_option(cmd, "--query", "the query-string form of the tokens", [&a] { a.form = drx::dictionary_form::query; });
}

int cmd_dictionary(dictionary_args& a) {
    drx::dictionary_form const form = a.form;
    std::vector<std::string> const& names = a.names;
    for (auto const& n : names)
        if (!drx::find_schema(n)) throw usage_error{"unknown schema '" + n + "': drx schemas lists the schemas"};
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
struct json_schema_args {
    std::optional<std::string> schema, out;
    bool all = false;
    drx::json_schema_options opt;
};

void declare_json_schema(CLI::App& cmd, json_schema_args& a) {
    value_option(cmd, "SCHEMA", "", "a schema name (drx schemas lists them)", [&a](std::string const& v) { a.schema = v; });
    cmd.add_flag("--all", a.all, "every schema, one DIR/NAME.json each (with --out)");
    value_option(cmd, "--out", "DIR", "the directory of --all (it must exist)", [&a](std::string const& v) { a.out = v; });
    value_option(cmd, "--unknown-keys", "error|warning|ignore", "error closes every object (default warning)",
                 [&a](std::string const& v) { a.opt.unknown_keys = unknown_keys_option(v); });
}

int cmd_json_schema(json_schema_args& a) {
    auto const& schema = a.schema;
    auto const& out = a.out;
    bool const all = a.all;
    drx::json_schema_options const& opt = a.opt;
    if (all == schema.has_value()) throw usage_error{"json-schema takes a SCHEMA or --all"};
    if (all != out.has_value()) throw usage_error{"--all and --out DIR go together"};
    if (!all) {
        bool found = drx::with_schema<drx::all_schemas>(*schema, [&](auto t) {
            using T = typename decltype(t)::type;
            std::cout << drx::json_schema<T>(opt);
        });
        if (!found) throw usage_error{"unknown schema '" + *schema + "': drx schemas lists the schemas"};
        flush_output();
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
struct openapi_args {
    drx::openapi_options opt;
};

void declare_openapi(CLI::App& cmd, openapi_args& a) {
    value_option(cmd, "--unknown-keys", "error|warning|ignore", "error closes every object (default warning)",
                 [&a](std::string const& v) { a.opt.schema.unknown_keys = unknown_keys_option(v); });
}

int cmd_openapi(openapi_args& a) {
    std::cout << drx::openapi(a.opt);
    flush_output();
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
struct rules_args {
    enum class form { text, json, markdown } f = form::text;
    std::optional<std::string> only;
};

void declare_rules(CLI::App& cmd, rules_args& a) {
    value_option(cmd, "SCHEMA", "", "only the rules of this schema", [&a](std::string const& v) { a.only = v; });
    flag_option(cmd, "--json", "a JSON array, one object per rule id",
                [&a] { a.f = rules_args::form::json; });
    flag_option(cmd, "--markdown", "the Markdown table of docs/rules.md", [&a] { a.f = rules_args::form::markdown; });
}

int cmd_rules(rules_args& given) {
    using form = rules_args::form;
    form const f = given.f;
    auto const& only = given.only;
    if (only && !drx::find_schema(*only)) throw usage_error{"unknown schema '" + *only + "': drx schemas lists the schemas"};
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
                                              {"messages", arr(r.messages)},
                                              {"source", boost::json::string_view(drx::rule_source(id).data(),
                                                                                  drx::rule_source(id).size())}});
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
                     "The source says where a rule comes from: a seed document, a public source by its key\n"
                     "(docs/reference/sources.md), or drx's own decision (docs/reference/rule-sources.md).\n\n"
                     "| id | level | severity | needs | schemas | members | message | source |\n"
                     "|---|---|---|---|---|---|---|---|\n";
        for (auto const& [id, r] : rows)
            std::cout << "| `" << id << "` | " << joined(r.levels) << " | " << joined(r.severities) << " | "
                      << cell(joined(r.needs)) << " | " << (r.schemas.size() == drx::catalogue().size() ? std::string("all")
                                                                                                      : cell(joined(r.schemas)))
                      << " | " << cell(joined(r.members)) << " | " << cell(joined(r.messages, "<br>")) << " | "
                      << cell(std::string(drx::rule_source(id))) << " |\n";
    } else {
        for (auto const& [id, r] : rows)
            std::cout << id << '\t' << joined(r.levels) << '\t' << joined(r.severities) << '\t'
                      << (r.needs.empty() ? "-" : joined(r.needs)) << '\t' << joined(r.schemas, ",") << '\t'
                      << (r.messages.empty() ? "" : *r.messages.begin()) << '\t' << drx::rule_source(id) << '\n';
    }
    flush_output();
    return 0;
}

/// The options verify and proxy share: how exchanges are reported and judged.
template <class Command>
void declare_exchange_options(CLI::App& cmd, Command& a) {
    cmd.add_flag("--json", a.json, "one JSON record per exchange (JSON Lines)");
    cmd.add_flag("-q,--quiet", a.quiet, "print nothing per exchange; the exit code tells");
    cmd.add_flag("--allow-bad-requests", a.allow_bad_requests,
                 "a bad request answered exactly as the server does is not a violation");
    value_option(cmd, "--context", "JSON|@FILE", "facts about the models and deployments: a context object, or @FILE",
                 [&a](std::string const& v) { a.ctx = context_option(v); });
}

/// drx verify (examples/tool/verify_command.cpp does the work; docs/verify.md).
void declare_verify(CLI::App& cmd, drx_tool::verify_command& a) {
    cmd.add_option("RECORDING", a.inputs, "a HAR file, a JSON Lines file, or - (stdin, the default)");
    declare_exchange_options(cmd, a);
    value_option(cmd, "--max-input-size", "BYTES", "a larger recording is an error (default 256 MiB)",
                 [&a](std::string const& v) { a.max_input_size = to_size(v, "--max-input-size"); });
}

int cmd_verify(drx_tool::verify_command& a) {
    int rc = drx_tool::run_verify(
        a, [](std::string const& path, std::string& out, std::size_t limit) { return read_input(path, out, limit); },
        std::cout, std::cerr);
    flush_output();
    return rc;
}

/// drx proxy (examples/tool/proxy_command.cpp; docs/verify.md).
void declare_proxy(CLI::App& cmd, drx_tool::proxy_command& a) {
    cmd.add_option("--upstream", a.upstream, "the server: http://HOST:PORT[/PREFIX]")->type_name("URL");
    cmd.add_option("--listen", a.listen, "where to listen (default 127.0.0.1:0, a free port)")->type_name("HOST:PORT");
    value_option(cmd, "--port-file", "FILE", "write the port listened on to FILE",
                 [&a](std::string const& v) { a.port_file = v; });
    value_option(cmd, "--record", "FILE", "record every exchange: HAR 1.2 (FILE.har) or JSON Lines",
                 [&a](std::string const& v) { a.record = v; });
    cmd.add_flag("--fail-on-violation", a.fail_on_violation, "answer an exchange that violates the contract with 502");
    declare_exchange_options(cmd, a);
    value_option(cmd, "--max-exchanges", "N", "stop after N exchanges (default: never)",
                 [&a](std::string const& v) { a.max_exchanges = to_size(v, "--max-exchanges"); });
    value_option(cmd, "--timeout", "SECONDS", "stop after SECONDS (default: never)", [&a](std::string const& v) {
        a.timeout = std::chrono::seconds(to_size(v, "--timeout"));
    });
    value_option(cmd, "--max-connections", "N", "connections served at once (default 64)", [&a](std::string const& v) {
        a.max_connections = to_size(v, "--max-connections");
        if (a.max_connections == 0) throw usage_error{"--max-connections is at least 1"};
    });
    value_option(cmd, "--max-body", "BYTES", "the longest request or response body (default 64 MiB)",
                 [&a](std::string const& v) { a.max_body = to_size(v, "--max-body"); });
    value_option(cmd, "--read-timeout", "SECONDS", "the time to send a whole message (default 30)",
                 [&a](std::string const& v) {
                     a.read_timeout = std::chrono::seconds(to_size(v, "--read-timeout"));
                     if (a.read_timeout.count() == 0) throw usage_error{"--read-timeout is at least 1"};
                 });
}

int cmd_proxy(drx_tool::proxy_command& a) {
    if (auto problem = drx_tool::proxy_usage_problem(a)) throw usage_error{*problem};
    return drx_tool::run_proxy(a, std::cout, std::cerr);
}

/// `drx --help`: the synopsis of every command (the README's synopsis block is a copy), then
/// the conventions.
std::string root_help() {
    std::string s = "usage: drx COMMAND [ARGUMENTS] [OPTIONS]\n"
                    "Checks, formats, converts and generates the objects of DataRobot's clustering and\n"
                    "prediction-explanation APIs.\n\n";
    for (auto const& d : command_docs) (s += d.synopsis) += '\n';
    s += '\n';
    s += reading_options_text;
    s += conventions_text;
    s += "a command's arguments and options: drx COMMAND --help\n";
    return s;
}

/// `drx COMMAND --help`: the command's synopsis and summary, then its arguments and options as
/// declared (name, value, help), then the conventions.
std::string command_help(CLI::App const& cmd) {
    command_doc const* doc = find_doc(cmd.get_name());
    std::string s;
    if (doc) {
        std::string_view syn = doc->synopsis;
        for (bool first = true; !syn.empty(); first = false) {
            std::size_t nl = syn.find('\n');
            (s += first ? "usage: " : "       ") += syn.substr(0, nl);
            s += '\n';
            syn = nl == std::string_view::npos ? std::string_view() : syn.substr(nl + 1);
        }
        if (!doc->summary.empty()) ((s += '\n') += doc->summary) += '\n';
    }
    struct row {
        std::string name, help;
    };
    std::vector<std::pair<std::string, std::vector<row>>> sections = {{"arguments", {}}, {"options", {}}};
    std::size_t width = 0;
    auto options = cmd.get_options();
    // -h, --help last.
    std::stable_partition(options.begin(), options.end(), [&](CLI::Option const* o) { return o != cmd.get_help_ptr(); });
    for (CLI::Option const* o : options) {
        row r;
        if (o->get_positional()) {
            r.name = o->get_name() + (o->get_items_expected_max() > 1 ? "..." : "");
        } else {
            for (auto const& n : o->get_snames()) r.name += "-" + n + ", ";
            for (auto const& n : o->get_lnames()) r.name += "--" + n + ", ";
            r.name.resize(r.name.size() - 2);
            if (o->get_items_expected_max() > 0) r.name += " " + o->get_type_name();
        }
        r.help = o->get_description();
        width = std::max(width, r.name.size());
        std::string const group = o->get_positional() ? "arguments" : o->get_group() == "Options" ? "options" : o->get_group();
        auto it = std::find_if(sections.begin(), sections.end(), [&](auto const& sec) { return sec.first == group; });
        if (it == sections.end()) it = sections.emplace(sections.end(), group, std::vector<row>{});
        it->second.push_back(std::move(r));
    }
    for (auto const& [title, rows] : sections) {
        if (rows.empty()) continue;
        s += "\n" + title + ":\n";
        for (auto const& r : rows) s += "  " + r.name + std::string(width + 2 - r.name.size(), ' ') + r.help + "\n";
    }
    s += '\n';
    s += conventions_text;
    return s;
}

/// CLI11's help is drx's: root_help() and command_help().
class help_formatter : public CLI::FormatterBase {
  public:
    std::string make_help(CLI::App const* app, std::string, CLI::AppFormatMode) const override {
        return app->get_parent() ? command_help(*app) : root_help();
    }
};

/// Prints a usage error as one line: "drx: MESSAGE (see drx COMMAND --help)"; exit 2.
int fail_usage(std::string const& command, std::string message) {
    for (char& ch : message)
        if (ch == '\n' || ch == '\r') ch = ' ';
    std::cerr << "drx: " << message << " (see drx " << (command.empty() ? "" : command + " ") << "--help)\n";
    return 2;
}

/// A parse error of CLI11 in drx's words (the other CLI11 messages name the option too).
std::string parse_error_message(CLI::ParseError const& e) {
    std::string const what = e.what();
    // ArgumentMismatch::TypedAtLeast: "--level: 1 required schema|rules|consistency missing"
    std::size_t const colon = what.find(": ");
    if (dynamic_cast<CLI::ArgumentMismatch const*>(&e) && what.ends_with(" missing") && colon != std::string::npos &&
        what.find(" required ", colon) != std::string::npos)
        return what.substr(0, colon) + " needs a value";
    return what;
}

/// An argument left over by the parser: an option it does not know, or one argument too many
/// (`operand`: it came after --).
std::string leftover_message(std::string const& arg, bool command_given, bool operand) {
    if (!operand && arg.size() > 1 && arg[0] == '-') return "unknown option " + arg;
    if (!command_given) return "unknown command '" + arg + "'";
    return "unexpected argument '" + arg + "'";
}

/// Declares COMMAND as a subcommand of `app` (its summary from command_docs) with its
/// options, and returns what runs it once the arguments are parsed.
template <class Args>
std::function<int()> subcommand(CLI::App& app, std::string const& name, void (*declare)(CLI::App&, Args&),
                                int (*run)(Args&)) {
    command_doc const* doc = find_doc(name);
    CLI::App* cmd = app.add_subcommand(name, doc ? std::string(doc->summary) : std::string());
    auto args = std::make_shared<Args>();
    declare(*cmd, *args);
    return [args, run] { return run(*args); };
}

/// Declares drx and its commands on `app`; returns what runs each command.
std::map<std::string, std::function<int()>> declare_commands(CLI::App& app) {
    app.formatter(std::make_shared<help_formatter>());
    app.set_help_flag("-h,--help", "print this help");
    app.set_version_flag("--version", std::string("drx ") + drx::version_string, "print the version");
    app.allow_extras();            // drx names what is left over (leftover_message)
    app.require_subcommand(0, 1);  // a later argument that names a command is an argument
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    std::map<std::string, std::function<int()>> runners;
    runners["schemas"] = subcommand(app, "schemas", declare_schemas, cmd_schemas);
    runners["check"] = subcommand(app, "check", declare_check, cmd_check);
    runners["format"] = subcommand(app, "format", declare_format, cmd_format);
    runners["csv"] = subcommand(app, "csv", declare_csv, cmd_csv);
    runners["query"] = subcommand(app, "query", declare_query, cmd_query);
    runners["generate"] = subcommand(app, "generate", declare_generate, cmd_generate);
    runners["dictionary"] = subcommand(app, "dictionary", declare_dictionary, cmd_dictionary);
    runners["json-schema"] = subcommand(app, "json-schema", declare_json_schema, cmd_json_schema);
    runners["openapi"] = subcommand(app, "openapi", declare_openapi, cmd_openapi);
    runners["rules"] = subcommand(app, "rules", declare_rules, cmd_rules);
    runners["verify"] = subcommand(app, "verify", declare_verify, cmd_verify);
    runners["proxy"] = subcommand(app, "proxy", declare_proxy, cmd_proxy);
    // Earlier spellings, not shown in the help: drx help, drx version.
    app.add_subcommand("help")->group("");
    app.add_subcommand("version")->group("");
    return runners;
}

int run(std::vector<std::string> args) {
    // The command named first (for the help and the errors); "" for none or an unknown one.
    std::string const command = !args.empty() && find_doc(args[0]) ? args[0] : std::string();
    CLI::App app("", "drx");
    auto const runners = declare_commands(app);
    CLI::App* const cmd = command.empty() ? &app : app.get_subcommand(command);
    try {
        if (args.empty()) throw usage_error{"missing command"};
        // --help (before --) prints the help, whatever else the arguments say.
        for (auto const& a : args) {
            if (a == "--") break;
            if (a == "-h" || a == "--help") {
                std::cout << cmd->help();
                return 0;
            }
        }
        // After --, every argument of check, format and csv is an input: a file named
        // "-x.json" is read as ./-x.json.
        if (command == "check" || command == "format" || command == "csv") {
            auto dashes = std::find(args.begin(), args.end(), "--");
            for (auto it = dashes; it != args.end(); ++it)
                if (it != dashes && it->size() > 1 && (*it)[0] == '-') *it = "./" + *it;
        }
        auto const dashes = std::find(args.begin(), args.end(), "--");
        std::set<std::string> const operands(dashes == args.end() ? dashes : dashes + 1, args.end());
        std::reverse(args.begin(), args.end());  // CLI11 takes the arguments last first
        app.parse(args);

        auto const parsed = app.get_subcommands();
        // CLI11 may keep a "--" among what is left over; every other leftover is an error.
        auto check_leftovers = [&](CLI::App const& a, bool command_given) {
            for (auto const& arg : a.remaining())
                if (arg != "--") throw usage_error{leftover_message(arg, command_given, operands.contains(arg))};
        };
        check_leftovers(app, !parsed.empty());
        if (parsed.empty()) throw usage_error{"missing command"};
        CLI::App const* sub = parsed.front();
        if (sub->get_name() == "help") {
            std::cout << root_help();
            return 0;
        }
        if (sub->get_name() == "version") {
            std::cout << "drx " << drx::version_string << "\n";
            return 0;
        }
        check_leftovers(*sub, true);
        return runners.at(sub->get_name())();
    } catch (usage_error const& e) {
        return fail_usage(command, e.message);
    } catch (io_error const& e) {
        std::cerr << "drx: " << e.message << "\n";
        return 2;
    } catch (CLI::CallForVersion const& e) {
        std::cout << e.what() << "\n";
        return 0;
    } catch (CLI::CallForHelp const&) {
        // -h inside a group of short flags (-qh): the help, as for -h.
        std::cout << cmd->help();
        return 0;
    } catch (CLI::ParseError const& e) {
        return fail_usage(command, parse_error_message(e));
    } catch (std::exception const& e) {
        std::cerr << "drx: " << e.what() << "\n";
        return 2;
    }
}

}  // namespace

int main(int argc, char** argv) {
    int rc = run(std::vector<std::string>(argv + 1, argv + argc));
    // Output that did not reach its destination (a full disk, a closed pipe or descriptor) is
    // an I/O error, whatever the command found: nothing may be lost silently.
    if (output_error_reported) return 2;
    if (std::cout) {
        errno = 0;
        std::cout.flush();
    }  // else errno is still the reason of the write that failed
    if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) {
        int const err = errno;
        std::cerr << "drx: cannot write to standard output: " << (err ? std::strerror(err) : "write error") << "\n";
        return 2;
    }
    return rc;
}
