// The kernel seam for who the process is: its user and group ids and supplementary groups.
// Calls that can fail return 0 or an errno value.
#pragma once

#include <sys/types.h>

#include <optional>
#include <vector>

namespace capsh {

struct Ids {
    uid_t uid, euid, suid;  // real, effective, saved
    gid_t gid, egid, sgid;
};

class IdsKernel {
  public:
    virtual ~IdsKernel() = default;

    virtual Ids ids() = 0;
    virtual std::optional<std::vector<gid_t>> groups() = 0;  // nullopt when more than 100
    virtual int set_uid(uid_t uid) = 0;
    virtual int set_gid(gid_t gid) = 0;
    virtual int set_groups(const std::vector<gid_t>& groups) = 0;
};

}  // namespace capsh
