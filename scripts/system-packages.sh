#!/usr/bin/env bash
# Makes sure the Debian packages Teilhabe needs are on the machine.
#   scripts/system-packages.sh run   -> what `make run` needs
#   scripts/system-packages.sh test  -> what `make test` needs on top
# As root the missing packages are installed with apt; otherwise the script stops
# and prints the one apt command to run.
set -euo pipefail
purpose=${1:-run}

missing=()
need() {  # need PACKAGE CHECK-COMMAND...
  local pkg=$1; shift
  if ! "$@" >/dev/null 2>&1; then missing+=("$pkg"); fi
}
have_lib() { ldconfig -p | grep -q "$1"; }
have_pg() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb; }

need python3-venv python3 -c "import venv, ensurepip"
need nodejs command -v node
need npm command -v npm
need gettext command -v msgfmt
need libpango-1.0-0 have_lib libpango-1.0.so.0
need libpangoft2-1.0-0 have_lib libpangoft2-1.0.so.0
need fonts-dejavu-core test -d /usr/share/fonts/truetype/dejavu
if [ "$purpose" = test ]; then
  need chromium test -x /usr/bin/chromium
  need postgresql have_pg
  need poppler-utils command -v pdftoppm
fi

# A Python built outside Debian (pyenv) brings its own venv module.
if python3 -c "import venv, ensurepip" 2>/dev/null; then
  missing=("${missing[@]/python3-venv}")
fi
pkgs=$(printf '%s\n' "${missing[@]}" | sed '/^$/d' | sort -u | tr '\n' ' ')
[ -z "$pkgs" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: $pkgs"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
else
  echo "Missing system packages. Please run:" >&2
  echo "  sudo apt-get install -y $pkgs" >&2
  exit 1
fi
