package com.finpulse.alerts.notify.webhook;

import com.finpulse.alerts.subscription.WebhookUrlCheck;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The SSRF guard of the webhook channel: a subscription (which the API can add) must not turn the
 * alerts service into a proxy into its own network. Before every attempt the host is resolved and
 * every address checked; one forbidden address refuses the target. Refused: loopback, unspecified,
 * private (10/8, 172.16/12, 192.168/16), carrier-grade NAT (100.64/10), link-local (169.254/16,
 * fe80::/10), unique-local (fc00::/7), site-local (fec0::/10), multicast, broadcast and reserved
 * ranges, and IPv6 forms embedding an IPv4 address (IPv4-mapped and -compatible literals, NAT64
 * 64:ff9b::/96, 6to4 2002::/16, Teredo 2001::/32) whose IPv4 part is forbidden; IPv4-mapped
 * literals are refused outright. Ranges listed in {@code delivery.allowed_private_networks} are
 * exempt.
 *
 * <p>Redirects are not followed (a 3xx is a failure), so a public host cannot bounce the request
 * inward. What remains is DNS rebinding between this check and the HTTP client's own lookup, a
 * window of milliseconds; deployments that need more put the service behind an egress proxy.
 */
public final class TargetGuard implements WebhookUrlCheck {

  /** Resolves a host name; tests substitute answers. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final List<NetworkRange> allowed;
  private final Resolver resolver;

  public TargetGuard(List<NetworkRange> allowed) {
    this(allowed, InetAddress::getAllByName);
  }

  public TargetGuard(List<NetworkRange> allowed, Resolver resolver) {
    this.allowed = List.copyOf(allowed);
    this.resolver = resolver;
  }

  /**
   * @throws RefusedTargetException when the target is not allowed
   * @throws UnknownHostException when the name does not resolve now (worth a retry)
   */
  public void check(URI uri) throws RefusedTargetException, UnknownHostException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new RefusedTargetException("only http and https webhooks are allowed");
    }
    String host = host(uri);
    if (host.isEmpty()) {
      throw new RefusedTargetException("the URL has no host");
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    byte[] literal = Ipv6Literals.parse(bare);
    if (literal != null && Ipv6Literals.isIpv4Mapped(literal)) {
      throw new RefusedTargetException(
          "IPv4-mapped IPv6 address " + bare + " refused (SSRF guard)");
    }
    if (literal == null && Ipv4Literals.endsInNumber(bare)) {
      // Resolvers read 0x7f000001, 017700000001, 2130706433 and 127.1 as 127.0.0.1: so does this.
      byte[] v4 = Ipv4Literals.parse(bare);
      if (v4 == null) {
        throw new RefusedTargetException(
            "host " + bare + " is a number but not a valid IPv4 address (SSRF guard)");
      }
      refuseIfForbidden(bare, "is", InetAddress.getByAddress(v4));
      return;
    }
    for (InetAddress a : resolver.resolve(bare)) {
      refuseIfForbidden(bare, "resolves to", a);
    }
  }

  /**
   * The reason {@link #check} gives for refusing {@code url}; null when it passes, when it is no
   * URL at all (the subscription's validation says so) and when its host does not resolve now
   * (checked again at every delivery).
   */
  @Override
  public @Nullable String refusal(String url) {
    try {
      check(URI.create(url));
      return null;
    } catch (RefusedTargetException e) {
      return e.getMessage();
    } catch (UnknownHostException | IllegalArgumentException e) {
      return null;
    }
  }

  private void refuseIfForbidden(String host, String verb, InetAddress a)
      throws RefusedTargetException {
    String reason = forbidden(a);
    if (reason != null && allowed.stream().noneMatch(r -> r.contains(a))) {
      throw new RefusedTargetException(
          "host "
              + host
              + " "
              + verb
              + " "
              + a.getHostAddress()
              + " ("
              + reason
              + "); refused by the SSRF guard unless listed in"
              + " delivery.allowed_private_networks");
    }
  }

  /**
   * The host of the URL; where {@link URI#getHost()} gives none for a server authority it cannot
   * read as a name (such as {@code 127.1} or {@code 127.0.0.1.}), the authority's host part.
   */
  private static String host(URI uri) {
    if (uri.getHost() != null) {
      return uri.getHost();
    }
    String authority = uri.getRawAuthority();
    if (authority == null) {
      return "";
    }
    String h = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = h.lastIndexOf(':');
    return colon > h.lastIndexOf(']') ? h.substring(0, colon) : h;
  }

  /** Why {@code a} is off limits, or null when it is a public address. */
  static @Nullable String forbidden(InetAddress a) {
    if (a.isLoopbackAddress()) {
      return "loopback";
    }
    if (a.isAnyLocalAddress()) {
      return "unspecified address";
    }
    if (a.isLinkLocalAddress()) {
      return "link-local";
    }
    if (a.isSiteLocalAddress()) {
      return a instanceof Inet4Address ? "private network" : "site-local";
    }
    if (a.isMulticastAddress()) {
      return "multicast";
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return forbiddenV4(b);
    }
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return "unique-local";
      }
      byte[] embedded = Ipv6Literals.embeddedIpv4(b);
      if (embedded != null) {
        String inner = forbiddenV4(embedded);
        if (inner != null || isAllZero(embedded)) {
          return "embeds IPv4 " + (inner == null ? "0.0.0.0" : inner);
        }
      }
    }
    return null;
  }

  private static @Nullable String forbiddenV4(byte[] b) {
    int o0 = b[0] & 0xff;
    int o1 = b[1] & 0xff;
    if (o0 == 0) {
      return "'this' network 0/8";
    }
    if (o0 == 127) {
      return "loopback";
    }
    if (o0 == 10 || (o0 == 172 && o1 >= 16 && o1 <= 31) || (o0 == 192 && o1 == 168)) {
      return "private network";
    }
    if (o0 == 100 && o1 >= 64 && o1 <= 127) {
      return "carrier-grade NAT";
    }
    if (o0 == 169 && o1 == 254) {
      return "link-local";
    }
    if (o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0) {
      return "IETF protocol assignments";
    }
    if (o0 == 198 && (o1 == 18 || o1 == 19)) {
      return "benchmarking network";
    }
    if (o0 >= 224) {
      return o0 < 240 ? "multicast" : "reserved";
    }
    return null;
  }

  private static boolean isAllZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
