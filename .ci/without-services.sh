#!/usr/bin/env bash
# Runs a command the way a new user's machine would: only Node and npm. The system services CI
# installed (Redis, the PostgreSQL server binaries, Chromium) are hidden from it, and CI's own
# variables are dropped. Inside a private mount namespace where the kernel allows one; otherwise the
# files are moved aside for the command's run and put back afterwards.
set -euo pipefail
binaries=(/usr/bin/redis-server /usr/bin/redis-cli /usr/bin/chromium)
postgres=/usr/lib/postgresql
run() { env -u CI -u TEST_DATABASE_URL -u TEST_INSPECT_DATABASE_URL "$@"; }

if unshare --mount -- true 2>/dev/null; then
  exec unshare --mount -- bash -c '
    set -euo pipefail
    for binary in /usr/bin/redis-server /usr/bin/redis-cli /usr/bin/chromium; do
      if [ -e "$binary" ]; then mount --bind /dev/null "$binary"; fi
    done
    if [ -d /usr/lib/postgresql ]; then mount -t tmpfs tmpfs /usr/lib/postgresql; fi
    exec env -u CI -u TEST_DATABASE_URL -u TEST_INSPECT_DATABASE_URL "$@"
  ' bash "$@"
fi

hidden=()
restore() { for path in "${hidden[@]}"; do mv "$path.hidden-for-test" "$path"; done; }
trap restore EXIT
for path in "${binaries[@]}" "$postgres"; do
  if [ -e "$path" ]; then mv "$path" "$path.hidden-for-test"; hidden+=("$path"); fi
done
run "$@"
