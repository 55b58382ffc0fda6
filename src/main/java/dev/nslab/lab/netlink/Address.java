package dev.nslab.lab.netlink;

/**
 * One address as RTM_NEWADDR describes it: {@code address} as `ip` prints it, on link {@code
 * index}.
 */
public record Address(
    int index, int family, String address, int prefixLength, int scope, String label) {

  public String cidr() {
    return address + "/" + prefixLength;
  }
}
