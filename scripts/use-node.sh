#!/usr/bin/env bash
# Puts the project's Node (the version in .node-version) first on PATH for this shell:
#   source scripts/use-node.sh
# When the machine's `node` is already that version it changes nothing. Otherwise it installs the
# npm registry's `node` package (a real Node binary, no other download) into .tools/node once.
# .ci/run sources it; so can a developer on a machine whose Node is older than the pinned one.
_ppt_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_ppt_want="$(tr -d '[:space:]' < "$_ppt_root/.node-version")"
if [ "$(node --version 2>/dev/null)" != "v$_ppt_want" ]; then
  _ppt_prefix="$_ppt_root/.tools/node"
  if [ "$("$_ppt_prefix/bin/node" --version 2>/dev/null)" != "v$_ppt_want" ]; then
    echo "Installing Node $_ppt_want from the npm registry into .tools/node" >&2
    # The package's preinstall (it links the platform's binary package) is the one install script
    # this needs; a global install outside the project is not governed by its allowScripts.
    npm install --global --prefix "$_ppt_prefix" --no-audit --no-fund --loglevel=error "node@$_ppt_want" >&2
  fi
  export PATH="$_ppt_prefix/bin:$PATH"
fi
echo "Node $(node --version) ($(command -v node))" >&2
unset _ppt_root _ppt_want _ppt_prefix
