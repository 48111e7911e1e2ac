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
# The test run asks for a keyring folder of its own: gnome-keyring keeps keyrings in $XDG_DATA_HOME/keyrings
# and reloads a keyring file when another session writes it, so runs side by side would drop each other's items.
if [[ -n "${MFA_KEYRING_HOME:-}" ]]; then
  export XDG_DATA_HOME="$MFA_KEYRING_HOME"
fi
# As root in a container, dbus-daemon tries to raise its fd limit to 65536, cannot, and says so on stderr; the
# bus works regardless. Only the daemons' stderr goes through this filter: the command gets the original
# stderr back (fd 3), so none of its output is delayed or dropped.
fd_limit_warning='^dbus-daemon\[[0-9]+\]: \[session uid=[0-9]+ pid=[0-9]+\] org\.freedesktop\.DBus\.Error\.AccessDenied: Failed to set fd limit to [0-9]+: Operation not permitted$'
exec 3>&2
# The keyring password only protects this throwaway session keyring; it is never used for real secrets.
exec dbus-run-session -- bash -c '
  printf "session-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  exec "$@" 2>&3 3>&-' bash "$@" 2> >(grep --line-buffered -Ev "$fd_limit_warning" >&2)
