#!/usr/bin/env bash
# Installs Debian's ccache for the native modules `npm ci` compiles. better-sqlite3's prebuilt binary
# comes from GitHub, which these machines cannot reach, so node-gyp compiles SQLite's amalgamation on
# every clean install: 65 s of the 130 s `npm ci` takes. Source it: it exports CC and CXX through
# ccache, so a second run on the same machine reuses the objects (npm ci 130 → 68 s). The cache is
# keyed by the compiler's input, so another better-sqlite3 or Node version compiles again.
if ! command -v ccache >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ccache) >&2 || true
fi
if command -v ccache >/dev/null; then
  export CC="ccache ${CC:-gcc}" CXX="ccache ${CXX:-g++}"
fi
