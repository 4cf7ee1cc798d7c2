package com.finpulse.processor.sink;

import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.TrendPoint;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.serde.SchemaException;
import com.finpulse.common.topic.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.influxdb.dto.Point;

/**
 * Records read but not yet written: the decoded events, the offsets to commit once InfluxDB
 * accepted them, and where each partition's part began (to re-read it after a rebalance).
 */
final class PendingWrite {

  /** A record whose point InfluxDB accepts or rejects on its own (the slow path). */
  record Item(ConsumerRecord<byte[], byte[]> record, Point point) {}

  /** A record that could not be read as its topic's event, and why. */
  record Undecodable(ConsumerRecord<byte[], byte[]> record, String error) {}

  private final List<ScoredArticle> articles = new ArrayList<>();

  /** Latest update per (key, window start): earlier ones in the same batch are superseded. */
  private final Map<String, TrendPoint> trends = new LinkedHashMap<>();

  private final Map<String, ConsumerRecord<byte[], byte[]>> sourceOf = new HashMap<>();
  private final List<Undecodable> undecodable = new ArrayList<>();
  private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
  private int records;

  void add(ConsumerRecords<byte[], byte[]> batch) {
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      records++;
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      firstOffsets.putIfAbsent(tp, r.offset());
      nextOffsets.put(tp, r.offset() + 1);
      try {
        if (r.topic().equals(Topics.NEWS_SCORED)) {
          ScoredArticle a = EventSerdes.scoredArticle().read(r.value());
          articles.add(a);
          sourceOf.put("a:" + a.articleId(), r);
        } else if (r.topic().equals(Topics.SENTIMENT_TRENDS)) {
          TrendPoint p = EventSerdes.trendPoint().read(r.value());
          String key = p.recordKey() + "@" + p.windowStart().toEpochMilli();
          trends.remove(key);
          trends.put(key, p);
          sourceOf.put("t:" + key, r);
        }
      } catch (SchemaException | NullPointerException e) {
        undecodable.add(
            new Undecodable(r, e.getMessage() == null ? "empty record" : e.getMessage()));
      }
    }
  }

  boolean isEmpty() {
    return nextOffsets.isEmpty();
  }

  /** Records read into this batch, decodable or not. */
  int records() {
    return records;
  }

  List<ScoredArticle> articles() {
    return List.copyOf(articles);
  }

  /** The latest update of each trend window read. */
  List<TrendPoint> trends() {
    return List.copyOf(trends.values());
  }

  List<Undecodable> undecodable() {
    return List.copyOf(undecodable);
  }

  /**
   * The offsets to commit once the batch is written: past its last record, or {@code position}
   * where the consumer moved further (over transaction markers).
   */
  Map<TopicPartition, OffsetAndMetadata> commitOffsets(ToLongFunction<TopicPartition> position) {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    nextOffsets.forEach(
        (tp, next) -> out.put(tp, new OffsetAndMetadata(Math.max(next, position.applyAsLong(tp)))));
    return out;
  }

  /**
   * Calls {@code seek} with the first offset read of each partition that {@code keep} accepts, so a
   * dropped batch is read again; returns those partitions.
   */
  List<TopicPartition> rewind(
      Predicate<TopicPartition> keep, BiConsumer<TopicPartition, Long> seek) {
    List<TopicPartition> kept = new ArrayList<>();
    firstOffsets.forEach(
        (tp, offset) -> {
          if (keep.test(tp)) {
            seek.accept(tp, offset);
            kept.add(tp);
          }
        });
    return kept;
  }

  List<Point> points() {
    List<Point> out = new ArrayList<>(articles.size() + trends.size());
    articles.forEach(a -> out.add(InfluxPoints.article(a)));
    trends.values().forEach(p -> out.add(InfluxPoints.trend(p)));
    return out;
  }

  /** Every point with the record it came from, for writing them one at a time. */
  List<Item> items() {
    List<Item> out = new ArrayList<>();
    articles.forEach(
        a -> out.add(new Item(sourceOf.get("a:" + a.articleId()), InfluxPoints.article(a))));
    trends.forEach((key, p) -> out.add(new Item(sourceOf.get("t:" + key), InfluxPoints.trend(p))));
    return out;
  }
}
