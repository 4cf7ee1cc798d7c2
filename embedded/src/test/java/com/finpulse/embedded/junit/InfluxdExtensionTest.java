package com.finpulse.embedded.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InfluxdExtensionTest {

  @Test
  void aMissingInfluxdFailsUnderCiOrWhenRequired() {
    assertThat(InfluxdExtension.required(null, false)).isFalse();
    assertThat(InfluxdExtension.required("", false)).isFalse();
    assertThat(InfluxdExtension.required("false", false)).isFalse();
    assertThat(InfluxdExtension.required("true", false)).isTrue();
    assertThat(InfluxdExtension.required("TRUE", false)).isTrue();
    assertThat(InfluxdExtension.required(null, true)).isTrue();
  }
}
