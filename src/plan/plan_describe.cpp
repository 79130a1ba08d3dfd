#include "plan_describe.hpp"

#include <fmt/format.h>

#include "cap_names.hpp"

namespace capsh {
namespace {

const char* set_name(CapSet set) {
    switch (set) {
        case CapSet::permitted:
            return "permitted";
        case CapSet::inheritable:
            return "inheritable";
        case CapSet::ambient:
            return "ambient";
        case CapSet::bounding:
            return "bounding";
    }
    return "";
}

// ---- what a step does ---------------------------------------------------------------------

std::string does(const MaxCapCheck&) {
    return "check that every kernel cap has a name";
}
std::string does(const Message& m) {
    return m.stream == Stream::out ? "print a message" : "print a message on stderr";
}
std::string does(const Fail&) {
    return "stop with an error";
}
std::string does(const Usage& u) {
    return fmt::format("print the usage text and exit {}", u.status);
}
std::string does(const Exit& e) {
    return fmt::format("exit {}", e.status);
}
std::string does(const Print&) {
    return "print the state report";
}
std::string does(const Current&) {
    return "print the current caps and IAB";
}
std::string does(const Decode&) {
    return "print the caps of a mask";
}
std::string does(const Supports& s) {
    return fmt::format("check that the kernel supports {}", cap_to_name(s.cap));
}
std::string does(const HasCap& h) {
    return fmt::format("check {} in the {} set", cap_to_name(h.cap), set_name(h.set));
}
std::string does(const HasAmbient&) {
    return "check that ambient caps are supported";
}
std::string does(const HasNoNewPrivs&) {
    return "check that no-new-privs is set";
}
std::string does(const IsId& i) {
    return fmt::format("check that the real {} is {}", i.gid ? "gid" : "uid", i.want);
}
std::string does(const ModeQuery&) {
    return "print the guessed mode";
}
std::string does(const InMode& m) {
    return fmt::format("check that the guessed mode is {}", m.want);
}
std::string does(const Explain&) {
    return "explain a capability";
}
std::string does(const Suggest&) {
    return "list capabilities matching a text";
}
std::string does(const CheckDropped& c) {
    return fmt::format("check that {} is not in the bounding set", cap_to_name(c.cap));
}
std::string does(const SetCaps&) {
    return "replace the effective, permitted and inheritable sets";
}
std::string does(const SetInheritable&) {
    return "replace the inheritable set";
}
std::string does(const DropBound& d) {
    return fmt::format("drop {} from the bounding set", cap_to_name(d.cap));
}
std::string does(const DropAllBound&) {
    return "empty the bounding set";
}
std::string does(const Ambient& a) {
    return fmt::format("{} {} in the ambient set", a.raise ? "raise" : "lower", cap_to_name(a.cap));
}
std::string does(const AmbientAll& a) {
    return a.raise ? "raise every cap in the ambient set" : "empty the ambient set";
}
std::string does(const ResetAmbient&) {
    return "empty the ambient set";
}
std::string does(const SetIab&) {
    return "replace the inheritable and ambient sets, drop from the bounding set";
}
std::string does(const SetMode& m) {
    return fmt::format("set the libcap mode {}", m.name);
}
std::string does(const SetKeepCaps& k) {
    return fmt::format("set the keep-caps flag to {}", k.value);
}
std::string does(const SetSecbits& s) {
    return fmt::format("set the securebits to {:#x}", s.value);
}
std::string does(const SetNoNewPrivs&) {
    return "set no-new-privs";
}
std::string does(const Chroot& c) {
    return fmt::format("change the root directory to {}", c.path);
}
std::string does(const SetUid& s) {
    return fmt::format("set the uid to {}{}", s.uid,
                       s.keep_caps ? ", keeping permitted and inheritable caps" : "");
}
std::string does(const SetGid& s) {
    return fmt::format("set the gid to {}", s.gid);
}
std::string does(const SetGroups& g) {
    return fmt::format("set {} supplementary groups", g.groups.size());
}
std::string does(const SetUser& u) {
    return fmt::format(
        "become user {} (uid, gid and groups), keeping permitted and inheritable caps{}", u.name,
        u.noenv ? "" : "; set HOME, USER and LOGNAME");
}
std::string does(const ForkFor& f) {
    return fmt::format("fork a child that sleeps {} s", f.seconds);
}
std::string does(const KillIt& k) {
    return fmt::format("send signal {} to the child and wait for it", k.signal);
}
const char* exec_or_run(RunHow how) {
    return how == RunHow::exec ? "exec" : "run and wait for";
}
std::string does(const RunShell& r) {
    return fmt::format("{} the shell {} with the rest of the line", exec_or_run(r.how), r.shell);
}
std::string does(const RunSelf& r) {
    return fmt::format("{} capsh-ng again with the rest of the line", exec_or_run(r.how));
}
std::string does(const RunProgram& r) {
    return fmt::format("exec {} (looked up on PATH without a '/')", r.program);
}
std::string does(const PrintJson&) {
    return "print the state as JSON";
}

// ---- what a step needs (every step not listed needs nothing) ------------------------------

// The non-strict steps raise CAP_SETPCAP themselves; with --strict it must already be raised.
const char* setpcap(bool fixup) {
    return fixup ? "CAP_SETPCAP permitted" : "CAP_SETPCAP effective";
}

std::string needs(const auto&) {
    return {};
}
std::string needs(const SetCaps& s) {
    return fmt::format(
        "permitted can only shrink; effective within permitted; new inheritable caps within the "
        "bounding set and within permitted unless {}",
        setpcap(s.fixup));
}
std::string needs(const SetInheritable& s) {
    return fmt::format(
        "new inheritable caps within the bounding set, and within permitted unless {}",
        setpcap(s.fixup));
}
std::string needs(const DropBound& d) {
    return setpcap(d.fixup);
}
std::string needs(const DropAllBound& d) {
    return setpcap(d.fixup);
}
std::string needs(const Ambient& a) {
    if (!a.raise) return {};
    return fmt::format("{} permitted and inheritable; the no-ambient-raise securebit clear",
                       cap_to_name(a.cap));
}
std::string needs(const AmbientAll& a) {
    if (!a.raise) return {};
    return "every cap permitted and inheritable; the no-ambient-raise securebit clear";
}
std::string needs(const SetIab&) {
    return "CAP_SETPCAP permitted for any ^ or ! entry; ambient caps permitted; new inheritable "
           "caps within the bounding set";
}
std::string needs(const SetMode&) {
    return "CAP_SETPCAP permitted; securebits not locked against the change";
}
std::string needs(const SetKeepCaps&) {
    return "0 or 1; the keep-caps securebit not locked";
}
std::string needs(const SetSecbits&) {
    return "CAP_SETPCAP effective; locked bits unchanged; only bits this kernel knows";
}
std::string needs(const Chroot&) {
    return "CAP_SYS_CHROOT permitted";
}
std::string needs(const SetUid& s) {
    return s.keep_caps ? "CAP_SETUID permitted"
                       : "CAP_SETUID effective (unless it is the real or saved uid)";
}
std::string needs(const SetGid&) {
    return "CAP_SETGID effective (unless it is the real or saved gid)";
}
std::string needs(const SetGroups&) {
    return "CAP_SETGID effective";
}
std::string needs(const SetUser&) {
    return "CAP_SETGID and CAP_SETUID permitted";
}

}  // namespace

StepDescription describe(const Step& step) {
    return std::visit([](const auto& s) { return StepDescription{does(s), needs(s)}; }, step);
}

std::string step_needs(const Step& step) {
    return std::visit([](const auto& s) { return needs(s); }, step);
}

}  // namespace capsh
