#!/usr/bin/env bash
# Starts a local PostgreSQL (Debian's package) for the tests that run the same code on it, and prints
# the admin URL the tests use. Idempotent: installs, creates and starts only what is missing.
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^${version} main"; then
  pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='passerelle_ci'\" | grep -q 1 || psql -q -c \"CREATE ROLE passerelle_ci LOGIN SUPERUSER PASSWORD 'passerelle_ci'\"" >&2
echo "postgres://passerelle_ci:passerelle_ci@127.0.0.1:5432/postgres"
