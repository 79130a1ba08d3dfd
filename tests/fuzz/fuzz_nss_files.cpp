// The static build's reader of /etc/passwd and /etc/group (nss_files.cpp). The input is the
// file's text; the names and ids looked up come from its first line, so that the fuzzer finds
// matches. Besides not crashing, every answer must be what was asked for, and a file whose last
// line has no newline must read like the same file with one (as glibc reads it).
#include <string>

#include "fuzz_check.hpp"
#include "nss_files.hpp"

using namespace capsh;

namespace {

// The first ':'-separated fields of the first line, as lookup keys.
struct Keys {
    std::string name;
    gid_t id = 0;
};

Keys keys_of(std::string_view text) {
    std::string_view line = text.substr(0, text.find('\n'));
    Keys keys;
    keys.name = std::string(line.substr(0, line.find(':')));
    keys.id = gid_t(fuzz::hash(line) % 70000);  // mostly small ids, as in real files
    std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
        std::string_view rest = line.substr(colon + 1);
        rest = rest.substr(rest.find(':') == std::string_view::npos ? rest.size()
                                                                    : rest.find(':') + 1);
        unsigned long value = 0;
        for (char c : rest.substr(0, rest.find(':'))) {
            if (c < '0' || c > '9' || value > 0xffffffffUL / 10) break;
            value = value * 10 + unsigned(c - '0');
        }
        if (fuzz::hash(text) & 1) keys.id = gid_t(value);
    }
    return keys;
}

// Every answer for one file text, in a form that compares.
struct Answers {
    std::optional<PasswdEntry> by_name;
    PasswdByUid by_uid;
    std::optional<std::string> group_name;
    std::optional<gid_t> group_gid;
    std::vector<gid_t> list;

    bool operator==(const Answers& other) const {
        auto same_entry = [](const std::optional<PasswdEntry>& a,
                             const std::optional<PasswdEntry>& b) {
            if (a.has_value() != b.has_value()) return false;
            return !a ||
                   (a->name == b->name && a->uid == b->uid && a->gid == b->gid && a->dir == b->dir);
        };
        return same_entry(by_name, other.by_name) && same_entry(by_uid.entry, other.by_uid.entry) &&
               by_uid.left_in_buffer == other.by_uid.left_in_buffer &&
               group_name == other.group_name && group_gid == other.group_gid && list == other.list;
    }
};

Answers answers(FileText text, const Keys& keys) {
    Answers out;
    out.by_name = passwd_by_name(text, keys.name);
    out.by_uid = passwd_by_uid(text, keys.id);
    out.group_name = group_name_by_gid(text, keys.id);
    out.group_gid = group_by_name(text, keys.name, 1 << 20);
    out.list = group_list(text, keys.name, keys.id);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);
    Keys keys = keys_of(text);
    Answers found = answers(text, keys);

    if (found.by_name) FUZZ_CHECK(found.by_name->name == keys.name);
    if (found.by_uid.entry) {
        FUZZ_CHECK(found.by_uid.entry->uid == keys.id);
        FUZZ_CHECK(found.by_uid.left_in_buffer == found.by_uid.entry->name);
    }
    FUZZ_CHECK(!found.list.empty() && found.list.front() == keys.id);
    for (std::size_t n = 1; n < found.list.size(); ++n)
        FUZZ_CHECK(found.list[n] != keys.id);
    // A small buffer can only lose the answer (ERANGE), never change it.
    auto small = group_by_name(text, keys.name, 64);
    FUZZ_CHECK(!small || small == found.group_gid);

    // An unreadable file answers nothing.
    Answers none = answers(std::nullopt, keys);
    FUZZ_CHECK(!none.by_name && !none.by_uid.entry && !none.group_name && !none.group_gid);
    FUZZ_CHECK(none.list == std::vector<gid_t>{keys.id});

    // The last line reads the same with or without its newline, unless it starts with blanks
    // (glibc moves the rest of the line over them and leaves its end behind: see nss_files.hpp)
    // or is skipped as a comment (then the newline is part of what the buffer keeps).
    std::string_view last =
        text.substr(text.rfind('\n') == std::string_view::npos ? 0 : text.rfind('\n') + 1);
    auto blank = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    if (!last.empty() && !blank(last[0]) && last[0] != '#') {
        std::string terminated = std::string(text) + '\n';
        FUZZ_CHECK(answers(terminated, keys) == found);
    }
    return 0;
}
