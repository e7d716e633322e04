#!/usr/bin/env bash
# Retakes the README screenshots from the real window under Xvfb.
#
# usage: docs/screenshots/take.sh [NAME]     (after `cargo build --release`; NAME retakes one)
# Needs (Debian): xvfb xauth x11-apps xdotool imagemagick, plus a GL renderer
# (libegl1 libegl-mesa0 libgl1-mesa-dri) and libxcursor1 libxi6 libxkbcommon-x11-0.
# Each shot runs with an empty HOME so saved settings do not leak in.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$PWD/target/release/kairan
only=${1:-}
out=$PWD/docs/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A tampered copy of the sample: one byte of the firm notice's text changed.
python3 - "$work/tampered.kairan" <<'PY'
import sys
data = bytearray(open("notices/mikasa-2023-06-29.kairan", "rb").read())
at = data.find("時下ますます".encode())
data[at + 2] ^= 1
open(sys.argv[1], "wb").write(data)
PY

# shot NAME LANG "xdotool steps" [FILE]
shot() {
  local name=$1 lang=$2 steps=$3 file=${4:-}
  if [ -n "$only" ] && [ "$only" != "$name" ]; then return 0; fi
  mkdir -p "$work/home-$name"
  HOME="$work/home-$name" LANG=$lang xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    "$1" ${2:+"$2"} & pid=$!
    sleep 3
    wid=$(xdotool search --name Kairan | head -1)
    xdotool windowfocus --sync "$wid" 2>/dev/null || true
    eval "$3"
    sleep 2.5
    xwd -root -silent | /usr/bin/convert xwd:- -strip -colors 256 png8:"$4"
    kill $pid' _ "$bin" "$file" "$steps" "$out/$name.png"
  echo "$out/$name.png"
}

walk_to_first_mask='xdotool mousemove 700 450 click 1; sleep 0.3; for i in 1 2 3 4 5 6; do xdotool key F8; sleep 0.2; done'
shot sample-ja ja_JP.UTF-8 "$walk_to_first_mask"
shot english en_US.UTF-8 "$walk_to_first_mask; sleep 2; xdotool mousemove 850 356; sleep 0.4; xdotool mousemove 852 357"
shot tampered ja_JP.UTF-8 ":" "$work/tampered.kairan"
# View ▸ Theme ▸ Dark chosen at run time (the font atlas is rebuilt; the letters must stay whole).
shot dark-after-switch en_US.UTF-8 "xdotool mousemove 58 12 click 1; sleep 0.7; xdotool mousemove 80 231 click 1; sleep 1.5; xdotool mousemove 640 790"

# A bundle signed by a key the reader does not trust yet, with "Trust this key as…" clicked.
# The empty HOME means an empty trust store.
"$bin" keygen --unprotected -o "$work/firm" >/dev/null
"$bin" pack notices/mikasa-2023-06-29 --key "$work/firm.key" -o "$work/unknown.kairan" >/dev/null 2>&1
shot unknown-signer ja_JP.UTF-8 "xdotool mousemove 193 142 click 1; sleep 1; xdotool mousemove 640 790" "$work/unknown.kairan"
# The live preview of the sample's source folder with a planted individual number (マイナンバー),
# its checks panel, and the error finding clicked (the paragraph scrolls into view and flashes).
preview_dir=$work/preview-folder
cp -r notices/mikasa-2023-06-29 "$preview_dir"
sed -i 's/^平素より当法人に対しまして/対象の方（個人番号 123456789018）には個別にご連絡いたします。\n\n&/' \
  "$preview_dir/documents/firm-notice-2023-06-29.notice.md"
mkdir -p "$work/home-preview"
HOME="$work/home-preview" LANG=ja_JP.UTF-8 xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$1" preview "$2" & pid=$!
  sleep 3.5
  wid=$(xdotool search --name Kairan | head -1)
  xdotool windowfocus --sync "$wid" 2>/dev/null || true
  xdotool mousemove 600 661 click 1; sleep 0.5
  xwd -root -silent | /usr/bin/convert xwd:- -strip -colors 256 png8:"$3"
  kill $pid' _ "$bin" "$preview_dir" "$out/preview.png"
echo "$out/preview.png"
