// getpcaps' reader of /proc/PID/status (proc_status.cpp). Any text: no crash, and the sets stay
// within the kernel's caps. The same text followed by three well-formed lines must give exactly
// the values of those lines, since each line replaces what an earlier one set.
#include <fmt/format.h>

#include "cap_state.hpp"
#include "fuzz_check.hpp"
#include "proc_status.hpp"

using namespace capsh;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);
    std::uint64_t h = fuzz::hash(text);
    unsigned k = 1 + unsigned(h % 64);  // 1..64 caps
    std::uint64_t mask = low_bits(k);

    auto iab = iab_from_status(text, k);
    if (iab) {
        FUZZ_CHECK((iab->i & ~mask) == 0);
        FUZZ_CHECK((iab->a & ~mask) == 0);
        FUZZ_CHECK((iab->nb & ~mask) == 0);
    }

    // Three values derived from the input, written the way the kernel writes them.
    std::uint64_t inh = h * 0x9e3779b97f4a7c15u, bnd = inh ^ (h >> 7), amb = bnd * 31 + h;
    std::string status = fmt::format("{}\nCapInh:\t{:016x}\nCapBnd:\t{:016x}\nCapAmb:\t{:016x}\n",
                                     text, inh, bnd, amb);
    auto read = iab_from_status(status, k);
    FUZZ_CHECK(read.has_value());
    FUZZ_CHECK(read->i == (inh & mask));
    FUZZ_CHECK(read->nb == (~bnd & mask));
    FUZZ_CHECK(read->a == (amb & mask));
    return 0;
}
