// nss_files: the answers Debian 12 glibc's "files" service gives for odd /etc/passwd and
// /etc/group texts (tests/static/run_static.py checks the same answers against glibc itself).
#include <string>

#include "catch.hpp"
#include "nss_files.hpp"

using namespace capsh;

namespace {

const std::string k_passwd =
    "root:x:0:0:root:/root:/bin/bash\n"
    "# a comment:x:5:5::/c:/bin/sh\n"
    "\n"
    "   daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    "+compat:x:2:2::/compat:/bin/sh\n"
    "bad:x:notanumber:3::/bad:/bin/sh\n"
    "big:x:99999999999:1::/big:/bin/sh\n"
    "short:x:7:7\n"
    "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";

}  // namespace

TEST_CASE("nss_files: getpwnam") {
    auto root = passwd_by_name(k_passwd, "root");
    REQUIRE(root);
    CHECK(root->uid == 0);
    CHECK(root->gid == 0);
    CHECK(root->dir == "/root");

    auto daemon = passwd_by_name(k_passwd, "daemon");  // leading blanks are skipped
    REQUIRE(daemon);
    CHECK(daemon->uid == 1);
    CHECK(daemon->dir == "/usr/sbin");

    CHECK_FALSE(passwd_by_name(k_passwd, "# a comment"));
    CHECK_FALSE(passwd_by_name(k_passwd, "+compat"));  // nss_compat entries never match
    CHECK_FALSE(passwd_by_name(k_passwd, "bad"));      // unparsable lines are skipped
    CHECK_FALSE(passwd_by_name(k_passwd, "nosuchuser"));
    CHECK_FALSE(passwd_by_name(std::nullopt, "root"));  // no file

    // Numbers as strtoul reads them; a line with one above 32 bits is skipped.
    CHECK_FALSE(passwd_by_name(k_passwd, "big"));
    auto odd = passwd_by_name(
        "max:x:4294967295: +7::/m:\nwrap:x:-18446744073709551615:-0::/w:\nneg:x:-1:0::/n:\n",
        "max");
    REQUIRE(odd);
    CHECK(odd->uid == 0xffffffffu);
    CHECK(odd->gid == 7);
    auto wrap = passwd_by_name("wrap:x:-18446744073709551615:-0::/w:\n", "wrap");
    REQUIRE(wrap);
    CHECK(wrap->uid == 1);
    CHECK(wrap->gid == 0);
    CHECK_FALSE(passwd_by_name("neg:x:-1:0::/n:\n", "neg"));

    auto shortline = passwd_by_name(k_passwd, "short");  // missing fields are empty
    REQUIRE(shortline);
    CHECK(shortline->gid == 7);
    CHECK(shortline->dir.empty());
}

TEST_CASE("nss_files: getpwuid and what its buffer holds afterwards") {
    auto found = passwd_by_uid(k_passwd, 1);
    REQUIRE(found.entry);
    CHECK(found.entry->name == "daemon");
    CHECK(found.left_in_buffer == "daemon");

    CHECK_FALSE(passwd_by_uid(k_passwd, 2).entry);  // +compat

    // Not found: the name field of the last line read is left in the buffer.
    auto missing = passwd_by_uid(k_passwd, 12345);
    CHECK_FALSE(missing.entry);
    CHECK(missing.left_in_buffer == "nobody");

    // A last line that is skipped (a comment) is still read into the buffer, newline and all.
    auto comment = passwd_by_uid("root:x:0:0::/root:/bin/sh\n  # end\n", 12345);
    CHECK(comment.left_in_buffer == "  # end\n");

    // The last line without a newline: blanks before it shift it left, and its last characters
    // stay behind it in the buffer (they only matter for the last field).
    auto unterminated = passwd_by_name("  tail:x:9:9::/home/tail", "tail");
    REQUIRE(unterminated);
    CHECK(unterminated->dir == "/home/tailil");

    CHECK_FALSE(passwd_by_uid(std::nullopt, 0).left_in_buffer);
    CHECK_FALSE(passwd_by_uid("", 0).left_in_buffer);
}

