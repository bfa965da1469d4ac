#!/usr/bin/env bash
# The e2e core on the oldest supported Pulumi pair (SDK and CLI 3.259.0), beside `npm test` on the
# default pair (the version package-lock.json pins). Same sources, in a copy of this checkout whose
# @pulumi/pulumi is the oldest one; its CLI is found or built once per machine into the same cache
# as the default one. .ci/run runs it after `npm test`; arguments go to jest (e.g. --maxWorkers=1).
set -euo pipefail
oldest="${PULUMI_NOVU_OLDEST_PULUMI:-3.259.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/pulumi-novu-oldest-XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Tracked files and new ones, as they are in the working tree (not node_modules, dist or state).
(cd "$root" && git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf -) | tar -xf - -C "$work"
cd "$work"
echo "oldest-pulumi: installing into $work, then @pulumi/pulumi@$oldest"
npm install --no-audit --no-fund --loglevel=error
# Built as the published package is, against the SDK package-lock.json pins; a user's project then
# brings its own, older @pulumi/pulumi. (The generated pulumi-novu/native calls an SDK function of
# 3.269+ in Integration.exists, so it does not compile against 3.259's types, though it runs on them.)
node scripts/build-if-stale.js --force
npm install --no-audit --no-fund --loglevel=error --no-save "@pulumi/pulumi@$oldest"
echo "oldest-pulumi: @pulumi/pulumi $(node -p 'require("@pulumi/pulumi/package.json").version')"
# The dynamic front-end's core and its everyday edits (an existing stack previewed, applied and
# previewed clean), and the lifecycle on the current server generation only: the older
# generation's differences (echoed credentials) are Novu's, not Pulumi's, and `npm test` covers them
# on the default pair. The native front-end is tested on the default pair (docs/native-provider.md).
# This keeps .ci/run inside its time budget on a 2-core machine.
npm test -- test/e2e/walking-skeleton.test.ts test/e2e/integration-lifecycle.test.ts test/e2e/secrets.test.ts test/e2e/config-driven.test.ts test/e2e/examples.test.ts test/e2e/everyday-edits.test.ts \
  --testNamePattern '^(?!Integration lifecycle, echoed credentials)(?!.*native front-end)' "$@"
