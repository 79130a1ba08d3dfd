// One apply() per step type, grouped by area in exec_*.cpp. Each reads the current state when
// it runs (as capsh does) and throws Error when it fails.
#pragma once

#include "executor.hpp"

namespace capsh {

// exec_report.cpp: output, queries and endings
void apply(Executor&, const MaxCapCheck&);
void apply(Executor&, const Message&);
void apply(Executor&, const Fail&);
void apply(Executor&, const Usage&);
void apply(Executor&, const Exit&);
void apply(Executor&, const Print&);
void apply(Executor&, const PrintJson&);
void apply(Executor&, const Current&);
void apply(Executor&, const Decode&);
void apply(Executor&, const Supports&);
void apply(Executor&, const HasCap&);
void apply(Executor&, const HasAmbient&);
void apply(Executor&, const HasNoNewPrivs&);
void apply(Executor&, const IsId&);
void apply(Executor&, const ModeQuery&);
void apply(Executor&, const InMode&);
void apply(Executor&, const Explain&);
void apply(Executor&, const Suggest&);
void apply(Executor&, const CheckDropped&);

// exec_caps.cpp: capability sets
void apply(Executor&, const SetCaps&);
void apply(Executor&, const SetInheritable&);
void apply(Executor&, const DropBound&);
void apply(Executor&, const DropAllBound&);
void apply(Executor&, const Ambient&);
void apply(Executor&, const AmbientAll&);
void apply(Executor&, const ResetAmbient&);
void apply(Executor&, const SetIab&);

// exec_security.cpp: modes, securebits, keep-caps, no-new-privs, chroot
void apply(Executor&, const SetMode&);
void apply(Executor&, const SetKeepCaps&);
void apply(Executor&, const SetSecbits&);
void apply(Executor&, const SetNoNewPrivs&);
void apply(Executor&, const Chroot&);

// exec_identity.cpp: uid, gid, groups, user
void apply(Executor&, const SetUid&);
void apply(Executor&, const SetGid&);
void apply(Executor&, const SetGroups&);
void apply(Executor&, const SetUser&);

// exec_launch.cpp: children and the programs capsh runs
void apply(Executor&, const ForkFor&);
void apply(Executor&, const KillIt&);
void apply(Executor&, const RunShell&);
void apply(Executor&, const RunSelf&);
void apply(Executor&, const RunProgram&);

}  // namespace capsh
