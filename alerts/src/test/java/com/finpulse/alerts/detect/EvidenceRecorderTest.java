package com.finpulse.alerts.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the evidence stores write to their changelogs, through the production topology. */
class EvidenceRecorderTest {

  private static final String TOPIC = "Company | Product News";

  @TempDir Path stateDir;

  @Test
  void aHeadlineThatDoesNotMakeAFullHourListWritesNothingToItsChangelog() {
    try (DetectorHarness h = new DetectorHarness(DetectorHarness.defaults(), stateDir)) {
      String changelog = h.applicationId() + "-" + DetectionTopology.EVIDENCE_HOURS + "-changelog";
      Instant hour = DetectorHarness.T0;
      for (int i = 1; i <= EvidenceRecorder.HOURLY_HEADLINES; i++) {
        h.negativeArticle(
            TOPIC, "Severe story " + i, -0.99 + i / 1000.0, hour.plusSeconds(i), fingerprint(i));
      }
      long full = changelogRecords(h, changelog);
      assertThat(full).isGreaterThanOrEqualTo(EvidenceRecorder.HOURLY_HEADLINES);

      // Milder stories later in the same hour (other minutes): the hour's list stays as it was.
      for (int i = 1; i <= 10; i++) {
        h.negativeArticle(
            TOPIC,
            "Mild story " + i,
            -0.2,
            hour.plus(Duration.ofMinutes(10 + i)),
            fingerprint(100 + i));
      }
      assertThat(changelogRecords(h, changelog)).isZero();

      // A story more negative than the list's mildest one does get in.
      h.negativeArticle(
          TOPIC, "Worst story", -1.0, hour.plus(Duration.ofMinutes(30)), fingerprint(200));
      assertThat(changelogRecords(h, changelog)).isPositive();
    }
  }

  /** Records written to the changelog since the last call. */
  private static long changelogRecords(DetectorHarness h, String changelog) {
    return h
        .driver
        .createOutputTopic(
            changelog, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())
        .readRecordsToList()
        .stream()
        .filter(r -> r.value() != null)
        .count();
  }

  /** Fingerprints at least eight bits apart: no two of these stories are near duplicates. */
  private static String fingerprint(int i) {
    return String.format(Locale.ROOT, "%016x", i * 0x0101010101010101L);
  }
}
