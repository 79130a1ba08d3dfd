#include "state_json.hpp"

#include "cap_json.hpp"
#include "cap_text.hpp"
#include "modes.hpp"
#include "report.hpp"

namespace capsh {
namespace {

// The caps for which `read` answers 1; nullopt when even cap 0 cannot be read.
template <typename Read>
std::optional<std::uint64_t> prctl_mask(unsigned cap_count, Read read) {
    if (read(0) < 0) return std::nullopt;
    std::uint64_t mask = 0;
    for (unsigned cap = 0; cap < cap_count && cap < k_max_caps; ++cap) {
        if (read(cap) == 1) mask |= bit(cap);
    }
    return mask;
}

void write_ids(JsonWriter& json, std::string_view name, std::uint64_t real, std::uint64_t effective,
               std::uint64_t saved) {
    json.key(name).begin_array().value(real).value(effective).value(saved).end_array();
}

void write_identity(JsonWriter& json, Kernel& kernel) {
    Ids ids = kernel.ids();
    write_ids(json, "uid", ids.uid, ids.euid, ids.suid);
    write_ids(json, "gid", ids.gid, ids.egid, ids.sgid);
    // Every supplementary group, or null when they cannot be read: never an empty list that
    // would hide one.
    std::optional<std::vector<gid_t>> groups = kernel.groups();
    json.key("groups");
    if (groups) {
        json.begin_array();
        for (gid_t gid : *groups)
            json.value(std::uint64_t{gid});
        json.end_array();
    } else {
        json.null();
    }
    json.key("user").value(kernel.user_names(ids.uid, ids.uid).uid);
    json.key("group").value(kernel.group_name(ids.gid));
    json.key("group_names");
    if (groups) {
        json.begin_array();
        for (gid_t gid : *groups)
            json.value(kernel.group_name(gid));
        json.end_array();
    } else {
        json.null();
    }
}

void write_securebits(JsonWriter& json, unsigned long bits) {
    struct Flag {
        char name[24];  // inline, not a pointer: no relocation at start-up (as the name table in
                        // cap_names.hpp)
        unsigned long bit;
    };
    static constexpr Flag k_flags[] = {
        {"noroot", 0x1},
        {"noroot_locked", 0x2},
        {"no_setuid_fixup", 0x4},
        {"no_setuid_fixup_locked", 0x8},
        {"keep_caps", 0x10},
        {"keep_caps_locked", 0x20},
        {"no_ambient_raise", 0x40},
        {"no_ambient_raise_locked", 0x80},
    };
    json.key("securebits").begin_object().key("value").value(std::uint64_t{bits});
    for (const auto& [name, flag] : k_flags)
        json.key(name).value((bits & flag) != 0);
    json.end_object();
}

}  // namespace

void write_state(JsonWriter& json, Kernel& kernel) {
    unsigned cap_count = kernel.cap_count();
    CapState caps;
    (void)kernel.get_caps(caps);
    json.begin_object();
    write_identity(json, kernel);
    write_cap_names(json, "effective", caps.e, cap_count);
    write_cap_names(json, "permitted", caps.p, cap_count);
    write_cap_names(json, "inheritable", caps.i, cap_count);
    auto bounding = prctl_mask(cap_count, [&](unsigned cap) { return kernel.bound_read(cap); });
    auto ambient = prctl_mask(cap_count, [&](unsigned cap) { return kernel.ambient_read(cap); });
    if (bounding) write_cap_names(json, "bounding", *bounding, cap_count);
    if (!bounding) json.key("bounding").null();
    if (ambient) write_cap_names(json, "ambient", *ambient, cap_count);
    if (!ambient) json.key("ambient").null();
    json.key("text").value(std::string_view(cap_text(caps, cap_count)));
    json.key("iab").value(std::string_view(iab_text(current_iab(kernel, caps), cap_count)));
    write_securebits(json, kernel.securebits());
    json.key("no_new_privs").value(kernel.no_new_privs() == 1);
    json.key("mode").value(mode_name(guess_mode(kernel)));
    json.end_object();
}

std::string state_json(Kernel& kernel) {
    JsonWriter json;
    write_state(json, kernel);
    return json.text() + "\n";
}

}  // namespace capsh
