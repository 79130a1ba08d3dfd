#!/bin/sh
# Container entrypoint for a service that binds a port below 1024 without being root: as
# entrypoint.sh, but CAP_NET_BIND_SERVICE survives the switch to app through the ambient set.
set -e

mkdir -p /run/app
chown app:app /run/app

# The capability goes into the inheritable set first (while it is still in the bounding set),
# stays permitted across --user, and is raised into the ambient set as app; the kernel gives
# ambient capabilities to the next program. The bounding set ends empty: an ambient capability
# does not need it.
exec capsh-ng --inh=cap_net_bind_service --drop=all --user=app \
    --addamb=cap_net_bind_service --shell=/bin/sh -- -c 'exec "$@"' app "$@"
