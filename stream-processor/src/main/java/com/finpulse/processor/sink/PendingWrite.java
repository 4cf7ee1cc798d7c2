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

  final List<ScoredArticle> articles = new ArrayList<>();

  /** Latest update per (key, window start): earlier ones in the same batch are superseded. */
  final Map<String, TrendPoint> trends = new LinkedHashMap<>();

  final Map<String, ConsumerRecord<byte[], byte[]>> sourceOf = new HashMap<>();
  final List<ConsumerRecord<byte[], byte[]>> undecodable = new ArrayList<>();
  final List<String> decodeErrors = new ArrayList<>();
  final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
  final Map<TopicPartition, OffsetAndMetadata> nextOffsets = new HashMap<>();
  int records;

  void add(ConsumerRecords<byte[], byte[]> batch) {
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      records++;
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      firstOffsets.putIfAbsent(tp, r.offset());
      nextOffsets.put(tp, new OffsetAndMetadata(r.offset() + 1));
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
        undecodable.add(r);
        decodeErrors.add(e.getMessage() == null ? "empty record" : e.getMessage());
      }
    }
  }

  boolean isEmpty() {
    return nextOffsets.isEmpty();
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
