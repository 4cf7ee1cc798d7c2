package com.finpulse.model.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.finpulse.common.event.SentimentScores;
import com.finpulse.model.testing.TinyModels;
import com.finpulse.model.text.TargetedText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU's pipelined path (the next segment tokenized while the current one runs), run on CPU: a
 * call of several segments gives exactly what one unsegmented call gives, in input order.
 */
class TokenizeAheadTest {

  @TempDir static Path tmp;
  static Path modelDir;

  @BeforeAll
  static void model() {
    modelDir = TinyModels.untrainedModel(tmp);
  }

  private static void close(SentimentScores actual, SentimentScores expected, int i) {
    assertThat(actual.negative()).as("text %d", i).isCloseTo(expected.negative(), within(1e-5));
    assertThat(actual.neutral()).as("text %d", i).isCloseTo(expected.neutral(), within(1e-5));
    assertThat(actual.positive()).as("text %d", i).isCloseTo(expected.positive(), within(1e-5));
  }

  @Test
  void segmentsAreStitchedBackInInputOrder() {
    int n = BertClassifier.MIN_SEGMENT * 2 + 301;
    List<String> texts = new ArrayList<>(n);
    List<TargetedText> targeted = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String t = "Acme " + "shares ".repeat(i % 9) + (i % 3 == 0 ? "slump" : "rally") + " " + i;
      texts.add(t);
      targeted.add(new TargetedText(t, List.of("Acme")));
    }
    ClassifierOptions cpu = ClassifierOptions.defaults().withDevice("cpu").withCpuLanes(1);
    try (BertClassifier plain = Classifiers.load(modelDir, cpu, false);
        BertClassifier ahead = Classifiers.load(modelDir, cpu, true)) {
      List<Prediction> a = plain.classify(texts);
      List<Prediction> b = ahead.classify(texts);
      assertThat(b).hasSize(n);
      // batches are cut differently per segment (other padding): equal up to float rounding
      for (int i = 0; i < n; i++) {
        close(b.get(i).sentimentScores(), a.get(i).sentimentScores(), i);
        String topic = a.get(i).topic();
        assertThat(b.get(i).topicProbabilities().get(topic))
            .isCloseTo(a.get(i).topicProbabilities().get(topic), within(1e-5));
      }
      List<SentimentScores> ta = plain.classifyTargets(targeted);
      List<SentimentScores> tb = ahead.classifyTargets(targeted);
      assertThat(tb).hasSize(n);
      for (int i = 0; i < n; i++) {
        close(tb.get(i), ta.get(i), i);
      }
    }
  }
}
