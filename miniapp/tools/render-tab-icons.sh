#!/bin/sh
# Renders the tab bar icons (design/tab-icons/*.svg) to the 81x81 PNGs WeChat's tabBar requires
# (it accepts no SVG), in the idle and selected colours of app.config.ts. Needs headless Chromium.
set -eu
cd "$(dirname "$0")/.."
IDLE='#8d9b99'
SELECTED='#0f7b6c'
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for svg in design/tab-icons/*.svg; do
  name=$(basename "$svg" .svg)
  for variant in idle selected; do
    if [ "$variant" = idle ]; then color=$IDLE; suffix=''; else color=$SELECTED; suffix='-active'; fi
    sed "s/COLOR/$color/" "$svg" > "$work/icon.svg"
    printf '<html><body style="margin:0;background:transparent"><img src="icon.svg" width="81" height="81"></body></html>' > "$work/icon.html"
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
      --user-data-dir="$work/profile" --window-size=81,81 --screenshot="src/assets/tab/$name$suffix.png" "file://$work/icon.html" 2>/dev/null
  done
done
ls -l src/assets/tab
