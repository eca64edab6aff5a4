"""Consistency checks between the Dockerfile and deploy/kubernetes/ (called by check_deploy.sh).

The schemas say each manifest is well formed; this says they fit together and use
`resume-export serve` as documented: its flags, probes, token, grace and workers.
Prints one line per problem; exit 1 if any.
"""

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "kubernetes"
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


def load(name):
    return list(yaml.safe_load_all((K8S / name).read_text()))


def one(docs, kind):
    found = [d for d in docs if d and d.get("kind") == kind]
    check(len(found) == 1, f"expected one {kind}, found {len(found)}")
    return found[0] if found else {}


def seconds(text):
    m = re.fullmatch(r"(\d+)(ms|s|m)?", str(text))
    check(m is not None, f"cannot read the duration {text!r}")
    if not m:
        return 0
    n, unit = int(m.group(1)), m.group(2) or "s"
    return {"ms": n / 1000, "s": n, "m": n * 60}[unit]


def cpu(q):
    q = str(q)
    return int(q[:-1]) / 1000 if q.endswith("m") else float(q)


def flags(args):
    """--name value pairs of a container's args (serve takes only valued flags)."""
    out = {}
    for i, a in enumerate(args):
        if a.startswith("--"):
            check(i + 1 < len(args) and not args[i + 1].startswith("--"), f"{a} has no value")
            out[a] = args[i + 1] if i + 1 < len(args) else None
    return out


def hardened(spec, c, where):
    pod = spec.get("securityContext", {})
    sc = c.get("securityContext", {})
    check(pod.get("runAsNonRoot") is True or sc.get("runAsNonRoot") is True, f"{where}: runAsNonRoot")
    check(pod.get("runAsUser") == 10001, f"{where}: runAsUser is not the image's 10001")
    check(sc.get("allowPrivilegeEscalation") is False, f"{where}: allowPrivilegeEscalation")
    check(sc.get("readOnlyRootFilesystem") is True, f"{where}: readOnlyRootFilesystem")
    check(sc.get("capabilities", {}).get("drop") == ["ALL"], f"{where}: capabilities.drop ALL")
    check(sc.get("privileged") in (None, False), f"{where}: privileged")
    check(spec.get("automountServiceAccountToken") is False, f"{where}: service account token mounted")
    res = c.get("resources", {})
    check({"cpu", "memory"} <= set(res.get("requests", {})), f"{where}: cpu and memory requests")
    check({"cpu", "memory"} <= set(res.get("limits", {})), f"{where}: cpu and memory limits")


# ---- Dockerfile
dockerfile = (ROOT / "Dockerfile").read_text()
check(re.search(r"^FROM rust:\$\{RUST_VERSION\}-bookworm AS builder", dockerfile, re.M), "builder stage")
check("ARG RUST_VERSION=1.88" in dockerfile, "RUST_VERSION is not the crate's rust-version 1.88")
cargo_toml = (ROOT / "Cargo.toml").read_text()
check('rust-version = "1.88"' in cargo_toml, "Cargo.toml's rust-version changed: update the Dockerfile")
check(dockerfile.count("cargo build --release --locked") == 2, "both cargo builds use --release --locked")
for bench in re.findall(r'\[\[bench\]\]\s*name = "([^"]+)"', cargo_toml):
    check(f"benches/{bench}.rs" in dockerfile, f"the dependency stage has no stub for bench {bench}")
check(re.search(r"^USER 10001:10001$", dockerfile, re.M), "non-root USER 10001")
check(re.search(r"^EXPOSE 8080$", dockerfile, re.M), "EXPOSE 8080")
check(re.search(r"^HEALTHCHECK ", dockerfile, re.M), "HEALTHCHECK")
check('ENTRYPOINT ["/usr/local/bin/resume-export"]' in dockerfile, "ENTRYPOINT is the binary")
check('CMD ["serve", "--bind", "0.0.0.0:8080"]' in dockerfile, "CMD serve --bind 0.0.0.0:8080")
ignore = (ROOT / ".dockerignore").read_text().split()
for p in ("target/", ".git/"):
    check(p in ignore, f".dockerignore lacks {p}")
