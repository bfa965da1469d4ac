#!/usr/bin/env bash
# Builds the Pulumi YAML language host (pulumi-language-yaml) from the Go module proxy into the
# bin dir of a Pulumi CLI that build-pulumi-cli.sh made, so that CLI runs `runtime: yaml` programs:
# a Pulumi release bundles this host, but no release can be downloaded offline. Recipe:
# ../shared/pulumi-notes.md §10.
#
#   build-pulumi-yaml.sh <pulumi-yaml-version> <bin-dir>
#
# The wrapper module lives in a temp dir outside the repo; GOMODCACHE/GOCACHE stay where Go keeps
# them. The binary is written under a temporary name and moved into place, so a concurrent reader
# never sees half of it. Nothing it produces is ever inside the checkout.
set -euo pipefail

V="${1:?pulumi-yaml version}"; V="${V#v}"; BIN="${2:?bin dir}"
step() { printf '[pulumi-yaml] %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

command -v go >/dev/null || { echo "[pulumi-yaml] Go is not installed: install Go >= 1.24 (https://go.dev/dl) to build pulumi-language-yaml v$V, or put a pulumi-language-yaml on PATH." >&2; exit 3; }

export CGO_ENABLED=0 GOTOOLCHAIN=auto GOFLAGS=-mod=mod
# The checksum DB is another host; the module proxy is the only one we may reach.
export GONOSUMDB="${GONOSUMDB:-github.com/pulumi}" GOSUMDB="${GOSUMDB:-off}"

work=$(mktemp -d "${TMPDIR:-/tmp}/pulumi-yaml-build.XXXXXX")
trap 'rm -rf "$work"; rm -f "$BIN/pulumi-language-yaml.tmp"' EXIT
cd "$work"

go mod init local/pulumi-yaml-build >/dev/null 2>&1
# pulumi-yaml's go.mod has no replaces, but the pkg/v3 it requires needs pkg's own clipboard fork
# (a dependency's replaces are ignored by Go, so the main module repeats it).
go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e

step "fetching github.com/pulumi/pulumi-yaml@v$V and its modules (cold: a few minutes)"
go get -tool "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$V"
go mod tidy
got=$(go list -m github.com/pulumi/pulumi-yaml | awk '{print $2}')
[ "$got" = "v$V" ] || { echo "[pulumi-yaml] version skew: got pulumi-yaml $got, wanted v$V" >&2; exit 1; }

mkdir -p "$BIN"
step "compiling pulumi-language-yaml v$V (cold: 2-9 min on 2 cores, the longer on a busy machine)"
go build -trimpath -ldflags "-w -s -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$V" \
  -o "$BIN/pulumi-language-yaml.tmp" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
chmod 0755 "$BIN/pulumi-language-yaml.tmp"
mv "$BIN/pulumi-language-yaml.tmp" "$BIN/pulumi-language-yaml"
step "built: $BIN/pulumi-language-yaml ($(du -h "$BIN/pulumi-language-yaml" | cut -f1))"
