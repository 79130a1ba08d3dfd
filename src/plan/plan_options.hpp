// One planning function per capsh option: it checks the value and adds the steps the option
// stands for. Grouped by area, one file each: plan_report.cpp, plan_caps.cpp, plan_identity.cpp,
// plan_security.cpp, plan_launch.cpp.
#pragma once

#include <string_view>

#include "plan_builder.hpp"

namespace capsh {

using V = std::string_view;

// plan_report.cpp: read-only options
void plan_quiet(PlanBuilder&, V);
void plan_print(PlanBuilder&, V);
void plan_json(PlanBuilder&, V);
void plan_current(PlanBuilder&, V);
void plan_decode(PlanBuilder&, V);
void plan_supports(PlanBuilder&, V);
void plan_has_p(PlanBuilder&, V);
void plan_has_i(PlanBuilder&, V);
void plan_has_a(PlanBuilder&, V);
void plan_has_b(PlanBuilder&, V);
void plan_has_ambient(PlanBuilder&, V);
void plan_has_no_new_privs(PlanBuilder&, V);
void plan_is_uid(PlanBuilder&, V);
void plan_is_gid(PlanBuilder&, V);
void plan_modes(PlanBuilder&, V);
void plan_inmode(PlanBuilder&, V);
void plan_license(PlanBuilder&, V);
void plan_explain(PlanBuilder&, V);
void plan_suggest(PlanBuilder&, V);

// plan_caps.cpp: capability sets
void plan_caps(PlanBuilder&, V);
void plan_inh(PlanBuilder&, V);
void plan_strict(PlanBuilder&, V);
void plan_drop(PlanBuilder&, V);
void plan_dropped(PlanBuilder&, V);
void plan_addamb(PlanBuilder&, V);
void plan_delamb(PlanBuilder&, V);
void plan_noamb(PlanBuilder&, V);
void plan_iab(PlanBuilder&, V);

// plan_identity.cpp: uid, gid, groups, user
void plan_uid(PlanBuilder&, V);
void plan_cap_uid(PlanBuilder&, V);
void plan_gid(PlanBuilder&, V);
void plan_groups(PlanBuilder&, V);
void plan_user(PlanBuilder&, V);
void plan_noenv(PlanBuilder&, V);

// plan_security.cpp: modes, securebits, keep-caps, no-new-privs, chroot
void plan_mode(PlanBuilder&, V);
void plan_secbits(PlanBuilder&, V);
void plan_keep(PlanBuilder&, V);
void plan_no_new_privs(PlanBuilder&, V);
void plan_chroot(PlanBuilder&, V);

// plan_launch.cpp: children, the shell, and the terminators, which take the rest of the line
void plan_forkfor(PlanBuilder&, V);
void plan_killit(PlanBuilder&, V);
void plan_shell(PlanBuilder&, V);
void plan_exec_shell(PlanBuilder&, V);    // --
void plan_launch_shell(PlanBuilder&, V);  // -+
void plan_exec_self(PlanBuilder&, V);     // ==
void plan_launch_self(PlanBuilder&, V);   // =+
void plan_exec_program(PlanBuilder&, V);  // --exec

// plan_checks.cpp: shared checks, for the option files above.
// capsh's "non-negative integer" or its error ("invalid --<what> value: ...").
std::optional<std::uint32_t> nonneg_or_fail(PlanBuilder&, V value, V what);
// from_name, or fail with `cap[NAME] not recognized by library`.
std::optional<unsigned> cap_or_fail(PlanBuilder&, V name);

}  // namespace capsh
