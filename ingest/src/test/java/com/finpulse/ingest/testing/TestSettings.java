package com.finpulse.ingest.testing;

import com.finpulse.ingest.config.ByteSize;
import com.finpulse.ingest.config.DedupSettings;
import com.finpulse.ingest.config.HttpSettings;
import com.finpulse.ingest.config.PolitenessSettings;
import com.finpulse.ingest.config.SourceSettings;
import com.finpulse.ingest.config.SourceType;
import java.time.Duration;
import java.util.List;

/** Settings for tests against loopback servers: fast, small, still polite. */
public final class TestSettings {

  public static final String USER_AGENT = "FinPulse/0.1 (tests; ops@finpulse.example)";

  private TestSettings() {}

  public static HttpSettings http() {
    return new HttpSettings(
        USER_AGENT, Duration.ofSeconds(2), Duration.ofSeconds(3), 5, ByteSize.ofMegabytes(5));
  }

  public static PolitenessSettings politeness() {
    return new PolitenessSettings(
        true,
        Duration.ofHours(1),
        Duration.ZERO,
        2,
        16,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        0);
  }

  public static DedupSettings dedup() {
    return new DedupSettings(Duration.ofDays(30), true, Duration.ofHours(48), 3, List.of());
  }

  public static SourceSettings feed(String name, String url) {
    return new SourceSettings(
        name,
        SourceType.FEED,
        url,
        true,
        Duration.ofMinutes(1),
        false,
        null,
        null,
        List.of(),
        "en",
        50);
  }

  public static SourceSettings listing(String name, String url, String selector) {
    return new SourceSettings(
        name,
        SourceType.HTML_LISTING,
        url,
        true,
        Duration.ofMinutes(1),
        true,
        selector,
        null,
        List.of(),
        "en",
        50);
  }
}
