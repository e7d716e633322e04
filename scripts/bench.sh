#!/usr/bin/env bash
# Benchmarks Kairan against the floor of the same work done by standard tools, and writes
# docs/performance.md with the machine, medians and ratios.
#
# usage: scripts/bench.sh            (needs: hyperfine minisign zip coreutils python3; installs them with apt-get if missing)
#
# 1. verify: `kairan verify` of a 64 MiB bundle  vs  `sha256sum` of the payload + `minisign -V` of the manifest
# 2. start:  the viewer on the sample to its first painted frame, under Xvfb  vs  a bare eframe window
#            with the same features and window options (examples/first_frame.rs)
# 3. frame:  steady-state CPU time of a frame scrolled to the middle of a 10 MB notice  vs  the sample
#            (benches/frame.rs)
# 4. memory: peak RSS of `kairan verify` on the 64 MiB bundle minus on the sample, against the bundle size
# 5. pack:   `kairan pack` of 64 MiB            vs  `zip -0` + `sha256sum` + `minisign -S` of the same files
# 6. library: list and search over 1,000 kept notices  vs  SQLite's own time for the same queries
#            (benches/library.rs)
# 7. pdf:    a PDF of the sample (with its slip) and of a 100-page notice  vs  the same engine
#            setting the same text as plain paragraphs (benches/pdf.rs)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
for tool in hyperfine minisign zip python3 xvfb-run pdfinfo; do
  command -v "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$(case $tool in xvfb-run) echo xvfb ;; pdfinfo) echo poppler-utils ;; *) echo "$tool" ;; esac)"; }
done
cargo build --release --quiet --bins --examples
kairan=$root/target/release/kairan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A notice folder: the sample's firm notice plus a 64 MiB attachment of random bytes.
mkdir -p "$work/big/documents" "$work/big/attachments"
python3 -c "import sys, zipfile; open(sys.argv[2], 'wb').write(zipfile.ZipFile(sys.argv[1]).read('documents/firm-notice-2023-06-29.json'))" \
  notices/mikasa-2023-06-29.kairan "$work/big/documents/firm-notice-2023-06-29.json"
python3 - "$work/big/documents/firm-notice-2023-06-29.json" <<'PY'
import json, sys
path = sys.argv[1]
doc = json.load(open(path))
for block in doc["body"]:
    for inline in block.get("content", []):
        if inline.get("type") == "link":
            inline["target"] = {"kind": "external", "url": "https://example.invalid/"}
json.dump(doc, open(path, "w"), ensure_ascii=False, indent=2)
PY
head -c $((64 * 1024 * 1024)) /dev/urandom > "$work/big/attachments/payload.bin"
cat > "$work/big/bundle.json" <<'JSON'
{"bundle_id": "bench-64m", "series": {"id": "bench", "sequence": 1}, "issued_at": "2026-01-01T00:00:00Z",
 "issuer_name": "Benchmark", "entries": [
  {"file": "documents/firm-notice-2023-06-29.json", "role": "firm_notice"},
  {"file": "attachments/payload.bin", "role": "attachment", "media_type": "application/octet-stream"}]}
JSON
key=notices/demo-key/kairan-demo.key
pub=notices/demo-key/kairan-demo.pub
"$kairan" pack "$work/big" --key "$key" -o "$work/big.kairan" >/dev/null
# The floor's inputs: the manifest and its signature as they are in the bundle.
(cd "$work" && python3 -c "import zipfile; zipfile.ZipFile('big.kairan').extractall('extracted')")
cp notices/mikasa-2023-06-29.kairan "$work/sample.kairan"

runs=15
hyperfine --style none --warmup 3 --runs $runs --export-json "$work/verify.json" \
  -n kairan-verify "$kairan verify $work/big.kairan" \
  -n floor-sha256sum+minisign "sha256sum $work/big/attachments/payload.bin $work/big/documents/firm-notice-2023-06-29.json && minisign -Vqm $work/extracted/manifest.json -x $work/extracted/manifest.json.minisig -p $pub" >/dev/null

# Floor for pack: store the same files with zip -0, hash them, sign a manifest of the same size.
cp "$work/extracted/manifest.json" "$work/floor-manifest.json"
demo_minisign_key=$work/demo-minisign.key
# The stock tool reads the crate-format demo key; it must not ask for a password (unprotected).
cp "$key" "$demo_minisign_key"
hyperfine --style none --warmup 2 --runs $runs --export-json "$work/pack.json" \
  --prepare "rm -f $work/out.kairan $work/floor.zip $work/floor-manifest.json.minisig" \
  -n kairan-pack "$kairan pack $work/big --key $key -o $work/out.kairan" \
  -n floor-zip+sha256sum+minisign "cd $work/big && zip -q -0 -X $work/floor.zip bundle.json documents/firm-notice-2023-06-29.json attachments/payload.bin && sha256sum documents/firm-notice-2023-06-29.json attachments/payload.bin >/dev/null && minisign -S -s $demo_minisign_key -m $work/floor-manifest.json </dev/null >/dev/null" >/dev/null

# 2. Start-up to first frame, both under one Xvfb server, with a private home and config.
mkdir -p "$work/home" "$work/runtime"; chmod 700 "$work/runtime"
HOME=$work/home XDG_RUNTIME_DIR=$work/runtime KAIRAN_CONFIG_DIR=$work/home/config \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  hyperfine --style none --warmup 2 --runs $runs --export-json "$work/start.json" \
  -n kairan-first-frame "$root/target/release/examples/first_frame kairan" \
  -n bare-eframe-first-frame "$root/target/release/examples/first_frame bare" >/dev/null

