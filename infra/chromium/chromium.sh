#!/usr/bin/env bash
# Headless Chromium from Debian's own packages, for the browser tests (playwright-core).
#
#   chromium.sh fetch   get chromium: the one on PATH, else Debian's `chromium` package and
#                       the libraries it needs that this machine lacks, via `apt-get download`,
#                       unpacked into ./cache (git-ignored; reused when present). stdout carries
#                       CHROMIUM_PATH=<an executable that runs it>
#   chromium.sh path    the same line, without fetching (fails when nothing is there)
#
# The browser is started and stopped by the test itself (playwright-core launches it as its
# child), so there is no start/stop here. Progress goes to stderr; stdout only carries KEY=value.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="$SCRIPT_DIR/cache"
WRAPPER="$CACHE/chromium"

log() { printf '[chromium] %s\n' "$*" >&2; }
die() { printf '[chromium] error: %s\n' "$*" >&2; exit 1; }

browser() {
  if [[ -x "$WRAPPER" ]] && "$WRAPPER" --version >/dev/null 2>&1; then echo "$WRAPPER"; return; fi
  if command -v chromium >/dev/null; then command -v chromium; return; fi
  return 1
}

cmd_fetch() {
  if path="$(browser)"; then log "$("$path" --version 2>/dev/null)"; echo "CHROMIUM_PATH=$path"; return 0; fi
  command -v apt-get >/dev/null || die "neither chromium nor apt-get is available"
  mkdir -p "$CACHE"
  (
    flock 9
    if [[ -x "$WRAPPER" ]] && "$WRAPPER" --version >/dev/null 2>&1; then exit 0; fi
    # The package and whatever of its dependency closure this machine does not have yet.
    local packages
    packages="$(apt-get install -s --no-install-recommends chromium 2>/dev/null | awk '/^Inst /{print $2}')"
    [[ -n "$packages" ]] || die "apt-get cannot resolve chromium (run apt-get update once)"
    log "downloading Debian's chromium and $(($(wc -w <<<"$packages") - 1)) libraries into $CACHE"
    rm -rf "$CACHE/debs" "$CACHE/root"
    mkdir -p "$CACHE/debs"
    # shellcheck disable=SC2086
    (cd "$CACHE/debs" && apt-get download $packages >&2) || die "apt-get download failed (run apt-get update once)"
    for deb in "$CACHE/debs"/*.deb; do dpkg -x "$deb" "$CACHE/root"; done
    rm -rf "$CACHE/debs"
    cat >"$WRAPPER" <<WRAP
#!/usr/bin/env bash
root="$CACHE/root"
export LD_LIBRARY_PATH="\$root/usr/lib/x86_64-linux-gnu:\$root/usr/lib/x86_64-linux-gnu/pulseaudio:\$root/lib/x86_64-linux-gnu:\$root/usr/lib/chromium\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
[[ -d "\$root/etc/fonts" ]] && export FONTCONFIG_PATH="\$root/etc/fonts"
exec "\$root/usr/lib/chromium/chromium" "\$@"
WRAP
    chmod +x "$WRAPPER"
  ) 9>"$CACHE/.fetch.lock"
  path="$(browser)" || die "the unpacked chromium does not run; see: $WRAPPER --version"
  log "$("$path" --version 2>/dev/null)"
  echo "CHROMIUM_PATH=$path"
}

cmd_path() {
  path="$(browser)" || die "no chromium yet: run chromium.sh fetch"
  echo "CHROMIUM_PATH=$path"
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  path) cmd_path ;;
  *) die "usage: chromium.sh fetch|path" ;;
esac
