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
 */
public record ApiSettings(boolean enabled, String bind, @Nullable String token)
    implements Validated {

  public ApiSettings {
    token = token == null || token.isBlank() ? null : token.trim();
  }

  public InetSocketAddress address() {
    int colon = bind.lastIndexOf(':');
    String host = bind.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(host, Integer.parseInt(bind.substring(colon + 1)));
  }

  @Override
  public void validate(Validation v) {
    int colon = bind == null ? -1 : bind.lastIndexOf(':');
    boolean ok = colon > 0 && bind.substring(colon + 1).matches("\\d{1,5}");
    v.check(ok, "bind", "expected host:port, got '" + bind + "'");
    if (ok) {
      int port = Integer.parseInt(bind.substring(colon + 1));
      v.check(port < 65536, "bind", "port out of range: " + port);
    }
    v.check(
        token == null || token.length() >= 16,
        "token",
        "must be at least 16 characters (or empty to generate one)");
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "ApiSettings[enabled=" + enabled + ", bind=" + bind + "]";
  }
}
