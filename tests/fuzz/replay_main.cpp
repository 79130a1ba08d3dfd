// Runs a fuzz target over files, without libFuzzer: every ordinary build (and the sanitizer
// build) replays the committed seed corpora and the regression inputs of past crashes this way.
//
// Usage: fuzz-replay-TARGET [--label NAME] PATH...   (a PATH may be a directory of inputs; a
// PATH that does not exist is skipped, as regressions/TARGET/ until a target has one)
// Each input is named on stderr before it runs; a failed invariant or a sanitizer report aborts
// there. The last line, `NAME: N passed, 0 failed`, is printed once every input ran through.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_check.hpp"

namespace {

std::vector<std::uint8_t> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
    std::string label = "fuzz-replay";
    std::vector<std::filesystem::path> files;
    for (int n = 1; n < argc; ++n) {
        std::string arg = argv[n];
        if (arg == "--label" && n + 1 < argc) {
            label = argv[++n];
        } else if (std::filesystem::is_directory(arg)) {
            for (const auto& entry : std::filesystem::directory_iterator(arg)) {
                if (entry.is_regular_file()) files.push_back(entry.path());
            }
        } else if (!std::filesystem::exists(arg)) {
            std::fprintf(stderr, "no %s (skipped)\n", arg.c_str());
        } else {
            files.emplace_back(arg);
        }
    }
    std::sort(files.begin(), files.end());
    std::size_t passed = 0;
    for (const auto& file : files) {
        std::vector<std::uint8_t> data = read_file(file);
        std::fprintf(stderr, "input %s (%zu bytes)\n", file.c_str(), data.size());
        LLVMFuzzerTestOneInput(data.data(), data.size());
        ++passed;
    }
    if (files.empty()) {
        std::fprintf(stderr, "no inputs\n");
        std::printf("%s: 0 passed, 1 failed\n", label.c_str());
        return 1;
    }
    std::printf("%s: %zu passed, 0 failed\n", label.c_str(), passed);
    return 0;
}
