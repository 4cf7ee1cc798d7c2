package com.finpulse.alerts.digest;

import com.finpulse.alerts.detect.DetectionTopology;
import com.finpulse.alerts.detect.HeadlineList;
import com.finpulse.alerts.detect.HourStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** The detector's window stores, read through interactive queries of this instance. */
public final class StreamsStatsSource implements DailyStatsSource {

  private final KafkaStreams streams;

  /**
   * @param streams the running detector (see {@code DetectionStreams#queryable})
   */
  public StreamsStatsSource(KafkaStreams streams) {
    this.streams = streams;
  }

  @Override
  public Map<String, NavigableMap<Long, HourStats>> hours(Instant from, Instant to) {
    ReadOnlyWindowStore<String, HourStats> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                DetectionTopology.HOURLY_STATS, QueryableStoreTypes.windowStore()));
    Map<String, NavigableMap<Long, HourStats>> out = new HashMap<>();
    try (KeyValueIterator<Windowed<String>, HourStats> it =
        store.fetchAll(from, to.minusMillis(1))) {
      while (it.hasNext()) {
        KeyValue<Windowed<String>, HourStats> kv = it.next();
        out.computeIfAbsent(kv.key.key(), k -> new TreeMap<>())
            .put(kv.key.window().start(), kv.value);
      }
    }
    return out;
  }

  @Override
  public List<HeadlineList> headlines(String partitionKey, Instant from, Instant to) {
    ReadOnlyWindowStore<String, HeadlineList> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                DetectionTopology.EVIDENCE_HOURS, QueryableStoreTypes.windowStore()));
    List<HeadlineList> out = new ArrayList<>();
    try (WindowStoreIterator<HeadlineList> it =
        store.fetch(partitionKey, from, to.minusMillis(1))) {
      it.forEachRemaining(kv -> out.add(kv.value));
    }
    return out;
  }
}
