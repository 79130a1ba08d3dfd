#include "plan_run.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <optional>

#include "cap_text.hpp"
#include "executor.hpp"
#include "hints.hpp"
#include "parser.hpp"
#include "plan_describe.hpp"
#include "report.hpp"
#include "sim_kernel.hpp"
#include "state_json.hpp"

namespace capsh {
namespace {

// What --plan found for one step.
struct StepResult {
    std::string arg;  // the argument(s) the step came from, as typed
    StepDescription what;
    std::optional<Error> error;  // set when the step would fail
    std::string state;           // the state after it, as text
    std::string state_json;
};

struct Target {
    RunHow how;
    std::vector<std::string> argv;
    std::string state, state_json;
};

struct PlanResult {
    std::string start, start_json;
    std::vector<StepResult> steps;
    std::optional<Target> target;
    int status = 0;
};

std::string state_line(Kernel& kernel) {
    Ids ids = kernel.ids();
    CapState caps;
    (void)kernel.get_caps(caps);
    std::string groups;
    for (gid_t gid : kernel.groups().value_or(std::vector<gid_t>{})) {
        groups += fmt::format("{}{}", groups.empty() ? "" : ",", gid);
    }
    unsigned k = kernel.cap_count();
    return fmt::format(
        "uid={}/{}/{} gid={}/{}/{} groups={} caps=\"{}\" iab=\"{}\" securebits={:#x} "
        "no-new-privs={}",
        ids.uid, ids.euid, ids.suid, ids.gid, ids.egid, ids.sgid, groups, cap_text(caps, k),
        iab_text(current_iab(kernel, caps), k), kernel.securebits(), kernel.no_new_privs());
}

std::string quoted(const std::string& word) {
    bool plain =
        !word.empty() && word.find_first_of(" \t\n'\"\\$`*?[]{}()<>|&;#~!") == std::string::npos;
    if (plain) return word;
    std::string out = "'";
    for (char c : word)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string joined(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t n = from; n < to && n < words.size(); ++n) {
        if (!out.empty()) out += ' ';
        out += quoted(words[n]);
    }
    return out;
}

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

// Walks one command line; returns the arguments of a capsh-ng re-run (== =+) to walk next.
std::optional<std::vector<std::string>> walk(const std::vector<std::string>& words, SimKernel& sim,
                                             const ParseContext& context, std::FILE* sink,
                                             PlanResult& result) {
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
            is_run_step(step) ? joined(words, origin, words.size()) : quoted(words[origin]),
            describe(step),
            std::nullopt,
            {},
            {}};
        try {
            if (Outcome failed = executor.step(step)) {
                result.status = failed->status;
                report.error = std::move(failed);
                result.steps.push_back(std::move(report));
                return std::nullopt;
            }
        } catch (const TargetReached& reached) {
            result.steps.push_back(std::move(report));
            sim.set_state(after_exec(sim.state(), sim.cap_count()));
            if (std::holds_alternative<RunSelf>(step)) {
                return std::vector<std::string>(reached.argv.begin() + 1, reached.argv.end());
            }
            result.target = Target{reached.how, reached.argv, state_line(sim), state_json(sim)};
            return std::nullopt;
        }
        report.state = state_line(sim);
        report.state_json = state_json(sim);
        result.steps.push_back(std::move(report));
        if (auto status = executor.ended()) {
            result.status = *status;
            return std::nullopt;
        }
    }
    return std::nullopt;
}

void print_text(const PlanResult& result) {
    std::string out = fmt::format("start: {}\n", result.start);
    for (std::size_t n = 0; n < result.steps.size(); ++n) {
        const StepResult& step = result.steps[n];
        out += fmt::format("{}. {}: {}\n", n + 1, step.arg, step.what.does);
        if (!step.what.needs.empty()) out += fmt::format("   needs: {}\n", step.what.needs);
        if (step.error) {
            std::string text = step.error->text;
            if (!text.empty() && text.back() == '\n') text.pop_back();
            out += fmt::format("   FAILS: {}\n", text);
            if (!step.error->hint.empty()) {
                out += fmt::format("   fix: {}\n", step.error->hint.text());
            }
            out += fmt::format("capsh-ng would stop here with exit status {}.\n", result.status);
        } else if (!step.state.empty()) {
            out += fmt::format("   then: {}\n", step.state);
        }
    }
    if (result.target) {
        out +=
            fmt::format("target: {}\n", joined(result.target->argv, 0, result.target->argv.size()));
        out += fmt::format("target starts with: {}\n", result.target->state);
    } else if (result.status == 0 && (result.steps.empty() || !result.steps.back().error)) {
        out += "no target: capsh-ng would exit 0 after the last step.\n";
    }
    std::fputs(out.c_str(), stdout);
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
            json.key("hint").value(std::string_view(step.error->hint.text()));
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
        json.end_array().key("state").raw(result.target->state_json).end_object();
    } else {
        json.null();
    }
    json.key("exit").value(std::uint64_t(result.status)).end_object();
    std::fputs((json.text() + "\n").c_str(), stdout);
}

// --json anywhere among the options, also after an argument that ends the parse (--help, an
// unknown option, a bad value) or inside an == / =+ re-run; not among the shell's arguments.
bool wants_json(const std::vector<std::string>& words) {
    for (const auto& word : words) {
        if (word == "--" || word == "-+" || word == "--exec") return false;
        if (word == "--json") return true;
    }
    return false;
}

// JSON state texts carry a newline for --json; inside the plan object they must not.
std::string trimmed(std::string text) {
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

}  // namespace

int run_plan_mode(std::span<const char* const> args, Kernel& real, const ParseContext& context) {
    std::vector<std::string> words(args.begin(), args.end());
    SimKernel sim(real, snapshot(real), IdMaps::read(), kernel_securebits_mask());
    PlanResult result{state_line(sim), trimmed(state_json(sim)), {}, std::nullopt, 0};
    char* sink_buffer = nullptr;
    std::size_t sink_size = 0;
    std::FILE* sink = open_memstream(&sink_buffer, &sink_size);  // what the steps would print
    std::optional<std::vector<std::string>> next = words;
    while (next)
        next = walk(*next, sim, context, sink, result);
    std::fclose(sink);
    std::free(sink_buffer);
    for (auto& step : result.steps)
        step.state_json = trimmed(step.state_json);
    if (result.target) result.target->state_json = trimmed(result.target->state_json);
    if (wants_json(words)) {
        print_json(result);
    } else {
        print_text(result);
    }
    return result.status == 0 ? 0 : 1;
}

}  // namespace capsh
