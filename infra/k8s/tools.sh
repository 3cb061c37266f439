#!/usr/bin/env bash
# Fetches the Kubernetes tooling the deploy tests use, from the Go module proxy, into
# infra/k8s/.bin (git-ignored): kustomize, which renders the manifests. Reuses what is there.
#   bash infra/k8s/tools.sh        # prints KUSTOMIZE=<path>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$here/.bin"
kustomize_version=v5.7.1
mkdir -p "$bin"
if [ ! -x "$bin/kustomize" ] || ! "$bin/kustomize" version 2>/dev/null | grep -q "${kustomize_version#v}"; then
  command -v go >/dev/null || { echo "infra/k8s: Go is needed to build kustomize ($kustomize_version) from the Go module proxy; install Go 1.24 or newer." >&2; exit 1; }
  echo "infra/k8s: building kustomize $kustomize_version (go install, a few minutes the first time)" >&2
  GOBIN="$bin" GOFLAGS=-mod=mod go install "sigs.k8s.io/kustomize/kustomize/v5@$kustomize_version" >&2
fi
echo "KUSTOMIZE=$bin/kustomize"
