#!/usr/bin/env bash
# Benchmarks Kairan against the floor of the same work done by standard tools, and writes
# docs/performance.md with the machine, medians and ratios.
#
# usage: scripts/bench.sh            (needs: hyperfine minisign zip coreutils python3; installs them with apt-get if missing)
#
# 1. verify: `kairan verify --no-library` of a 64 MiB and a 512 MiB bundle  vs  `openssl dgst -sha256`
#            of the payload (the CPU's SHA extensions) + `minisign -V` of the manifest
# 2. start:  the viewer on the sample to its first painted frame, under Xvfb  vs  a bare eframe window
#            with the same features and window options (examples/first_frame.rs)
# 3. frame:  steady-state CPU time of a frame scrolled to the middle of a 10 MB notice  vs  the sample
#            (benches/frame.rs)
# 4. memory: peak RSS of `kairan verify --no-library` on each big bundle minus on the sample
# 5. pack:   `kairan pack` of 64 MiB            vs  `zip -0` + `sha256sum` + `minisign -S` of the same files
# 6. library: list and search over 1,000 kept notices  vs  SQLite's own time for the same queries
#            (benches/library.rs)
# 7. pdf:    a PDF of the sample (with its slip) and of a 100-page notice  vs  the same engine
#            setting the same text as plain paragraphs (benches/pdf.rs)
# 10. recipients: `kairan pack --recipients` of 1,000 clients  vs  1,000 runs of `minisign -S`;
#            and of 10,000 clients  vs  the 1,000
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
for tool in hyperfine minisign zip python3 xvfb-run pdfinfo openssl; do
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
# The largest bundle Kairan opens: 512 MiB, so two attachments (an entry holds at most 256 MiB).
mkdir -p "$work/huge/documents" "$work/huge/attachments"
cp "$work/big/documents/firm-notice-2023-06-29.json" "$work/huge/documents/"
head -c $((255 * 1024 * 1024)) /dev/urandom > "$work/huge/attachments/a.bin"
head -c $((255 * 1024 * 1024)) /dev/urandom > "$work/huge/attachments/b.bin"
cat > "$work/huge/bundle.json" <<'JSON'
{"bundle_id": "bench-512m", "series": {"id": "bench", "sequence": 1}, "issued_at": "2026-01-01T00:00:00Z",
 "issuer_name": "Benchmark", "entries": [
  {"file": "documents/firm-notice-2023-06-29.json", "role": "firm_notice"},
  {"file": "attachments/a.bin", "role": "attachment", "media_type": "application/octet-stream"},
  {"file": "attachments/b.bin", "role": "attachment", "media_type": "application/octet-stream"}]}
JSON
key=notices/demo-key/kairan-demo.key
pub=notices/demo-key/kairan-demo.pub
"$kairan" pack "$work/big" --key "$key" -o "$work/big.kairan" >/dev/null 2>&1
"$kairan" pack "$work/huge" --key "$key" -o "$work/huge.kairan" >/dev/null 2>&1
# The floor's inputs: the manifest and its signature as they are in the bundle.
(cd "$work" && python3 -c "import zipfile; zipfile.ZipFile('big.kairan').extractall('extracted')")
(cd "$work" && python3 -c "import zipfile; [zipfile.ZipFile('huge.kairan').extract(n, 'extracted-huge') for n in ('manifest.json', 'manifest.json.minisig')]")
cp notices/mikasa-2023-06-29.kairan "$work/sample.kairan"

runs=15
# `--no-library`: verification alone (by default `verify` also keeps a copy in the reader's
# library, a file copy the floor does not make). A verdict other than "verified" exits non-zero
# (the demo key is not trusted here), so hyperfine is told to accept it.
hyperfine --style none --warmup 3 --runs $runs -i --export-json "$work/verify.json" \
  -n kairan-verify "$kairan verify --no-library $work/big.kairan" \
  -n floor-openssl+minisign "openssl dgst -sha256 $work/big/attachments/payload.bin $work/big/documents/firm-notice-2023-06-29.json >/dev/null && minisign -Vqm $work/extracted/manifest.json -x $work/extracted/manifest.json.minisig -p $pub" >/dev/null
hyperfine --style none --warmup 1 --runs 7 -i --export-json "$work/verify-huge.json" \
  -n kairan-verify "$kairan verify --no-library $work/huge.kairan" \
  -n floor-openssl+minisign "openssl dgst -sha256 $work/huge/attachments/a.bin $work/huge/attachments/b.bin $work/huge/documents/firm-notice-2023-06-29.json >/dev/null && minisign -Vqm $work/extracted-huge/manifest.json -x $work/extracted-huge/manifest.json.minisig -p $pub" >/dev/null

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
grep '^frame-view:' "$work/frame-all.txt" > "$work/frame-views.txt" || true

# 6. The library of received notices, in-process (median of 25 runs each).
cargo bench --quiet --bench library 2>/dev/null | grep '^library:' > "$work/library.txt"

