// Planning of the options that change capability sets.
#include <fmt/format.h>

#include "cap_names.hpp"
#include "cap_text.hpp"
#include "chars.hpp"
#include "hints.hpp"
#include "plan_options.hpp"

namespace capsh {
namespace {

std::optional<unsigned> known_cap_or_fail(PlanBuilder& plan, V piece) {
    auto cap = cap_from_name(piece);
    if (!cap) {
        plan.fail(Error::err(fmt::format("capability [{}] is unknown to libcap\n", piece))
                      .with_hint(Hint(unknown_cap_hint, piece)));
    }
    return cap;
}

void plan_ambient(PlanBuilder& plan, V list, bool raise) {
    if (list == "all") {
        plan.add(AmbientAll{raise});
        return;
    }
    for_each_piece(list, [&](V piece) {
        auto cap = known_cap_or_fail(plan, piece);
        if (cap) plan.add(Ambient{std::string(piece), *cap, raise});
        return cap.has_value();
    });
}

}  // namespace

void plan_caps(PlanBuilder& plan, V text) {
    auto state = parse_cap_text(text, plan.context().cap_count);
    if (!state) {
        plan.fail(Error::err(fmt::format("unable to interpret [--caps={}]\n", text))
                      .with_hint(Hint(cap_text_hint, text)));
        return;
    }
    plan.add(SetCaps{fmt::format("--caps={}", text), *state, !plan.strict});
}

void plan_inh(PlanBuilder& plan, V list) {
    // capsh parses "<current E/P text> LIST+i"; the current clauses cannot make LIST invalid,
    // so checking LIST+i alone gives the same verdict.
    std::string clauses = (list.empty() || list == "none") ? "" : fmt::format("{}+i", list);
    if (!clauses.empty() && !parse_cap_text(clauses, plan.context().cap_count)) {
        plan.fail(Error::err("Fatal error internalizing capabilities: Invalid argument\n")
                      .with_hint(Hint(cap_text_hint, list)));
        return;
    }
    plan.add(SetInheritable{std::move(clauses), !plan.strict});
}

void plan_strict(PlanBuilder& plan, V) {
    plan.strict = !plan.strict;
}

void plan_drop(PlanBuilder& plan, V list) {
    if (list == "all") {
        plan.add(DropAllBound{!plan.strict});
        return;
    }
    for_each_piece(list, [&](V piece) {
        auto cap = known_cap_or_fail(plan, piece);
        if (cap) plan.add(DropBound{std::string(piece), *cap, !plan.strict});
        return cap.has_value();
    });
}

void plan_dropped(PlanBuilder& plan, V name) {
    if (auto cap = cap_or_fail(plan, name)) plan.add(CheckDropped{std::string(name), *cap});
}

void plan_addamb(PlanBuilder& plan, V list) {
    plan_ambient(plan, list, true);
}
void plan_delamb(PlanBuilder& plan, V list) {
    plan_ambient(plan, list, false);
}
void plan_noamb(PlanBuilder& plan, V) {
    plan.add(ResetAmbient{});
}

void plan_iab(PlanBuilder& plan, V text) {
    auto iab = parse_iab(text);
    if (!iab) {
        plan.fail(Error::err(fmt::format("iab: '{}' malformed\n", text))
                      .with_hint("IAB text is capabilities separated by ',' with no spaces, each "
                                 "marked % (inheritable), ^ (inheritable and ambient) or ! (drop "
                                 "from bounding), e.g. '!cap_net_raw,^cap_net_bind_service'"));
        return;
    }
    plan.add(SetIab{std::string(text), *iab});
}

}  // namespace capsh
