# shellcheck shell=bash
# Sourced (not run) by scripts/run.sh, test.sh, with-keyring.sh and setup.sh. When scripts/setup.sh has put
# Node 22 into .tools/node (the machine's Node was older), that Node comes first on PATH, and native modules
# are built against its headers: the machine's npmrc may name another Node's (nodedir=/usr = Node 20 here).
_mfa_node="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/node"
if [ -d "$_mfa_node/bin" ]; then
  case ":$PATH:" in
    *":$_mfa_node/bin:"*) ;;
    *) export PATH="$_mfa_node/bin:$PATH" ;;
  esac
  export npm_config_nodedir="$_mfa_node"
fi
unset _mfa_node
