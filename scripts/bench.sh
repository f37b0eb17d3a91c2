#!/usr/bin/env bash
# The benchmark table: generated plans folders of 1,000, 10,000 and 100,000 plans (or the
# sizes given, e.g. `scripts/bench.sh 1000 10000`), release build, with the machine it ran on.
# Folders are generated once under target/tmp (about 300 MB for 100,000 plans) and reused.
# Each size: `cat`, the loads cold (no cache), making the cache and warm (from it), `check`
# cold and warm, the app's first frame, all plans listed cold and warm, all plans read warm,
# frames, an edit on a generated plan and on a plan of 10,000 needs, peak memory.
# Needs: a Rust toolchain, xargs and cat. Runs in a few minutes on 2 cores; on a machine shared
# with other work (builds, CI) the timings move: ratios measured in one run are what to compare.
set -euo pipefail
cd "$(dirname "$0")/.."

cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
echo "aftercare $(git describe --always --dirty 2>/dev/null || echo '(no git)'), $(date +%Y-%m-%d)," \
  "${cores} cores (nproc), ${cpu:-unknown CPU}, $(rustc --version | cut -d' ' -f1-2)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo
cargo bench --quiet --bench folder -- "$@"
