#include "proc_status.hpp"

#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "cap_state.hpp"
#include "read_file.hpp"

namespace capsh {
namespace {

// libcap reads the file with fgets into a buffer of 8 + 8 * 2 + 100 bytes, passing one byte less
// than its size: a "line" is at most 122 bytes, and a longer one is read as several pieces.
constexpr std::size_t k_piece_max = 122;
constexpr std::size_t k_prefix_length = 8;  // "CapInh:\t"
constexpr std::size_t k_word_digits = 8;    // libcap parses 32-bit words
constexpr unsigned k_max_words = 2;         // more words than 64 bits hold reject the line

enum Vector : unsigned { k_inh = 1, k_bnd = 2, k_amb = 4 };

// The next piece as fgets would return it, cut at its first NUL as the C string functions that
// look at it are.
std::string_view next_piece(std::string_view& text) {
    std::size_t length = text.find('\n');
    length = length == std::string_view::npos ? text.size() : length + 1;
    if (length > k_piece_max) length = k_piece_max;
    std::string_view piece = text.substr(0, length);
    text.remove_prefix(length);
    return piece.substr(0, piece.find('\0'));
}

// Eight hex digits; any other character makes the whole word 0, as in libcap.
std::uint32_t parse_hex_word(std::string_view digits) {
    std::uint32_t value = 0;
    for (char c : digits) {
        unsigned digit;
        if (c >= '0' && c <= '9') {
            digit = unsigned(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = unsigned(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            digit = unsigned(c - 'A' + 10);
        } else {
            return 0;
        }
        value = value << 4 | digit;
    }
    return value;
}

// Applies the value after "CapXxx:\t" to `vector`. libcap counts whole 8-character words in the
// rest of the line, trailing newline included, and takes them from its right-hand end; words the
// line does not reach keep their earlier value. Returns false for a value too long to use.
bool apply_value(std::string_view value, bool complement, unsigned cap_count,
                 std::uint64_t& vector) {
    std::size_t words = value.size() / k_word_digits;
    if (words > k_max_words) return false;
    for (std::size_t word = 0; word < words; ++word) {
        std::size_t from = (words - 1 - word) * k_word_digits;
        std::uint64_t bits = parse_hex_word(value.substr(from, k_word_digits));
        if (complement) bits = ~bits & 0xffffffffu;
        unsigned shift = unsigned(word) * 32;
        std::uint64_t word_mask = std::uint64_t{0xffffffffu} << shift;
        vector = (vector & ~word_mask) | ((bits << shift) & low_bits(cap_count));
    }
    return true;
}

// Which vector a piece sets, if any.
unsigned vector_of(std::string_view piece) {
    if (piece.size() < k_prefix_length) return 0;
    std::string_view prefix = piece.substr(0, k_prefix_length);
    if (prefix == "CapInh:\t") return k_inh;
    if (prefix == "CapBnd:\t") return k_bnd;
    if (prefix == "CapAmb:\t") return k_amb;
    return 0;
}

}  // namespace

std::optional<Iab> iab_from_status(std::string_view status_text, unsigned cap_count) {
    Iab iab;
    unsigned seen = 0;
    while (!status_text.empty()) {
        std::string_view piece = next_piece(status_text);
        unsigned vector = vector_of(piece);
        if (vector == 0) continue;
        std::string_view value = piece.substr(k_prefix_length);
        std::uint64_t& target = vector == k_inh ? iab.i : vector == k_bnd ? iab.nb : iab.a;
        if (apply_value(value, vector == k_bnd, cap_count, target)) seen |= vector;
    }
    if (seen != (k_inh | k_bnd | k_amb)) return std::nullopt;
    return iab;
}

std::optional<Iab> read_process_iab(int pid, unsigned cap_count) {
    auto text = read_file(fmt::format("/proc/{}/status", pid));
    if (!text) return std::nullopt;
    return iab_from_status(*text, cap_count);
}

}  // namespace capsh
