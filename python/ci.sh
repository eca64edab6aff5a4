#!/usr/bin/env bash
# The Python package in CI (issue 28): build the wheel with maturin (zig, manylinux_2_28),
# install it into a fresh virtual environment with pytest and PySpark (pinned), run the
# Python tests (every API, the command line's bytes, pickling, threads), then the Spark
# tests in local[2]. Usage: python/ci.sh [BIN] (BIN: the release binary to compare with).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/resume-export}

MATURIN=1.16.0
ZIG=0.17.1
AUDITWHEEL=6.8.2
PYSPARK=4.1.4
PYARROW=26.0.1
PANDAS=2.3.3
PYTEST=9.2.0

# A Python of 3.10 or later (the wheel's floor).
py=python3
python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { echo "python3 is older than 3.10"; exit 1; }

# The build tools, in their own environment (kept between runs in target/).
tools=target/py-tools
if [ ! -x "$tools/bin/maturin" ] || ! "$tools/bin/python" -c 'import ziglang' 2>/dev/null; then
  "$py" -m venv "$tools"
  "$tools/bin/pip" install -q "maturin==$MATURIN" "ziglang==$ZIG" "auditwheel==$AUDITWHEEL"
fi

echo "== building the wheel (maturin --zig, manylinux_2_28)"
rm -rf target/wheels
if ! PATH="$PWD/$tools/bin:$PATH" "$tools/bin/maturin" build --locked --release --zig \
  --compatibility manylinux_2_28 -m python/Cargo.toml -o target/wheels --quiet; then
  # Said loudly, not hidden: the wheel then needs this machine's glibc (auditwheel below).
  echo "== WARNING: the zig build failed; building against this machine's glibc instead"
  rm -rf target/wheels
  "$tools/bin/maturin" build --locked --release -m python/Cargo.toml -o target/wheels --quiet
fi
wheel=$(ls target/wheels/resume_export-*.whl)
echo "== $wheel ($(du -k "$wheel" | cut -f1) KiB)"
"$tools/bin/auditwheel" show "$wheel"

# A fresh environment: only the wheel and what the tests need, no Rust.
venv=target/py-test-venv
rm -rf "$venv"
"$py" -m venv "$venv"
"$venv/bin/pip" install -q "$wheel" "pytest==$PYTEST" "pyspark==$PYSPARK" "pyarrow==$PYARROW" "pandas==$PANDAS"
so=$("$venv/bin/python" -c 'import resume_export._native as m; print(m.__file__)')
echo "== native module: $(du -k "$so" | cut -f1) KiB ($so)"

# Run from python/tests, not the source folder, so the installed package is the one imported.
cd python/tests
RESUME_EXPORT_BIN="$PWD/../../$bin" timeout 900 "../../$venv/bin/python" -m pytest -q -p no:cacheprovider \
  test_api.py test_cli_equality.py test_options.py test_letters.py
# Spark in local[2]: bounded (a few minutes at most).
RESUME_EXPORT_SPARK=required timeout 600 "../../$venv/bin/python" -m pytest -q -p no:cacheprovider test_spark.py
