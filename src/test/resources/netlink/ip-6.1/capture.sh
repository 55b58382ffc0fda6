#!/bin/bash
# How the *.strace files beside this script were captured (iproute2 6.1.0, Debian 12, kernel 6.18,
# x86_64, as root), never touching the host's network:
#   unshare --mount --uts --ipc --net --pid --fork ./capture.sh OUTDIR
# Every `ip` runs under `strace -f -x -e trace=sendmsg,sendto -e write=all -s 4096`, so each request
# is decoded by strace and dumped in hex. MessagesTest reads the hex dumps.
set -e
OUT=${1:?output directory}
mount --make-rprivate /
mount -t tmpfs nslab-run /run        # `ip netns add` below writes under /run/netns: keep it in here
unshare --net sleep 60 &             # a second network namespace, named by its PID
PEER=$!
sleep 0.2
ip netns add nslab-peer              # and one named by a file, which ip opens: IFLA_NET_NS_FD
t() { local name=$1; shift; strace -f -x -e trace=sendmsg,sendto -e write=all -s 4096 -o "$OUT/$name.strace" ip "$@"; }
t veth-pid link add nslab-veth0 type veth peer name nslab-veth1 netns $PEER
echo "$PEER" > "$OUT/veth-pid.peer"
t veth-fd link add nslab-veth2 type veth peer name nslab-veth3 netns nslab-peer
t bridge link add nslab-br0 type bridge
t up link set nslab-veth0 up
t down link set nslab-veth0 down
t master link set nslab-veth0 master nslab-br0
t nomaster link set nslab-veth0 nomaster
ip link set nslab-veth0 up
t addr addr add 10.0.0.1/24 dev nslab-veth0
t addr6 addr add fd00::1/64 dev nslab-veth0
t addr-del addr del 10.0.0.1/24 dev nslab-veth0
t link-del link del nslab-br0
t link-dump -br link
t addr-dump -br addr
kill $PEER
