#!/usr/bin/env bash
# Builds the Debian package, target/debian/kairan_VERSION-1_ARCH.deb, with cargo-deb (installed
# here, at the version below, if missing). What goes in it is `[package.metadata.deb]` in
# Cargo.toml.
#
# usage: scripts/package.sh           a release build, stripped: the package to hand out
#        scripts/package.sh --tested  the debug build `cargo test` has just made, unstripped: what
#                                     CI installs and checks, without a second, release build
set -euo pipefail
cd "$(dirname "$0")/.."
cargo_deb_version=3.8.0

bash scripts/setup.sh build
if [ "$(cargo deb --version 2>/dev/null)" != "cargo-deb $cargo_deb_version" ]; then
  cargo install cargo-deb --locked --version "$cargo_deb_version"
fi
case ${1:-} in
  "") cargo deb ;;
  --tested)
    [ -x target/debug/kairan ] || { echo "package.sh: run the tests first (no target/debug/kairan)" >&2; exit 1; }
    cargo deb --quiet --profile dev --no-build --fast ;;
  *) echo "package.sh: unknown option '$1' (use --tested or nothing)" >&2; exit 2 ;;
esac
