package com.finpulse.processor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.ScoredArticle;
import com.finpulse.common.event.TrendWindow;
import com.finpulse.common.influx.InfluxStore;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.Topics;
import com.finpulse.processor.testing.TrendRecomputation.Expected;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a pipeline run end to end: news.scored holds every expected article exactly once
 * (read_committed), and the trends on sentiment.trends and in InfluxDB equal a recomputation from
 * news.scored.
 */
public final class PipelineVerifier {

  private final KafkaTopics kafka;
  private final InfluxStore influx;
  private final List<TrendWindow> windows;

  public PipelineVerifier(KafkaTopics kafka, InfluxStore influx, List<TrendWindow> windows) {
    this.kafka = kafka;
    this.influx = influx;
    this.windows = windows;
  }

  public List<ScoredArticle> scored() {
    return kafka.readCommitted(Topics.NEWS_SCORED, EventSerdes.scoredArticle()::read);
  }

  public void awaitScored(Set<String> expectedIds, Duration timeout) throws InterruptedException {
    Await.until(
        expectedIds.size() + " articles on news.scored",
        timeout,
        () ->
            scored().stream()
                .map(ScoredArticle::articleId)
                .collect(Collectors.toSet())
                .containsAll(expectedIds),
        () -> "(have " + scored().size() + ")");
  }

  /** Every expected id once, nothing else. */
  public List<ScoredArticle> assertExactlyOnce(Set<String> expectedIds) {
    List<ScoredArticle> scored = scored();
    Map<String, Long> copies =
        scored.stream()
            .collect(Collectors.groupingBy(ScoredArticle::articleId, Collectors.counting()));
    Set<String> duplicated = new TreeSet<>();
    copies.forEach(
        (id, n) -> {
          if (n > 1) {
            duplicated.add(id + " x" + n);
          }
        });
    assertThat(duplicated).describedAs("articles published more than once").isEmpty();
    assertThat(copies.keySet()).isEqualTo(expectedIds);
    return scored;
  }

  public Map<String, Expected> recomputed() {
    return TrendRecomputation.of(scored(), windows);
  }

  public Map<String, Expected> trendTopicLatest() {
    return TrendRecomputation.latest(
        kafka.readCommitted(Topics.SENTIMENT_TRENDS, EventSerdes.trendPoint()::read));
  }

  public void awaitTrendTopicMatches(Duration timeout) throws InterruptedException {
    Map<String, Expected> expected = recomputed();
    Await.until(
        "sentiment.trends equal to a recomputation from news.scored",
        timeout,
        () -> matches(trendTopicLatest(), expected),
        () -> mismatch(trendTopicLatest(), expected));
  }

  public void awaitInfluxMatches(Set<String> expectedIds, Duration timeout)
      throws InterruptedException {
    Map<String, Expected> expected = recomputed();
    Await.until(
        "InfluxDB trends equal to a recomputation from news.scored, one point per article",
        timeout,
        () ->
            matches(InfluxReads.trends(influx), expected)
                && new HashSet<>(InfluxReads.articleIds(influx)).equals(expectedIds)
                && InfluxReads.articleIds(influx).size() == expectedIds.size(),
        () ->
            mismatch(InfluxReads.trends(influx), expected)
                + "; article points "
                + InfluxReads.articleIds(influx).size()
                + " of "
                + expectedIds.size());
  }

  static boolean matches(Map<String, Expected> actual, Map<String, Expected> expected) {
    if (!actual.keySet().equals(expected.keySet())) {
      return false;
    }
    return expected.entrySet().stream().allMatch(e -> actual.get(e.getKey()).matches(e.getValue()));
  }

  static String mismatch(Map<String, Expected> actual, Map<String, Expected> expected) {
    Set<String> missing = new TreeSet<>(expected.keySet());
    missing.removeAll(actual.keySet());
    Set<String> extra = new TreeSet<>(actual.keySet());
    extra.removeAll(expected.keySet());
    List<String> differ =
        expected.keySet().stream()
            .filter(k -> actual.containsKey(k) && !actual.get(k).matches(expected.get(k)))
            .limit(3)
            .map(k -> k + ": " + actual.get(k) + " expected " + expected.get(k))
            .toList();
    return "(points "
        + actual.size()
        + "/"
        + expected.size()
        + ", missing "
        + first(missing)
        + ", extra "
        + first(extra)
        + ", differing "
        + differ
        + ")";
  }

  private static String first(Set<String> s) {
    return s.size() + (s.isEmpty() ? "" : " e.g. " + s.iterator().next());
  }

  public static <T> Set<String> ids(List<T> items, Function<T, String> id) {
    return items.stream().map(id).collect(Collectors.toCollection(TreeSet::new));
  }
}
