// The canonical printers from the state side: for every state, parse(print(state)) == state.
//
// Input: bytes read as K (0..64), then E, P, I and I, A, NB as little-endian 64-bit masks (zero
// past the end of the input). Checks, for that K:
//   * capability text: any E/P/I state, with caps at or beyond K too (so also every state
//     restricted to the first K caps), prints a text that parses back to exactly that state,
//     and prints identically again;
//   * IAB text: the tuple (A within I, as IAB text can only say) restricted to the first K caps
//     prints a text that parses back to it, and prints identically again.
#include "cap_text.hpp"
#include "fuzz_check.hpp"
#include "iab.hpp"

using namespace capsh;

namespace {

void check_caps(const CapState& state, unsigned k) {
    std::string text = cap_text(state, k);
    auto parsed = parse_cap_text(text, k);
    FUZZ_CHECK(parsed.has_value());
    FUZZ_CHECK(*parsed == state);
    FUZZ_CHECK(cap_text(*parsed, k) == text);
}

void check_iab(const Iab& iab, unsigned k) {
    const std::uint64_t mask = low_bits(k);
    const Iab restricted{iab.i & mask, iab.a & iab.i & mask, iab.nb & mask};
    std::string text = iab_text(restricted, k);
    FUZZ_CHECK(text == iab_text(Iab{iab.i, iab.a & iab.i, iab.nb}, k));
    auto parsed = parse_iab(text);
    FUZZ_CHECK(parsed.has_value());
    FUZZ_CHECK(*parsed == restricted);
    FUZZ_CHECK(iab_text(*parsed, k) == text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::Bytes bytes(data, size);
    unsigned k = bytes.byte() % 65;
    CapState state;
    state.e = bytes.word();
    state.p = bytes.word();
    state.i = bytes.word();
    Iab iab;
    iab.i = bytes.word();
    iab.a = bytes.word();
    iab.nb = bytes.word();
    check_caps(state, k);
    check_iab(iab, k);
    return 0;
}
