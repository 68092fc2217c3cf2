#!/usr/bin/env bash
# Starts a local Redis (Debian's package) on 127.0.0.1:6379 for the shared rate-limit store's tests,
# and prints its URL. Idempotent: installs and starts only what is missing.
set -euo pipefail

if ! command -v redis-server >/dev/null; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  # Counters only: nothing to keep on disk.
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >&2
fi
for _ in $(seq 1 30); do
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
  sleep 1
done
echo "redis://127.0.0.1:6379"
