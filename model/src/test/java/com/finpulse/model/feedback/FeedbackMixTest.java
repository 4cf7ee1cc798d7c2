package com.finpulse.model.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.LabelTask;
import com.finpulse.model.data.LabeledText;
import com.finpulse.model.task.Task;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedbackMixTest {

  private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void eachCorrectionTrainsItsOwnTaskWeightTimes() {
    Map<Task, List<String>> labels = new EnumMap<>(Task.class);
    for (Task t : Task.values()) {
      labels.put(t, t.defaultLabels());
    }
    Map<Task, List<LabeledText>> train = new EnumMap<>(Task.class);
    train.put(
        Task.SENTIMENT, new ArrayList<>(List.of(new LabeledText("bulk row", Task.SENTIMENT, 1))));

    FeedbackMix.addTo(
        train,
        labels,
        List.of(
            correction("s", LabelTask.SENTIMENT, "", "positive", "Acme cuts costs"),
            correction("t", LabelTask.TOPIC, "", "Dividend", "Acme pays out"),
            correction("e", LabelTask.ENTITY, "ACME", "negative", "ACME lags peers")),
        3);

    assertThat(train.get(Task.SENTIMENT)).hasSize(1 + 3);
    assertThat(train.get(Task.SENTIMENT).subList(1, 4))
        .allSatisfy(
            x -> {
              assertThat(x.text()).isEqualTo("Acme cuts costs");
              assertThat(x.label()).isEqualTo(2);
              assertThat(x.source()).isEqualTo(FeedbackMix.SOURCE);
            });
    assertThat(train.get(Task.TOPIC))
        .hasSize(3)
        .allMatch(x -> x.label() == Task.TOPIC.defaultLabels().indexOf("Dividend"));
    assertThat(train.get(Task.ENTITY))
        .hasSize(3)
        .allMatch(x -> x.target().equals("ACME") && x.label() == 0);
    assertThatThrownBy(() -> FeedbackMix.addTo(train, labels, List.of(), 0))
        .hasMessageContaining("at least 1");
  }

  @Test
  void theJoinDropsCorrectionsWhoseArticleIsGoneOrWhoseTextChanged() {
    Map<LabelFeedback, String> feedback = new LinkedHashMap<>();
    feedback.put(
        correction("kept", LabelTask.SENTIMENT, "", "positive", "Acme beats").feedback(), "p@1");
    feedback.put(
        correction("gone", LabelTask.SENTIMENT, "", "positive", "Old news").feedback(), "p@2");
    feedback.put(
        correction("edited", LabelTask.TOPIC, "", "Dividend", "Acme pays out").feedback(), "p@3");
    Map<String, String> titles = Map.of("kept", "Acme beats", "edited", "Acme pays out more");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    FeedbackJoin.Joined j =
        FeedbackJoin.join(feedback, titles, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(j.corrections()).extracting(Correction::text).containsExactly("Acme beats");
    assertThat(j.corrections().get(0).origin()).isEqualTo("p@1");
    assertThat(j.articleGone()).isEqualTo(1);
    assertThat(j.hashMismatch()).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("1 correction(s) dropped: their article is no longer on the scored topic")
        .contains("text_hash no longer matches");
  }

  static Correction correction(
      String article, LabelTask task, String target, String label, String text) {
    return new Correction(
        new LabelFeedback(
            article,
            task,
            target,
            label,
            "neutral",
            "m",
            LabelFeedback.textHash(text),
            "ana",
            null,
            T),
        text,
        "test");
  }
}
