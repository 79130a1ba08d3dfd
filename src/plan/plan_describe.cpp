#include "plan_describe.hpp"

#include <fmt/format.h>

#include "cap_names.hpp"
#include "mode_names.hpp"

namespace capsh {
namespace {

constexpr const char* k_setpcap_fixup = "CAP_SETPCAP permitted";
constexpr const char* k_setpcap_strict = "CAP_SETPCAP effective";

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

StepDescription text(const MaxCapCheck&) {
    return {"check that every kernel cap has a name", ""};
}
StepDescription text(const Message& m) {
    return {m.stream == Stream::out ? "print a message" : "print a message on stderr", ""};
}
StepDescription text(const Fail&) {
    return {"stop with an error", ""};
}
StepDescription text(const Usage& u) {
    return {fmt::format("print the usage text and exit {}", u.status), ""};
}
StepDescription text(const Exit& e) {
    return {fmt::format("exit {}", e.status), ""};
}
StepDescription text(const Print&) {
    return {"print the state report", ""};
}
StepDescription text(const Current&) {
    return {"print the current caps and IAB", ""};
}
StepDescription text(const Decode&) {
    return {"print the caps of a mask", ""};
}
StepDescription text(const Supports& s) {
    return {fmt::format("check that the kernel supports {}", cap_to_name(s.cap)), ""};
}
StepDescription text(const HasCap& h) {
    return {fmt::format("check {} in the {} set", cap_to_name(h.cap), set_name(h.set)), ""};
}
StepDescription text(const HasAmbient&) {
    return {"check that ambient caps are supported", ""};
}
StepDescription text(const HasNoNewPrivs&) {
    return {"check that no-new-privs is set", ""};
}
StepDescription text(const IsId& i) {
    return {fmt::format("check that the real {} is {}", i.gid ? "gid" : "uid", i.want), ""};
}
StepDescription text(const ModeQuery&) {
    return {"print the guessed mode", ""};
}
StepDescription text(const InMode& m) {
    return {fmt::format("check that the guessed mode is {}", m.want), ""};
}
StepDescription text(const Explain&) {
    return {"explain a capability", ""};
}
StepDescription text(const Suggest&) {
    return {"list capabilities matching a text", ""};
}
StepDescription text(const CheckDropped& c) {
    return {fmt::format("check that {} is not in the bounding set", cap_to_name(c.cap)), ""};
}
StepDescription text(const SetCaps& s) {
    return {"replace the effective, permitted and inheritable sets",
            fmt::format("permitted can only shrink; effective within permitted; new inheritable "
                        "caps within the bounding set and within permitted unless {}",
                        s.fixup ? k_setpcap_fixup : k_setpcap_strict)};
}
StepDescription text(const SetInheritable& s) {
    return {"replace the inheritable set",
            fmt::format("new inheritable caps within the bounding set, and within permitted "
                        "unless {}",
                        s.fixup ? k_setpcap_fixup : k_setpcap_strict)};
}
StepDescription text(const DropBound& d) {
    return {fmt::format("drop {} from the bounding set", cap_to_name(d.cap)),
            d.fixup ? k_setpcap_fixup : k_setpcap_strict};
}
StepDescription text(const DropAllBound& d) {
    return {"empty the bounding set", d.fixup ? k_setpcap_fixup : k_setpcap_strict};
}
StepDescription text(const Ambient& a) {
    if (!a.raise) return {fmt::format("lower {} in the ambient set", cap_to_name(a.cap)), ""};
    return {fmt::format("raise {} in the ambient set", cap_to_name(a.cap)),
            fmt::format("{} permitted and inheritable; the no-ambient-raise securebit clear",
                        cap_to_name(a.cap))};
}
StepDescription text(const AmbientAll& a) {
    if (!a.raise) return {"empty the ambient set", ""};
    return {"raise every cap in the ambient set",
            "every cap permitted and inheritable; the no-ambient-raise securebit clear"};
}
StepDescription text(const ResetAmbient&) {
    return {"empty the ambient set", ""};
}
StepDescription text(const SetIab&) {
    return {"replace the inheritable and ambient sets, drop from the bounding set",
            "CAP_SETPCAP permitted for any ^ or ! entry; ambient caps permitted; new inheritable "
            "caps within the bounding set"};
}
StepDescription text(const SetMode& m) {
    return {fmt::format("set the libcap mode {}", m.name),
            "CAP_SETPCAP permitted; securebits not locked against the change"};
}
StepDescription text(const SetKeepCaps& k) {
    return {fmt::format("set the keep-caps flag to {}", k.value),
            "0 or 1; the keep-caps securebit not locked"};
}
StepDescription text(const SetSecbits& s) {
    return {fmt::format("set the securebits to {:#x}", s.value),
            "CAP_SETPCAP effective; locked bits unchanged"};
}
StepDescription text(const SetNoNewPrivs&) {
    return {"set no-new-privs", ""};
}
StepDescription text(const Chroot& c) {
    return {fmt::format("change the root directory to {}", c.path), "CAP_SYS_CHROOT permitted"};
}
StepDescription text(const SetUid& s) {
    if (s.keep_caps) {
        return {fmt::format("set the uid to {}, keeping permitted and inheritable caps", s.uid),
                "CAP_SETUID permitted"};
    }
    return {fmt::format("set the uid to {}", s.uid),
            "CAP_SETUID effective (unless it is the real or saved uid)"};
}
StepDescription text(const SetGid& s) {
    return {fmt::format("set the gid to {}", s.gid),
            "CAP_SETGID effective (unless it is the real or saved gid)"};
}
StepDescription text(const SetGroups& g) {
    return {fmt::format("set {} supplementary groups", g.groups.size()), "CAP_SETGID effective"};
}
StepDescription text(const SetUser& u) {
    return {fmt::format("become user {} (uid, gid and groups), keeping permitted and inheritable "
                        "caps{}",
                        u.name, u.noenv ? "" : "; set HOME, USER and LOGNAME"),
            "CAP_SETGID and CAP_SETUID permitted"};
}
StepDescription text(const ForkFor& f) {
    return {fmt::format("fork a child that sleeps {} s", f.seconds), ""};
}
StepDescription text(const KillIt& k) {
    return {fmt::format("send signal {} to the child and wait for it", k.signal), ""};
}
StepDescription text(const RunShell& r) {
    return {fmt::format("{} the shell {} with the rest of the line",
                        r.how == RunHow::exec ? "exec" : "run and wait for", r.shell),
            ""};
}
StepDescription text(const RunSelf& r) {
    return {fmt::format("{} capsh-ng again with the rest of the line",
                        r.how == RunHow::exec ? "exec" : "run and wait for"),
            ""};
}
StepDescription text(const RunProgram& r) {
    return {fmt::format("exec {} (looked up on PATH without a '/')", r.program), ""};
}
StepDescription text(const PrintJson&) {
    return {"print the state as JSON", ""};
}

}  // namespace

StepDescription describe(const Step& step) {
    return std::visit([](const auto& s) { return text(s); }, step);
}

}  // namespace capsh