# 7. PDF export, in-process (median of 15 runs for the sample, 5 for 100 pages).
cargo bench --quiet --bench pdf 2>/dev/null | grep '^pdf:' > "$work/pdf.txt"

# 8. Import of long lines, in-process (median of 7 runs each).
cargo bench --quiet --bench import 2>/dev/null | grep '^import:' > "$work/import.txt"

# Peak RSS in KiB. A verdict other than "verified" exits non-zero (the demo key is not
# trusted here); that is not a failure of the measurement.
rss() { { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -n 1; }
big_rss=(); huge_rss=(); sample_rss=()
for _ in 1 2 3 4 5; do
  big_rss+=("$(rss "$kairan" verify --no-library "$work/big.kairan")")
  huge_rss+=("$(rss "$kairan" verify --no-library "$work/huge.kairan")")
  sample_rss+=("$(rss "$kairan" verify --no-library "$work/sample.kairan")")
done
bundle_bytes=$(stat -c %s "$work/big.kairan")
huge_bytes=$(stat -c %s "$work/huge.kairan")

# The viewer's peak RSS with each bundle shown (to its first painted frame, under Xvfb; it
# also keeps the file in its library, as a reader's viewer does).
viewer_rss() {
  { HOME=$work/home XDG_RUNTIME_DIR=$work/runtime KAIRAN_CONFIG_DIR=$work/home/config \
      xvfb-run -a -s "-screen 0 1280x800x24" /usr/bin/time -f '%M' \
      "$root/target/release/examples/first_frame" "$@" 2>&1 >/dev/null || true; } | tail -n 1
}
viewer_sample=(); viewer_big=(); viewer_huge=()
for _ in 1 2 3; do
  viewer_sample+=("$(viewer_rss kairan-file "$work/sample.kairan")")
  viewer_big+=("$(viewer_rss kairan-file "$work/big.kairan")")
  viewer_huge+=("$(viewer_rss kairan-file "$work/huge.kairan")")
done

# 10. One bundle per client: 1,000 and 10,000 clients, against 1,000 runs of the stock signer.
python3 - "$work" <<'PY'
import sys
for n in (1000, 10000):
    with open(f"{sys.argv[1]}/clients-{n}.csv", "w") as f:
        f.write("recipient,id\n")
        for i in range(n):
            f.write(f"株式会社クライアント{i:05d} 御中,c{i:05d}\n")
PY
# Each run writes into a new folder: deleting thousands of files between runs makes the next
# run's file creation slower (ext4 skips recently freed inodes), which is not Kairan's cost.
mkdir -p "$work/out"
hyperfine --style none --warmup 1 --runs 5 --export-json "$work/recipients.json" \
  -n kairan-pack-1000 "$kairan pack notices/mikasa-2023-06-29 --key $key --recipients $work/clients-1000.csv -o \$(mktemp -d -p $work/out)" \
  -n floor-1000-minisign "for i in \$(seq 1000); do minisign -S -s $demo_minisign_key -m $work/floor-manifest.json </dev/null >/dev/null; done" >/dev/null
hyperfine --style none --warmup 0 --runs 3 --export-json "$work/recipients-10000.json" \
  -n kairan-pack-10000 "$kairan pack notices/mikasa-2023-06-29 --key $key --recipients $work/clients-10000.csv -o \$(mktemp -d -p $work/out)" >/dev/null

python3 - "$work" "$bundle_bytes" "${big_rss[*]}" "${sample_rss[*]}" "$huge_bytes" "${huge_rss[*]}" \
  "${viewer_sample[*]}" "${viewer_big[*]}" "${viewer_huge[*]}" <<'PY'
import json, os, platform, statistics, subprocess, sys, datetime
work, bundle_bytes, big, sample = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4].split()
huge_bytes, huge = int(sys.argv[5]), sys.argv[6].split()
viewer_sample, viewer_big, viewer_huge = (statistics.median(map(int, sys.argv[i].split())) for i in (7, 8, 9))
viewer_big_extra = (viewer_big - viewer_sample) * 1024
viewer_huge_extra = (viewer_huge - viewer_sample) * 1024
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
vh = row(medians("verify-huge.json"))
huge_kib = statistics.median(map(int, huge))
huge_extra = (huge_kib - sample_kib) * 1024
rc = medians("recipients.json"); r = row(rc)
r10 = medians("recipients-10000.json")[0][1]
linear = r10 / r[0]
fr = frame_large / frame_small
library_lines = "\n".join("   - " + line.split(":", 1)[1].strip() for line in open(os.path.join(work, "library.txt")).read().splitlines())
pdf_lines = "\n".join("   - " + line.split(":", 1)[1].strip() for line in open(os.path.join(work, "pdf.txt")).read().splitlines())
worst_lines = "\n".join("   - " + line.split(":", 1)[1].strip() for line in open(os.path.join(work, "worst.txt")).read().splitlines())
view_lines = []
for line in open(os.path.join(work, "frame-views.txt")).read().splitlines():
    name, rest = line.split(":", 1)[1].split(":", 1)
    ratio = float(re.findall(r"ratio ([0-9.]+)", rest)[0])
    view_lines.append(f"   - {name.strip()}: {rest.strip()} {'✔' if ratio <= 1.0 else '✘'} (target ≤ 1.0×)")
