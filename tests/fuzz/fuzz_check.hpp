// Shared helpers of the fuzz targets. Each target defines LLVMFuzzerTestOneInput; it is linked
// either with libFuzzer (-Dfuzz=true) or with replay_main.cpp, which feeds it the committed
// corpora in every ordinary build. Targets use only the pure API (text, names, numbers,
// planning): they never touch the kernel or change the process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

// An invariant of the code under test. Unlike assert() it is never compiled out (release builds
// define NDEBUG), and it aborts so that libFuzzer and the sanitizers record the input.
#define FUZZ_CHECK(cond)                                                                      \
    do {                                                                                      \
        if (!(cond)) {                                                                        \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                     \
        }                                                                                     \
    } while (0)

namespace fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// The text up to its first NUL: what a C string (an argv entry) would hold.
inline std::string_view c_prefix(std::string_view text) {
    return text.substr(0, text.find('\0'));
}

// A stable 64-bit hash (FNV-1a), to derive extra parameters from a readable text input.
inline std::uint64_t hash(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325;
    for (char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3;
    }
    return h;
}

// Reads little-endian 64-bit words from a byte input, zero past its end.
class Bytes {
  public:
    Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
    std::uint64_t word() {
        std::uint64_t value = 0;
        for (unsigned n = 0; n < 8; ++n)
            value |= std::uint64_t{byte()} << (8 * n);
        return value;
    }

  private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

}  // namespace fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
