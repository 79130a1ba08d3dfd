// Planning of the read-only options: they report state and never change it.
#include <fmt/format.h>

#include "cap_names.hpp"
#include "hints.hpp"
#include "numbers.hpp"
#include "plan_options.hpp"
#include "usage.hpp"

namespace capsh {

void plan_quiet(PlanBuilder& plan, V) {
    plan.quiet = true;
}
void plan_print(PlanBuilder& plan, V) {
    plan.add(Print{});
}
void plan_json(PlanBuilder& plan, V) {
    plan.add(PrintJson{});
}

void plan_current(PlanBuilder& plan, V) {
    plan.add(Current{});
}
void plan_decode(PlanBuilder& plan, V value) {
    plan.add(Decode{parse_decode_hex(value)});
}

void plan_supports(PlanBuilder& plan, V name) {
    if (auto cap = cap_or_fail(plan, name)) plan.add(Supports{std::string(name), *cap});
}

namespace {
void plan_has(PlanBuilder& plan, CapSet set, V name) {
    if (auto cap = cap_or_fail(plan, name)) plan.add(HasCap{set, std::string(name), *cap});
}
void plan_is_id(PlanBuilder& plan, bool gid, V value) {
    if (auto want = nonneg_or_fail(plan, value, gid ? "is-gid" : "is-uid")) {
        plan.add(IsId{gid, *want});
    }
}
}  // namespace

void plan_has_p(PlanBuilder& plan, V name) {
    plan_has(plan, CapSet::permitted, name);
}
void plan_has_i(PlanBuilder& plan, V name) {
    plan_has(plan, CapSet::inheritable, name);
}
void plan_has_a(PlanBuilder& plan, V name) {
    plan_has(plan, CapSet::ambient, name);
}
void plan_has_b(PlanBuilder& plan, V name) {
    plan_has(plan, CapSet::bounding, name);
}
void plan_has_ambient(PlanBuilder& plan, V) {
    plan.add(HasAmbient{});
}
void plan_has_no_new_privs(PlanBuilder& plan, V) {
    plan.add(HasNoNewPrivs{});
}
void plan_is_uid(PlanBuilder& plan, V value) {
    plan_is_id(plan, false, value);
}
void plan_is_gid(PlanBuilder& plan, V value) {
    plan_is_id(plan, true, value);
}

void plan_modes(PlanBuilder& plan, V) {
    plan.add(Message{Stream::out, "Supported modes: NOPRIV PURE1E_INIT PURE1E HYBRID\n"});
}

void plan_inmode(PlanBuilder& plan, V want) {
    plan.add(InMode{std::string(want)});
}

void plan_license(PlanBuilder& plan, V) {
    plan.add(Message{Stream::out, license_text(plan.context().argv0)});
    plan.add(Exit{0});
    plan.finish();
}

void plan_explain(PlanBuilder& plan, V name) {
    if (auto cap = cap_from_name(name)) {
        plan.add(Explain{*cap});
    } else {
        plan.fail(Error::err(fmt::format("unrecognised value '{}'\n", name))
                      .with_hint(Hint(unknown_cap_hint, name)));
    }
}

void plan_suggest(PlanBuilder& plan, V text) {
    plan.add(Suggest{std::string(text)});
}

}  // namespace capsh
