package com.finpulse.model.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.Sentiment;
import com.finpulse.model.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped model loads from its small files plus the Maven base, and gets plain cases right. */
class DefaultModelTest {

  static final Path DIR = Path.of("../models/default");

  @Test
  void shippedModelLoadsAndClassifiesObviousHeadlines() {
    assertThat(Files.isRegularFile(DIR.resolve(ModelBundle.MANIFEST)))
        .as("the shipped model must exist at %s", DIR.toAbsolutePath())
        .isTrue();
    try (Classifier c = Classifiers.load(DIR, ClassifierOptions.defaults().withDevice("cpu"))) {
      assertThat(c.modelId()).startsWith("default@");
      assertThat(c.topicLabels()).hasSize(20).contains("M&A | Investments", "Fed | Central Banks");
      List<Prediction> p =
          c.classify(
              List.of(
                  "Apple shares soar to record high after blowout earnings beat",
                  "Boeing stock plunges after FAA grounds fleet, downgraded to sell",
                  "Fed raises interest rates by 25 basis points",
                  "Microsoft to acquire Activision Blizzard for $68.7 billion"));
      assertThat(p.get(0).sentiment()).isEqualTo(Sentiment.POSITIVE);
      assertThat(p.get(1).sentiment()).isEqualTo(Sentiment.NEGATIVE);
      assertThat(p.get(2).topic()).isEqualTo("Fed | Central Banks");
      assertThat(p.get(3).topic()).isEqualTo("M&A | Investments");

      // the entity head: the sentiment toward a named company (plain, single-company cases; the
      // card gives its accuracy on paragraphs whose companies disagree, which is still low)
      assertThat(c.targeted()).isTrue();
      List<com.finpulse.common.event.SentimentScores> t =
          c.classifyTargets(
              List.of(
                  new com.finpulse.model.text.TargetedText(
                      "Huhtamaki slumps after a profit warning", List.of("Huhtamaki")),
                  new com.finpulse.model.text.TargetedText(
                      "Siemens shares rally on record orders", List.of("Siemens", "SIE"))));
      assertThat(t.get(0).score()).isNegative();
      assertThat(t.get(1).score()).isPositive();
    }
  }
}
