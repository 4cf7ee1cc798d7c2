package com.finpulse.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedDatesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Sun, 08 Mar 2026 23:58:37 GMT | 2026-03-08T23:58:37Z",
        "Sun, 08 Mar 2026 23:24:20 +0000 | 2026-03-08T23:24:20Z",
        "Tue, 21 Aug 2012 10:33:00 EST | 2012-08-21T15:33:00Z",
        "Tue, 21 Aug 2012 10:33:00 PDT | 2012-08-21T17:33:00Z",
        "21 Aug 2012 10:33 -0430 | 2012-08-21T15:03:00Z",
        "Seg, 24 Set 2018 19:42:40 -0300 | 2018-09-24T22:42:40Z",
        "Wed, 2 Oct 02 08:00:00 GMT | 2002-10-02T08:00:00Z",
        "mar., 05 févr. 2019 10:00:00 +0100 | 2019-02-05T09:00:00Z",
        "2017-11-08T18:15:58-05:00 | 2017-11-08T23:15:58Z",
        "2016-03-01T06:02:42-05:00 | 2016-03-01T11:02:42Z",
        "2020-06-05 10:30:00-04:00 | 2020-06-05T14:30:00Z",
        "2009-04-29T12:48:00Z | 2009-04-29T12:48:00Z",
        "2024-06-07T13:05:00.123+02:00 | 2024-06-07T11:05:00.123Z",
        "2024-06-07T13:05:00 | 2024-06-07T13:05:00Z",
        "2024-06-07 | 2024-06-07T00:00:00Z",
        "1717765500 | 2024-06-07T13:05:00Z",
        "1717765500000 | 2024-06-07T13:05:00Z",
      })
  void readsWhatFeedsWrite(String text, String expected) {
    assertThat(FeedDates.parse(text)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "yesterday", "AAN", "32 Foo 2020", "2020-13-45"})
  void unreadableIsNull(String text) {
    assertThat(FeedDates.parse(text)).isNull();
  }
}
