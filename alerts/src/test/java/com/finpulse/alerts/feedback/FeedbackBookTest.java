package com.finpulse.alerts.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.LabelTask;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FeedbackBookTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  private static LabelFeedback fix(
      String id, LabelTask task, String target, String label, String model, Instant at) {
    return new LabelFeedback(
        id, task, target, label, model, "m@1", "0".repeat(64), "ana", null, at);
  }

  @Test
  void theLatestCorrectionOfAnArticlesTaskWinsWhateverOrderTheyArrive() {
    FeedbackBook book = new FeedbackBook();
    LabelFeedback first = fix("a", LabelTask.SENTIMENT, "", "negative", "positive", T0);
    LabelFeedback second =
        fix("a", LabelTask.SENTIMENT, "", "neutral", "positive", T0.plusSeconds(5));
    book.apply(first);
    book.apply(second);
    // Reading back the topic replays the older one last: it must not undo the newer.
    book.apply(first);
    assertThat(book.latest(10)).containsExactly(second);
    // Other tasks and targets of the same article are records of their own.
    book.apply(fix("a", LabelTask.ENTITY, "ACME", "positive", "negative", T0));
    book.apply(fix("a", LabelTask.ENTITY, "BETA", "negative", "negative", T0));
    book.apply(fix("a", LabelTask.TOPIC, "", "Earnings", "Earnings", T0));
    assertThat(book.all()).hasSize(4);
    assertThat(book.reviewedArticles()).containsExactly("a");
  }

  @Test
  void agreementIsCountedPerDay() {
    FeedbackBook book = new FeedbackBook();
    book.apply(fix("a", LabelTask.SENTIMENT, "", "negative", "negative", T0));
    book.apply(fix("b", LabelTask.SENTIMENT, "", "negative", "positive", T0));
    book.apply(fix("c", LabelTask.SENTIMENT, "", "neutral", "neutral", T0.plusSeconds(86_400)));
    FeedbackBook.Stats s = book.stats();
    assertThat(s.corrections()).isEqualTo(3);
    assertThat(s.agreeing()).isEqualTo(2);
    assertThat(s.byDay())
        .containsExactly(
            new FeedbackBook.Stats.Day(LocalDate.parse("2026-12-03"), 2, 1),
            new FeedbackBook.Stats.Day(LocalDate.parse("2026-12-04"), 1, 1));
  }
}
