package com.finpulse.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

  @Test
  void lineBreaksAndTerminalEscapesCannotForgeALogLine() {
    String forged = "x\u001b[31m\nFAKE LOG LINE\r\u2028\u200e";
    String safe = LogText.escape(forged);
    assertThat(safe).isEqualTo("x\\u001b[31m\\nFAKE LOG LINE\\r\\u2028\\u200e");
    assertThat(safe.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).isTrue();
  }

  @Test
  void plainTextIsUnchanged() {
    assertThat(LogText.escape("ops on call: Zoë, 東京")).isEqualTo("ops on call: Zoë, 東京");
    assertThat(LogText.escape(null)).isEmpty();
  }
}
