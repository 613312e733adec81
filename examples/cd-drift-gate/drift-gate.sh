#!/usr/bin/env sh
# Fails when the live flow logs differ from the stack, e.g. after a console edit.
# Usage: drift-gate.sh <stack> [program dir]   (credentials from OS_* / NCLOUD_* or stack config)
# Exit 0: no drift. Exit 1: drift. Exit 2: the gate itself could not run (npm ci, login, credentials,
# network, a provider error): that is no verdict on drift, and the output above says what failed.
set -eu
stack="${1:?usage: drift-gate.sh <stack> [program dir]}"
cd "${2:-.}"

# The provider serialized in the stack's state `require`s pulumi-flowlog from this program's node_modules.
# `npm ci` needs a package-lock.json (commit one); without it, `npm install`.
install=ci
[ -f package-lock.json ] || install=install
if ! npm "$install" --no-audit --no-fund --loglevel=error; then
  echo "drift gate: npm $install failed in $(pwd): the gate could not run" >&2
  exit 2
fi

log=$(mktemp)
trap 'rm -f "$log" "$log.status"' EXIT
# Streams the output and keeps it, to tell drift from a broken gate (the CLI exits 255 for both).
{
  code=0
  pulumi preview --stack "$stack" --refresh --expect-no-changes --diff --non-interactive 2>&1 || code=$?
  echo "$code" >"$log.status"
} | tee "$log"
status=$(cat "$log.status")

if [ "$status" -eq 0 ]; then
  echo "drift gate: stack $stack matches the live flow logs"
  exit 0
fi
if grep -q "no changes were expected" "$log"; then
  echo "drift gate: drift detected in stack $stack: the diff above shows it" >&2
  exit 1
fi
echo "drift gate: the preview failed (exit $status) without reporting drift: see above (credentials, network, a provider error)" >&2
exit 2
