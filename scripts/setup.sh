#!/usr/bin/env bash
# Makes sure the Debian/Ubuntu packages a task needs are installed, then returns.
#
# usage: scripts/setup.sh build|test|window ...
#   build   a C compiler for the crates that build C code
#   test    build, plus the stock minisign tool and Python (interoperability tests) and
#           poppler's pdftotext and pdffonts (reading back the PDFs Kairan makes)
#   window  the libraries a window needs (X11/Wayland, OpenGL) on a bare machine
#   package the validators scripts/check-package.sh runs on the Debian package
#
# Installs with apt-get when it can (as root, or with sudo that needs no password); otherwise
# prints the exact command to run and exits with status 1. On a system without apt-get it says
# what is needed and exits with status 1 if anything is missing.
set -euo pipefail

packages=()
commands=()
for group in "$@"; do
  case $group in
    build) packages+=(gcc libc6-dev) ;;
    test) packages+=(gcc libc6-dev minisign python3 poppler-utils)
      commands+=(minisign python3 pdftotext pdffonts) ;;
    window) packages+=(libxcursor1 libxi6 libxkbcommon-x11-0 libfontconfig1 libegl1 libegl-mesa0
      libgl1-mesa-dri) ;;
    package) packages+=(desktop-file-utils appstream xdg-utils shared-mime-info
      libfile-mimeinfo-perl python3 python3-jsonschema)
      commands+=(desktop-file-validate appstreamcli xdg-mime) ;;
    *) echo "setup.sh: unknown group '$group' (use build, test, window or package)" >&2; exit 2 ;;
  esac
done

if ! command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for command in "${commands[@]}" cc; do
    command -v "$command" >/dev/null 2>&1 || missing+=("$command")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Not a Debian/Ubuntu system: install these with your package manager, then run again: ${missing[*]}" >&2
    exit 1
  fi
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  echo "These packages are needed: ${missing[*]}" >&2
  echo "Install them, then run again:  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing: ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}"
