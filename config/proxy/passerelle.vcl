vcl 4.1;
# Passerelle behind Varnish (tested with Debian's Varnish 7.1 by tests/api/caching-proxy.test.ts).
# Edit the backend below (one per instance; with several, a round-robin director from vmod
# directors). Run: varnishd -a :80 -f /path/to/passerelle.vcl -s malloc,256m
#
# - Lifetimes come from Passerelle's Cache-Control: s-maxage is the TTL and stale-while-revalidate
#   the grace, both already cut at the next embargo or schedule instant. An answer without
#   Cache-Control (a 404, an error) is never kept: Varnish's default TTL would outlive a lift.
# - Requests with an Authorization header are passed: an answer to a token is never stored, and a
#   stored public answer is never served to a token.
# - Purge after a webhook (its `purge` field): BAN with a Surrogate-Key header (keys separated by
#   spaces) drops every answer tagged with one of them; PURGE <path> drops every answer under that
#   path, whatever its query string.

# Varnish closes idle backend connections after backend_idle_timeout (60 s by default), below
# Passerelle's HTTP_KEEP_ALIVE_TIMEOUT_MS (65 s): keep it below if either changes.
backend passerelle {
  .host = "127.0.0.1";
  .port = "1337";
}

# The machines allowed to purge: the one that receives Passerelle's webhooks.
acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_recv {
  if (req.method == "BAN" || req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    if (req.method == "BAN") {
      if (!req.http.Surrogate-Key) {
        return (synth(400, "Surrogate-Key header required"));
      }
      # Keys are words of letters, digits and : . _ -; anything else is dropped before the regex.
      set req.http.X-Ban-Keys = regsuball(regsuball(req.http.Surrogate-Key, "[^A-Za-z0-9:._ -]", ""), " +", "|");
      ban("obj.http.Surrogate-Key ~ (^|\s)(" + req.http.X-Ban-Keys + ")(\s|$)");
      return (synth(200, "Banned"));
    }
    ban("obj.http.X-Url ~ ^" + regsuball(req.url, "[^A-Za-z0-9/._~%-]", ""));
    return (synth(200, "Purged"));
  }
  if (req.method != "GET" && req.method != "HEAD") {
    return (pass);
  }
  if (req.http.Authorization) {
    return (pass);
  }
  # Public reads do not depend on cookies; the admin panel (/admin) keeps them and is passed.
  if (req.url ~ "^/(api/|sitemap\.xml)") {
    unset req.http.Cookie;
  }
}

sub vcl_backend_response {
  # Kept on the object for path purges; not sent to clients.
  set beresp.http.X-Url = bereq.url;
  if (!beresp.http.Cache-Control || beresp.http.Cache-Control !~ "(^|[ ,])public([ ,]|$)") {
    set beresp.uncacheable = true;
    set beresp.ttl = 1s;
    return (deliver);
  }
  # Without a stale-while-revalidate, no grace (Varnish's default would serve 10 s past the TTL).
  if (beresp.http.Cache-Control !~ "stale-while-revalidate=") {
    set beresp.grace = 0s;
  }
}

sub vcl_deliver {
  if (obj.hits > 0) {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
  unset resp.http.X-Url;
  unset resp.http.Surrogate-Key;
}
