package com.finpulse.common.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InfluxSchemaTest {

  @Test
  void articleTimestampStaysInsideTheEventMillisecondAndDependsOnTheIdOnly() {
    Instant t = Instant.parse("2026-01-05T10:15:30.123456Z");
    long a = InfluxSchema.Article.timestampNanos(t, "0123456789abcdef0123456789abcdef");
    long b = InfluxSchema.Article.timestampNanos(t, "fedcba98765432100123456789abcdef");
    long millisAsNanos = t.toEpochMilli() * 1_000_000L;
    assertThat(a).isBetween(millisAsNanos, millisAsNanos + 999_999);
    assertThat(b).isBetween(millisAsNanos, millisAsNanos + 999_999).isNotEqualTo(a);
    assertThat(InfluxSchema.Article.timestampNanos(t, "0123456789abcdef0123456789abcdef"))
        .isEqualTo(a);
  }
}
