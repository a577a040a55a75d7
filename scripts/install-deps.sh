#!/bin/sh
# Installs the Debian 12 packages diplograph builds and tests with.
# Skips apt-get when everything is already there (fast re-runs, no root needed).
set -eu
PACKAGES="cmake g++ make pkg-config libserd-dev serdi libsord-dev sordi libpugixml-dev
libboost-graph-dev doctest-dev libcli11-dev libicu-dev iso-codes libgumbo-dev libcmark-gfm-dev libbz2-dev
zlib1g-dev python3 python3-networkx graphviz librasqal3-dev rasqal-utils virtuoso-opensource
clang libclang-rt-14-dev nodejs chromium tidy python3-websocket
libcpp-httplib-dev python3-sparqlwrapper"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# npm installs the Oxigraph test package; it comes with NodeSource's nodejs, or as Debian's npm.
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages:$missing (run as root, or install them)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends $missing || {
  apt-get update && apt-get install -y --no-install-recommends $missing
}