view_lines = "\n".join(view_lines)
import_lines = "\n".join("   - " + line.split(":", 1)[1].strip() for line in open(os.path.join(work, "import.txt")).read().splitlines())
out = f"""# Performance

Measured by `scripts/bench.sh` on {datetime.date.today()} — {cpu}, {os.cpu_count()} cores,
{platform.system()} {platform.release()}. Medians of repeated runs (hyperfine); these machines are
shared and noisy, so read ratios, not absolute times. Release build.

| benchmark | Kairan | floor | ratio | target |
|---|---|---|---|---|
| 1a. verify a 64 MiB bundle (`kairan verify --no-library`) vs `openssl dgst -sha256` of the payload + `minisign -V` of the manifest | {v[0]*1000:.1f} ms | {v[1]*1000:.1f} ms | {v[2]:.2f}× | ≤ 1.1× {'✔' if v[2] <= 1.1 else '✘'} |
| 1b. verify a 512 MiB bundle (two 255 MiB attachments), the same way | {vh[0]*1000:.1f} ms | {vh[1]*1000:.1f} ms | {vh[2]:.2f}× | ≤ 1.1× {'✔' if vh[2] <= 1.1 else '✘'} |
| 2. start-up to first painted frame, sample, under Xvfb, vs a bare eframe window with the same features | {st[0]*1000:.1f} ms | {st[1]*1000:.1f} ms | {st[2]:.2f}× | ≤ 1.1× {'✔' if st[2] <= 1.1 else '✘'} |
| 3. frame CPU time scrolled to the middle of a 10 MB notice vs the sample (layout + drawing + tessellation) | {frame_large:.3} ms | {frame_small:.3} ms | {fr:.2f}× | ≤ 1.5× {'✔' if fr <= 1.5 else '✘'} |
| 4a. peak RSS verifying the 64 MiB bundle minus the sample (attachments cost at most 16 MiB) | {extra/2**20:.1f} MiB | bundle {bundle_bytes/2**20:.1f} MiB | {extra/bundle_bytes:.2f}× | ≤ 16 MiB {'✔' if extra <= 16 * 2**20 else '✘'} |
| 4b. the same for the 512 MiB bundle | {huge_extra/2**20:.1f} MiB | bundle {huge_bytes/2**20:.1f} MiB | {huge_extra/huge_bytes:.3f}× | ≤ 16 MiB {'✔' if huge_extra <= 16 * 2**20 else '✘'} |
| 4c. peak RSS of the viewer showing the 64 MiB bundle minus showing the sample | {viewer_big_extra/2**20:.1f} MiB | bundle {bundle_bytes/2**20:.1f} MiB | {viewer_big_extra/bundle_bytes:.2f}× | ≤ 16 MiB {'✔' if viewer_big_extra <= 16 * 2**20 else '✘'} |
| 4d. the same for the 512 MiB bundle | {viewer_huge_extra/2**20:.1f} MiB | bundle {huge_bytes/2**20:.1f} MiB | {viewer_huge_extra/huge_bytes:.3f}× | ≤ 16 MiB {'✔' if viewer_huge_extra <= 16 * 2**20 else '✘'} |
| 5. pack + sign 64 MiB (`kairan pack`) vs `zip -0` + `sha256sum` + `minisign -S` | {p[0]*1000:.1f} ms | {p[1]*1000:.1f} ms | {p[2]:.2f}× | ≤ 1.5× {'✔' if p[2] <= 1.5 else '✘'} |
| 10a. one bundle per client, 1,000 clients (`kairan pack --recipients`: pack, sign, verify, write, read back) vs 1,000 runs of `minisign -S` | {r[0]*1000:.0f} ms | {r[1]*1000:.0f} ms | {r[2]:.2f}× | ≤ 1.2× {'✔' if r[2] <= 1.2 else '✘'} |
| 10b. 10,000 clients vs 1,000 (linear would be 10×) | {r10*1000:.0f} ms | {r[0]*1000:.0f} ms | {linear:.2f}× | ≤ 10.5× {'✔' if linear <= 10.5 else '✘'} |

Frame cost (3) in other views, the same notice against the sample in the same view:

{view_lines}

Peak RSS (median of 5, KiB): 512 MiB bundle {huge_kib}, 64 MiB bundle {big_kib}, sample {sample_kib};
in the viewer (median of 3): {viewer_huge:.0f}, {viewer_big:.0f}, {viewer_sample:.0f}.

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
