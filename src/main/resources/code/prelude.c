#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <net/if.h>
#include <arpa/inet.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- The helpers every lesson's program shares ---------------------------------- */
#define HELPER static __attribute__((unused))

/* CHECK(call): the call must not fail; if it returns -1, print why and stop. */
#define CHECK(call) do { if ((long) (call) == -1) { perror(#call); exit(1); } } while (0)

/* sh(command): run a shell command in the caller's namespaces and wait for it, like a
 * lesson's show: line. Returns its exit code. */
HELPER int sh(const char *command)
{
  printf("$ %s\n", command);
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    execl("/bin/sh", "sh", "-c", command, (char *) NULL);
    _exit(127);
  }
  int status;
  if (p == -1 || waitpid(p, &status, 0) == -1) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* write_file(path, text): open and ONE write, as kernel files (uid_map, timens_offsets,
 * cgroup files) want it. Returns -1 with errno set when the kernel refuses. */
HELPER int write_file(const char *path, const char *text)
{
  int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd == -1) return -1;
  ssize_t n = write(fd, text, strlen(text));
  int saved = errno;
  close(fd);
  errno = saved;
  return n == -1 ? -1 : 0;
}

/* pivot_root(2) has no glibc wrapper. */
HELPER int pivot_root(const char *new_root, const char *put_old)
{
  return (int) syscall(SYS_pivot_root, new_root, put_old);
}

/* start_init(): after unshare(CLONE_NEWPID), fork the namespace's PID 1. It reaps the
 * orphans the kernel hands it and dies with this program (PR_SET_PDEATHSIG). */
HELPER pid_t start_init(void)
{
  pid_t p = fork();
  if (p == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    prctl(PR_SET_NAME, "init");
    for (;;)
      if (wait(NULL) == -1) sleep(1);
  }
  return p;
}

/* enter_net(pid): setns into the network namespace of process pid. */
HELPER int enter_net(pid_t pid)
{
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/ns/net", (int) pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd == -1) return -1;
  int r = setns(fd, CLONE_NEWNET);
  close(fd);
  return r;
}

/* ---- rtnetlink: what ip(8) sends to the kernel ------------------------------------ */
struct nl_req { struct nlmsghdr h; char data[1024]; };

static struct rtattr *nl_attr(struct nlmsghdr *h, int type, const void *data, size_t len)
{
  struct rtattr *a = (struct rtattr *) ((char *) h + NLMSG_ALIGN(h->nlmsg_len));
  a->rta_type = type;
  a->rta_len = RTA_LENGTH(len);
  if (len) memcpy(RTA_DATA(a), data, len);
  h->nlmsg_len = NLMSG_ALIGN(h->nlmsg_len) + RTA_ALIGN(a->rta_len);
  return a;
}

static void nl_end(struct nlmsghdr *h, struct rtattr *nest)
{
  nest->rta_len = (char *) h + h->nlmsg_len - (char *) nest;
}

/* Send one request and read the kernel's acknowledgement: 0, or -1 with errno. */
static int nl_talk(struct nlmsghdr *h)
{
  int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (s == -1) return -1;
  h->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
  struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
  char reply[4096];
  int r = -1;
  if (sendto(s, h, h->nlmsg_len, 0, (struct sockaddr *) &kernel, sizeof kernel) != -1
      && recv(s, reply, sizeof reply, 0) > 0) {
    struct nlmsgerr *e = NLMSG_DATA((struct nlmsghdr *) reply);
    errno = -e->error;
    r = e->error == 0 ? 0 : -1;
  }
  int saved = errno;
  close(s);
  errno = saved;
  return r;
}

static struct ifinfomsg *nl_link_msg(struct nl_req *q, int type, int flags)
{
  memset(q, 0, sizeof *q);
  q->h.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
  q->h.nlmsg_type = type;
  q->h.nlmsg_flags = flags;
  struct ifinfomsg *ifi = NLMSG_DATA(&q->h);
  ifi->ifi_family = AF_UNSPEC;
  return ifi;
}

