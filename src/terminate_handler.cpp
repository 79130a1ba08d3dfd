// Linked into capsh-ng when libstdc++ is linked statically (see src/meson.build).
//
// libstdc++'s default std::terminate handler prints the type of the exception, and for that
// it carries the whole C++ demangler: about 45 kB of code that every run of capsh-ng maps,
// and pays for in resident memory, although capsh-ng catches every exception it throws
// (reaching std::terminate is a bug). Defining the handler variable here keeps libstdc++'s
// definition, and with it the demangler, out of the link; the message and the abort stay.
#include <unistd.h>
#include <cstdlib>
#include <exception>

namespace {

[[noreturn]] void terminate_quietly() noexcept {
    static constexpr char message[] = "capsh-ng: internal error: unhandled C++ exception\n";
    // write(2), not stdio: the state of the streams is unknown here.
    [[maybe_unused]] const auto written = write(STDERR_FILENO, message, sizeof message - 1);
    std::abort();
}

}  // namespace

// libstdc++'s own name for the variable; std::set_terminate writes it, so it is not const.
namespace __cxxabiv1 {
// NOLINTNEXTLINE(bugprone-reserved-identifier)
std::terminate_handler __terminate_handler = terminate_quietly;
}  // namespace __cxxabiv1
