#include "nss_files.hpp"

#include "chars.hpp"
#include "numbers.hpp"

#include <cstdint>

namespace capsh {
namespace {

constexpr auto npos = std::string_view::npos;

// The next line as fgets and getline read it: up to and including its '\n'.
std::string_view next_line(std::string_view& text) {
    std::size_t end = text.find('\n');
    end = end == npos ? text.size() : end + 1;
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end);
    return line;
}

// What C string functions see of a buffer: up to its first NUL.
std::string_view c_string(std::string_view text) {
    return text.substr(0, text.find('\0'));
}

// The line __nss_readline hands to the parser, ended at its first newline as parse_line ends
// it; nullopt for the blank and '#' lines it skips. It moves the text after leading blanks to the
// front without its NUL, so the line's last `blanks` characters stay behind it: they only show
// when the line has no newline (the file's last line).
std::optional<std::string> readline_text(std::string_view raw) {
    std::string_view line = c_string(raw);
    std::size_t blanks = 0;
    while (blanks < line.size() && is_space(line[blanks]))
        ++blanks;
    if (blanks == line.size() || line[blanks] == '#') return std::nullopt;
    std::string text(line.substr(blanks));
    text += line.substr(line.size() - blanks);
    return text.substr(0, text.find('\n'));
}

// Reads a line field by field, as glibc's STRING_FIELD and INT_FIELD macros do.
class Fields {
  public:
    explicit Fields(std::string_view line) : rest_(line) {}

    bool at_end() const { return rest_.empty(); }
    std::string_view rest() const { return rest_; }

    // Up to the next ':' (which is consumed) or the end of the line.
    std::string_view text() {
        std::size_t colon = rest_.find(':');
        std::string_view field = rest_.substr(0, colon);
        rest_.remove_prefix(colon == npos ? rest_.size() : colon + 1);
        return field;
    }

    // A number as strtoul reads it, then ':' or the end of the line; nullopt when malformed.
    // `maybe_empty` (INT_FIELD_MAYBE_NULL, for nss_compat entries) reads no digits as 0 but
    // needs something left on the line. Debian 12's glibc rejects a line whose number is above
    // 32 bits (strtoul's value, so "-1" is rejected and "-18446744073709551615" reads as 1).
    std::optional<std::uint32_t> number(bool maybe_empty = false) {
        if (maybe_empty && rest_.empty()) return std::nullopt;
        ULongParse parsed = c_strtoul(rest_, 10);  // consumed 0: no digits
        if (parsed.consumed == 0 && !maybe_empty) return std::nullopt;
        if (parsed.value > 0xffffffff) return std::nullopt;
        std::string_view after = rest_.substr(parsed.consumed);
        if (!after.empty() && after[0] != ':') return std::nullopt;
        rest_ = after.empty() ? after : after.substr(1);
        return std::uint32_t(parsed.value);
    }

  private:
    std::string_view rest_;
};

bool is_compat_name(std::string_view name) {
    return !name.empty() && (name[0] == '+' || name[0] == '-');
}

struct PasswdLine {
    std::string_view name;
    std::uint32_t uid = 0, gid = 0;
    std::string_view dir;
};

// fgetpwent_r's parser; nullopt for a line it rejects.
std::optional<PasswdLine> parse_passwd(std::string_view line) {
    Fields fields(line);
    PasswdLine entry;
    entry.name = fields.text();
    bool compat = is_compat_name(entry.name);
    if (compat && fields.at_end()) return entry;  // a bare "+" or "-name" line
    fields.text();                                // password
    auto uid = fields.number(compat);
    if (!uid) return std::nullopt;
    auto gid = fields.number(compat);
    if (!gid) return std::nullopt;
    entry.uid = *uid;
    entry.gid = *gid;
    fields.text();  // gecos
    entry.dir = fields.text();
    return entry;
}

struct GroupLine {
    std::string_view name;
    std::uint32_t gid = 0;
    std::vector<std::string_view> members;
};

// parse_list: members split at ',', blanks before each one skipped, empty ones dropped.
std::vector<std::string_view> parse_members(std::string_view list) {
    std::vector<std::string_view> members;
    for_each_piece(list, [&](std::string_view member) {
        std::size_t blanks = 0;
        while (blanks < member.size() && is_space(member[blanks]))
            ++blanks;
        if (blanks < member.size()) members.push_back(member.substr(blanks));
        return true;
    });
    return members;
}

// fgetgrent_r's parser; nullopt for a line it rejects.
std::optional<GroupLine> parse_group(std::string_view line) {
    Fields fields(line);
    GroupLine entry;
    entry.name = fields.text();
    bool compat = is_compat_name(entry.name);
    if (!(compat && fields.at_end())) {
        fields.text();  // password
        auto gid = fields.number(compat);
        if (!gid) return std::nullopt;
        entry.gid = *gid;
    }
    entry.members = parse_members(fields.rest());
    return entry;
}

// Whether parse_list has room for the member pointers in a getgrnam_r buffer of `size` bytes:
// they are stored after the line (`line_length` bytes and its NUL), aligned to 8, with a
// terminating null pointer and one spare slot.
bool members_fit(std::size_t line_length, std::size_t members, std::size_t size) {
    std::size_t list_start = (line_length + 1 + 7) / 8 * 8;
    return list_start + 8 * (members + 2) <= size;
}

}  // namespace

