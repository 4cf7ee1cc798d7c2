package com.finpulse.processor.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShadowSampleTest {

  static final List<String> IDS =
      IntStream.range(0, 20_000).mapToObj(i -> Integer.toHexString(i * 7919) + "-article").toList();

  @Test
  void theSampleIsTheShareOfIdsAndGrowsWithIt() {
    for (double share : new double[] {0.05, 0.2, 0.5}) {
      long in = IDS.stream().filter(id -> ShadowSample.includes(id, share)).count();
      assertThat((double) in / IDS.size()).isBetween(share - 0.015, share + 0.015);
    }
    // An article in a small sample is in every larger one: raising the share only adds articles.
    assertThat(IDS)
        .filteredOn(id -> ShadowSample.includes(id, 0.1))
        .allSatisfy(id -> assertThat(ShadowSample.includes(id, 0.3)).isTrue());
    assertThat(IDS).noneMatch(id -> ShadowSample.includes(id, 0));
    assertThat(IDS).allMatch(id -> ShadowSample.includes(id, 1));
  }

  @Test
  void thePlaceOfAnIdIsFixedSoEveryReaderAgreesOnTheSample() {
    // The first 8 bytes of SHA-256("abc") = ba7816bf8f01cfea, over 2^64.
    assertThat(ShadowSample.position("abc")).isEqualTo(0.7283949105904021);
    assertThat(ShadowSample.includes("abc", 0.73)).isTrue();
    assertThat(ShadowSample.includes("abc", 0.72)).isFalse();
    assertThat(ShadowSample.includes("", 1)).isFalse();
    assertThat(ShadowSample.includes(null, 1)).isFalse();
  }
}
