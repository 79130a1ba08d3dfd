#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cap_names.hpp"
#include "capsh.hpp"
#include "catch.hpp"
#include "hints.hpp"
#include "parser.hpp"

using namespace capsh;

namespace {

// The plain, unbounded search closest_cap_name prunes: full edit distances to every name.
std::size_t full_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            char c = (a[i - 1] >= 'A' && a[i - 1] <= 'Z') ? char(a[i - 1] - 'A' + 'a') : a[i - 1];
            d[i][j] = std::min(
                {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (c == b[j - 1] ? 0 : 1)});
        }
    return d[a.size()][b.size()];
}

std::optional<std::string> closest_unpruned(std::string_view word) {
    if (word.empty() || word.size() > 64) return std::nullopt;
    std::string with_prefix = "cap_" + std::string(word);
    std::size_t best = word.size() / 3 + 1;
    std::optional<std::string> found;
    for (unsigned cap = 0; cap < k_named_caps; ++cap) {
        std::string_view name = cap_table_name(cap);
        std::size_t distance =
            std::min(full_distance(word, name), full_distance(with_prefix, name));
        if (distance <= best && (!found || distance < best)) {
            best = distance;
            found = std::string(name);
        }
    }
    return found;
}

}  // namespace

TEST_CASE("closest_cap_name's pruning changes no answer") {
    std::mt19937 random(20261129);
    const std::string letters = "abcdefghijklmnopqrstuvwxyz_ABCXYZ019";
    for (int n = 0; n < 3000; ++n) {
        // Mutated names (likely hints) and random words of every length up to 70.
        std::string word;
        if (n % 2 == 0) {
            word = std::string(cap_table_name(random() % k_named_caps));
            if (random() % 2 == 0) word.erase(0, 4);
            for (unsigned edits = random() % 6; edits > 0 && !word.empty(); --edits) {
                std::size_t at = random() % word.size();
                switch (random() % 3) {
                    case 0:
                        word.erase(at, 1);
                        break;
                    case 1:
                        word.insert(at, 1, letters[random() % letters.size()]);
                        break;
                    default:
                        word[at] = letters[random() % letters.size()];
                }
            }
        } else {
            for (unsigned length = random() % 71; length > 0; --length)
                word += letters[random() % letters.size()];
        }
        INFO(word);
        CHECK(closest_cap_name(word) == closest_unpruned(word));
    }
}

TEST_CASE("closest_cap_name finds likely typos, with or without the cap_ prefix") {
    CHECK(closest_cap_name("cap_net_rwa") == "cap_net_raw");
    CHECK(closest_cap_name("net_raw") == "cap_net_raw");
    CHECK(closest_cap_name("NET_ADMIN") == "cap_net_admin");
    CHECK(closest_cap_name("sys_admn") == "cap_sys_admin");
    CHECK(closest_cap_name("cap_setpcpa") == "cap_setpcap");
    CHECK_FALSE(closest_cap_name("zzzzzzzzzzzz"));
    CHECK_FALSE(closest_cap_name(""));
}

TEST_CASE("hints for unknown names and bad capability text") {
    CHECK(unknown_cap_hint("cap_chwon,cap_kill").find("did you mean cap_chown?") !=
          std::string::npos);
    CHECK(unknown_cap_hint("qqqqqqqqq").find("cap_net_raw") != std::string::npos);
    CHECK(cap_text_hint("cap_chown=ep cap_klil+i").find("cap_kill") != std::string::npos);
    CHECK(cap_text_hint("cap_chown+P").find("lower case") != std::string::npos);
}

namespace {

struct Run {
    int status;
    std::string err;
    unsigned long searches;  // did-you-mean searches the run made
};

// capsh_main on `arg` with CAPSH_NG_HINTS set to `hints`, its stderr captured.
Run run_capsh(const char* arg, const char* hints) {
    ::setenv("CAPSH_NG_HINTS", hints, 1);
    std::FILE* capture = std::tmpfile();
    REQUIRE(capture != nullptr);
    std::fflush(stderr);
    int saved = ::dup(STDERR_FILENO);
    ::dup2(::fileno(capture), STDERR_FILENO);
    char argv0[] = "capsh-ng";
    std::string value = arg;
    char* argv[] = {argv0, value.data(), nullptr};
    unsigned long before = cap_name_searches();
    int status = capsh_main(2, argv);
    unsigned long searches = cap_name_searches() - before;
    std::fflush(stderr);
    ::dup2(saved, STDERR_FILENO);
    ::close(saved);
    ::unsetenv("CAPSH_NG_HINTS");
    std::string err;
    std::rewind(capture);
    for (int c; (c = std::fgetc(capture)) != EOF;)
        err += char(c);
    std::fclose(capture);
    return {status, err, searches};
}

}  // namespace

TEST_CASE("a hint is produced only when it is printed") {
    // Planning an unknown name keeps the producer and the name, not the hint's text.
    unsigned long before = cap_name_searches();
    const char* args[] = {"--drop=cap_net_rwa"};
    Plan plan = plan_command_line(args, ParseContext{41, "/bin/bash", "capsh"});
    REQUIRE(std::holds_alternative<Fail>(plan.back()));
    const Error& error = std::get<Fail>(plan.back()).error;
    CHECK(cap_name_searches() == before);
    CHECK_FALSE(error.hint.empty());
    CHECK(error.hint.text().find("did you mean cap_net_raw?") != std::string::npos);
    CHECK(cap_name_searches() == before + 1);

    // The program: without hints, capsh's bytes and no search; with them, the hint after them.
    Run quiet = run_capsh("--drop=cap_net_rwa", "0");
    CHECK(quiet.status == 1);
    CHECK(quiet.err == "capability [cap_net_rwa] is unknown to libcap\n");
    CHECK(quiet.searches == 0);
    Run loud = run_capsh("--drop=cap_net_rwa", "1");
    CHECK(loud.status == 1);
    CHECK(loud.err ==
          "capability [cap_net_rwa] is unknown to libcap\n"
          "hint: did you mean cap_net_raw? (capsh-ng --suggest=TEXT lists capabilities)\n");
    CHECK(loud.searches == 1);
}

TEST_CASE("a hint holds a fixed text or a producer") {
    CHECK(Hint().empty());
    CHECK(Hint("").empty());
    CHECK(Hint().text().empty());
    CHECK(Hint("fixed").text() == "fixed");
    Hint produced(cap_text_hint, "cap_chown+P");
    CHECK_FALSE(produced.empty());
    CHECK(produced.text() == cap_text_hint("cap_chown+P"));
}