TEST_CASE("nss_files: getgrgid and getgrnam_r") {
    const std::string group =
        "root:x:0:\n"
        "#comment:x:3:\n"
        "adm:x:4:syslog,alice\n"
        "+:x:5:\n"
        "users:x:100:\n";
    CHECK(group_name_by_gid(group, 4) == "adm");
    CHECK_FALSE(group_name_by_gid(group, 3));
    CHECK_FALSE(group_name_by_gid(group, 5));
    CHECK(group_by_name(group, "users", 1024) == 100u);
    CHECK_FALSE(group_by_name(group, "#comment", 1024));
    CHECK_FALSE(group_by_name(group, "nosuch", 1024));
}

TEST_CASE("nss_files: getgrnam_r runs out of buffer on any line before the match") {
    // fgets into the buffer: a line of 1023 bytes or more (newline included) is ERANGE.
    std::string long_comment = "#" + std::string(1021, 'x') + "\n";  // 1023 bytes
    CHECK_FALSE(group_by_name(long_comment + "g:x:1:\n", "g", 1024));
    std::string shorter = "#" + std::string(1020, 'x') + "\n";  // 1022 bytes
    CHECK(group_by_name(shorter + "g:x:1:\n", "g", 1024) == 1u);
    CHECK(group_by_name("g:x:1:\n" + long_comment, "g", 1024) == 1u);  // after the match

    // The member pointers go after the line, aligned to 8, with two spare slots.
    auto members = [](int count) {
        std::string list;
        for (int n = 0; n < count; ++n)
            list += (n ? ",m" : "m") + std::to_string(n % 10);
        return "big:x:7:" + list + "\n";
    };
    std::string fits = members(10);  // 8 + 29 + 1 bytes = 38, list at 40, 12 slots: 136 <= 136
    CHECK(fits.size() == 38);
    CHECK(group_by_name(fits, "big", 136) == 7u);
    CHECK_FALSE(group_by_name(fits, "big", 135));
    CHECK_FALSE(group_by_name(fits + "g:x:1:\n", "g", 135));  // on a line before the match
}

TEST_CASE("nss_files: getgrouplist") {
    const std::string group =
        "root:x:0:\n"
        "adm:x:4:syslog, alice\n"
        "  staff:x:50:alice\n"
        "#old:x:60:alice\n"
        "again:x:4:alice\n"
        "primary:x:1000:alice\n"
        "other:x:70:alice ,bob\n"
        "bad:x:oops:alice\n";
    auto list = group_list(group, "alice", 1000);
    // Every line is parsed as it is (comments too), the primary gid comes first and is not
    // repeated, other repeats are kept, and a member's trailing blanks are part of its name.
    CHECK(list == std::vector<gid_t>{1000, 4, 50, 60, 4});
    CHECK(group_list(std::nullopt, "alice", 1000) == std::vector<gid_t>{1000});
    CHECK(group_list(group, "nobody", 65534) == std::vector<gid_t>{65534});
}

TEST_CASE("nss_files: a last line without a newline is read like any other") {
    // Each lookup must find an entry that is only on an unterminated last line.
    const std::string passwd = "root:x:0:0:root:/root:/bin/bash\ntail:x:9:8::/home/tail:/bin/sh";
    auto by_name = passwd_by_name(passwd, "tail");
    REQUIRE(by_name);
    CHECK(by_name->uid == 9);
    CHECK(by_name->dir == "/home/tail");
    auto by_uid = passwd_by_uid(passwd, 9);
    REQUIRE(by_uid.entry);
    CHECK(by_uid.entry->name == "tail");

    const std::string group = "root:x:0:\nadm:x:4:alice\nstaff:x:50:bob,alice";
    CHECK(group_name_by_gid(group, 50) == "staff");
    CHECK(group_by_name(group, "staff", 1024) == 50u);
    CHECK(group_list(group, "alice", 1000) == std::vector<gid_t>{1000, 4, 50});
    CHECK(group_list(group, "bob", 1000) == std::vector<gid_t>{1000, 50});
    // A file that is a single unterminated line.
    CHECK(group_name_by_gid("solo:x:7:", 7) == "solo");
    CHECK(group_list("solo:x:7:carol", "carol", 1) == std::vector<gid_t>{1, 7});
}
