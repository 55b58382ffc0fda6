#!/bin/sh
# build-rootfs.sh SKELETON_DIR OUT_DIR
#
# Builds a minimal root filesystem for nslab (pivot_root/chroot target).
#
# Source of binaries, in order (override with NSLAB_ROOTFS_MODE=path|apt|host):
#   1. a *static* busybox found on PATH (`command -v busybox`)
#   2. `apt-get download busybox-static` into a temp dir + `dpkg-deb -x`
#      (works unprivileged; needs apt package lists, i.e. a prior `apt-get update`)
#   3. host binaries (sh ls ps cat ...) plus the shared libraries `ldd` lists
#      and the dynamic loader.
#
# The tree is built in OUT_DIR.tmp.$$ and renamed into place at the end;
# OUT_DIR/.nslab-rootfs records where the binaries came from.
# Nothing outside OUT_DIR.tmp.$$ / OUT_DIR and a private mktemp dir is written.
set -eu

PROG=${0##*/}
die()  { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }
warn() { printf '%s: %s\n' "$PROG" "$*" >&2; }

[ $# -eq 2 ] || { printf 'usage: %s SKELETON_DIR OUT_DIR\n' "$PROG" >&2; exit 2; }
SKEL=$1
OUT=${2%/}
[ -n "$OUT" ] && [ "$OUT" != / ] || die "refusing to use '/' as OUT_DIR"
[ -d "$SKEL" ] || die "skeleton dir '$SKEL' does not exist"
MODE=${NSLAB_ROOTFS_MODE:-auto}
case $MODE in auto|path|apt|host) ;; *) die "bad NSLAB_ROOTFS_MODE '$MODE'";; esac

TMP="$OUT.tmp.$$"
OLD="$OUT.old.$$"
WORK=
cleanup() {
    rc=$?
    [ -n "$WORK" ] && rm -rf "$WORK"
    [ $rc -ne 0 ] && rm -rf "$TMP"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nslab-rootfs.XXXXXX")

# ---------------------------------------------------------------- helpers

# u32le FILE OFFSET / u16le FILE OFFSET: read a little-endian integer with od.
u32le() { od -An -v -j "$2" -N 4 -t u1 "$1" | awk '{print $1+256*($2+256*($3+256*$4))}'; }
u16le() { od -An -v -j "$2" -N 2 -t u1 "$1" | awk '{print $1+256*$2}'; }

# elf_is_static FILE: 0 = ELF without PT_INTERP (static), 1 = dynamic,
# 2 = not a (supported) ELF file. Pure od/awk; never executes FILE
# (unlike ldd), and does not rely on `file`/`readelf` being installed.
# A grep for "ld-linux" is NOT usable: static glibc busybox contains that string.
elf_is_static() {
    f=$1
    magic=$(od -An -v -N 6 -t x1 "$f" 2>/dev/null | tr -d ' \n') || return 2
    case $magic in
        7f454c460201) cls=64 ;;                     # ELF, 64-bit, little endian
        7f454c460101) cls=32 ;;                     # ELF, 32-bit, little endian
        *) return 2 ;;
    esac
    if [ $cls = 64 ]; then
        phoff=$(u32le "$f" 32); hi=$(u32le "$f" 36)
        [ "$hi" -eq 0 ] || return 2
        phentsize=$(u16le "$f" 54); phnum=$(u16le "$f" 56)
    else
        phoff=$(u32le "$f" 28); phentsize=$(u16le "$f" 42); phnum=$(u16le "$f" 44)
    fi
    [ "$phnum" -gt 0 ] && [ "$phentsize" -gt 0 ] || return 2
    i=0
    while [ $i -lt "$phnum" ]; do
        [ "$(u32le "$f" $((phoff + i * phentsize)))" -eq 3 ] && return 1   # PT_INTERP
        i=$((i + 1))
    done
    return 0
}

# is_static FILE: od-based check, with ldd/file as fallbacks if od is missing.
is_static() {
    if command -v od >/dev/null 2>&1; then
        rc=0; elf_is_static "$1" || rc=$?
        [ $rc -ne 2 ] && return $rc
    fi
    if command -v file >/dev/null 2>&1; then
        case $(file -L "$1") in
            *"statically linked"*|*"static-pie linked"*) return 0 ;;
            *"dynamically linked"*) return 1 ;;
        esac
    fi
    if command -v ldd >/dev/null 2>&1; then
        case $(ldd "$1" 2>&1) in
            *"not a dynamic executable"*|*"statically linked"*) return 0 ;;
        esac
    fi
    return 1
}

# find_exe NAME: absolute path of an executable file (ignores shell builtins).
find_exe() {
    IFS_SAVE=$IFS; IFS=:
    for d in $PATH /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
        if [ -n "$d" ] && [ -f "$d/$1" ] && [ -x "$d/$1" ]; then
            IFS=$IFS_SAVE; printf '%s\n' "$d/$1"; return 0
        fi
    done
    IFS=$IFS_SAVE; return 1
}

# -------------------------------------------------- 1. obtain binaries

BB=            # path of a static busybox to install
SOURCE=        # text for .nslab-rootfs

