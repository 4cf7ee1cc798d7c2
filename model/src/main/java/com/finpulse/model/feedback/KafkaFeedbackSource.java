package com.finpulse.model.feedback;

import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.serde.SchemaException;
import com.finpulse.common.text.LogText;
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
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Corrections from Kafka: {@code labels.feedback} read to its end (the latest record per key wins;
 * a tombstone removes the key), joined by article id with the titles on {@code news.scored} (see
 * {@link FeedbackJoin}). Records that cannot be read or fail the checks every source makes are
 * dropped with a warning naming their offsets. No consumer group: nothing is committed.
 */
public final class KafkaFeedbackSource implements FeedbackSource {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final String bootstrap;

  public KafkaFeedbackSource(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public Read read(PrintStream err) {
    Map<String, ConsumerRecord<String, byte[]>> latest = new LinkedHashMap<>();
    readToEnd(
        Topics.LABELS_FEEDBACK,
        r -> {
          if (r.value() == null) {
            latest.remove(r.key());
          } else {
            latest.put(r.key(), r);
          }
        });
    Map<LabelFeedback, String> feedback = new LinkedHashMap<>();
    List<String> bad = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : latest.values()) {
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
        r -> {
          if (r.value() != null && r.key() != null && wanted.contains(r.key())) {
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

  /** Every record of {@code topic} up to its end at the start of the read, in offset order. */
  private void readToEnd(String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "finpulse-model-feedback");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = c.partitionsFor(topic, TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException(
            "topic " + topic + " does not exist on " + bootstrap + " (is the pipeline up?)");
      }
      List<TopicPartition> parts =
          infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(parts, TIMEOUT));
      long deadline = System.nanoTime() + 10 * TIMEOUT.toNanos();
      end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
      while (!end.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "reading " + topic + " from " + bootstrap + " took longer than 10 minutes");
        }
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          Long last = end.get(new TopicPartition(r.topic(), r.partition()));
          if (last != null && r.offset() < last) {
            each.accept(r);
          }
        }
        end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
      }
    }
  }
}
