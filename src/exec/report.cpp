#include "report.hpp"

#include <fmt/format.h>

#include "cap_names.hpp"
#include "cap_text.hpp"
#include "modes.hpp"

namespace capsh {
namespace {

std::string caps_line(Kernel& kernel, const CapState& caps) {
    return fmt::format("Current: {}\n", cap_text(caps, kernel.cap_count()));
}

std::string iab_line(Kernel& kernel, const CapState& caps) {
    return fmt::format("Current IAB: {}\n",
                       iab_text(current_iab(kernel, caps), kernel.cap_count()));
}

// "Bounding set =a,b" from prctl reads, or " <unsupported>" when even cap 0 fails.
template <typename Read>
std::string prctl_set_line(std::string_view name, Read read) {
    std::string line = fmt::format("{} set =", name);
    line.reserve(1024);  // every name fits: no regrowing on the way
    std::string_view separator;
    unsigned cap = 0;
    for (int set; (set = read(cap)) >= 0; ++cap) {
        if (set == 0) continue;
        line += separator;
        line += cap_to_name(cap);
        separator = ",";
    }
    line += cap == 0 ? " <unsupported>\n" : "\n";
    return line;
}

std::string binary(unsigned long value) {
    std::string digits;
    do {
        digits.insert(digits.begin(), (value & 1) ? '1' : '0');
        value >>= 1;
    } while (value != 0);
    return digits;
}

std::string flag_line(std::string_view name, unsigned long bits, unsigned long flag) {
    return fmt::format(" {}: {} ({})\n", name, (bits & flag) ? "yes" : "no",
                       (bits & (flag << 1)) ? "locked" : "unlocked");
}

std::string securebits_lines(Kernel& kernel) {
    unsigned long bits = kernel.securebits();
    std::string digits = binary(bits);
    std::string text = fmt::format("Securebits: 0{:o}/0x{:x}/{}'b{} (no-new-privs={})\n", bits,
                                   bits, digits.size(), digits, kernel.no_new_privs());
    text += flag_line("secure-noroot", bits, 0x1);
    text += flag_line("secure-no-suid-fixup", bits, 0x4);
    text += flag_line("secure-keep-caps", bits, 0x10);
    if (ambient_supported(kernel)) text += flag_line("secure-no-ambient-raise", bits, 0x40);
    return text;
}

std::string id_lines(Kernel& kernel) {
    auto group = [&](gid_t gid) { return kernel.group_name(gid).value_or("???"); };
    Ids ids = kernel.ids();
    UserNames names = kernel.user_names(ids.uid, ids.euid);
    std::string text = fmt::format("uid={}({}) euid={}({})\ngid={}({})\ngroups=", ids.uid,
                                   names.uid.value_or("???"), ids.euid, names.euid.value_or("???"),
                                   ids.gid, group(ids.gid));
    // capsh lists no group at all when the process has more than it has room for.
    auto groups = kernel.groups().value_or(std::vector<gid_t>{});
    if (groups.size() > std::size_t(k_max_listed_groups)) groups.clear();
    std::string_view separator;
    for (gid_t gid : groups) {
        text += fmt::format("{}{}({})", separator, gid, group(gid));
        separator = ",";
    }
    text += '\n';
    return text;
}

}  // namespace

Iab current_iab(Kernel& kernel, const CapState& caps) {
    Iab iab;
    iab.i = caps.i;
    for (unsigned cap = 0; cap < kernel.cap_count(); ++cap) {
        if (kernel.bound_read(cap) == 0) iab.nb |= bit(cap);
        if (kernel.ambient_read(cap) == 1) iab.a |= bit(cap);
    }
    return iab;
}

std::string current_report(Kernel& kernel, const CapState& caps) {
    return caps_line(kernel, caps) + iab_line(kernel, caps);
}

std::string print_report(Kernel& kernel, const CapState& caps) {
    std::string text = caps_line(kernel, caps);
    text.reserve(2048);  // the whole block, with every name in the bounding line
    text += prctl_set_line("Bounding", [&](unsigned cap) { return kernel.bound_read(cap); });
    text += prctl_set_line("Ambient", [&](unsigned cap) { return kernel.ambient_read(cap); });
    text += iab_line(kernel, caps);
    text += securebits_lines(kernel);
    text += id_lines(kernel);
    Mode mode = guess_mode(kernel);
    text += fmt::format("Guessed mode: {} ({})\n", mode_name(mode), int(mode));
    return text;
}

}  // namespace capsh
