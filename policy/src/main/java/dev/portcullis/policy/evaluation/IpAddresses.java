package dev.portcullis.policy.evaluation;

/** Reads IPv4 and IPv6 addresses in their textual forms. */
final class IpAddresses {
  private IpAddresses() {}

  /** The dotted-quad IPv4 address in {@code s[from, to)} as an unsigned 32-bit value, or -1. */
  static long parseV4(String s, int from, int to) {
    long value = 0;
    int octets = 0;
    int i = from;
    while (octets < 4) {
      int start = i;
      int octet = 0;
      while (i < to && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        octet = octet * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start || octet > 255) {
        return -1;
      }
      value = (value << 8) | octet;
      octets++;
      if (octets < 4) {
        if (i >= to || s.charAt(i) != '.') {
          return -1;
        }
        i++;
      }
    }
    return i == to ? value : -1;
  }

  /**
   * The IPv6 address {@code s} as its upper and lower 64 bits, or null. Accepts {@code ::}
   * compression and a dotted-quad IPv4 tail.
   */
  static long[] parseV6(String s) {
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int i = 0;
    int n = s.length();
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
    }
    while (i < n) {
      int start = i;
      int group = 0;
      while (i < n && i - start < 4 && Character.digit(s.charAt(i), 16) >= 0) {
        group = group * 16 + Character.digit(s.charAt(i), 16);
        i++;
      }
      if (i < n && s.charAt(i) == '.') {
        long v4 = count <= 6 ? parseV4(s, start, n) : -1;
        if (v4 < 0) {
          return null;
        }
        groups[count++] = (int) (v4 >>> 16);
        groups[count++] = (int) (v4 & 0xFFFF);
        i = n;
        break;
      }
      if (i == start || count == 8) {
        return null;
      }
      groups[count++] = group;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = count;
        i++;
      } else if (i == n) {
        return null;
      }
    }
    if (gap < 0 ? count != 8 : count > 7) {
      return null;
    }
    int[] full = new int[8];
    int tail = gap < 0 ? 0 : count - gap;
    int head = gap < 0 ? count : gap;
    System.arraycopy(groups, 0, full, 0, head);
    System.arraycopy(groups, head, full, 8 - tail, tail);
    long high = 0;
    long low = 0;
    for (int g = 0; g < 4; g++) {
      high = (high << 16) | full[g];
      low = (low << 16) | full[g + 4];
    }
    return new long[] {high, low};
  }
}
