#!/bin/bash
# Container HEALTHCHECK for `resume-export serve`: GET /healthz on the loopback and
# succeed only on an HTTP 200. The image (debian:bookworm-slim) has bash but no curl
# or wget: bash's /dev/tcp does the request, so nothing is installed for it.
# /healthz needs no bearer token, even with --token-file.
# Port: RESUME_EXPORT_HEALTH_PORT (default 8080, the image's CMD --bind 0.0.0.0:8080).
set -u
port=${RESUME_EXPORT_HEALTH_PORT:-8080}
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 3 status <&3 || exit 1
case $status in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) exit 1 ;;
esac
