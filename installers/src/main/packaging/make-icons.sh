#!/usr/bin/env sh
# Builds the Windows .ico and macOS .icns that jpackage needs (it only takes those formats there; Linux uses the PNG
# straight from ui-resources). Rerun after ui-resources/src/icon-source/render.sh changed the PNGs.
# Needs ImageMagick (convert) and icnsutils (png2icns): apt-get install -y imagemagick icnsutils
set -e
here=$(dirname "$0")
icons="$here/../../../../ui-resources/src/main/resources/dev/gatehouse/ui/icons"
convert "$icons"/gatehouse-16.png "$icons"/gatehouse-24.png "$icons"/gatehouse-32.png "$icons"/gatehouse-48.png \
  "$icons"/gatehouse-64.png "$icons"/gatehouse-128.png "$icons"/gatehouse-256.png "$here/windows/Gatehouse.ico"
png2icns "$here/macos/Gatehouse.icns" "$icons"/gatehouse-16.png "$icons"/gatehouse-32.png "$icons"/gatehouse-48.png \
  "$icons"/gatehouse-128.png "$icons"/gatehouse-256.png "$icons"/gatehouse-512.png >/dev/null
