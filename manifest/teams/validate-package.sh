#!/usr/bin/env bash
# Builds the Teams app package with example values and validates its manifest against the Teams manifest schema it
# declares, with Microsoft's validator from npm (@microsoft/app-manifest, pinned in validator/package-lock.json).
#   manifest/teams/validate-package.sh            (needs Node.js 18+ and the npm registry)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
MICROSOFT_APP_ID="${MICROSOFT_APP_ID:-00000000-0000-0000-0000-000000000001}" \
OPSBOT_PUBLIC_URL="${OPSBOT_PUBLIC_URL:-https://opsbot.example.com}" "$here/build-package.sh" >/dev/null
rm -rf "$here/build/check" && mkdir -p "$here/build/check"
(cd "$here/build/check" && jar --extract --file "$here/build/opsbot-teams.zip")
for icon in color.png outline.png; do
  [ -s "$here/build/check/$icon" ] || { echo "the package has no $icon" >&2; exit 1; }
done
(cd "$here/validator" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
node "$here/validator/validate.mjs" "$here/build/check/manifest.json"
