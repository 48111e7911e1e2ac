#!/usr/bin/env bash
# Runs a command with a usable OS keychain. On Linux without a session bus (CI, SSH, containers) it starts a
# private D-Bus session with an unlocked gnome-keyring for the command's lifetime; elsewhere it runs the
# command as is (macOS Keychain, Windows Credential Manager, or the desktop's own Secret Service).
set -euo pipefail
# Whatever runs here (node, vitest, playwright) runs on the project's Node.
source "$(dirname "$0")/node-env.sh"
if [[ "$(uname -s)" != "Linux" || -n "${DBUS_SESSION_BUS_ADDRESS:-}" || "${MFA_KEYRING_WRAPPED:-}" == 1 ]]; then
  exec "$@"
fi
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session and gnome-keyring-daemon are needed (apt-get install dbus gnome-keyring)." >&2
  exec "$@"
fi
export MFA_KEYRING_WRAPPED=1
# As root in a container, dbus-daemon tries to raise its fd limit to 65536, cannot, and says so on stderr; the
# bus works regardless. Only the daemons' stderr goes through this filter: the command gets the original
# stderr back (fd 3), so none of its output is delayed or dropped.
fd_limit_warning='^dbus-daemon\[[0-9]+\]: \[session uid=[0-9]+ pid=[0-9]+\] org\.freedesktop\.DBus\.Error\.AccessDenied: Failed to set fd limit to [0-9]+: Operation not permitted$'
exec 3>&2
# The keyring password only protects this throwaway session keyring; it is never used for real secrets.
# The keyring file lives in a folder of its own (XDG_DATA_HOME for the daemon only): with the shared
# ~/.local/share/keyrings, every concurrent run's daemon rewrites and reloads one login.keyring, and items a
# run has just stored vanish when another run's daemon writes the file.
exec dbus-run-session -- bash -c '
  keyrings="$(mktemp -d)"
  printf "session-keyring" | XDG_DATA_HOME="$keyrings" gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  status=0
  "$@" 2>&3 3>&- || status=$?
  rm -rf "$keyrings"
  exit "$status"' bash "$@" 2> >(grep --line-buffered -Ev "$fd_limit_warning" >&2)
