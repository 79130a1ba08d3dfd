// One executable, three programs: capsh-ng; getpcaps when invoked under a name that starts
// with "getpcaps" (getpcaps-ng, or a getpcaps symlink); gosu under a name that starts with
// "gosu"; su-exec under one that starts with "su-exec".
#include <string_view>

#include "capsh.hpp"
#include "getpcaps.hpp"
#include "gosu.hpp"
#include "su_exec.hpp"

int main(int argc, char** argv) {
    std::string_view name = argc > 0 && argv[0] ? argv[0] : "";
    std::size_t slash = name.rfind('/');
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    if (name.starts_with("getpcaps")) return capsh::getpcaps_main(argc, argv);
    if (name.starts_with("gosu")) return capsh::gosu_main(argc, argv);
    if (name.starts_with("su-exec")) return capsh::su_exec_main(argc, argv);
    return capsh::capsh_main(argc, argv);
}
