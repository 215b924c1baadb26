# Sourced by the other scripts: make sure the Debian 12 packages Loopscope needs are there.
# As root it installs what is missing; otherwise it prints the exact apt-get line and stops.
LOOPSCOPE_PACKAGES="qt6-base-dev qt6-svg-dev libboost1.81-dev cmake ninja-build g++ python3 \
xvfb xauth libbenchmark-dev fonts-dejavu-core poppler-utils"

loopscope_ensure_packages() {
    local missing=""
    for p in $LOOPSCOPE_PACKAGES "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "Loopscope needs these Debian packages. Run as root:" >&2
        echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
        exit 2
    fi
    echo "Installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# CI builds with precompiled headers (cmake/pch.cmake); a compiler cache, where there is one,
# caches those compiles only with this sloppiness (ccache's manual, "Precompiled headers").
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:+$CCACHE_SLOPPINESS,}pch_defines,time_macros"

# Configure (once, with any further cache settings given) and build one CMake preset.
loopscope_build() {
    local preset="$1"
    shift
    [ -f "build/$preset/build.ninja" ] || cmake --preset "$preset" "$@" >/dev/null
    cmake --build --preset "$preset"
}
