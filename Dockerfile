# syntax=docker/dockerfile:1
# resume-export: the CLI and `resume-export serve` in one small image.
#
#   docker build -t resume-export:0.1.0 .
#   docker run --rm -p 8080:8080 resume-export:0.1.0                 # serve on :8080
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/work" resume-export:0.1.0 \
#     -f pdf,docx -d out/ resume.json                                   # the CLI on ./
#
# The binary is self-contained (fonts, layouts and schema compiled in) and links
# only glibc, so the final stage needs a glibc userland and nothing else.
#
# Why debian:bookworm-slim and not gcr.io/distroless/cc-debian12:nonroot:
# distroless has no shell, curl or wget, so a HEALTHCHECK would need a second,
# purpose-built probe binary, and the Kubernetes Indexed Job could not turn its
# 0-based JOB_COMPLETION_INDEX into the 1-based `--shard I/N` without another
# image (distroless :debug) or an init-container trick. bookworm-slim keeps one
# image for both uses: bash's /dev/tcp makes the health check (nothing installed),
# /bin/sh does the shard arithmetic. The cost is ~50 MB more base and a shell in
# the image; in Kubernetes the pod runs non-root with a read-only root file system,
# no capabilities and no privilege escalation (deploy/kubernetes/). The builder is
# bookworm as well, so the binary's glibc (2.36) is the one it runs on.

ARG RUST_VERSION=1.88

# ---- builder ---------------------------------------------------------------
FROM rust:${RUST_VERSION}-bookworm AS builder
WORKDIR /build

# 1. Dependencies only, cached until Cargo.toml, Cargo.lock or build.rs change.
#    Stub targets stand in for the sources: the manifest declares benches/pipeline.rs
#    and benches/pdf.rs, and cargo checks that every declared target exists.
#    --locked holds: the stubs change no dependency, so Cargo.lock is used as is.
COPY Cargo.toml Cargo.lock build.rs ./
RUN mkdir -p src benches \
 && echo 'fn main() {}' > src/main.rs \
 && touch src/lib.rs \
 && echo 'fn main() {}' > benches/pipeline.rs \
 && echo 'fn main() {}' > benches/pdf.rs \
 && cargo build --release --locked \
 && rm -rf src benches \
      target/release/.fingerprint/resume-export-* \
      target/release/deps/resume_export-* target/release/deps/libresume_export-* \
      target/release/resume-export target/release/resume-export.d

# 2. The crate itself (.dockerignore keeps target/, .git, tests and the like out).
#    Its fingerprints were removed above, so it is rebuilt whatever the files' times.
COPY . .
RUN cargo build --release --locked \
 && install -D -m 0755 target/release/resume-export /out/resume-export \
 && /out/resume-export --version

# ---- runtime ---------------------------------------------------------------
FROM debian:bookworm-slim AS runtime
# A fixed, unprivileged user (the Kubernetes manifests use the same numbers).
RUN groupadd --system --gid 10001 resume \
 && useradd --system --uid 10001 --gid 10001 --no-create-home \
      --home-dir /nonexistent --shell /usr/sbin/nologin resume
COPY --from=builder /out/resume-export /usr/local/bin/resume-export
COPY --chmod=0755 deploy/docker/healthcheck.sh /usr/local/bin/resume-export-healthcheck
USER 10001:10001
WORKDIR /work
EXPOSE 8080
# Kubernetes ignores HEALTHCHECK (it uses the probes in deploy/kubernetes/); this is
# for docker and compose. It probes 127.0.0.1:$RESUME_EXPORT_HEALTH_PORT (8080).
# A container running a batch instead of `serve` shows "unhealthy": harmless.
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD ["/usr/local/bin/resume-export-healthcheck"]
ENTRYPOINT ["/usr/local/bin/resume-export"]
CMD ["serve", "--bind", "0.0.0.0:8080"]
