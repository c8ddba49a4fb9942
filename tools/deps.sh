#!/bin/sh
# tools/deps.sh - install the Debian/Ubuntu packages artkit needs to build
# and test, if any is missing.  As root it runs apt-get; otherwise it prints
# the exact command and fails, so `make check` never half-works.
pkgs="build-essential pkg-config libbsd-dev zlib1g-dev libutf8proc-dev
libxxhash-dev libzstd-dev libxml2-dev libzip-dev libhyperscan-dev bats bats-support bats-assert
parallel openssh-server openssh-client python3 mandoc chromium pandoc
libreoffice-writer-nogui wget"

missing=
for p in $pkgs; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case $s in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && $cmd -qq || {
		echo "deps: apt-get failed" >&2
		exit 1
	}
else
	echo "deps: missing packages:$missing" >&2
	echo "deps: run as root:  $cmd" >&2
	exit 1
fi
