package com.finpulse.alerts.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * The REST API.
 *
 * @param bind {@code host:port}; loopback unless the operator decides otherwise
 * @param token bearer token; empty: generated at start and written to the state directory
 * @param consoleBind {@code host:port} of a second listener of the same server, where the console
 *     is at {@code /} (the API answers there too); empty: none (the console is still at {@code /}
 *     of {@code bind})
 */
public record ApiSettings(
    boolean enabled, String bind, @Nullable String token, @Nullable String consoleBind)
    implements Validated {

  public ApiSettings {
    token = token == null || token.isBlank() ? null : token.trim();
    consoleBind = consoleBind == null || consoleBind.isBlank() ? null : consoleBind.trim();
  }

  public InetSocketAddress address() {
    return address(bind);
  }

  /** The console's own listener, or null when it has none. */
  public @Nullable InetSocketAddress consoleAddress() {
    return consoleBind == null ? null : address(consoleBind);
  }

  private static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
  }

  @Override
  public void validate(Validation v) {
    checkHostPort(v, "bind", bind);
    if (consoleBind != null) {
      checkHostPort(v, "console_bind", consoleBind);
    }
    v.check(
        token == null || token.length() >= 16,
        "token",
        "must be at least 16 characters (or empty to generate one)");
  }

  private static void checkHostPort(Validation v, String key, String value) {
    int colon = value == null ? -1 : value.lastIndexOf(':');
    boolean ok = colon > 0 && value.substring(colon + 1).matches("\\d{1,5}");
    v.check(ok, key, "expected host:port, got '" + value + "'");
    if (ok) {
      int port = Integer.parseInt(value.substring(colon + 1));
      v.check(port < 65536, key, "port out of range: " + port);
    }
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "ApiSettings[enabled="
        + enabled
        + ", bind="
        + bind
        + ", console_bind="
        + consoleBind
        + "]";
  }
}
