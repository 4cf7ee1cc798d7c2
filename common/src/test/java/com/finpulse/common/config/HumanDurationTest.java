package com.finpulse.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

  @Test
  void readsUnitsCombinationsAndIso() {
    assertThat(HumanDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(HumanDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(HumanDuration.parse(" 2d ")).isEqualTo(Duration.ofDays(2));
    assertThat(HumanDuration.parse("PT2H")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void amountsTooLargeAreAnArgumentErrorWithAPlainMessage() {
    for (String text : new String[] {"99999999999999999999d", "106751991167301d1d"}) {
      assertThatThrownBy(() -> HumanDuration.parse(text))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("too long")
          .hasMessageNotContaining("java.");
    }
  }

  @Test
  void bareNumbersAndProseAreRefused() {
    assertThatThrownBy(() -> HumanDuration.parse("30"))
        .hasMessageContaining(HumanDuration.EXAMPLES);
    assertThatThrownBy(() -> HumanDuration.parse("soon"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