/* link_add(name, kind): RTM_NEWLINK, e.g. kind "bridge", like ip link add NAME type KIND. */
HELPER int link_add(const char *name, const char *kind)
{
  struct nl_req q;
  nl_link_msg(&q, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
  nl_attr(&q.h, IFLA_IFNAME, name, strlen(name) + 1);
  struct rtattr *info = nl_attr(&q.h, IFLA_LINKINFO, NULL, 0);
  nl_attr(&q.h, IFLA_INFO_KIND, kind, strlen(kind));
  nl_end(&q.h, info);
  return nl_talk(&q.h);
}

/* veth_add(name, peer, pid): RTM_NEWLINK of kind "veth": NAME here, PEER in the network
 * namespace of process pid, like ip link add NAME type veth peer name PEER netns PID. */
HELPER int veth_add(const char *name, const char *peer, pid_t pid)
{
  struct nl_req q;
  nl_link_msg(&q, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
  nl_attr(&q.h, IFLA_IFNAME, name, strlen(name) + 1);
  struct rtattr *info = nl_attr(&q.h, IFLA_LINKINFO, NULL, 0);
  nl_attr(&q.h, IFLA_INFO_KIND, "veth", 4);
  struct rtattr *data = nl_attr(&q.h, IFLA_INFO_DATA, NULL, 0);
  struct ifinfomsg peer_ifi = { .ifi_family = AF_UNSPEC };
  struct rtattr *p = nl_attr(&q.h, VETH_INFO_PEER, &peer_ifi, sizeof peer_ifi);
  nl_attr(&q.h, IFLA_IFNAME, peer, strlen(peer) + 1);
  unsigned int netns_pid = (unsigned int) pid;
  nl_attr(&q.h, IFLA_NET_NS_PID, &netns_pid, sizeof netns_pid);
  nl_end(&q.h, p);
  nl_end(&q.h, data);
  nl_end(&q.h, info);
  return nl_talk(&q.h);
}

/* link_set(name, up, master): RTM_NEWLINK on an existing link: IFF_UP on or off, and with
 * master != NULL a bridge port (IFLA_MASTER), like ip link set NAME up master BRIDGE. */
HELPER int link_set(const char *name, int up, const char *master)
{
  struct nl_req q;
  struct ifinfomsg *ifi = nl_link_msg(&q, RTM_NEWLINK, 0);
  ifi->ifi_index = (int) if_nametoindex(name);
  if (ifi->ifi_index == 0) return -1;
  ifi->ifi_change = IFF_UP;
  ifi->ifi_flags = up ? IFF_UP : 0;
  if (master) {
    unsigned int m = if_nametoindex(master);
    if (m == 0) return -1;
    nl_attr(&q.h, IFLA_MASTER, &m, sizeof m);
  }
  return nl_talk(&q.h);
}

/* addr(type, name, "10.0.0.1", 24): RTM_NEWADDR or RTM_DELADDR of an IPv4 address, like
 * ip addr add (or del) 10.0.0.1/24 dev NAME. */
HELPER int addr(int type, const char *name, const char *ip, int prefix)
{
  struct nl_req q;
  memset(&q, 0, sizeof q);
  q.h.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifaddrmsg));
  q.h.nlmsg_type = type;
  q.h.nlmsg_flags = type == RTM_NEWADDR ? NLM_F_CREATE | NLM_F_EXCL : 0;
  struct ifaddrmsg *ifa = NLMSG_DATA(&q.h);
  ifa->ifa_family = AF_INET;
  ifa->ifa_prefixlen = prefix;
  ifa->ifa_index = if_nametoindex(name);
  if (ifa->ifa_index == 0) return -1;
  struct in_addr a;
  if (inet_pton(AF_INET, ip, &a) != 1) return -1;
  nl_attr(&q.h, IFA_LOCAL, &a, sizeof a);
  nl_attr(&q.h, IFA_ADDRESS, &a, sizeof a);
  return nl_talk(&q.h);
}
/* ---- The lesson's steps, in order ------------------------------------------------- */
