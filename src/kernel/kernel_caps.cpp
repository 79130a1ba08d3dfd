#include "kernel_caps.hpp"

#include <sys/prctl.h>

#include "cap_names.hpp"

namespace capsh {

unsigned kernel_cap_count() {
    static unsigned count = 0;  // function-local: nothing runs before main
    if (count != 0) return count;
    // Most kernels have exactly the caps this build names: two reads confirm that.
    if (prctl(PR_CAPBSET_READ, k_named_caps - 1, 0, 0, 0) >= 0 &&
        prctl(PR_CAPBSET_READ, k_named_caps, 0, 0, 0) < 0) {
        count = k_named_caps;
        return count;
    }
    // Invariant: cap `low` is supported (cap 0 always is), cap `high` is not.
    unsigned low = 0, high = 64;
    while (high - low > 1) {
        unsigned mid = (low + high) / 2;
        if (prctl(PR_CAPBSET_READ, mid, 0, 0, 0) >= 0) {
            low = mid;
        } else {
            high = mid;
        }
    }
    count = low + 1;
    return count;
}

}  // namespace capsh
