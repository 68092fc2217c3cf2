#!/usr/bin/env bash
# Starts a local S3-compatible server (s3rver, a devDependency: run after `npm ci`) for the object
# storage tests, in the background, and prints its endpoint. Its files live in a temporary folder.
# The caller stops it with the process id written to .tmp/s3rver.pid.
set -euo pipefail

port=${S3RVER_PORT:-4569}
data=$(mktemp -d -t passerelle-s3rver-XXXXXX)
mkdir -p .tmp
node node_modules/s3rver/bin/s3rver.js --directory "$data" --address 127.0.0.1 --port "$port" --silent >.tmp/s3rver.log 2>&1 &
echo $! >.tmp/s3rver.pid
for _ in $(seq 1 30); do
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.5
done
echo "http://127.0.0.1:$port"