# 3. Frame cost, in-process (median of 300 frames each).
KAIRAN_BENCH_WORST=1 cargo bench --quiet --bench frame 2>/dev/null | tee "$work/frame-all.txt" | grep '^frame:' > "$work/frame.txt"
grep '^worst:' "$work/frame-all.txt" > "$work/worst.txt" || true

# 6. The library of received notices, in-process (median of 25 runs each).
cargo bench --quiet --bench library 2>/dev/null | grep '^library:' > "$work/library.txt"

# 7. PDF export, in-process (median of 15 runs for the sample, 5 for 100 pages).
cargo bench --quiet --bench pdf 2>/dev/null | grep '^pdf:' > "$work/pdf.txt"

# 8. Import of long lines, in-process (median of 7 runs each).
cargo bench --quiet --bench import 2>/dev/null | grep '^import:' > "$work/import.txt"

rss() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1; }
big_rss=(); sample_rss=()
for _ in 1 2 3 4 5; do
  big_rss+=("$(rss "$kairan" verify "$work/big.kairan")")
  sample_rss+=("$(rss "$kairan" verify "$work/sample.kairan")")
done
bundle_bytes=$(stat -c %s "$work/big.kairan")

python3 - "$work" "$bundle_bytes" "${big_rss[*]}" "${sample_rss[*]}" <<'PY'
import json, os, platform, statistics, subprocess, sys, datetime
work, bundle_bytes, big, sample = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4].split()
def medians(name):
    data = json.load(open(os.path.join(work, name)))
    return [(r["command"], statistics.median(r["times"])) for r in data["results"]]
verify = medians("verify.json"); pack = medians("pack.json"); start = medians("start.json")
import re
frame_line = open(os.path.join(work, "frame.txt")).read().strip()
frame_numbers = re.findall(r"([0-9.]+) ms", frame_line)
frame_small, frame_large = float(frame_numbers[0]), float(frame_numbers[1])
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
big_kib = statistics.median(map(int, big)); sample_kib = statistics.median(map(int, sample))
extra = (big_kib - sample_kib) * 1024
def row(results):
    (a, ta), (b, tb) = results
    return ta, tb, ta / tb
v = row(verify); p = row(pack); st = row(start)
fr = frame_large / frame_small
library_lines = "\n".join("   - " + line.split(":", 1)[1].strip() for line in open(os.path.join(work, "library.txt")).read().splitlines())
pdf_lines = "\n".join("   - " + line.split(":", 1)[1].strip() for line in open(os.path.join(work, "pdf.txt")).read().splitlines())
worst_lines = "\n".join("   - " + line.split(":", 1)[1].strip() for line in open(os.path.join(work, "worst.txt")).read().splitlines())
import_lines = "\n".join("   - " + line.split(":", 1)[1].strip() for line in open(os.path.join(work, "import.txt")).read().splitlines())
out = f"""# Performance

Measured by `scripts/bench.sh` on {datetime.date.today()} — {cpu}, {os.cpu_count()} cores,
{platform.system()} {platform.release()}. Medians of repeated runs (hyperfine); these machines are
shared and noisy, so read ratios, not absolute times. Release build.

| benchmark | Kairan | floor | ratio | target |
|---|---|---|---|---|
| 1. verify a 64 MiB bundle (`kairan verify`) vs `sha256sum` of the payload + `minisign -V` of the manifest | {v[0]*1000:.1f} ms | {v[1]*1000:.1f} ms | {v[2]:.2f}× | ≤ 1.25× {'✔' if v[2] <= 1.25 else '✘'} |
| 2. start-up to first painted frame, sample, under Xvfb, vs a bare eframe window with the same features | {st[0]*1000:.1f} ms | {st[1]*1000:.1f} ms | {st[2]:.2f}× | ≤ 1.5× {'✔' if st[2] <= 1.5 else '✘'} |
| 3. frame CPU time scrolled to the middle of a 10 MB notice vs the sample (layout + drawing + tessellation) | {frame_large:.3} ms | {frame_small:.3} ms | {fr:.2f}× | ≤ 1.5× {'✔' if fr <= 1.5 else '✘'} |
| 4. peak RSS opening the 64 MiB bundle minus with the sample, vs bundle size | {extra/2**20:.1f} MiB | {bundle_bytes/2**20:.1f} MiB | {extra/bundle_bytes:.2f}× | ≤ 1.5× {'✔' if extra/bundle_bytes <= 1.5 else '✘'} |
| 5. pack + sign 64 MiB (`kairan pack`) vs `zip -0` + `sha256sum` + `minisign -S` | {p[0]*1000:.1f} ms | {p[1]*1000:.1f} ms | {p[2]:.2f}× | ≤ 1.5× {'✔' if p[2] <= 1.5 else '✘'} |

Peak RSS (median of 5, KiB): 64 MiB bundle {big_kib}, sample {sample_kib}.

6. Library of received notices, 1,000 kept notices (`benches/library.rs`; floor: SQLite's own
   time for the same query on the same database, every row and column read):

{library_lines}

7. PDF export (`benches/pdf.rs`; floor: the same engine setting the same text in the same font
   and page size as plain paragraphs, no verdict strip, footer, notes, boxes or letter layout):

{pdf_lines}

8. Import of long lines (`benches/import.rs`; floor: counting the characters of each line of the
   same text; the import must stay linear, about 8× the time for an 8× longer line):

{import_lines}

9. The viewer's worst cases within the caps (`benches/frame.rs` with `KAIRAN_BENCH_WORST=1`:
   first frame, steady frame and peak memory so far, against the sample):

{worst_lines}
"""
extra_notes = os.path.join("docs", "performance-notes.md")
if os.path.exists(extra_notes):
    out += "\n" + open(extra_notes).read()
open(os.path.join("docs", "performance.md"), "w").write(out)
print(out)
PY
