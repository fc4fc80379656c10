#!/usr/bin/env bash
# Assembles the services' runtime base image offline and pushes it to the local registry, for
# deploy/images/build.sh. No base image can be pulled here, so this one is built from parts already on
# the machine or on Debian's mirror: the shared libraries .NET needs (Debian 12 packages, unpacked, not
# installed: no dpkg, no apt, no shell, like Microsoft's "chiseled" images) and the ASP.NET Core runtime of
# the installed SDK. Two layers, as the official image has: the OS files, then .NET.
#
# In production the build takes mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled instead (the default
# of ContainerBaseImage in Directory.Build.targets): the same user (app, 1654), port 8080 and variables.
#
# Usage: deploy/images/base-image.sh <registry host:port> <work folder>   → prints the pushed reference
set -euo pipefail
registry=${1:?registry host:port}
work=${2:?work folder}
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")

# The runtime whose libraries the services load (framework-dependent, so the newest 10.0 patch installed).
runtime=$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | grep '^10\.0\.' | sort -V | tail -1)
[ -n "$runtime" ] || { echo "error: no ASP.NET Core 10.0 runtime under $dotnet_root/shared" >&2; exit 1; }
reference="$registry/dotnet/aspnet:$runtime"

# What .NET on Linux links against (https://learn.microsoft.com/dotnet/core/install/linux-debian#dependencies),
# less ICU: every service runs with InvariantGlobalization (Directory.Build.props). base-files names the OS
# for scanners; netbase gives /etc/services; tzdata and ca-certificates what TimeZoneInfo and TLS read.
packages=(base-files netbase tzdata ca-certificates libc6 libgcc-s1 libstdc++6 libssl3 zlib1g)

mkdir -p "$work/debs"
( cd "$work/debs" && apt-get download -qq "${packages[@]}" 2>/dev/null ) || {
  apt-get update -qq && ( cd "$work/debs" && apt-get download -qq "${packages[@]}" ); }

layout="$work/oci"
rm -rf "$layout" "$work/bundle"
umoci init --layout "$layout"
umoci new --image "$layout:base"

# Layer 1: the operating system's files.
umoci unpack --image "$layout:base" "$work/bundle" >/dev/null
rootfs="$work/bundle/rootfs"
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$rootfs"; done
rm -rf "$rootfs"/usr/share/{doc,man,info,lintian,locale,bug} "$rootfs"/etc/{init.d,cron.daily,logrotate.d}
# ca-certificates' postinst would build the bundle; here it is built once, and found where OpenSSL looks.
mkdir -p "$rootfs/etc/ssl/certs" "$rootfs/usr/lib/ssl"
find "$rootfs/usr/share/ca-certificates" -name '*.crt' -print0 | sort -z | xargs -0 cat > "$rootfs/etc/ssl/certs/ca-certificates.crt"
ln -sfn /etc/ssl/certs "$rootfs/usr/lib/ssl/certs"
ln -sfn /etc/ssl/certs/ca-certificates.crt "$rootfs/usr/lib/ssl/cert.pem"
# The non-root user every service runs as: app, 1654, as in Microsoft's images.
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:1654:1654:app:/home/app:/usr/sbin/nologin\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\napp:x:1654:\n' > "$rootfs/etc/group"
install -d -m 0755 -o 1654 -g 1654 "$rootfs/home/app"
install -d -m 1777 "$rootfs/tmp"
umoci repack --image "$layout:base" "$work/bundle" >/dev/null
rm -rf "$work/bundle"

# Layer 2: the ASP.NET Core runtime (which holds the .NET runtime) and the dotnet host.
umoci unpack --image "$layout:base" "$work/bundle" >/dev/null
target="$rootfs/usr/share/dotnet"
mkdir -p "$target/shared/Microsoft.NETCore.App" "$target/shared/Microsoft.AspNetCore.App" "$target/host/fxr"
cp -a "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$dotnet_root/ThirdPartyNotices.txt" "$target/"
cp -a "$dotnet_root/host/fxr/$runtime" "$target/host/fxr/"
cp -a "$dotnet_root/shared/Microsoft.NETCore.App/$runtime" "$target/shared/Microsoft.NETCore.App/"
cp -a "$dotnet_root/shared/Microsoft.AspNetCore.App/$runtime" "$target/shared/Microsoft.AspNetCore.App/"
ln -sfn /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
umoci repack --image "$layout:base" "$work/bundle" >/dev/null
rm -rf "$work/bundle"

# The configuration Microsoft's aspnet images carry, so an image built on this base or on theirs is the same.
umoci config --image "$layout:base" --tag "$runtime" \
  --config.user 1654:1654 --config.workingdir /app \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.env APP_UID=1654 \
  --config.env ASPNETCORE_HTTP_PORTS=8080 \
  --config.env DOTNET_RUNNING_IN_CONTAINER=true \
  --config.env DOTNET_VERSION="$runtime" \
  --config.env ASPNET_VERSION="$runtime" \
  --config.label org.opencontainers.image.title="ASP.NET Core $runtime runtime (assembled offline)" \
  --config.label org.opencontainers.image.base.name=debian:12 \
  --config.label org.opencontainers.image.version="$runtime" \
  --author "ClientPlatform deploy/images/base-image.sh" >/dev/null
umoci gc --layout "$layout"
skopeo copy -q --dest-tls-verify=false "oci:$layout:$runtime" "docker://$reference"
echo "$reference"
