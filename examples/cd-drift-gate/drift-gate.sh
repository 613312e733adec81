#!/usr/bin/env sh
# Fails (exit code 255) when the live flow log loggers differ from the stack, e.g. after a console edit.
# Usage: drift-gate.sh <stack> [program dir]   (credentials from OS_* / NCLOUD_* or stack config)
set -eu
stack="$1"
cd "${2:-.}"
pulumi preview --stack "$stack" --refresh --expect-no-changes --diff --non-interactive
