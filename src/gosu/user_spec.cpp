#include "user_spec.hpp"

#include <fmt/format.h>

#include <limits>

namespace capsh {
namespace {

constexpr std::int64_t k_max_id = 2147483647;  // ids are kept within 31 bits

std::vector<std::string_view> split(std::string_view text, char sep) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        std::size_t end = text.find(sep, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return text;
}

// The lines of a file, trimmed, without the empty ones (and, for the group file, comments).
std::vector<std::string_view> entries(std::string_view text, bool skip_comments) {
    std::vector<std::string_view> lines;
    for (std::string_view line : split(text, '\n')) {
        line = trim(line);
        if (line.empty() || (skip_comments && line.front() == '#')) continue;
        lines.push_back(line);
    }
    return lines;
}

// A numeric field of an entry: an unreadable number counts as 0, as in the Go library.
std::int64_t field_number(const std::vector<std::string_view>& fields, std::size_t index) {
    if (index >= fields.size()) return 0;
    return go_atoi(fields[index]).value_or(0);
}

std::string_view field(const std::vector<std::string_view>& fields, std::size_t index) {
    return index < fields.size() ? fields[index] : std::string_view{};
}

struct PasswdEntry {
    std::string_view name;
    std::int64_t uid, gid;
    std::string_view home;
};

std::optional<PasswdEntry> find_user(const std::string& passwd, std::string_view name,
                                     std::optional<std::int64_t> number) {
    for (std::string_view line : entries(passwd, false)) {
        auto fields = split(line, ':');
        PasswdEntry entry{field(fields, 0), field_number(fields, 2), field_number(fields, 3),
                          field(fields, 5)};
        if (number ? entry.uid == *number : entry.name == name) return entry;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> go_atoi(std::string_view text) {
    bool negative = false;
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (text.empty()) return std::nullopt;
    std::uint64_t value = 0;
    std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        unsigned digit = unsigned(c - '0');
        if (value > (limit - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    if (negative)
        return value == (std::uint64_t{1} << 63) ? std::numeric_limits<std::int64_t>::min()
                                                 : -std::int64_t(value);
    return std::int64_t(value);
}

SpecResult resolve_user_spec(std::string_view spec, const std::optional<std::string>& passwd,
                             const std::optional<std::string>& group, std::int64_t uid,
                             std::int64_t gid) {
    auto parts = split(spec, ':');  // a third field and beyond are ignored
    std::string_view user_arg = parts[0];
    std::string_view group_arg = parts.size() > 1 ? parts[1] : std::string_view{};
    auto user_number = go_atoi(user_arg);
    auto group_number = go_atoi(group_arg);
    const std::string range_error = fmt::format("uids and gids must be in range 0-{}", k_max_id);

    ExecUser result{uid, gid, {}, "/"};
    std::optional<PasswdEntry> found;
    if (passwd) {
        found = user_arg.empty() ? find_user(*passwd, {}, uid)
                                 : find_user(*passwd, user_arg, user_number);
    }
    std::string_view matched_name;
    if (found) {
        matched_name = found->name;
        result.uid = found->uid;
        result.gid = found->gid;
        result.home = std::string(found->home);
    } else if (!user_arg.empty()) {
        if (!user_number) {
            return {std::nullopt, fmt::format("unable to find user {}: no matching entries in "
                                              "passwd file",
                                              user_arg)};
        }
        result.uid = *user_number;
        if (result.uid < 0 || result.uid > k_max_id) return {std::nullopt, range_error};
    }

    if (group_arg.empty() && matched_name.empty()) return {result, {}};
    std::vector<std::int64_t> matches;
    if (group) {
        for (std::string_view line : entries(*group, true)) {
            auto fields = split(line, ':');
            std::int64_t number = field_number(fields, 2);
            bool match = false;
            if (group_arg.empty()) {
                std::string_view members = field(fields, 3);
                if (!members.empty()) {
                    for (std::string_view member : split(members, ',')) {
                        if (member == matched_name) match = true;
                    }
                }
            } else if (group_number) {
                match = number == *group_number;
            } else {
                match = field(fields, 0) == group_arg;
            }
            if (match) matches.push_back(number);
        }
    }
    if (!group_arg.empty()) {
        if (!matches.empty()) {
            result.gid = matches.front();
        } else if (!group_number) {
            return {std::nullopt, fmt::format("unable to find group {}: no matching entries in "
                                              "group file",
                                              group_arg)};
        } else {
            result.gid = *group_number;
            if (result.gid < 0 || result.gid > k_max_id) return {std::nullopt, range_error};
        }
    } else {
        result.groups = std::move(matches);
    }
    return {result, {}};
}

}  // namespace capsh
