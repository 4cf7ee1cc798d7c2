package com.finpulse.app.grafana;

import com.finpulse.common.config.InfluxSettings;
import com.finpulse.common.event.AlertStatus;
import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.Sentiment;
import com.finpulse.common.event.Severity;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.influx.InfluxSchema;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.metrics.MeterRegistries;
import com.finpulse.common.metrics.MetricsSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.influxdb.dto.Point;

/**
 * INTERIM stand-in for the real pipeline in the dashboards' query test, until the ingest, stream
 * processor and alerts services run there.
 *
 * <p>What it writes, and how faithfully:
 *
 * <ul>
 *   <li>Pipeline meters go through the production code path: {@link MeterRegistries#create} with
 *       Micrometer's InfluxDB registry, publishing every {@link MeterNames} meter with the tags its
 *       javadoc names. Measurement, tag and field names are therefore exactly what the services
 *       will write ({@code finpulse_ingest_articles}, field {@code value}, ...).
 *   <li>Trends, scored articles, alert events and notification outcomes have no production writer
 *       yet: they are written with {@link InfluxStore}, shaped by {@link InfluxSchema} (tags and
 *       fields by its constants, timestamps as it documents). Field types and encodings the schema
 *       leaves open are this class's assumptions: counts as integers, {@code tickers} as a
 *       comma-joined string, notification {@code status} as an integer.
 * </ul>
 *
 * <p>Eight hours of 1m, 5m and 1h windows for four topics, three tickers and the market, a negative
 * spike with a firing and a resolved alert per key, articles of every sentiment, and notification
 * outcomes that include failures.
 */
final class InterimPipelineFiller {

  static final List<String> TOPICS =
      List.of("Earnings", "Macro", "Mergers & Acquisitions", "Regulation");
  // BRK.B: a regex-special character, as the dashboards' regex matching must escape it.
  static final List<String> TICKERS = List.of("AAPL", "BRK.B", "MSFT");
  static final String MARKET_KEY = "all";
  static final Duration HISTORY = Duration.ofHours(8);

  private final Random random = new Random(20261122L);
  private final Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  private final Instant start = end.minus(HISTORY);

  private InterimPipelineFiller() {}

  static void fill(String influxUrl) throws InterruptedException {
    new InterimPipelineFiller().write(InfluxSettings.local().withUrl(influxUrl));
  }

  private void write(InfluxSettings settings) throws InterruptedException {
    List<Point> points = new ArrayList<>();
    Map<String, Instant> spikes = new LinkedHashMap<>();
    int k = 0;
    for (String key : keys()) {
      // Each key's spike on a 5-minute boundary 1 to 4 hours ago: history before and after it.
      long minutesAgo = 60 + 25L * k++;
      spikes.put(key, end.minus(Duration.ofMinutes(minutesAgo - minutesAgo % 5)));
    }
    trends(points, spikes);
    articles(points);
    alerts(points, spikes);
    try (InfluxStore store = new InfluxStore(settings)) {
      store.ensureDatabase(Duration.ofSeconds(10));
      for (int i = 0; i < points.size(); i += 5000) {
        List<Point> batch = points.subList(i, Math.min(points.size(), i + 5000));
        if (!store.writeUntilAccepted(batch, () -> false)) {
          throw new IllegalStateException("InfluxDB at " + settings.url() + " refused the points");
        }
      }
    }
    publishMeters(settings);
  }

  private List<String> keys() {
    List<String> keys = new ArrayList<>();
    TOPICS.forEach(t -> keys.add("topic:" + t));
    TICKERS.forEach(t -> keys.add("ticker:" + t));
    keys.add("market:" + MARKET_KEY);
    return keys;
  }

  /** Per-minute article counts per key, aggregated into 1m, 5m and 1h trend points. */
  private void trends(List<Point> points, Map<String, Instant> spikes) {
    Map<String, Map<TrendWindow, Map<Instant, long[]>>> acc = new LinkedHashMap<>();
    for (Instant minute = start;
        minute.isBefore(end);
        minute = minute.plus(Duration.ofMinutes(1))) {
      long[] market = new long[5];
      for (String key : keys()) {
        if (key.startsWith("market:")) {
          continue;
        }
        long[] counts = minuteCounts(key, minute, spikes.get(key));
        add(acc, key, minute, counts);
        if (key.startsWith("topic:")) {
          for (int i = 0; i < counts.length; i++) {
            market[i] += counts[i];
          }
        }
      }
      add(acc, "market:" + MARKET_KEY, minute, market);
    }
    acc.forEach(
        (key, byWindow) -> {
          String kind = key.substring(0, key.indexOf(':'));
          String name = key.substring(key.indexOf(':') + 1);
          byWindow.forEach(
              (window, byStart) ->
                  byStart.forEach(
                      (windowStart, c) ->
                          points.add(trendPoint(kind, name, window, windowStart, c))));
        });
  }

