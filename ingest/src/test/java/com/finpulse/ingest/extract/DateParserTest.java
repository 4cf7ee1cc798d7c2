package com.finpulse.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateParserTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2015-07-24T05:36:09+01:00          | 2015-07-24T04:36:09Z | ZONED_TIME",
        "2024-04-26T10:00:00.000Z           | 2024-04-26T10:00:00Z | ZONED_TIME",
        "2021-11-01T10:52:50+0100           | 2021-11-01T09:52:50Z | ZONED_TIME",
        "2026-05-24 10:05:10-04:00          | 2026-05-24T14:05:10Z | ZONED_TIME",
        "20180619T055000+0900               | 2018-06-18T20:50:00Z | ZONED_TIME",
        "2017-11-03 03:01:00.000000         | 2017-11-03T03:01:00Z | LOCAL_TIME",
        "2019-04-28                         | 2019-04-28T00:00:00Z | DATE",
        "2019/04/28                         | 2019-04-28T00:00:00Z | DATE",
        "1574168486                         | 2019-11-19T13:01:26Z | ZONED_TIME",
        "1574168486000                      | 2019-11-19T13:01:26Z | ZONED_TIME",
        "'Mon, 06 Nov 2023 10:00:00 GMT'    | 2023-11-06T10:00:00Z | ZONED_TIME",
        "'Nov. 19, 2019 8:02 am ET'         | 2019-11-19T13:02:00Z | ZONED_TIME",
        "'Updated 3:05 PM EDT, Mon November 6, 2023' | 2023-11-06T00:00:00Z | DATE",
        "'6 November 2023'                  | 2023-11-06T00:00:00Z | DATE",
        "'November 6th, 2023 at 3:05 p.m.'  | 2023-11-06T15:05:00Z | LOCAL_TIME",
      })
  void parses(String raw, String instant, DateParser.Precision precision) {
    DateParser.Parsed p = DateParser.parse(raw);
    assertThat(p).isNotNull();
    assertThat(p.instant()).isEqualTo(Instant.parse(instant));
    assertThat(p.precision()).isEqualTo(precision);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yesterday", "2019-13-45", "1850-01-01", "12345", "Nov 2019"})
  void rejects(String raw) {
    assertThat(DateParser.parse(raw)).isNull();
  }
}
