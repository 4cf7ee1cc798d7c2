package com.finpulse.alerts.notify.webhook;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 CIDR range such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
public record NetworkRange(byte[] network, int prefix) {

  /**
   * @throws IllegalArgumentException with a message fit for a config error
   */
  public static NetworkRange parse(String cidr) {
    String s = cidr == null ? "" : cidr.trim();
    int slash = s.indexOf('/');
    String host = slash < 0 ? s : s.substring(0, slash);
    if (!host.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException(
          "expected an IP range like 10.0.0.0/8, got '" + cidr + "'");
    }
    byte[] address;
    try {
      address = InetAddress.getByName(host).getAddress(); // a literal: no DNS lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: '" + host + "'");
    }
    int bits = address.length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("prefix length must be 0.." + bits + " in '" + cidr + "'");
    }
    return new NetworkRange(mask(address, prefix), prefix);
  }

  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    return a.length == network.length && java.util.Arrays.equals(mask(a, prefix), network);
  }

  private static byte[] mask(byte[] address, int prefix) {
    int bits = address.length * 8;
    BigInteger value = new BigInteger(1, address);
    BigInteger keep = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    keep = keep.shiftRight(bits - prefix).shiftLeft(bits - prefix);
    byte[] raw = value.and(keep).toByteArray();
    byte[] out = new byte[address.length];
    int copy = Math.min(raw.length, out.length);
    System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkRange r
        && r.prefix == prefix
        && java.util.Arrays.equals(r.network, network);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + prefix;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException e) {
      return "?/" + prefix;
    }
  }
}