  /** {negative, neutral, positive, novel, novel negative} articles of one key in one minute. */
  private long[] minuteCounts(String key, Instant minute, Instant spike) {
    boolean ticker = key.startsWith("ticker:");
    long total = (ticker ? 1 : 3) + random.nextInt(ticker ? 3 : 6);
    long minutesFromSpike = Math.abs(Duration.between(spike, minute).toMinutes());
    double negativeShare = minutesFromSpike < 15 ? 0.7 : 0.15 + 0.1 * random.nextDouble();
    long negative = Math.round(total * negativeShare);
    long positive = Math.round((total - negative) * (0.4 + 0.2 * random.nextDouble()));
    long neutral = total - negative - positive;
    long duplicates = random.nextInt(3) == 0 ? 1 : 0;
    long novel = Math.max(1, total - duplicates);
    long novelNegative = Math.min(negative, novel);
    return new long[] {negative, neutral, positive, novel, novelNegative};
  }

  private static void add(
      Map<String, Map<TrendWindow, Map<Instant, long[]>>> acc,
      String key,
      Instant minute,
      long[] counts) {
    for (TrendWindow window : TrendWindow.values()) {
      long size = window.size().toMillis();
      Instant windowStart = Instant.ofEpochMilli(minute.toEpochMilli() / size * size);
      long[] sums =
          acc.computeIfAbsent(key, x -> new LinkedHashMap<>())
              .computeIfAbsent(window, x -> new LinkedHashMap<>())
              .computeIfAbsent(windowStart, x -> new long[5]);
      for (int i = 0; i < counts.length; i++) {
        sums[i] += counts[i];
      }
    }
  }

  private Point trendPoint(
      String kind, String key, TrendWindow window, Instant windowStart, long[] c) {
    long count = c[0] + c[1] + c[2];
    double meanScore =
        count == 0 ? 0 : (c[2] - c[0]) * 0.8 / count + 0.05 * (random.nextDouble() - 0.5);
    return Point.measurement(InfluxSchema.Trend.MEASUREMENT)
        .time(windowStart.toEpochMilli(), TimeUnit.MILLISECONDS)
        .tag(InfluxSchema.Trend.TAG_KEY_KIND, KeyKind.fromLabel(kind).label())
        .tag(InfluxSchema.Trend.TAG_KEY, key)
        .tag(InfluxSchema.Trend.TAG_WINDOW, window.label())
        .addField(InfluxSchema.Trend.FIELD_COUNT, count)
        .addField(InfluxSchema.Trend.FIELD_NEGATIVE, c[0])
        .addField(InfluxSchema.Trend.FIELD_NEUTRAL, c[1])
        .addField(InfluxSchema.Trend.FIELD_POSITIVE, c[2])
        .addField(InfluxSchema.Trend.FIELD_MEAN_SCORE, meanScore)
        .addField(InfluxSchema.Trend.FIELD_NEGATIVE_SHARE, count == 0 ? 0.0 : (double) c[0] / count)
        .addField(InfluxSchema.Trend.FIELD_NOVEL_COUNT, c[3])
        .addField(InfluxSchema.Trend.FIELD_NOVEL_NEGATIVE, c[4])
        .build();
  }

