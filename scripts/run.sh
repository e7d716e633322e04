#!/usr/bin/env bash
# The run command: installs what building and a window need (see scripts/setup.sh), then runs
# the app. With no arguments it opens the built-in sample; arguments go to kairan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh build window
cargo run --release -- "$@"