for copied in re.findall(r"^COPY (?!--from)(?:--chmod=\S+ )?(\S+) ", dockerfile, re.M):
    check(copied == "." or (ROOT / copied).exists(), f"the Dockerfile copies {copied}, which does not exist")

# Every file the crate compiles in (include_str!/include_bytes! under src/) must reach
# the build context: not under a path that .dockerignore leaves out. A module its
# parent declares under #[cfg(test)] is not compiled into the image's release build.
excluded = [e.rstrip("/") for e in ignore if not e.startswith(("*", "**"))]


def test_only(rs):
    parent = rs.parent.with_suffix(".rs")
    if not parent.is_file():
        parent = rs.parent / "mod.rs"
    return parent.is_file() and re.search(
        r"#\[cfg\(test\)\]\s*mod\s+" + re.escape(rs.stem) + r"\s*;", parent.read_text()) is not None


for rs in sorted((ROOT / "src").rglob("*.rs")):
    if test_only(rs):
        continue
    for inc in re.findall(r'include_(?:str|bytes)!\(\s*"([^"]+)"', rs.read_text()):
        target = (rs.parent / inc).resolve()
        check(target.is_file(), f"{rs.relative_to(ROOT)} includes {inc}, which does not exist")
        rel = target.relative_to(ROOT).as_posix() if target.is_relative_to(ROOT) else inc
        for e in excluded:
            check(not (rel == e or rel.startswith(e + "/")),
                  f"{rs.relative_to(ROOT)} includes {rel}, which .dockerignore leaves out ({e})")

# ---- Deployment
dep_docs = load("deployment.yaml")
dep = one(dep_docs, "Deployment")
spec = dep["spec"]["template"]["spec"]
c = spec["containers"][0]
args = c["args"]
check(args[0] == "serve", "the Deployment does not run serve")
f = flags(args[1:])
known = {"--bind", "--workers", "--queue", "--max-body", "--timeout", "--header-timeout", "--grace",
         "--layouts", "--token-file"}
check(set(f) <= known, f"unknown serve flags: {sorted(set(f) - known)}")
check(f.get("--bind") == "0.0.0.0:8080", "--bind 0.0.0.0:8080")
port = c["ports"][0]
check(port["containerPort"] == 8080 and port["name"] == "http", "containerPort 8080 named http")
check(c["livenessProbe"]["httpGet"]["path"] == "/healthz", "liveness on /healthz")
check(c["readinessProbe"]["httpGet"]["path"] == "/readyz", "readiness on /readyz")
for probe in ("livenessProbe", "readinessProbe"):
    check(c[probe]["httpGet"]["port"] in ("http", 8080), f"{probe} port")
req_cpu = cpu(c["resources"]["requests"]["cpu"])
check(int(f.get("--workers", 0)) == req_cpu, f"--workers {f.get('--workers')} != cpu request {req_cpu}")
check(cpu(c["resources"]["limits"]["cpu"]) >= req_cpu, "cpu limit below request")
grace = seconds(f.get("--grace", "20s"))
pre_stop = c.get("lifecycle", {}).get("preStop", {}).get("sleep", {}).get("seconds", 0)
tgps = spec["terminationGracePeriodSeconds"]
check(tgps > grace + pre_stop, f"terminationGracePeriodSeconds {tgps} <= preStop {pre_stop} + --grace {grace}")
check(seconds(f.get("--header-timeout", "5s")) <= seconds(f.get("--timeout", "10s")), "header timeout > timeout")
token = f.get("--token-file", "")
vols = {v["name"]: v for v in spec["volumes"]}
mounts = [m for m in c["volumeMounts"] if token.startswith(m["mountPath"].rstrip("/") + "/")]
check(len(mounts) == 1, f"--token-file {token} is not under one volume mount")
if mounts:
    vol = vols[mounts[0]["name"]]
    check("secret" in vol, "the token volume is not a Secret")
    rel = token[len(mounts[0]["mountPath"].rstrip("/")) + 1:]
    items = {i["path"]: i["key"] for i in vol["secret"].get("items", [])}
    check(rel in items, f"the Secret volume has no item at {rel}")
    secret = one(load("secret-example.yaml"), "Secret")
    check(secret["metadata"]["name"] == vol["secret"]["secretName"], "Secret name differs from the Deployment's")
    check(items.get(rel) in secret.get("stringData", {}), "the example Secret lacks the key")
