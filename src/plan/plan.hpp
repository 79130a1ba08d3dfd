// The plan: capsh's command line as an ordered list of typed steps (built by the parser, applied
// by the executor). Steps hold parsed values; anything that depends on the running system
// (current caps, user database, PATH) is looked up when the step is applied.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cap_state.hpp"
#include "error.hpp"
#include "iab.hpp"
#include "mode_names.hpp"

namespace capsh {

// ---- output and ending -------------------------------------------------------------------
struct MaxCapCheck {};  // warn when the kernel has more caps than names, unless --quiet
struct Message {        // fixed text, e.g. --modes, or the first half of an error
    Stream stream;
    std::string text;
};
struct Fail {  // a parse-time failure: print and exit
    Error error;
};
struct Usage {
    int status;
};
struct Exit {
    int status;
};

// ---- queries ------------------------------------------------------------------------------
struct Print {};
struct PrintJson {};  // E4: --json
struct Current {};
struct Decode {
    std::uint64_t value;
};
struct Supports {
    std::string name;
    unsigned cap;
};
enum class CapSet { permitted, inheritable, ambient, bounding };
struct HasCap {
    CapSet set;
    std::string name;
    unsigned cap;
};
struct HasAmbient {};
struct HasNoNewPrivs {};
struct IsId {
    bool gid;  // false: uid
    std::uint32_t want;
};
struct ModeQuery {};
struct InMode {
    std::string want;
};
struct Explain {
    unsigned cap;
};
struct Suggest {
    std::string text;
};
struct CheckDropped {  // --dropped
    std::string name;
    unsigned cap;
};

// ---- capability sets ----------------------------------------------------------------------
struct SetCaps {      // --caps
    std::string arg;  // the whole argument, for the error message
    CapState state;
    bool fixup;  // not --strict: raise CAP_SETPCAP in E around the change when only in P
};
struct SetInheritable {  // --inh
    std::string list;    // clauses applied on top of E/P with I cleared; "" clears I
    bool fixup;
};
struct DropBound {  // one piece of --drop
    std::string piece;
    unsigned cap;
    bool fixup;
};
struct DropAllBound {
    bool fixup;
};
struct Ambient {  // one piece of --addamb / --delamb
    std::string piece;
    unsigned cap;
    bool raise;
};
struct AmbientAll {
    bool raise;
};
struct ResetAmbient {};
struct SetIab {
    std::string text;
    Iab iab;
};

// ---- process security ---------------------------------------------------------------------
struct SetMode {
    Mode mode;
    std::string name;
};
struct SetKeepCaps {
    std::uint32_t value;
};
struct SetSecbits {
    std::uint32_t value;
};
struct SetNoNewPrivs {};
struct Chroot {
    std::string path;
};

// ---- identity -----------------------------------------------------------------------------
struct SetUid {
    std::uint32_t uid;
    bool keep_caps;  // --cap-uid: libcap's cap_setuid(); --uid: plain setuid()
};
struct SetGid {
    std::uint32_t gid;
};
struct GroupEntry {
    std::optional<gid_t> number;  // set for numeric entries
    std::string name;             // looked up when applied otherwise
};
struct SetGroups {
    std::vector<GroupEntry> groups;
};
struct NumericUser {  // E3: --user=UID[:GID] for ids with no passwd entry
    uid_t uid;
    gid_t gid;
};
struct SetUser {
    std::string name;
    bool noenv;
    std::optional<NumericUser> numeric;  // used only when the name is not found
};

// ---- processes ----------------------------------------------------------------------------
struct ForkFor {
    std::uint32_t seconds;
};
struct KillIt {
    std::uint32_t signal;
};
enum class RunHow { exec, launch };  // --/== replace the process; -+/=+ fork and wait
struct RunShell {                    // -- and -+
    RunHow how;
    std::string shell;
    bool shell_chosen;  // --shell= was given (no fallback then)
    std::vector<std::string> args;
};
struct RunProgram {  // E1: --exec PROGRAM [ARGS...], no shell in between
    std::string program;
    std::vector<std::string> args;
    std::string argv0 = {};  // the program's argv[0] when it is not `program` (gosu-ng)
    bool like_execvp = false;  // su-exec-ng: glibc's execvp search, scripts run by /bin/sh
};
struct RunSelf {  // == and =+
    RunHow how;
    bool quiet;
    std::vector<std::string> args;
};

using Step = std::variant<MaxCapCheck, Message, Fail, Usage, Exit, Print, Current, Decode, Supports,
                          HasCap, HasAmbient, HasNoNewPrivs, IsId, ModeQuery, InMode, Explain,
                          Suggest, CheckDropped, SetCaps, SetInheritable, DropBound, DropAllBound,
                          Ambient, AmbientAll, ResetAmbient, SetIab, SetMode, SetKeepCaps,
                          SetSecbits, SetNoNewPrivs, Chroot, SetUid, SetGid, SetGroups, SetUser,
                          ForkFor, KillIt, RunShell, RunSelf, RunProgram, PrintJson>;

using Plan = std::vector<Step>;

}  // namespace capsh
