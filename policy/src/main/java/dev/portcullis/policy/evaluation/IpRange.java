package dev.portcullis.policy.evaluation;

/**
 * An IPv4 or IPv6 network in CIDR notation, as IpAddress conditions name them; an address without a
 * prefix length is a network of one (/32 or /128). Request addresses are checked against it; IPv4
 * addresses never fall in IPv6 networks or the reverse.
 *
 * @param v6 whether this is an IPv6 network
 * @param high the upper 64 bits of an IPv6 network address (0 for IPv4)
 * @param low the lower 64 bits of an IPv6 network address, or the IPv4 address
 * @param prefix the prefix length
 */
record IpRange(boolean v6, long high, long low, int prefix) {

  /** The network written as {@code text}, or null if it is not one. */
  static IpRange parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    String address = slash < 0 ? s : s.substring(0, slash);
    boolean v6 = address.indexOf(':') >= 0;
    int max = v6 ? 128 : 32;
    int prefix = max;
    if (slash >= 0) {
      String length = s.substring(slash + 1);
      if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)) {
        return null;
      }
      prefix = Integer.parseInt(length);
      if (prefix > max) {
        return null;
      }
    }
    if (!v6) {
      long value = IpAddresses.parseV4(address, 0, address.length());
      return value < 0 ? null : new IpRange(false, 0, value & mask32(prefix), prefix);
    }
    long[] value = IpAddresses.parseV6(address);
    if (value == null) {
      return null;
    }
    return new IpRange(true, value[0] & highMask(prefix), value[1] & lowMask(prefix), prefix);
  }

  /** Whether the request address {@code address} lies in this network; NO if it is no address. */
  int contains(String address) {
    if (address.indexOf(':') < 0) {
      if (v6) {
        return Tri.NO;
      }
      long value = IpAddresses.parseV4(address, 0, address.length());
      return Tri.of(value >= 0 && (value & mask32(prefix)) == low);
    }
    if (!v6) {
      return Tri.NO;
    }
    long[] value = IpAddresses.parseV6(address);
    return Tri.of(
        value != null
            && (value[0] & highMask(prefix)) == high
            && (value[1] & lowMask(prefix)) == low);
  }

  private static long mask32(int prefix) {
    return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
  }

  private static long highMask(int prefix) {
    if (prefix >= 64) {
      return -1L;
    }
    return prefix == 0 ? 0 : -1L << (64 - prefix);
  }

  private static long lowMask(int prefix) {
    if (prefix <= 64) {
      return 0;
    }
    return prefix == 128 ? -1L : -1L << (128 - prefix);
  }
}