hardened(spec, c, "Deployment")
labels = dep["spec"]["template"]["metadata"]["labels"]
check(dep["spec"]["selector"]["matchLabels"].items() <= labels.items(), "selector does not match the pod labels")

# ---- Service, HPA, PDB
svc = one(load("service.yaml"), "Service")
check(svc["spec"].get("type", "ClusterIP") == "ClusterIP", "Service is not ClusterIP")
check(svc["spec"]["selector"].items() <= labels.items(), "Service selector does not match the pods")
check(svc["spec"]["ports"][0]["targetPort"] in ("http", 8080), "Service targetPort")
hpa = one(load("hpa.yaml"), "HorizontalPodAutoscaler")
check(hpa["apiVersion"] == "autoscaling/v2", "HPA is not autoscaling/v2")
ref = hpa["spec"]["scaleTargetRef"]
check((ref["kind"], ref["name"]) == ("Deployment", dep["metadata"]["name"]), "HPA targets another object")
check(any(m["type"] == "Resource" and m["resource"]["name"] == "cpu" for m in hpa["spec"]["metrics"]), "HPA on CPU")
check(hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"], "HPA min > max")
pdb = one(dep_docs, "PodDisruptionBudget")
check(pdb["spec"]["selector"]["matchLabels"].items() <= labels.items(), "PDB selector does not match the pods")

# ---- Indexed Job
job_docs = load("job-batch.yaml")
job = one(job_docs, "Job")
js = job["spec"]
check(js.get("completionMode") == "Indexed", "the Job is not Indexed")
check(1 <= js["parallelism"] <= js["completions"], "parallelism outside 1..completions")
jspec = js["template"]["spec"]
jc = jspec["containers"][0]
env = {e["name"]: e.get("value") for e in jc.get("env", [])}
check(int(env.get("SHARDS", 0)) == js["completions"], "SHARDS != completions")
script = " ".join(jc.get("command", []) + jc.get("args", []))
check("$((JOB_COMPLETION_INDEX + 1))" in script, "the Job does not add 1 to JOB_COMPLETION_INDEX")
check('--shard "$shard/$SHARDS"' in script, "the Job does not pass --shard $shard/$SHARDS")
check(" -r " in script and " -d /data/out /data/in" in script, "the Job does not run -r -d OUT IN on the volume")
check("--report" in script, "the Job writes no --report")
jobs = re.search(r" -j (\d+) ", script)
check(jobs is not None and int(jobs.group(1)) == cpu(jc["resources"]["requests"]["cpu"]), "-j != cpu request")
check(jspec["restartPolicy"] == "Never", "restartPolicy Never (needed by backoffLimitPerIndex)")
hardened(jspec, jc, "Job")
pvc = one(job_docs, "PersistentVolumeClaim")
claims = [v["persistentVolumeClaim"]["claimName"] for v in jspec["volumes"] if "persistentVolumeClaim" in v]
check(claims == [pvc["metadata"]["name"]], "the Job's volume is not the PVC in job-batch.yaml")
images = {dep_c["image"] for dep_c in spec["containers"]} | {jc["image"]}
check(len(images) == 1, f"the Deployment and the Job use different images: {images}")

for p in problems:
    print(f"problem: {p}")
sys.exit(1 if problems else 0)
