#!/usr/bin/env bash
# Installs the caching proxies the proxy tests put in front of Passerelle: Debian's Varnish and
# nginx, with Debian's cache purge module for nginx (PURGE on publish). The tests start and stop their own instances (config/proxy/), so no service is started here.
set -euo pipefail

missing=()
command -v varnishd >/dev/null || [ -x /usr/sbin/varnishd ] || missing+=(varnish)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ -f /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ] || missing+=(libnginx-mod-http-cache-purge)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
