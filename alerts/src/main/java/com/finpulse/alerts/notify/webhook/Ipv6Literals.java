package com.finpulse.alerts.notify.webhook;

import org.jspecify.annotations.Nullable;

/**
 * Reads IPv6 literals without the JDK's conversion of IPv4-mapped addresses into plain IPv4 (which
 * would hide that a URL used the mapped form), and finds IPv4 addresses embedded in IPv6 ones.
 */
final class Ipv6Literals {

  private Ipv6Literals() {}

  /** The 16 bytes of an IPv6 literal, or null when {@code text} is not one. */
  static byte @Nullable [] parse(String text) {
    if (text.indexOf(':') < 0) {
      return null;
    }
    String s = text;
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    byte[] tail4 = null;
    int lastColon = s.lastIndexOf(':');
    if (s.indexOf('.', lastColon) > 0) {
      tail4 = parseV4(s.substring(lastColon + 1));
      if (tail4 == null) {
        return null;
      }
      s = s.substring(0, lastColon + 1) + "0:0";
    }
    String[] halves = s.split("::", -1);
    if (halves.length > 2) {
      return null;
    }
    int[] groups = new int[8];
    String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
    String[] rest =
        halves.length == 2 && !halves[1].isEmpty() ? halves[1].split(":", -1) : new String[0];
    if (halves.length == 1 && head.length != 8 || head.length + rest.length > 8) {
      return null;
    }
    try {
      for (int i = 0; i < head.length; i++) {
        groups[i] = group(head[i]);
      }
      for (int i = 0; i < rest.length; i++) {
        groups[8 - rest.length + i] = group(rest[i]);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = (byte) (groups[i] >> 8);
      out[2 * i + 1] = (byte) groups[i];
    }
    if (tail4 != null) {
      System.arraycopy(tail4, 0, out, 12, 4);
    }
    return out;
  }

  static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  /** The IPv4 address inside mapped, compatible, NAT64, 6to4 or Teredo forms; else null. */
  static byte @Nullable [] embeddedIpv4(byte[] b) {
    if (b.length != 16) {
      return null;
    }
    boolean firstTenZero = true;
    for (int i = 0; i < 10; i++) {
      firstTenZero &= b[i] == 0;
    }
    if (firstTenZero && ((b[10] == 0 && b[11] == 0) || isIpv4Mapped(b))) {
      return new byte[] {b[12], b[13], b[14], b[15]};
    }
    if ((b[0] & 0xff) == 0x00
        && (b[1] & 0xff) == 0x64
        && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b) {
      return new byte[] {b[12], b[13], b[14], b[15]}; // NAT64 64:ff9b::/96
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      return new byte[] {b[2], b[3], b[4], b[5]}; // 6to4 2002::/16
    }
    if ((b[0] & 0xff) == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
      // Teredo 2001::/32: the client's IPv4 address is stored inverted in the last 4 bytes.
      return new byte[] {(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]};
    }
    return null;
  }

  private static int group(String g) {
    if (g.isEmpty() || g.length() > 4) {
      throw new NumberFormatException(g);
    }
    return Integer.parseInt(g, 16);
  }

  private static byte @Nullable [] parseV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      try {
        int v = Integer.parseInt(parts[i]);
        if (v < 0 || v > 255) {
          return null;
        }
        out[i] = (byte) v;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return out;
  }
}
