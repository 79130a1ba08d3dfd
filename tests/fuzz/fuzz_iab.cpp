// IAB text (--iab): libcap's cap_iab_from_text and the canonical IAB printer.
//
// Input: the text itself. Checks that parsing stops at the first NUL, and that whatever parses
// has A within I, and prints, for K = 41, K = 64 and a K from the text's hash, a text that parses
// back to the tuple restricted to the first K caps and prints the same again.
#include "cap_state.hpp"
#include "fuzz_check.hpp"
#include "iab.hpp"

using namespace capsh;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);
    auto iab = parse_iab(text);
    FUZZ_CHECK(iab == parse_iab(fuzz::c_prefix(text)));
    if (!iab) return 0;
    FUZZ_CHECK((iab->a & ~iab->i) == 0);  // '^' always raises I with A
    for (unsigned k : {41u, 64u, unsigned(fuzz::hash(text) % 65)}) {
        const std::uint64_t mask = low_bits(k);
        const Iab restricted{iab->i & mask, iab->a & mask, iab->nb & mask};
        std::string printed = iab_text(*iab, k);
        auto again = parse_iab(printed);
        FUZZ_CHECK(again.has_value());
        FUZZ_CHECK(*again == restricted);
        FUZZ_CHECK(iab_text(*again, k) == printed);
    }
    return 0;
}
