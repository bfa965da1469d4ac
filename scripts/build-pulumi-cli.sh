#!/usr/bin/env bash
# Builds the Pulumi CLI (and the Node.js language host) from the Go module proxy, because no
# offline-installable CLI exists on npm. Recipe and pitfalls: ../shared/pulumi-notes.md §1.
#
#   build-pulumi-cli.sh <version> <bin-dir> <pulumi-npm-package-dir>
#
# The wrapper module lives in a temp dir outside the repo; GOMODCACHE/GOCACHE stay where Go keeps
# them. Nothing it produces is ever inside the checkout.
set -euo pipefail

V="${1:?version}"; BIN="${2:?bin dir}"; PKG="${3:?@pulumi/pulumi package dir}"
step() { printf '[pulumi-cli] %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

command -v go >/dev/null || { echo "[pulumi-cli] Go is not installed: install Go >= 1.24 (https://go.dev/dl) or put pulumi v$V on PATH." >&2; exit 3; }

export CGO_ENABLED=0 GOTOOLCHAIN=auto GOFLAGS=-mod=mod
# The checksum DB is another host; the module proxy is the only one we may reach.
export GONOSUMDB="${GONOSUMDB:-github.com/pulumi}" GOSUMDB="${GOSUMDB:-off}"

work=$(mktemp -d "${TMPDIR:-/tmp}/pulumi-cli-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

step "resolving github.com/pulumi/pulumi/pkg/v3@v$V"
go mod download -json "github.com/pulumi/pulumi/pkg/v3@v$V" > pkg.json
gomod=$(sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p' pkg.json | head -1)
commit=$(sed -n 's/^[[:space:]]*"Hash": "\(.*\)",\{0,1\}$/\1/p' pkg.json | head -1)
[ -n "$gomod" ] || { echo "[pulumi-cli] could not read pkg/v3@v$V go.mod location" >&2; exit 1; }
goline=$(awk '$1=="go"{print $2; exit}' "$gomod")
step "pkg go.mod wants go $goline; commit ${commit:-unknown}"

go mod init local/pulumi-cli-build >/dev/null 2>&1
go mod edit -go="$goline"

# Copy pkg's non-local replaces only (a dependency's replaces are ignored by Go).
go mod edit -json "$gomod" | awk '
  /"Replace": \[/ {inrep=1}
  inrep && /"Old":/ {side="old"} inrep && /"New":/ {side="new"}
  inrep && /"Path":/ {gsub(/[",]/,"",$2); p[side]=$2}
  inrep && /"Version":/ {gsub(/[",]/,"",$2); v[side]=$2}
  inrep && /^\t\t}/ { if (v["new"]!="") { o=p["old"]; if (v["old"]!="") o=o"@"v["old"]; print o"="p["new"]"@"v["new"] } delete p; delete v }
' > replaces.txt || true
while read -r r; do [ -n "$r" ] && { step "replace $r"; go mod edit -replace="$r"; }; done < replaces.txt

step "fetching modules (cold: several minutes)"
go get -tool "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$V"
go get "github.com/pulumi/pulumi/sdk/v3@v$V"
host=1
if [ -n "$commit" ]; then
  for try in 1 2 3; do
    if go get -tool "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@$commit"; then host=0; break; fi
    step "language host fetch failed (try $try), retrying"
  done
fi
go mod tidy
got=$(go list -m github.com/pulumi/pulumi/pkg/v3 github.com/pulumi/pulumi/sdk/v3 | awk '{print $2}' | sort -u)
[ "$got" = "v$V" ] || { echo "[pulumi-cli] version skew: $got" >&2; exit 1; }

mkdir -p "$BIN"
ld="-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$V"
step "compiling pulumi (cold: 15-30 min on 2 cores)"
go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ld" -o "$BIN/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
mv "$BIN/pulumi.tmp" "$BIN/pulumi"
if [ "$host" = 0 ]; then
  step "compiling pulumi-language-nodejs"
  go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ld" -o "$BIN/pulumi-language-nodejs" github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
else
  step "the Go language host is not on the module proxy; pulumi-novu runs Pulumi.yaml programs with its own (tools/language-host)"
fi
install -m 0755 "$PKG/pulumi-resource-pulumi-nodejs" "$BIN/pulumi-resource-pulumi-nodejs"
step "built: $("$BIN/pulumi" version)"