  /** One article per topic every five minutes, sentiments rotating, tickers attached. */
  private void articles(List<Point> points) {
    int n = 0;
    for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofMinutes(5))) {
      for (String topic : TOPICS) {
        Sentiment sentiment = Sentiment.values()[n % 3];
        String ticker = TICKERS.get(n % TICKERS.size());
        String tickers = n % 2 == 0 ? ticker : ticker + "," + TICKERS.get((n + 1) % TICKERS.size());
        String id = "article-" + n;
        double pNegative = sentiment == Sentiment.NEGATIVE ? 0.8 : 0.1;
        double pPositive = sentiment == Sentiment.POSITIVE ? 0.8 : 0.1;
        // Event time plus a sub-millisecond offset from the id, as InfluxSchema.Article documents.
        long nanos = t.toEpochMilli() * 1_000_000L + Math.floorMod(id.hashCode(), 1_000_000);
        points.add(
            Point.measurement(InfluxSchema.Article.MEASUREMENT)
                .time(nanos, TimeUnit.NANOSECONDS)
                .tag(InfluxSchema.Article.TAG_TOPIC, topic)
                .tag(InfluxSchema.Article.TAG_SENTIMENT, sentiment.label())
                .addField(InfluxSchema.Article.FIELD_ARTICLE_ID, id)
                .addField(
                    InfluxSchema.Article.FIELD_TITLE, topic + ": " + ticker + " headline " + n)
                .addField(InfluxSchema.Article.FIELD_URL, "https://news.example/articles/" + n)
                .addField(
                    InfluxSchema.Article.FIELD_SOURCE,
                    n % 2 == 0 ? "example-wire" : "example-edgar")
                .addField(InfluxSchema.Article.FIELD_TICKERS, tickers)
                .addField(InfluxSchema.Article.FIELD_SCORE, pPositive - pNegative)
                .addField(InfluxSchema.Article.FIELD_P_NEGATIVE, pNegative)
                .addField(InfluxSchema.Article.FIELD_P_NEUTRAL, 1 - pNegative - pPositive)
                .addField(InfluxSchema.Article.FIELD_P_POSITIVE, pPositive)
                .addField(InfluxSchema.Article.FIELD_TOPIC_CONFIDENCE, 0.9)
                .build());
        n++;
      }
    }
  }

  /** A firing alert at each key's spike (5m and 1h windows), resolved 30 minutes later. */
  private void alerts(List<Point> points, Map<String, Instant> spikes) {
    int n = 0;
    for (Map.Entry<String, Instant> spike : spikes.entrySet()) {
      String kind = spike.getKey().substring(0, spike.getKey().indexOf(':'));
      String key = spike.getKey().substring(spike.getKey().indexOf(':') + 1);
      for (TrendWindow window : List.of(TrendWindow.FIVE_MINUTES, TrendWindow.ONE_HOUR)) {
        String id = "alert-" + n++;
        Severity severity = n % 2 == 0 ? Severity.CRITICAL : Severity.WARNING;
        Instant fired = spike.getValue();
        points.add(alertPoint(id, kind, key, window, severity, AlertStatus.FIRING, fired, 0.7));
        points.add(
            alertPoint(
                id,
                kind,
                key,
                window,
                severity,
                AlertStatus.RESOLVED,
                fired.plus(Duration.ofMinutes(30)),
                0.2));
        notification(points, id, "email", "risk-desk", "delivered", 1, 250, null, fired);
        notification(
            points, id, "webhook", "quant-team", "failed", 3, 500, "HTTP 500 from webhook", fired);
        if (n % 4 == 0) {
          notification(
              points,
              id,
              "webhook",
              "quant-team",
              "dead_letter",
              8,
              503,
              "gave up after 8 attempts",
              fired);
        }
      }
    }
  }

  private static Point alertPoint(
      String id,
      String kind,
      String key,
      TrendWindow window,
      Severity severity,
      AlertStatus status,
      Instant at,
      double observed) {
    double baseline = 0.2;
    return Point.measurement(InfluxSchema.AlertEvent.MEASUREMENT)
        .time(at.toEpochMilli(), TimeUnit.MILLISECONDS)
        .tag(InfluxSchema.AlertEvent.TAG_KEY_KIND, kind)
        .tag(InfluxSchema.AlertEvent.TAG_KEY, key)
        .tag(InfluxSchema.AlertEvent.TAG_WINDOW, window.label())
        .tag(InfluxSchema.AlertEvent.TAG_SEVERITY, severity.label())
        .tag(InfluxSchema.AlertEvent.TAG_STATUS, status.label())
        .addField(InfluxSchema.AlertEvent.FIELD_ALERT_ID, id)
        .addField(
            InfluxSchema.AlertEvent.FIELD_TITLE,
            "Negative spike: " + key + " (" + window.label() + ")")
        .addField(
            InfluxSchema.AlertEvent.FIELD_TEXT,
            status.label() + ": negative share " + observed + " vs baseline " + baseline)
        .addField(InfluxSchema.AlertEvent.FIELD_NEGATIVE_SHARE, observed)
        .addField(InfluxSchema.AlertEvent.FIELD_BASELINE, baseline)
        .addField(InfluxSchema.AlertEvent.FIELD_DEVIATION, (observed - baseline) / 0.05)
        .addField(InfluxSchema.AlertEvent.FIELD_ARTICLE_COUNT, 25L)
        .build();
  }

  private static void notification(
      List<Point> points,
      String alertId,
      String channel,
      String subscriber,
      String outcome,
      long attempts,
      long status,
      String error,
      Instant at) {
    Point.Builder p =
        Point.measurement(InfluxSchema.Notification.MEASUREMENT)
            .time(at.plusSeconds(attempts).toEpochMilli(), TimeUnit.MILLISECONDS)
            .tag(InfluxSchema.Notification.TAG_CHANNEL, channel)
            .tag(InfluxSchema.Notification.TAG_OUTCOME, outcome)
            .tag(InfluxSchema.Notification.TAG_SUBSCRIBER, subscriber)
            .addField(InfluxSchema.Notification.FIELD_ALERT_ID, alertId)
            .addField(InfluxSchema.Notification.FIELD_ATTEMPTS, attempts)
            .addField(InfluxSchema.Notification.FIELD_STATUS, status);
    if (error != null) {
      p.addField(InfluxSchema.Notification.FIELD_ERROR, error);
    }
    points.add(p.build());
  }

  /**
   * Publishes every pipeline meter through the services' own registry set-up (Micrometer's InfluxDB
   * registry, API v1), one registry per service as they run, with a 1 s step.
   */
  private static void publishMeters(InfluxSettings influx) throws InterruptedException {
    MetricsSettings settings = new MetricsSettings(true, false, Duration.ofSeconds(1));
    CompositeMeterRegistry ingest = MeterRegistries.create("ingest", settings, influx);
    CompositeMeterRegistry processor = MeterRegistries.create("stream-processor", settings, influx);
    CompositeMeterRegistry alerts = MeterRegistries.create("alerts", settings, influx);
    AtomicLong lagRaw = new AtomicLong(1200);
    AtomicLong lagTrends = new AtomicLong(3);
    Gauge.builder(MeterNames.PROCESSOR_CONSUMER_LAG, lagRaw, AtomicLong::doubleValue)
        .tag("topic", "news.raw")
        .register(processor);
    Gauge.builder(MeterNames.PROCESSOR_CONSUMER_LAG, lagTrends, AtomicLong::doubleValue)
        .tag("topic", "news.scored")
        .register(processor);
    try {
      for (int round = 0; round < 3; round++) {
        for (String source : List.of("example-wire", "example-edgar")) {
          Counter.builder(MeterNames.INGEST_ARTICLES)
              .tag("source", source)
              .register(ingest)
              .increment(12);
          for (String outcome : List.of("ok", "not_modified", "error")) {
            Counter.builder(MeterNames.INGEST_FETCHES)
                .tag("source", source)
                .tag("outcome", outcome)
                .register(ingest)
                .increment(outcome.equals("error") ? 1 : 5);
          }
          for (String kind : List.of("exact", "near")) {
            Counter.builder(MeterNames.INGEST_DUPLICATES)
                .tag("source", source)
                .tag("kind", kind)
                .register(ingest)
                .increment(2);
          }
          for (String kind : List.of("http", "timeout")) {
            Counter.builder(MeterNames.INGEST_ERRORS)
                .tag("source", source)
                .tag("kind", kind)
                .register(ingest)
                .increment();
          }
          Timer.builder(MeterNames.INGEST_FETCH_LATENCY)
              .tag("source", source)
              .register(ingest)
              .record(Duration.ofMillis(180));
        }
        Counter.builder(MeterNames.PROCESSOR_SCORED).register(processor).increment(40);
        Counter.builder(MeterNames.PROCESSOR_DLQ)
            .tag("stage", "validate")
            .register(processor)
            .increment();
        Counter.builder(MeterNames.PROCESSOR_DUPLICATES).register(processor).increment(3);
        DistributionSummary batch =
            DistributionSummary.builder(MeterNames.PROCESSOR_BATCH_SIZE).register(processor);
        Timer model = Timer.builder(MeterNames.PROCESSOR_MODEL_LATENCY).register(processor);
        for (int size : new int[] {8, 16, 32}) {
          batch.record(size);
          model.record(Duration.ofMillis(40L + 6L * size));
        }
        for (String measurement :
            List.of(InfluxSchema.Trend.MEASUREMENT, InfluxSchema.Article.MEASUREMENT)) {
          Counter.builder(MeterNames.PROCESSOR_POINTS_WRITTEN)
              .tag("measurement", measurement)
              .register(processor)
              .increment(50);
        }
        Counter.builder(MeterNames.PROCESSOR_INFLUX_FAILURES).register(processor).increment();
        for (Severity severity : Severity.values()) {
          Counter.builder(MeterNames.ALERTS_FIRED)
              .tag("severity", severity.label())
              .tag("key_kind", KeyKind.TOPIC.label())
              .register(alerts)
              .increment();
        }
        Counter.builder(MeterNames.ALERTS_RESOLVED)
            .tag("key_kind", KeyKind.TOPIC.label())
            .register(alerts)
            .increment();
        for (String channel : List.of("email", "webhook", "console")) {
          for (String outcome : List.of("delivered", "failed", "dead_letter")) {
            Counter.builder(MeterNames.ALERTS_NOTIFICATIONS)
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(alerts)
                .increment(outcome.equals("delivered") ? 4 : 1);
          }
        }
        lagRaw.addAndGet(-300);
        // Let the registries publish whole steps between rounds.
        Thread.sleep(1_100);
      }
    } finally {
      // Closing a step registry publishes the last, partial step too.
      for (CompositeMeterRegistry registry : List.of(ingest, processor, alerts)) {
        registry.getRegistries().forEach(MeterRegistry::close);
        registry.close();
      }
    }
  }
}
