#!/usr/bin/env sh
# Renders the application icon PNGs from gatehouse.svg (needs rsvg-convert: apt-get install librsvg2-bin).
set -e
here=$(dirname "$0")
out="$here/../main/resources/dev/gatehouse/ui/icons"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" "$here/gatehouse.svg" -o "$out/gatehouse-$size.png"
done