std::optional<PasswdEntry> passwd_by_name(FileText passwd, std::string_view name) {
    if (!passwd || is_compat_name(name)) return std::nullopt;
    std::string_view text = *passwd;
    while (!text.empty()) {
        auto line = readline_text(next_line(text));
        if (!line) continue;
        auto entry = parse_passwd(*line);
        if (entry && entry->name == name) {
            return PasswdEntry{std::string(entry->name), entry->uid, entry->gid,
                               std::string(entry->dir)};
        }
    }
    return std::nullopt;
}

PasswdByUid passwd_by_uid(FileText passwd, uid_t uid) {
    PasswdByUid result;
    if (!passwd) return result;
    std::string_view text = *passwd;
    while (!text.empty()) {
        std::string_view raw = next_line(text);
        auto line = readline_text(raw);
        if (!line) {  // skipped, but read into the buffer all the same
            result.left_in_buffer = std::string(c_string(raw));
            continue;
        }
        // The parser ends the name field with a NUL before it knows whether the line is valid.
        result.left_in_buffer = std::string(Fields(*line).text());
        auto entry = parse_passwd(*line);
        if (entry && entry->uid == uid && !is_compat_name(entry->name)) {
            result.entry = PasswdEntry{std::string(entry->name), entry->uid, entry->gid,
                                       std::string(entry->dir)};
            break;
        }
    }
    return result;
}

std::optional<std::string> group_name_by_gid(FileText group, gid_t gid) {
    if (!group) return std::nullopt;
    std::string_view text = *group;
    while (!text.empty()) {
        auto line = readline_text(next_line(text));
        if (!line) continue;
        auto entry = parse_group(*line);
        if (entry && entry->gid == gid && !is_compat_name(entry->name)) {
            return std::string(entry->name);
        }
    }
    return std::nullopt;
}

std::optional<gid_t> group_by_name(FileText group, std::string_view name, std::size_t buffer_size) {
    if (!group || buffer_size < 3 || is_compat_name(name)) return std::nullopt;
    std::string_view text = *group;
    while (!text.empty()) {
        std::string_view raw = next_line(text);
        // fgets into the buffer: a line that fills it is ERANGE, whatever the line holds.
        if (raw.size() >= buffer_size - 1) return std::nullopt;
        auto line = readline_text(raw);
        if (!line) continue;
        auto entry = parse_group(*line);
        if (!entry) continue;
        if (!members_fit(c_string(raw).size(), entry->members.size(), buffer_size)) {
            return std::nullopt;  // ERANGE
        }
        if (entry->name == name) return entry->gid;
    }
    return std::nullopt;
}

std::vector<gid_t> group_list(FileText group, std::string_view user, gid_t gid) {
    std::vector<gid_t> list{gid};
    if (!group) return list;
    std::string_view text = *group;
    while (!text.empty()) {
        std::string_view raw = c_string(next_line(text));
        auto entry = parse_group(raw.substr(0, raw.find('\n')));
        if (!entry || entry->gid == gid) continue;
        for (std::string_view member : entry->members) {
            if (member == user) {
                list.push_back(entry->gid);
                break;
            }
        }
    }
    return list;
}

}  // namespace capsh
