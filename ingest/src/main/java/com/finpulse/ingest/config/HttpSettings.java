package com.finpulse.ingest.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;

/**
 * How pages and feeds are fetched.
 *
 * @param userAgent sent with every request and matched against robots.txt groups; SEC EDGAR refuses
 *     requests whose User-Agent carries no contact address
 * @param connectTimeout TCP + TLS connect
 * @param requestTimeout whole request, headers and body
 * @param maxRedirects redirects followed per fetch; a loop or a longer chain is an error
 * @param maxBodySize larger bodies are abandoned unread (a {@code too_large} error), decompressed
 *     size counted
 */
public record HttpSettings(
    String userAgent,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRedirects,
    ByteSize maxBodySize)
    implements Validated {

  @Override
  public void validate(Validation v) {
    v.notBlank(userAgent, "user_agent");
    v.check(positive(connectTimeout), "connect_timeout", "must be a positive duration");
    v.check(positive(requestTimeout), "request_timeout", "must be a positive duration");
    v.range(maxRedirects, 0, 20, "max_redirects");
    v.check(
        maxBodySize != null && maxBodySize.bytes() >= 1024,
        "max_body_size",
        "must be at least 1KB");
  }

  static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }
}
