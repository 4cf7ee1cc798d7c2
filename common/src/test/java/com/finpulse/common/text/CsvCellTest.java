package com.finpulse.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellTest {

  @Test
  void cellsAreQuotedOnlyWhenTheyMustBe() {
    assertThat(CsvCell.of("plain text")).isEqualTo("plain text");
    assertThat(CsvCell.of("a, b")).isEqualTo("\"a, b\"");
    assertThat(CsvCell.of("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvCell.of("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CsvCell.of("cr\rhere")).isEqualTo("\"cr\rhere\"");
  }
}
