package com.finpulse.processor.aggregate;

import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.Topics;
import com.finpulse.processor.config.TrendSettings;
import com.finpulse.processor.metrics.ProcessorMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The trends sub-topology: news.scored (on event time) fans out to one contribution per key
 * (market, topic, each ticker), is repartitioned by key, gets its change in distinct stories per
 * window from {@link StoryCounter}, and is aggregated in each tumbling window with a grace period.
 * Every update of a window (after the record cache coalesces updates within a commit interval) goes
 * to sentiment.trends, so dashboards see windows fill up live.
 *
 * <p>It reads news.scored rather than the scoring step's output directly, so a trend is by
 * definition a function of news.scored: what the tests recompute, and what a reset of this
 * sub-topology alone would rebuild.
 */
public final class TrendAggregation {

  /** Name of the repartition topic: {@code <application id>-trend-contributions-repartition}. */
  public static final String REPARTITION = "trend-contributions";

  private TrendAggregation() {}

  /** Window store of {@code window}: {@code trend-1m-store}, ... */
  public static String storeName(TrendWindow window) {
    return "trend-" + window.label().toLowerCase(Locale.ROOT) + "-store";
  }

  public static void addTo(
      StreamsBuilder builder, TrendSettings settings, ProcessorMetrics metrics) {
    TrendContributionSerde contributionSerde = new TrendContributionSerde();
    KStream<String, ScoredArticle> scored =
        builder.stream(
            Topics.NEWS_SCORED,
            Consumed.with(Serdes.String(), EventSerdes.scoredArticle())
                .withTimestampExtractor(new ScoredArticleEventTime())
                .withName("news-scored-source"));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoryCounter.STORE),
                Serdes.Bytes(),
                Serdes.ByteArray())
            // Successive rewrites of a window's last chunk coalesce until the commit.
            .withCachingEnabled());
    KGroupedStream<String, TrendIncrement> byKey =
        scored
            .flatMap(
                (id, article) -> {
                  TrendContribution c = TrendContribution.of(article);
                  List<KeyValue<String, TrendContribution>> out = new ArrayList<>();
                  for (String key : TrendKeys.of(article)) {
                    String ticker = TrendKeys.tickerOf(key);
                    out.add(
                        KeyValue.pair(
                            key, ticker == null ? c : TrendContribution.toward(article, ticker)));
                  }
                  return out;
                },
                Named.as("trend-keys"))
            .repartition(
                Repartitioned.with(Serdes.String(), contributionSerde).withName(REPARTITION))
            .processValues(
                () -> new LateArrivalCounter(settings.windows(), settings.grace(), metrics),
                Named.as("late-arrivals"))
            .processValues(
                () -> new StoryCounter(settings.windows(), settings.grace()),
                Named.as("story-counts"),
                StoryCounter.STORE)
            .groupByKey(Grouped.with("trend-by-key", Serdes.String(), new TrendIncrementSerde()));
    TrendAggregateSerde aggregateSerde = new TrendAggregateSerde();
    for (int i = 0; i < settings.windows().size(); i++) {
      TrendWindow window = settings.windows().get(i);
      int index = i;
      String label = window.label().toLowerCase(Locale.ROOT);
      byKey
          .windowedBy(TimeWindows.ofSizeAndGrace(window.size(), settings.grace()))
          .aggregate(
              TrendAggregate::new,
              (key, increment, aggregate) -> aggregate.add(increment, index),
              Named.as("trend-" + label),
              Materialized.<String, TrendAggregate, WindowStore<Bytes, byte[]>>as(storeName(window))
                  .withKeySerde(Serdes.String())
                  .withValueSerde(aggregateSerde))
          .toStream(Named.as("trend-" + label + "-updates"))
          .process(() -> new TrendPointEmitter(window), Named.as("trend-" + label + "-points"))
          .to(
              Topics.SENTIMENT_TRENDS,
              Produced.with(Serdes.String(), EventSerdes.trendPoint())
                  .withName("sentiment-trends-" + label + "-sink"));
    }
  }
}
