#!/usr/bin/env bash
# Builds the Teams app package (manifest.json + icons) to upload in Teams or the Developer Portal.
#   MICROSOFT_APP_ID=<your bot's app id> OPSBOT_PUBLIC_URL=https://bot.example.com manifest/teams/build-package.sh
# Output: manifest/teams/build/opsbot-teams.zip
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
: "${MICROSOFT_APP_ID:?set MICROSOFT_APP_ID to the Microsoft App ID of the bot}"
: "${OPSBOT_PUBLIC_URL:=https://github.com/}"
rm -rf "$here/build/package" && mkdir -p "$here/build/package"
sed -e "s|\${MICROSOFT_APP_ID}|$MICROSOFT_APP_ID|g" -e "s|\${OPSBOT_PUBLIC_URL}|${OPSBOT_PUBLIC_URL%/}|g" \
    "$here/manifest.json" > "$here/build/package/manifest.json"
cp "$here/color.png" "$here/outline.png" "$here/build/package/"
rm -f "$here/build/opsbot-teams.zip"
# jar ships with every JDK, so no zip tool is needed.
jar --create --no-manifest --file "$here/build/opsbot-teams.zip" -C "$here/build/package" .
echo "Built $here/build/opsbot-teams.zip"
