#include "plan_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "cap_json.hpp"
#include "escape.hpp"
#include "executor.hpp"
#include "json.hpp"
#include "options.hpp"
#include "parser.hpp"
#include "plan_options.hpp"
#include "plan_result.hpp"
#include "state_json.hpp"

namespace capsh {
namespace {

// The parser takes C strings, as in argv.
std::vector<const char*> c_strings(const std::vector<std::string>& words) {
    std::vector<const char*> args;
    args.reserve(words.size());
    for (const auto& word : words)
        args.push_back(word.c_str());
    return args;
}

bool is_run_step(const Step& step) {
    return std::holds_alternative<RunShell>(step) || std::holds_alternative<RunSelf>(step) ||
           std::holds_alternative<RunProgram>(step);
}

bool lowers_ambient_on_purpose(const Step& step) {
    if (const auto* change = std::get_if<Ambient>(&step)) return !change->raise;
    if (const auto* all = std::get_if<AmbientAll>(&step)) return !all->raise;
    return std::holds_alternative<ResetAmbient>(step) || std::holds_alternative<SetIab>(step);
}

// Follows the ambient capabilities the steps raise: which of them a later step loses, and why.
struct AmbientWatch {
    std::uint64_t requested = 0;

    void after_step(const Step& step, const std::string& arg, const SimState& before,
                    const SimState& after, std::vector<AmbientLoss>& lost) {
        requested |= after.ambient & ~before.ambient;
        std::uint64_t gone = before.ambient & ~after.ambient & requested;
        if (gone == 0) return;
        requested &= ~gone;
        if (lowers_ambient_on_purpose(step)) return;
        std::uint64_t not_inheritable = gone & ~after.caps.i;
        std::uint64_t not_permitted = gone & after.caps.i & ~after.caps.p;
        std::uint64_t rest = gone & after.caps.i & after.caps.p;
        bool uid_change = before.ids.uid != after.ids.uid || before.ids.euid != after.ids.euid ||
                          before.ids.suid != after.ids.suid;
        if (not_inheritable) lost.push_back({not_inheritable, AmbientWhy::not_inheritable, arg});
        if (not_permitted) lost.push_back({not_permitted, AmbientWhy::not_permitted, arg});
        if (rest) {
            lost.push_back(
                {rest, uid_change ? AmbientWhy::uid_change : AmbientWhy::other_step, arg});
        }
    }

