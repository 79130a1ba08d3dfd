// The kernel seam for capabilities: the E/P/I sets, the bounding and ambient sets, and the
// process security bits (securebits, keep-caps, no-new-privs). Calls that can fail return 0
// or an errno value.
#pragma once

#include "cap_state.hpp"

namespace capsh {

class CapsKernel {
  public:
    virtual ~CapsKernel() = default;

    // Capability sets.
    virtual unsigned cap_count() = 0;  // K
    virtual int get_caps(CapState& out) = 0;
    virtual int set_caps(const CapState& state) = 0;
    virtual int bound_read(unsigned cap) = 0;  // 1 present, 0 dropped, -errno unsupported
    virtual int bound_drop(unsigned cap) = 0;
    virtual int ambient_read(unsigned cap) = 0;  // 1, 0, or -errno
    virtual int ambient_change(unsigned cap, bool raise) = 0;
    virtual int ambient_clear_all() = 0;

    // Process security bits.
    virtual unsigned long securebits() = 0;
    virtual int set_securebits(unsigned long bits) = 0;
    virtual int set_keepcaps(unsigned long value) = 0;
    virtual int no_new_privs() = 0;  // 0 or 1
    virtual int set_no_new_privs() = 0;
};

}  // namespace capsh
