package com.finpulse.model.feedback;

import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.serde.SchemaException;
import com.finpulse.common.text.LogText;
import com.finpulse.common.topic.TopicReads;
import com.finpulse.common.topic.Topics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Corrections from Kafka: {@code labels.feedback} read to its end (the latest record per key wins;
 * a tombstone removes the key), joined by article id with the titles on {@code news.scored} (see
 * {@link FeedbackJoin}). Records that cannot be read or fail the checks every source makes are
 * dropped with a warning naming their offsets. No consumer group: nothing is committed.
 */
public final class KafkaFeedbackSource implements FeedbackSource {

  /** For each topic read: ten minutes (a month of scored articles is a large topic). */
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(10);

  private final String bootstrap;

  public KafkaFeedbackSource(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public Read read(PrintStream err) {
    Map<String, ConsumerRecord<byte[], byte[]>> latest = new LinkedHashMap<>();
    readToEnd(
        Topics.LABELS_FEEDBACK,
        (key, r) -> {
          if (r.value() == null) {
            latest.remove(key);
          } else {
            latest.put(key, r);
          }
        });
    Map<LabelFeedback, String> feedback = new LinkedHashMap<>();
    List<String> bad = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : latest.values()) {
      String where = r.topic() + "-" + r.partition() + "@" + r.offset();
      try {
        LabelFeedback f = EventSerdes.labelFeedback().read(r.value());
        // Checked without the text: that comes from the join.
        String problem = Corrections.problem(f, "?");
        if (problem != null) {
          bad.add(where + ": " + problem);
        } else {
          feedback.put(f, where);
        }
      } catch (SchemaException | IllegalArgumentException e) {
        bad.add(where + ": " + LogText.escape(e.getMessage()));
      }
    }
    if (!bad.isEmpty()) {
      err.printf("warning: %d unusable correction record(s) dropped:%n", bad.size());
      bad.stream().limit(20).forEach(b -> err.println("  " + b));
    }
    Set<String> wanted = new HashSet<>();
    feedback.keySet().forEach(f -> wanted.add(f.articleId()));
    Map<String, String> titles = new HashMap<>();
    readToEnd(
        Topics.NEWS_SCORED,
        (key, r) -> {
          if (r.value() != null && key != null && wanted.contains(key)) {
            try {
              ScoredArticle a = EventSerdes.scoredArticle().read(r.value());
              titles.put(a.articleId(), a.title());
            } catch (SchemaException | IllegalArgumentException e) {
              // an unreadable scored record is the processor's to report; its article counts as
              // gone
            }
          }
        });
    FeedbackJoin.Joined joined = FeedbackJoin.join(feedback, titles, err);
    StringBuilder records = new StringBuilder();
    for (Correction c : joined.corrections()) {
      records
          .append(
              new String(
                  EventSerdes.labelFeedback().serialize(Topics.LABELS_FEEDBACK, c.feedback()),
                  StandardCharsets.UTF_8))
          .append('\n');
    }
    return new Read(
        joined.corrections(),
        LabelFeedback.textHash(records.toString()),
        Topics.LABELS_FEEDBACK,
        bad.size() + joined.dropped());
  }

  /** Every record of {@code topic} up to its end at the start of the read, with its key. */
  private void readToEnd(String topic, BiConsumer<String, ConsumerRecord<byte[], byte[]>> each) {
    TopicReads.committed(
        bootstrap,
        topic,
        READ_TIMEOUT,
        r -> each.accept(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r));
  }
}