try_path() {
    p=$(command -v busybox 2>/dev/null) || return 1
    case $p in /*) ;; *) return 1 ;; esac
    if is_static "$p"; then
        BB=$p
        ver=$("$p" 2>&1 | head -n 1 || true)
        SOURCE="busybox-static from $p ($ver)"
        return 0
    fi
    warn "$p is dynamically linked, not using it"
    return 1
}

try_apt() {
    # absolute paths: a busybox shell would otherwise run its own dpkg-deb applet
    APT_GET=$(find_exe apt-get) && DPKG_DEB=$(find_exe dpkg-deb) || return 1
    mkdir "$WORK/apt"
    # As root, apt-get download fetches as user _apt and warns ("Download is
    # performed unsandboxed as root") if _apt cannot write the cwd: let _apt
    # (only) write there. Unprivileged users download as themselves.
    if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then
        chmod 0711 "$WORK" && chown _apt "$WORK/apt" || true
    fi
    if ! (cd "$WORK/apt" && "$APT_GET" -q download busybox-static) >&2; then
        warn "apt-get download busybox-static failed (missing package lists? run 'apt-get update' as root)"
        return 1
    fi
    deb=$(ls "$WORK"/apt/busybox-static_*.deb 2>/dev/null | head -n 1)
    [ -n "$deb" ] || return 1
    "$DPKG_DEB" -x "$deb" "$WORK/x" || return 1
    [ -x "$WORK/x/bin/busybox" ] && is_static "$WORK/x/bin/busybox" || return 1
    BB=$WORK/x/bin/busybox
    SOURCE="busybox-static from package busybox-static $("$DPKG_DEB" -f "$deb" Version) ($("$DPKG_DEB" -f "$deb" Architecture))"
    return 0
}

case $MODE in
    auto) try_path || try_apt || true ;;
    path) try_path || die "no static busybox on PATH" ;;
    apt)  try_apt  || die "could not get busybox-static with apt-get download" ;;
    host) ;;
esac

# -------------------------------------------------- 2. build the tree

rm -rf "$TMP"
mkdir -p "$TMP"
# skeleton first (etc/passwd, etc/group, etc/hostname, etc/profile, ...)
cp -R --preserve=mode,timestamps "$SKEL/." "$TMP/"
for d in bin sbin usr/bin usr/sbin proc sys dev tmp etc root mnt; do
    mkdir -p "$TMP/$d"
done
chmod 0755 "$TMP"
chmod 1777 "$TMP/tmp"
chmod 0700 "$TMP/root"

if [ -n "$BB" ]; then
    cp "$BB" "$TMP/bin/busybox"
    chmod 0755 "$TMP/bin/busybox"
    # NOT `busybox --install -s DIR`: it puts every link flat into DIR and
    # points them at the *host* path of the busybox binary (dangling inside
    # the new root); without DIR it installs into the host's /bin, /sbin, ...
    # Instead create relative links from --list-full (e.g. usr/sbin/chroot ->
    # ../../bin/busybox), so they resolve both inside the root and from outside.
    if ! list=$("$TMP/bin/busybox" --list-full 2>/dev/null) || [ -z "$list" ]; then
        list=$("$TMP/bin/busybox" --list | sed 's|^|bin/|')
    fi
    n=0
    for a in $list; do
        case $a in /*|*..*) continue ;; esac
        # relative prefix: one "../" per directory component (no forks)
        up=
        case $a in
            */*) dir=${a%/*}; r=$dir
                 while :; do
                     up="../$up"
                     case $r in */*) r=${r#*/} ;; *) break ;; esac
                 done
                 [ -d "$TMP/$dir" ] || mkdir -p "$TMP/$dir" ;;
        esac
        [ -e "$TMP/$a" ] || [ -L "$TMP/$a" ] && continue   # keep skeleton files
        case $a in
            bin/*/*|bin/busybox) continue ;;
            bin/*) ln -s busybox "$TMP/$a" ;;
            *)     ln -s "${up}bin/busybox" "$TMP/$a" ;;
        esac
        n=$((n + 1))
    done
    warn "installed busybox with $n applet links"
else
    command -v ldd >/dev/null 2>&1 || die "no static busybox and no ldd for the host-binary fallback"
    SOURCE="host binaries"
    copied=
    for b in sh ls ps cat echo head hostname id mount umount ip ipcs uname sleep kill \
             mkdir rm ln env grep nsenter unshare; do
        p=$(find_exe "$b") || { warn "host has no '$b', skipped"; continue; }
        cp -L "$p" "$TMP/bin/$b"
        chmod 0755 "$TMP/bin/$b"
        copied="$copied $b"
        # shared libraries and the loader, at the paths ldd reports
        ldd "$p" 2>/dev/null | awk '
            $2 == "=>" && $3 ~ /^\// { print $3; next }
            $1 ~ /^\//               { print $1 }' |
        while read -r lib; do
            [ -e "$TMP$lib" ] && continue
            mkdir -p "$TMP$(dirname "$lib")"
            cp -L "$lib" "$TMP$lib"
        done
        ldd "$p" 2>/dev/null | grep 'not found' >&2 || true
    done
    [ -x "$TMP/bin/sh" ] || die "host fallback: could not copy /bin/sh"
    SOURCE="host binaries:$copied"
fi

# -------------------------------------------------- 3. marker

{
    printf 'source=%s\n' "$SOURCE"
    printf 'built=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf 'skeleton=%s\n' "$(cd "$SKEL" && pwd)"
} > "$TMP/.nslab-rootfs"

# -------------------------------------------------- atomic-ish swap
# rename(2) cannot replace a non-empty directory, so an existing OUT_DIR is
# first moved aside; there is a short window in which OUT_DIR does not exist.
if [ -e "$OUT" ] || [ -L "$OUT" ]; then
    mv "$OUT" "$OLD"
    if ! mv "$TMP" "$OUT"; then mv "$OLD" "$OUT"; die "could not rename $TMP to $OUT"; fi
    rm -rf "$OLD"
else
    mv "$TMP" "$OUT"
fi
printf '%s\n' "$OUT"
