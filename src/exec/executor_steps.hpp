// One apply() per step type, grouped by area in exec_*.cpp. Each reads the current state when
// it runs (as capsh does) and returns the Error when it fails (Outcome, error.hpp).
#pragma once

#include "executor.hpp"

namespace capsh {

// exec_report.cpp: output, queries and endings
[[nodiscard]] Outcome apply(Executor&, const MaxCapCheck&);
[[nodiscard]] Outcome apply(Executor&, const Message&);
[[nodiscard]] Outcome apply(Executor&, const Fail&);
[[nodiscard]] Outcome apply(Executor&, const Usage&);
[[nodiscard]] Outcome apply(Executor&, const Exit&);
[[nodiscard]] Outcome apply(Executor&, const Print&);
[[nodiscard]] Outcome apply(Executor&, const PrintJson&);
[[nodiscard]] Outcome apply(Executor&, const Current&);
[[nodiscard]] Outcome apply(Executor&, const Decode&);
[[nodiscard]] Outcome apply(Executor&, const Supports&);
[[nodiscard]] Outcome apply(Executor&, const HasCap&);
[[nodiscard]] Outcome apply(Executor&, const HasAmbient&);
[[nodiscard]] Outcome apply(Executor&, const HasNoNewPrivs&);
[[nodiscard]] Outcome apply(Executor&, const IsId&);
[[nodiscard]] Outcome apply(Executor&, const ModeQuery&);
[[nodiscard]] Outcome apply(Executor&, const InMode&);
[[nodiscard]] Outcome apply(Executor&, const Explain&);
[[nodiscard]] Outcome apply(Executor&, const Suggest&);
[[nodiscard]] Outcome apply(Executor&, const CheckDropped&);

// exec_caps.cpp: capability sets
[[nodiscard]] Outcome apply(Executor&, const SetCaps&);
[[nodiscard]] Outcome apply(Executor&, const SetInheritable&);
[[nodiscard]] Outcome apply(Executor&, const DropBound&);
[[nodiscard]] Outcome apply(Executor&, const DropAllBound&);
[[nodiscard]] Outcome apply(Executor&, const Ambient&);
[[nodiscard]] Outcome apply(Executor&, const AmbientAll&);
[[nodiscard]] Outcome apply(Executor&, const ResetAmbient&);
[[nodiscard]] Outcome apply(Executor&, const SetIab&);

// exec_security.cpp: modes, securebits, keep-caps, no-new-privs, chroot
[[nodiscard]] Outcome apply(Executor&, const SetMode&);
[[nodiscard]] Outcome apply(Executor&, const SetKeepCaps&);
[[nodiscard]] Outcome apply(Executor&, const SetSecbits&);
[[nodiscard]] Outcome apply(Executor&, const SetNoNewPrivs&);
[[nodiscard]] Outcome apply(Executor&, const Chroot&);

// exec_identity.cpp: uid, gid, groups, user
[[nodiscard]] Outcome apply(Executor&, const SetUid&);
[[nodiscard]] Outcome apply(Executor&, const SetGid&);
[[nodiscard]] Outcome apply(Executor&, const SetGroups&);
[[nodiscard]] Outcome apply(Executor&, const SetUser&);

// exec_launch.cpp: children and the programs capsh runs
[[nodiscard]] Outcome apply(Executor&, const ForkFor&);
[[nodiscard]] Outcome apply(Executor&, const KillIt&);
[[nodiscard]] Outcome apply(Executor&, const RunShell&);
[[nodiscard]] Outcome apply(Executor&, const RunSelf&);
[[nodiscard]] Outcome apply(Executor&, const RunProgram&);

}  // namespace capsh
