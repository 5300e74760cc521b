// drx: the command-line tool (contract section 6).
//
//   drx schemas
//   drx check SCHEMA [FILE|-] [--level schema|rules|consistency] [--context JSON] [--json]
//   drx format SCHEMA [FILE|-] [--compact | --python | --indent N] [--utf8] [--level L]
//
// Reading policies for check and format: --unknown-keys error|warning|ignore,
// --duplicate-keys error|last-wins, --max-depth N, --max-diagnostics N.
// Exit codes: 0 success, 1 invalid input, 2 usage or I/O error.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <drx/drx.hpp>

namespace {

constexpr char const* usage_text =
    "usage: drx schemas\n"
    "       drx check SCHEMA [FILE|-] [--level schema|rules|consistency] [--context JSON] [--json]\n"
    "       drx format SCHEMA [FILE|-] [--compact | --python | --indent N] [--utf8] [--level L]\n"
    "reading options (check, format): --unknown-keys error|warning|ignore, --duplicate-keys error|last-wins,\n"
    "       --max-depth N, --max-diagnostics N\n"
    "exit codes: 0 success, 1 invalid input, 2 usage or I/O error\n";

struct usage_error {
    std::string message;
};

int fail_usage(std::string const& message) {
    std::cerr << "drx: " << message << "\n" << usage_text;
    return 2;
}

bool read_input(std::string const& path, std::string& out) {
    if (path.empty() || path == "-") {
        out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return !std::cin.bad();
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    out.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
    return !f.bad();
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
    drx::read_options read;
    drx::check_options check;
    drx::context ctx;
    bool have_ctx = false;
};

/// Parses the shared options; returns the arguments it does not know.
std::vector<std::string> parse_common(std::vector<std::string> const& args, common& c) {
    std::vector<std::string> rest;
    std::vector<std::string> positional;
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
            std::string const& v = value();
            drx::read_options ro;
            ro.unknown_keys = drx::unknown_keys::error;
            auto r = drx::read<drx::context>(v, ro);
            if (!r) {
                std::string m = "--context is not a valid context:";
                for (auto const& d : r.diagnostics()) m += "\n  " + drx::to_line(d);
                throw usage_error{m};
            }
            c.ctx = std::move(r).value();
            c.have_ctx = true;
        } else if (a == "--unknown-keys") {
            std::string const& v = value();
            if (v == "error")
                c.read.unknown_keys = drx::unknown_keys::error;
            else if (v == "warning")
                c.read.unknown_keys = drx::unknown_keys::warning;
            else if (v == "ignore")
                c.read.unknown_keys = drx::unknown_keys::ignore;
            else
                throw usage_error{"--unknown-keys is error, warning or ignore, got '" + v + "'"};
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
        } else if (a == "--max-diagnostics") {
            c.read.max_diagnostics = to_size(value(), "--max-diagnostics");
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            rest.push_back(a);
            // options of the subcommand that take a value
            if (a == "--indent") rest.push_back(value());
        } else {
            positional.push_back(a);
        }
    }
    if (positional.empty()) throw usage_error{"missing SCHEMA"};
    if (positional.size() > 2) throw usage_error{"too many arguments"};
    c.schema = positional[0];
    if (positional.size() == 2) c.file = positional[1];
    if (c.have_ctx) c.check.ctx = &c.ctx;
    return rest;
}

void print_skipped(drx::schema_run const& run) {
    for (auto const& s : run.skipped)
        std::cerr << "drx: note: rule " << s.rule << " skipped: the context lacks " << s.needs << "\n";
    if (run.omitted) std::cerr << "drx: note: " << run.omitted << " more diagnostics omitted (--max-diagnostics)\n";
}

int cmd_schemas(std::vector<std::string> const& args) {
    if (!args.empty()) return fail_usage("schemas takes no arguments");
    for (auto const& e : drx::catalogue()) std::cout << e.name << "\n";
    return 0;
}

drx::schema_entry const& schema_or_throw(std::string const& name) {
    if (auto const* e = drx::find_schema(name)) return *e;
    throw usage_error{"unknown schema '" + name + "' (see drx schemas)"};
}

int cmd_check(std::vector<std::string> const& args) {
    common c;
    bool json = false;
    for (auto const& a : parse_common(args, c)) {
        if (a == "--json")
            json = true;
        else
            throw usage_error{"unknown option " + a};
    }
    auto const& schema = schema_or_throw(c.schema);
    std::string text;
    if (!read_input(c.file, text)) {
        std::cerr << "drx: cannot read " << c.file << "\n";
        return 2;
    }
    drx::schema_run run = schema.run(text, c.read, c.check, nullptr);
    if (json) {
        drx::write_options wo;
        wo.ensure_ascii = false;
        std::cout << drx::to_json(run.diagnostics, wo) << "\n";
    } else {
        for (auto const& d : run.diagnostics) std::cout << drx::to_line(d) << "\n";
    }
    print_skipped(run);
    return run.ok() ? 0 : 1;
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
    auto const& schema = schema_or_throw(c.schema);
    std::string text;
    if (!read_input(c.file, text)) {
        std::cerr << "drx: cannot read " << c.file << "\n";
        return 2;
    }
    drx::schema_run run = schema.run(text, c.read, c.check, &wo);
    for (auto const& d : run.diagnostics) std::cerr << drx::to_line(d) << "\n";
    print_skipped(run);
    if (!run.output) return 1;
    std::cout << *run.output << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return fail_usage("missing command");
    std::string cmd = args.front();
    args.erase(args.begin());
    try {
        if (cmd == "schemas") return cmd_schemas(args);
        if (cmd == "check") return cmd_check(args);
        if (cmd == "format") return cmd_format(args);
        if (cmd == "--help" || cmd == "-h" || cmd == "help") {
            std::cout << usage_text;
            return 0;
        }
        return fail_usage("unknown command '" + cmd + "'");
    } catch (usage_error const& e) {
        return fail_usage(e.message);
    } catch (std::exception const& e) {
        std::cerr << "drx: " << e.what() << "\n";
        return 2;
    }
}
