#!/usr/bin/env bash
# The test command: installs what the tests need (see scripts/setup.sh), then runs every test.
# Extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
cargo test "$@"
