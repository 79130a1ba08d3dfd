// One executable, two programs: capsh-ng, and getpcaps when invoked under a name that starts
// with "getpcaps" (getpcaps-ng, or a getpcaps symlink).
#include <string_view>

#include "capsh.hpp"
#include "getpcaps.hpp"

int main(int argc, char** argv) {
    std::string_view name = argc > 0 && argv[0] ? argv[0] : "";
    std::size_t slash = name.rfind('/');
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    if (name.starts_with("getpcaps")) return capsh::getpcaps_main(argc, argv);
    return capsh::capsh_main(argc, argv);
}
