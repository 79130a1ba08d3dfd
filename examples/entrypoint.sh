#!/bin/sh
# Container entrypoint: do the set-up that needs root, then run the command given to the
# container (CMD, or the arguments of `docker run IMAGE ...`) as the user app, with no
# capabilities left at all.
set -e

# 1. Privileged set-up, as root.
mkdir -p /run/app
chown app:app /run/app

# 2. Empty the inheritable and bounding sets, become app, and replace this shell with the
#    command. --shell=/bin/sh because not every image has bash.
exec capsh-ng --inh="" --drop=all --user=app --shell=/bin/sh -- -c 'exec "$@"' app "$@"
