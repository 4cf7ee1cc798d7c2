package com.finpulse.alerts.notify.webhook;

import java.math.BigInteger;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads a host as an IPv4 address in every form that resolvers and URL parsers accept (the WHATWG
 * URL standard, {@code inet_aton}): dotted decimal ({@code 127.0.0.1}), fewer parts ({@code
 * 127.1}), one number ({@code 2130706433}), hexadecimal ({@code 0x7f000001}, {@code 0x7f.1}) and
 * octal ({@code 017700000001}, {@code 0177.0.0.1}), with or without a trailing dot. A host whose
 * last label is a number is an IPv4 address to those parsers whatever else it holds, so such a host
 * that is not a valid one must be refused, not looked up as a name.
 */
final class Ipv4Literals {

  private Ipv4Literals() {}

  /** Whether URL parsers read {@code host} as an IPv4 address (its last label is a number). */
  static boolean endsInNumber(String host) {
    String[] parts = labels(host);
    String last = parts[parts.length - 1];
    return last.matches("[0-9]+") || last.toLowerCase(Locale.ROOT).matches("0x[0-9a-f]*");
  }

  /**
   * The 4 bytes {@code host} stands for, or null when it is not a valid IPv4 address in any form.
   */
  static byte @Nullable [] parse(String host) {
    String[] parts = labels(host);
    if (parts.length > 4) {
      return null;
    }
    BigInteger[] values = new BigInteger[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = number(parts[i]);
      if (values[i] == null) {
        return null;
      }
    }
    long address = 0;
    for (int i = 0; i < parts.length - 1; i++) {
      if (values[i].bitLength() > 8) {
        return null;
      }
      address |= values[i].longValue() << (8 * (3 - i));
    }
    BigInteger last = values[parts.length - 1];
    if (last.bitLength() > 8 * (5 - parts.length)) {
      return null;
    }
    address |= last.longValue();
    return new byte[] {
      (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
    };
  }

  private static String[] labels(String host) {
    String h =
        host.endsWith(".") && host.length() > 1 ? host.substring(0, host.length() - 1) : host;
    return h.split("\\.", -1);
  }

  private static @Nullable BigInteger number(String part) {
    String p = part.toLowerCase(Locale.ROOT);
    if (p.startsWith("0x")) {
      String hex = p.substring(2);
      if (hex.isEmpty()) {
        return BigInteger.ZERO;
      }
      return hex.matches("[0-9a-f]+") ? new BigInteger(hex, 16) : null;
    }
    if (p.length() > 1 && p.startsWith("0")) {
      return p.matches("[0-7]+") ? new BigInteger(p, 8) : null;
    }
    return p.matches("[0-9]+") ? new BigInteger(p) : null;
  }
}
