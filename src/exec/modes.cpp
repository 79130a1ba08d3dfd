#include "modes.hpp"

#include <cerrno>

#include "cap_names.hpp"

namespace capsh {
namespace {

// Records the errno of the latest failure, as C's errno would hold it at the end.
struct Outcome {
    int last_error = 0;
    bool failed = false;
    int note(int err, bool counts = true) {
        if (err != 0) {
            last_error = err;
            failed = failed || counts;
        }
        return err;
    }
};

// Bits 1..4 of the mode-setting steps for PURE1E, PURE1E_INIT and NOPRIV.
void secure_mode(CapsKernel& kernel, Mode mode, CapState& working, Outcome& outcome) {
    if (mode != Mode::pure1e) working.i = 0;
    unsigned long bits = k_secbits_basic;
    if (ambient_supported(kernel)) {
        if (outcome.note(reset_ambient(kernel))) return;
        bits = k_secbits_full;
    }
    outcome.note(kernel.set_securebits(bits));
    if (mode != Mode::nopriv) return;
    // NOPRIV also empties the bounding and permitted sets, ignoring failures. The read past the
    // last capability that ends the loop fails too (EINVAL), and libcap leaves that in errno: it
    // is what capsh reports should the mode fail.
    int read = 0;
    for (unsigned cap = 0; (read = kernel.bound_read(cap)) >= 0; ++cap) {
        outcome.note(kernel.bound_drop(cap), false);
    }
    outcome.note(-read, false);
    working.p = 0;
    outcome.note(kernel.set_no_new_privs(), false);
}

}  // namespace

int reset_ambient(CapsKernel& kernel) {
    bool any = false;
    for (unsigned cap = 0;; ++cap) {
        int set = kernel.ambient_read(cap);
        if (set < 0) break;
        any = any || set > 0;
    }
    return any ? kernel.ambient_clear_all() : 0;
}

Mode guess_mode(CapsKernel& kernel) {
    unsigned long bits = kernel.securebits();
    if (bits == 0) return Mode::hybrid;
    if ((bits & k_secbits_basic) != k_secbits_basic) return Mode::uncertain;
    for (unsigned cap = 0;; ++cap) {
        int set = kernel.ambient_read(cap);
        if (set < 0) {
            if (cap > 0 && bits != k_secbits_full) return Mode::uncertain;
            break;
        }
        if (set > 0) return Mode::uncertain;
    }
    CapState state;
    if (kernel.get_caps(state) != 0) return Mode::uncertain;
    if (state.i != 0) return Mode::pure1e;
    if (state.p != 0 || state.e != 0) return Mode::pure1e_init;
    for (unsigned cap = 0;; ++cap) {
        int set = kernel.bound_read(cap);
        if (set < 0) break;
        if (set > 0) return Mode::pure1e_init;
    }
    return Mode::nopriv;
}

int set_mode(CapsKernel& kernel, Mode mode) {
    Outcome outcome;
    CapState working;
    if (outcome.note(kernel.get_caps(working))) return outcome.last_error;
    CapState raised = working;
    raised.e |= bit(k_cap_setpcap);
    if (!outcome.note(kernel.set_caps(raised))) {
        if (mode == Mode::hybrid) {
            outcome.note(kernel.set_securebits(0));
        } else if (mode != Mode::uncertain) {
            secure_mode(kernel, mode, working, outcome);
        } else {
            outcome.note(EINVAL);
        }
    }
    working.e = 0;
    outcome.note(kernel.set_caps(working));
    return outcome.failed ? outcome.last_error : 0;
}

}  // namespace capsh
