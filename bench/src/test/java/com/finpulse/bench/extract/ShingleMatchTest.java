package com.finpulse.bench.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures evaluate.py of scrapinghub/article-extraction-benchmark would compute. */
class ShingleMatchTest {

  @Test
  void tokensAreUnicodeWordRunsWithCaseKept() {
    assertThat(ShingleMatch.tokens("Zürich's café, 3.5% — snake_case 東京!"))
        .containsExactly("Zürich", "s", "café", "3", "5", "snake_case", "東京");
  }

  @Test
  void identicalTextsScorePerfectly() {
    ShingleMatch.Counts c =
        ShingleMatch.compare("one two three four five", "one two three four five");
    assertThat(c.tp()).isEqualTo(1.0);
    assertThat(c.precision()).isEqualTo(1.0);
    assertThat(c.recall()).isEqualTo(1.0);
  }

  @Test
  void countsAreFourTokenShinglesNormalisedPerPage() {
    // truth shingles: [a b c d], [b c d e]; prediction: [a b c d], [b c d x]
    ShingleMatch.Counts c = ShingleMatch.compare("a b c d e", "a b c d x");
    assertThat(c.tp()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(c.fp()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(c.fn()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(ShingleMatch.compare("short text", "short text").precision())
        .as("one short shingle")
        .isEqualTo(1.0);
  }

  @Test
  void emptyPredictionHasZeroRecallAndNoPrecisionVote() {
    ShingleMatch.Counts c = ShingleMatch.compare("a b c d e", "");
    assertThat(c.recall()).isZero();
    ShingleMatch.Summary s =
        ShingleMatch.Summary.of(List.of(c, ShingleMatch.compare("a b c d", "a b c d")));
    // precision averages only the page that predicted something; recall averages both
    assertThat(s.precision()).isEqualTo(1.0);
    assertThat(s.recall()).isEqualTo(0.5);
    assertThat(s.f1()).isCloseTo(2 * 0.5 / 1.5, within(1e-9));
  }

  @Test
  void prefixRecallIgnoresWhatFollowsThePrefix() {
    assertThat(ShingleMatch.prefixRecall("one two three four", "one two three four five six seven"))
        .isEqualTo(1.0);
    assertThat(ShingleMatch.prefixRecall("one two three four five", "one two three four"))
        .isEqualTo(0.5);
  }
}
