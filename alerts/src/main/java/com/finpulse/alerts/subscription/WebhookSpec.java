package com.finpulse.alerts.subscription;

import com.finpulse.alerts.detect.AlertIds;
import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * One webhook of a subscription.
 *
 * @param secret the HMAC key of {@code X-FinPulse-Signature}; write it as {@code ${ENV_VAR}} so it
 *     stays out of the file. Required for the alertmanager format.
 */
public record WebhookSpec(String url, @Nullable String secret, WebhookFormat format)
    implements Validated {

  public static final int MIN_SECRET_LENGTH = 16;

  public WebhookSpec {
    url = url == null ? "" : url.trim();
    secret = secret == null || secret.isEmpty() ? null : secret;
    format = format == null ? WebhookFormat.ALERTMANAGER : format;
  }

  /**
   * How the webhook is named in logs, records and the API: scheme and host plus a hash of the whole
   * URL. URLs such as Slack's carry a token in the path, so they are never shown whole.
   */
  public String displayName() {
    return displayName(url);
  }

  public static String displayName(String url) {
    String hash = AlertIds.sha256Hex("webhook\u0000" + url, 4);
    try {
      URI u = URI.create(url);
      String port = u.getPort() < 0 ? "" : ":" + u.getPort();
      return u.getScheme() + "://" + u.getHost() + port + "#" + hash;
    } catch (RuntimeException e) {
      return "webhook#" + hash;
    }
  }

  @Override
  public void validate(Validation v) {
    v.httpUrl(url, "url");
    if (format.requiresSecret()) {
      v.check(
          secret != null,
          "secret",
          "required for the alertmanager format (receivers verify X-FinPulse-Signature with it);"
              + " write it as ${ENV_VAR}");
    }
    if (secret != null) {
      v.check(
          secret.length() >= MIN_SECRET_LENGTH,
          "secret",
          "must be at least " + MIN_SECRET_LENGTH + " characters");
    }
  }

  /** Never prints the secret or the whole URL. */
  @Override
  public String toString() {
    return "WebhookSpec[" + displayName() + ", format=" + format.label() + "]";
  }
}
