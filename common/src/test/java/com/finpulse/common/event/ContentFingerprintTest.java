package com.finpulse.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentFingerprintTest {

  @Test
  void syndicatedCopiesAreNearDuplicates() {
    String a =
        ContentFingerprint.of(
            "Acme Corp shares slump 12% after the company cuts its full-year profit forecast",
            "Acme Corp on Tuesday cut its full-year profit forecast, citing weaker demand in Europe"
                + " and higher input costs. https://t.co/abc");
    String b =
        ContentFingerprint.of(
            "ACME CORP SHARES SLUMP 12% AFTER THE COMPANY CUTS ITS FULL-YEAR PROFIT FORECAST",
            "Acme Corp on Tuesday cut its full-year profit forecast, citing weaker demand in Europe"
                + " and higher input costs. https://t.co/xyz");
    assertThat(ContentFingerprint.distance(a, b)).isZero();
    assertThat(ContentFingerprint.nearDuplicates(a, b)).isTrue();
  }

  @Test
  void differentStoriesAreFarApart() {
    String a = ContentFingerprint.of("Acme Corp shares slump after profit warning", null);
    String b =
        ContentFingerprint.of("Central bank holds rates steady, signals cuts next year", null);
    assertThat(ContentFingerprint.distance(a, b))
        .isGreaterThan(ContentFingerprint.NEAR_DUPLICATE_MAX_DISTANCE);
  }

  @Test
  void fingerprintIsSixteenHexCharsEvenForEmptyText() {
    assertThat(ContentFingerprint.of("", null)).hasSize(16).isEqualTo("0000000000000000");
    assertThat(ContentFingerprint.of("Word", "")).hasSize(16).matches("[0-9a-f]{16}");
  }

  @Test
  void longFormAgreesWithHexForm() {
    String a = ContentFingerprint.of("Acme Corp shares slump after profit warning", null);
    String b = ContentFingerprint.of("Acme Corp shares slump after a profit warning", null);
    String c = ContentFingerprint.of("Central bank holds rates steady", null);
    assertThat(
            ContentFingerprint.nearDuplicates(
                ContentFingerprint.toLong(a), ContentFingerprint.toLong(b)))
        .isEqualTo(ContentFingerprint.nearDuplicates(a, b));
    assertThat(
            ContentFingerprint.nearDuplicates(
                ContentFingerprint.toLong(a), ContentFingerprint.toLong(c)))
        .isEqualTo(ContentFingerprint.nearDuplicates(a, c))
        .isFalse();
    assertThat(ContentFingerprint.toLong("ffffffffffffffff")).isEqualTo(-1L);
  }
}
