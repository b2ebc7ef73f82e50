#!/usr/bin/env bash
# Installs the Debian 12 packages Tessera needs, when any is missing. Safe to run again.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config python3
  libwxgtk3.2-dev libxapian-dev libsqlite3-dev libicu-dev libpugixml-dev catch2 libzip-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libxlsxwriter-dev libsodium-dev libuchardet-dev libcsv-dev
  gettext xvfb xauth xdotool x11-utils x11-apps imagemagick libxml2-utils zip unzip sqlite3
  fonts-thai-tlwg fonts-khmeros fonts-noto-core fonts-dejavu-core
  libreoffice-writer-nogui libreoffice-calc-nogui
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
