#!/usr/bin/env bash
# Installs the newest Debian package in target/debian with `dpkg -i`, checks it as a desktop
# uses it, then removes it with `dpkg -r` and checks that nothing of it is left:
#   - the desktop entry passes desktop-file-validate, the AppStream file appstreamcli validate;
#   - a bundle's MIME type is application/x-kairan (xdg-mime), and no longer once removed;
#   - the installed `kairan verify` gives the same verdict on the sample as the tested build;
# and checks the Windows and macOS packaging configuration against cargo-packager's schema
# (scripts/check-packager-config.py), which these machines cannot build.
# Needs root (or sudo without a password) for dpkg, as scripts/setup.sh does for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh window package

# The system's Python, which has the python3-jsonschema that scripts/setup.sh installed.
if [ -x /usr/bin/python3 ]; then /usr/bin/python3 scripts/check-packager-config.py; else python3 scripts/check-packager-config.py; fi

deb=$(ls -t target/debian/kairan_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "check-package.sh: no package in target/debian (run scripts/package.sh)" >&2; exit 1; }
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  echo "check-package.sh: installing a package needs root: run as root or with sudo" >&2
  exit 1
fi
if dpkg-query -W -f='${Status}' kairan 2>/dev/null | grep -q 'install ok installed'; then
  echo "check-package.sh: kairan is already installed here; remove it first (dpkg -r kairan)" >&2
  exit 1
fi

sample=notices/mikasa-2023-06-29.kairan
fail() { echo "check-package.sh: $*" >&2; exit 1; }
mime_of() { XDG_DATA_HOME=$work/data HOME=$work xdg-mime query filetype "$1"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "Installing $deb"
"${as_root[@]}" dpkg -i "$deb"
dpkg-query -L kairan > "$work/files"

desktop-file-validate /usr/share/applications/kairan.desktop
appstreamcli validate --no-net /usr/share/metainfo/jp.kairan.Kairan.metainfo.xml

cp "$sample" "$work/notice.kairan"   # a name the tests' folders do not give it
[ "$(mime_of "$work/notice.kairan")" = application/x-kairan ] \
  || fail "a bundle's MIME type is '$(mime_of "$work/notice.kairan")', not application/x-kairan"
grep -qx 'MimeType=application/x-kairan;' /usr/share/applications/kairan.desktop \
  || fail "the desktop entry does not open application/x-kairan"

set +e
installed=$(KAIRAN_CONFIG_DIR=$work/config /usr/bin/kairan verify "$sample"); installed_status=$?
tested=$(KAIRAN_CONFIG_DIR=$work/config target/debug/kairan verify "$sample"); tested_status=$?
set -e
[ "$installed" = "$tested" ] && [ "$installed_status" = "$tested_status" ] \
  || fail "the installed kairan verify says otherwise than the tested build ($installed_status vs $tested_status)"
grep -q 'DEMO KEY' <<<"$installed" || fail "kairan verify on the sample does not name the demo key"

echo "Removing kairan"
"${as_root[@]}" dpkg -r kairan
while read -r path; do
  if [ -f "$path" ] || [ -L "$path" ]; then fail "left behind after dpkg -r: $path"; fi
done < "$work/files"
[ "$(mime_of "$work/notice.kairan")" != application/x-kairan ] \
  || fail "application/x-kairan is still known after dpkg -r"
echo "The package installs, validates, opens bundles as application/x-kairan and removes cleanly."
