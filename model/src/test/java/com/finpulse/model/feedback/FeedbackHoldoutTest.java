package com.finpulse.model.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.LabelTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeedbackHoldoutTest {

  private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void theLatestFifthByTimeIsHeldOutWhateverTheInputOrder() {
    List<Correction> xs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      xs.add(correction("a" + i, T.plusSeconds(60L * i)));
    }
    List<Correction> shuffled = new ArrayList<>(xs);
    Collections.shuffle(shuffled, new Random(1));

    FeedbackHoldout h = FeedbackHoldout.of(shuffled);

    assertThat(h.dev()).extracting(c -> c.feedback().articleId()).containsExactly("a8", "a9");
    assertThat(h.train()).hasSize(8).doesNotContainAnyElementsOf(h.dev());
    assertThat(h.train().get(0).feedback().articleId()).isEqualTo("a0");
    Collections.shuffle(shuffled, new Random(2));
    assertThat(FeedbackHoldout.of(shuffled)).isEqualTo(h);
  }

  @Test
  void atLeastOneIsHeldOutFromTwoOnAndTiesAreBrokenByRecordKey() {
    assertThat(FeedbackHoldout.of(List.of(correction("a", T))).dev()).isEmpty();
    assertThat(FeedbackHoldout.of(List.of()).train()).isEmpty();
    FeedbackHoldout two = FeedbackHoldout.of(List.of(correction("b", T), correction("a", T)));
    assertThat(two.dev()).extracting(c -> c.feedback().articleId()).containsExactly("b");
    List<Correction> nine = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      nine.add(correction("n" + i, T.plusSeconds(i)));
    }
    assertThat(FeedbackHoldout.of(nine).dev()).hasSize(1);
  }

  static Correction correction(String article, Instant at) {
    String text = "text of " + article;
    return new Correction(
        new LabelFeedback(
            article,
            LabelTask.SENTIMENT,
            "",
            "positive",
            "negative",
            "m",
            LabelFeedback.textHash(text),
            "ana",
            null,
            at),
        text,
        "test");
  }
}
