// Capability text (--caps, --inh): libcap's cap_from_text grammar and the canonical printer.
//
// Input: the text itself. K is 41 (the reference kernel) or, for every other text, a K in 0..64
// taken from the text's hash; the start state is empty or, for every other text, one taken from
// the hash (--inh applies its clauses on top of the current sets). Checks that:
//   * parsing stops at the first NUL, as it does on a C string;
//   * whatever parses prints a canonical text that parses back to the same state, and that
//     printing that state again gives the same text (print(parse(text)) is stable).
#include "cap_text.hpp"
#include "fuzz_check.hpp"

using namespace capsh;

namespace {

void check(std::string_view text, unsigned k, CapState start) {
    auto state = parse_cap_text(text, k, start);
    FUZZ_CHECK(state == parse_cap_text(fuzz::c_prefix(text), k, start));
    if (!state) return;
    std::string canonical = cap_text(*state, k);
    auto again = parse_cap_text(canonical, k);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(*again == *state);
    FUZZ_CHECK(cap_text(*again, k) == canonical);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);
    std::uint64_t h = fuzz::hash(text);
    unsigned k = (h & 1) ? 41 : unsigned((h >> 1) % 65);
    CapState start = (h & 2) ? CapState{h, h | (h >> 7), h >> 3} : CapState{};
    check(text, k, start);
    return 0;
}
