#!/usr/bin/env bash
# Copies the browser assets the pages need from node_modules/ into
# src/contingent/web/static/vendor/ (git-ignored), so the app serves them itself: no CDN, field
# teams work on bad links. Versions are pinned exactly in package.json / package-lock.json
# (htmx.org 2.x: 4.x is a breaking rewrite that django-htmx is not built for).
# Idempotent and fast: `npm ci` runs only when node_modules is missing or older than the lock.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.contingent-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  if ! command -v npm >/dev/null; then
    echo "vendor-assets: npm is needed to install the browser assets (Debian: apt-get install npm)" >&2
    exit 1
  fi
  echo "vendor-assets: npm ci (htmx.org, leaflet)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

out=src/contingent/web/static/vendor
mkdir -p "$out/htmx" "$out/leaflet/images"
# cp -u: copy only when the source is newer, so a second run does nothing.
cp -u node_modules/htmx.org/dist/htmx.min.js "$out/htmx/"
cp -u node_modules/htmx.org/LICENSE "$out/htmx/LICENSE"
cp -u node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp -u node_modules/leaflet/dist/images/*.png "$out/leaflet/images/"
cp -u node_modules/leaflet/LICENSE "$out/leaflet/LICENSE"
