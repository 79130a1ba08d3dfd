// The kernel seam for who the process is: its user and group ids and supplementary groups.
// Calls that can fail return 0 or an errno value.
#pragma once

#include <sys/types.h>

#include <optional>
#include <vector>

namespace capsh {

// capsh's MAX_GROUPS: --print lists no supplementary group when there are more, and --user
// fails when getgrouplist finds more.
constexpr int k_max_listed_groups = 100;

struct Ids {
    uid_t uid, euid, suid;  // real, effective, saved
    gid_t gid, egid, sgid;
};

class IdsKernel {
  public:
    virtual ~IdsKernel() = default;

    virtual Ids ids() = 0;
    // Every supplementary group, however many; nullopt only when the kernel will not say.
    virtual std::optional<std::vector<gid_t>> groups() = 0;
    virtual int set_uid(uid_t uid) = 0;
    virtual int set_gid(gid_t gid) = 0;
    virtual int set_groups(const std::vector<gid_t>& groups) = 0;
};

}  // namespace capsh
