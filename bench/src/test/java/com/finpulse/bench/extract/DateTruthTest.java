package com.finpulse.bench.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateTruthTest {

  @Test
  void zonedTruthNeedsTheSameInstant() {
    assertThat(
            DateTruth.matches("2026-05-24 10:05:10-04:00", Instant.parse("2026-05-24T14:05:10Z")))
        .isTrue();
    assertThat(
            DateTruth.matches("2026-05-24 10:05:10-04:00", Instant.parse("2026-05-24T14:06:00Z")))
        .isTrue();
    assertThat(
            DateTruth.matches("2026-05-24 10:05:10-04:00", Instant.parse("2026-05-24T10:05:10Z")))
        .isFalse();
    assertThat(DateTruth.matches("2021-11-01T10:52:50+0100", Instant.parse("2021-11-01T09:52:50Z")))
        .isTrue();
    assertThat(DateTruth.matches("2019-01-03T07:00:02.000Z", Instant.parse("2019-01-03T07:00:02Z")))
        .isTrue();
    assertThat(DateTruth.matches("2019-01-03T07:00:02.000Z", null)).isFalse();
  }

  @Test
  void localTruthNeedsTheSameWallClockAtSomeOffset() {
    assertThat(DateTruth.matches("2019-04-28 06:01:07", Instant.parse("2019-04-28T13:01:07Z")))
        .as("UTC-7")
        .isTrue();
    assertThat(DateTruth.matches("2019-04-28 06:01:07", Instant.parse("2019-04-28T00:31:07Z")))
        .as("UTC+5:30")
        .isTrue();
    assertThat(DateTruth.matches("2019-04-28 06:01:07", Instant.parse("2019-04-28T13:11:07Z")))
        .as("10 minutes off")
        .isFalse();
    assertThat(
            DateTruth.matches("2017-11-03 03:01:00.000000", Instant.parse("2017-11-03T03:01:00Z")))
        .isTrue();
  }

  @Test
  void dateTruthNeedsTheSameCalendarDateAtSomeOffset() {
    assertThat(DateTruth.matches("2023-11-06T00:00:00", Instant.parse("2023-11-06T23:30:00Z")))
        .isTrue();
    assertThat(DateTruth.matches("2023-11-06T00:00:00", Instant.parse("2023-11-07T05:00:00Z")))
        .as("US evening")
        .isTrue();
    assertThat(DateTruth.matches("2023-11-06", Instant.parse("2023-11-08T05:00:00Z"))).isFalse();
  }

  @Test
  void unreadableTruthIsNotCounted() {
    assertThat(DateTruth.matches("sometime in 2019", Instant.now())).isNull();
  }
}
