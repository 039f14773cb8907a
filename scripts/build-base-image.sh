#!/usr/bin/env bash
# Builds a Debian bookworm base image from Debian's archive alone (debootstrap), for hosts
# that reach Debian's mirrors but no container registry. The Dockerfile then builds on it:
#   scripts/build-base-image.sh            # -> localhost/interview-app-base:bookworm-slim
#   podman build --build-arg BASE_IMAGE=localhost/interview-app-base:bookworm-slim -t interview-app .
# Needs root, debootstrap, and podman or docker. Usage: build-base-image.sh [TAG] [MIRROR]
set -euo pipefail

tag="${1:-localhost/interview-app-base:bookworm-slim}"
mirror="${2:-http://deb.debian.org/debian}"

if [[ $EUID -ne 0 ]]; then
  echo "Error: debootstrap needs root; run this script as root." >&2
  exit 1
fi
if ! command -v debootstrap >/dev/null; then
  echo "Error: debootstrap is missing: apt-get install debootstrap" >&2
  exit 1
fi
engine="$(command -v podman || command -v docker || true)"
if [[ -z "$engine" ]]; then
  echo "Error: neither podman nor docker is installed." >&2
  exit 1
fi

rootfs="$(mktemp -d)"
trap 'rm -rf "$rootfs"' EXIT

debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
cat >"$rootfs/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
# Like debian:bookworm-slim: packages installed later leave out documentation and
# translations, and the image carries no package lists or downloaded archives.
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
EOF
cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };
Binary::apt::APT::Keep-Downloaded-Packages "false";
EOF
find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
rm -rf "$rootfs"/usr/share/{man,info,locale}/* "$rootfs"/var/lib/apt/lists/* \
  "$rootfs"/var/cache/apt/* "$rootfs"/var/log/*.log "$rootfs"/tmp/*

tar --numeric-owner -C "$rootfs" -c . |
  "$engine" import --change 'CMD ["bash"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$tag" >/dev/null
echo "Built $tag with $(basename "$engine")."
