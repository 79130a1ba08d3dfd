// K: how many capabilities the running kernel supports.
#pragma once

namespace capsh {

// Found by binary search with PR_CAPBSET_READ, as libcap does, so it works in a chroot without
// /proc. Computed once; cheap (about seven prctl calls).
unsigned kernel_cap_count();

}  // namespace capsh
