package com.finpulse.model.feedback;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where analysts' corrections come from: the console's CSV export ({@link CsvFeedbackSource}) or
 * the {@code labels.feedback} topic joined with {@code news.scored} ({@link KafkaFeedbackSource}).
 * Either way the result holds the latest correction per {@code LabelFeedback.recordKey()}, each
 * with the text it was made on.
 */
public interface FeedbackSource {

  /** The prefix of a Kafka source: {@code kafka:BOOTSTRAP_SERVERS}. */
  String KAFKA_PREFIX = "kafka:";

  /**
   * What was read.
   *
   * @param sha256 identifies the data: the file's hash, or the hash of the sorted records used
   * @param name the file name or the topic, for {@code model.json}
   * @param dropped corrections left out (with a warning said why)
   */
  record Read(List<Correction> corrections, String sha256, String name, int dropped) {}

  /**
   * Reads every correction.
   *
   * @param err warnings (corrections dropped, and why) go here
   * @throws com.finpulse.model.data.DataException naming the file and line of bad input
   */
  Read read(PrintStream err);

  /** {@code kafka:BOOTSTRAP} or a CSV file. */
  static FeedbackSource parse(String spec) {
    if (spec.startsWith(KAFKA_PREFIX)) {
      String bootstrap = spec.substring(KAFKA_PREFIX.length());
      if (bootstrap.isBlank()) {
        throw new IllegalArgumentException("--feedback kafka:BOOTSTRAP needs the servers");
      }
      return new KafkaFeedbackSource(bootstrap);
    }
    return new CsvFeedbackSource(Path.of(spec));
  }
}
