// Numeric arguments (--uid, --keep, --secbits, --forkfor, --decode, --groups, getpcaps' PIDs)
// against the C library itself: c_strtoul must be strtoul in every base, and each wrapper must be
// capsh's rule written with strtoul/strtoull.
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <string>

#include "fuzz_check.hpp"
#include "numbers.hpp"
#include "pid_parse.hpp"

using namespace capsh;

namespace {

void check_strtoul(std::string_view text, const std::string& c_string, int base) {
    char* end = nullptr;
    unsigned long want = std::strtoul(c_string.c_str(), &end, base);
    ULongParse got = c_strtoul(text, base);
    FUZZ_CHECK(got.value == want);
    FUZZ_CHECK(got.consumed == std::size_t(end - c_string.c_str()));
}

// capsh's number rule: empty or leading '-' rejected, strtoul(text, &end, 0), no trailing junk, 32 bits.
std::optional<std::uint32_t> nonneg_oracle(std::string_view text, const std::string& c_string) {
    if (text.empty() || text[0] == '-' || c_string.size() != text.size()) return std::nullopt;
    char* end = nullptr;
    unsigned long value = std::strtoul(c_string.c_str(), &end, 0);
    if (*end != '\0') return std::nullopt;
    return std::uint32_t(value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);
    std::string c_string(fuzz::c_prefix(text));

    int other_base = int(fuzz::hash(text) % 35) + 2;  // 2..36
    for (int base : {0, 8, 10, 16, other_base})
        check_strtoul(text, c_string, base);

    FUZZ_CHECK(parse_nonneg(text) == nonneg_oracle(text, c_string));
    FUZZ_CHECK(parse_decode_hex(c_string) == std::strtoull(c_string.c_str(), nullptr, 16));
    FUZZ_CHECK(parse_group_number(c_string) ==
               std::uint32_t(std::strtoul(c_string.c_str(), nullptr, 0)));

    PidParse pid = parse_pid(c_string.c_str());
    errno = 0;
    long value = std::strtol(c_string.c_str(), nullptr, 10);
    if (pid.error == 0) FUZZ_CHECK(errno == 0 && value >= 0 && pid.pid == value);
    if (pid.error == ERANGE) FUZZ_CHECK(value == LONG_MAX || value == LONG_MIN);
    return 0;
}
