#!/usr/bin/env bash
# The benchmark table: generated plans folders of 1,000, 10,000 and 100,000 plans (or the
# sizes given, e.g. `scripts/bench.sh 1000 10000`), release build, with the machine it ran on.
# Folders are generated once under target/tmp (about 300 MB for 100,000 plans) and reused.
# Needs: a Rust toolchain, xargs and cat. Runs in a few minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
echo "aftercare $(git describe --always --dirty 2>/dev/null || echo '(no git)'), $(date +%Y-%m-%d)," \
  "${cores} cores (nproc), ${cpu:-unknown CPU}, $(rustc --version | cut -d' ' -f1-2)"
echo
cargo bench --quiet --bench folder -- "$@"