    void at_exec(const SimState& before, const SimState& target, std::vector<AmbientLoss>& lost) {
        std::uint64_t gone = before.ambient & ~target.ambient & requested;
        if (gone) lost.push_back({gone, AmbientWhy::program_file, ""});
    }
};

// Walks one command line; returns the arguments of a capsh-ng re-run (== =+) to walk next.
std::optional<std::vector<std::string>> walk(const std::vector<std::string>& words, SimKernel& sim,
                                             const ParseContext& context, std::FILE* sink,
                                             PlanResult& result, AmbientWatch& watch) {
    std::vector<const char*> args = c_strings(words);
    std::vector<std::size_t> origins;
    Plan plan = plan_command_line(args, context, &origins);
    Executor executor(sim, sink, {context.argv0, context.default_shell});
    for (std::size_t n = 0; n < plan.size(); ++n) {
        const Step& step = plan[n];
        if (std::holds_alternative<MaxCapCheck>(step)) {
            (void)executor.step(step);  // a warning at most
            continue;
        }
        std::size_t origin = origins[n];
        StepResult report{
            is_run_step(step) ? joined(words, origin, words.size()) : shell_word(words[origin]),
            describe(step),
            std::nullopt,
            sim.state(),
            {},
            {},
            {}};
        try {
            if (Outcome failed = executor.step(step)) {
                result.status = failed->status;
                report.hint = failed->hint.text();
                report.error = std::move(failed);
                result.steps.push_back(std::move(report));
                return std::nullopt;
            }
        } catch (const TargetReached& reached) {
            SimState before = sim.state();
            sim.set_state(after_exec(before, sim.cap_count(), reached.file, sim.maps()));
            report.after = sim.state();
            result.steps.push_back(std::move(report));
            if (std::holds_alternative<RunSelf>(step)) {
                result.reran = true;
                return std::vector<std::string>(reached.argv.begin() + 1, reached.argv.end());
            }
            watch.at_exec(before, sim.state(), result.ambient_lost);
            result.target =
                Target{reached.how, reached.argv,   sim.in_root(reached.path), reached.file, before,
                       sim.state(), state_json(sim)};
            return std::nullopt;
        }
        report.after = sim.state();
        watch.after_step(step, report.arg, report.before, report.after, result.ambient_lost);
        report.state_json = state_json(sim);
        result.steps.push_back(std::move(report));
        if (auto status = executor.ended()) {
            result.status = *status;
            return std::nullopt;
        }
    }
    return std::nullopt;
}

void write_findings(JsonWriter& json, const std::vector<Finding>& findings) {
    json.key("findings").begin_array();
    for (const Finding& finding : findings) {
        json.begin_object().key("id").value(finding.id);
        json.key("level").value(finding.level == FindingLevel::warning ? "warning" : "note");
        json.key("message").value(std::string_view(finding.message));
        json.key("fix").value(std::string_view(finding.fix)).end_object();
    }
    json.end_array();
}

void write_file(JsonWriter& json, const Target& target) {
    const ExecFile& file = target.file;
    json.key("file").begin_object().key("path").value(std::string_view(target.program));
    json.key("set_uid").value(file.set_uid).key("set_gid").value(file.set_gid);
    json.key("owner")
        .value(std::uint64_t{file.owner})
        .key("group")
        .value(std::uint64_t{file.group});
    json.key("nosuid_mount").value(file.nosuid_mount).key("file_caps");
    if (file.caps) {
        json.begin_object();
        write_cap_names(json, "permitted", file.caps->permitted, k_max_caps);
        write_cap_names(json, "inheritable", file.caps->inheritable, k_max_caps);
        json.key("effective").value(file.caps->effective);
        json.key("version").value(std::uint64_t{file.caps->version});
        json.key("root_id").value(std::uint64_t{file.caps->root_id}).end_object();
    } else {
        json.null();
    }
    json.end_object();
}

void print_json(const PlanResult& result) {
    bool ok = result.status == 0;
    JsonWriter json;
    json.begin_object().key("ok").value(ok).key("start").raw(result.start_json);
    json.key("steps").begin_array();
    for (const StepResult& step : result.steps) {
        json.begin_object().key("arg").value(std::string_view(step.arg));
        json.key("does").value(std::string_view(step.what.does));
        json.key("needs").value(std::string_view(step.what.needs));
        json.key("ok").value(!step.error.has_value());
        if (step.error) {
            json.key("error").value(std::string_view(step.error->text));
            json.key("hint").value(std::string_view(step.hint));
        } else if (!step.state_json.empty()) {
            json.key("state").raw(step.state_json);
        }
        json.end_object();
    }
    json.end_array().key("target");
    if (result.target) {
        json.begin_object().key("how").value(result.target->how == RunHow::exec ? "exec"
                                                                                : "launch");
        json.key("argv").begin_array();
        for (const auto& word : result.target->argv)
            json.value(std::string_view(word));
        json.end_array();
        write_file(json, *result.target);
        json.key("state").raw(result.target->state_json).end_object();
    } else {
        json.null();
    }
    write_findings(json, result.findings);
    json.key("exit").value(std::uint64_t(result.status)).end_object();
    std::fputs((json.text() + "\n").c_str(), stdout);
}

// --json anywhere among the options, also after an argument that ends the parse (--help, an
// unknown option, a bad value) or inside an == / =+ re-run; not among the shell's arguments.
bool wants_json(const std::vector<std::string>& words) {
    for (const auto& word : words) {
        const OptionSpec* spec = find_option(word);
        if (spec == nullptr) continue;
        if (spec->match == Match::hands_over) return false;
        if (spec->plan == plan_json) return true;
    }
    return false;
}

// JSON state texts carry a newline for --json; inside the plan object they must not.
std::string trimmed(std::string text) {
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

// Runs the plan of `words` against a simulation seeded from `real`, and computes the findings.
PlanResult simulate(const std::vector<std::string>& words, const ParseContext& context,
                    SimKernel& sim) {
    PlanResult result;
    result.cap_count = sim.cap_count();
    result.start = sim.state();
    result.start_json = trimmed(state_json(sim));
    char* sink_buffer = nullptr;
    std::size_t sink_size = 0;
    std::FILE* sink = open_memstream(&sink_buffer, &sink_size);  // what the steps would print
    AmbientWatch watch;
    std::optional<std::vector<std::string>> next = words;
    while (next)
        next = walk(*next, sim, context, sink, result, watch);
    std::fclose(sink);
    std::free(sink_buffer);
    for (auto& step : result.steps)
        step.state_json = trimmed(step.state_json);
    if (result.target) {
        Target& target = *result.target;
        target.state_json = trimmed(target.state_json);
        Trace trace{result.cap_count,
                    result.start,
                    target.before_exec,
                    target.state,
                    after_exec(target.before_exec, result.cap_count),
                    target.program,
                    target.file,
                    &sim.maps(),
                    result.ambient_lost};
        result.findings = find_issues(trace, sim);
    }
    return result;
}

// --check (every warning fails) or --check=ID,... (these findings fail, notes too).
struct CheckChoice {
    bool on = false;
    std::vector<std::string> ids;  // empty: every warning
};

// Takes --check and --check=... out of the options (not out of the target's arguments).
std::optional<std::string> take_check(std::vector<std::string>& words, CheckChoice& check) {
    for (std::size_t n = 0; n < words.size();) {
        const std::string& word = words[n];
        const OptionSpec* spec = find_option(word);
        if (spec != nullptr && (spec->match == Match::hands_over || spec->match == Match::reruns)) {
            break;  // the rest belongs to the target or to the next capsh-ng
        }
        if (word != "--check" && word.rfind("--check=", 0) != 0) {
            ++n;
            continue;
        }
        check.on = true;
        std::string_view list = std::string_view(word).substr(word.size() > 7 ? 8 : 7);
        while (!list.empty()) {
            std::size_t comma = std::min(list.find(','), list.size());
            std::string id(list.substr(0, comma));
            list.remove_prefix(std::min(comma + 1, list.size()));
            auto kinds = finding_kinds();
            bool known = std::any_of(kinds.begin(), kinds.end(),
                                     [&](const FindingKind& kind) { return kind.id == id; });
            if (!known) return id;
            check.ids.push_back(std::move(id));
        }
        words.erase(words.begin() + std::ptrdiff_t(n));
    }
    return std::nullopt;
}

bool check_fails(const CheckChoice& check, const std::vector<Finding>& findings) {
    for (const Finding& finding : findings) {
        bool chosen = check.ids.empty() ? finding.level == FindingLevel::warning
                                        : std::find(check.ids.begin(), check.ids.end(),
                                                    finding.id) != check.ids.end();
        if (chosen) return true;
    }
    return false;
}

std::string known_ids() {
    std::string out;
    for (const FindingKind& kind : finding_kinds()) {
        if (!out.empty()) out += ", ";
        out += kind.id;
    }
    return out;
}

}  // namespace

int run_plan_mode(std::span<const char* const> args, Kernel& real, const ParseContext& context) {
    std::vector<std::string> words(args.begin(), args.end());
    CheckChoice check;
    if (auto unknown = take_check(words, check)) {
        std::fprintf(stderr, "capsh-ng: --check: no finding is called '%s' (known: %s)\n",
                     unknown->c_str(), known_ids().c_str());
        return 2;
    }
    SimKernel sim(real, snapshot(real), IdMaps::read(), kernel_securebits_mask());
    PlanResult result = simulate(words, context, sim);
    if (wants_json(words)) {
        print_json(result);
    } else {
        std::string text = plan_text(result, sim);
        std::fputs(text.c_str(), stdout);
    }
    if (result.status != 0) return 1;
    return check.on && check_fails(check, result.findings) ? 1 : 0;
}

std::string target_warnings(std::span<const char* const> args, Kernel& real,
                            const ParseContext& context) {
    std::vector<std::string> words(args.begin(), args.end());
    SimKernel sim(real, snapshot(real), IdMaps::read(), kernel_securebits_mask());
    PlanResult result = simulate(words, context, sim);
    // A failing step prints its own error; after == or =+ the next capsh-ng warns itself.
    if (result.status != 0 || !result.target || result.reran) return {};
    std::string out;
    for (const Finding& finding : result.findings) {
        if (finding.level != FindingLevel::warning) continue;
        out += finding_line("warning", finding);
    }
    return out;
}

}  // namespace capsh
