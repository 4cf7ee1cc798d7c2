package com.finpulse.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.ContentFingerprint;
import com.finpulse.common.event.FinancialTopics;
import com.finpulse.ingest.config.SimulateSettings;
import com.finpulse.ingest.testing.SharedData;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeadlineGeneratorTest {

  static SimulateSettings settings(long seed, String topic) {
    return new SimulateSettings(
        seed,
        Duration.ofHours(2),
        6,
        topic,
        Duration.ofMinutes(90),
        Duration.ofMinutes(15),
        20,
        "max");
  }

  static NaiveBayes sentiment;
  static NaiveBayes topic;

  @BeforeAll
  static void trainJudges() throws Exception {
    sentiment =
        NaiveBayes.train(SharedData.file("twitter-financial-news-sentiment/sent_train.csv"), 3);
    topic = NaiveBayes.train(SharedData.file("twitter-financial-news-topic/topic_train.csv"), 20);
  }

  // Label ids of the shared datasets (their PROVENANCE.md).
  static final int BEARISH = 0;
  static final int BULLISH = 1;
  static final int ENERGY_OIL = 6;

  @Test
  void sameSeedSameHeadlinesOtherSeedOthers() {
    List<SimulatedHeadline> a =
        new HeadlineGenerator(settings(42, "energy")).generate(Scenario.SPIKE);
    List<SimulatedHeadline> b =
        new HeadlineGenerator(settings(42, "energy")).generate(Scenario.SPIKE);
    List<SimulatedHeadline> c =
        new HeadlineGenerator(settings(7, "energy")).generate(Scenario.SPIKE);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void spikeIsTheSteadyBackgroundPlusABurst() {
    SimulateSettings s = settings(42, "energy");
    List<SimulatedHeadline> steady = new HeadlineGenerator(s).generate(Scenario.STEADY);
    List<SimulatedHeadline> spike = new HeadlineGenerator(s).generate(Scenario.SPIKE);
    assertThat(spike.stream().filter(h -> !h.burst()).toList()).isEqualTo(steady);
    List<SimulatedHeadline> burst = spike.stream().filter(SimulatedHeadline::burst).toList();
    // 20 per minute for 15 minutes, Poisson: 300 +- 3 sigma.
    assertThat(burst.size()).isBetween(250, 350);
    assertThat(steady.size()).isBetween(640, 800);
    assertThat(burst)
        .allSatisfy(
            h -> {
              assertThat(h.offset()).isBetween(Duration.ofMinutes(90), Duration.ofMinutes(105));
              assertThat(h.tone()).isEqualTo(Tone.NEGATIVE);
              assertThat(h.topic()).isEqualTo(FinancialTopics.NAMES.get(ENERGY_OIL));
            });
    for (int i = 1; i < spike.size(); i++) {
      assertThat(spike.get(i).offset()).isGreaterThanOrEqualTo(spike.get(i - 1).offset());
    }
    assertThat(spike.get(spike.size() - 1).offset()).isLessThan(s.duration());
  }

  @Test
  void noTwoHeadlinesOfARunAreNearDuplicates() {
    List<SimulatedHeadline> all =
        new HeadlineGenerator(settings(42, "energy")).generate(Scenario.SPIKE);
    List<String> fps = all.stream().map(h -> ContentFingerprint.of(h.title(), h.body())).toList();
    List<String> titles = all.stream().map(h -> ContentFingerprint.of(h.title(), null)).toList();
    int close = 0;
    for (int i = 0; i < all.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (ContentFingerprint.nearDuplicates(fps.get(i), fps.get(j))
            || ContentFingerprint.nearDuplicates(titles.get(i), titles.get(j))) {
          close++;
        }
      }
    }
    assertThat(close).isZero();
  }

  @Test
  void aModelTrainedOnRealFinancialNewsReadsTheEnergyBurstAsBadOilNews() {
    List<SimulatedHeadline> burst = burst("energy");
    double bearish = share(burst, h -> sentiment.predict(h.title()) == BEARISH);
    double onTopic = share(burst, h -> topic.predict(h.title()) == ENERGY_OIL);
    System.out.printf(
        Locale.ROOT,
        "burst energy: %d headlines, %.1f%% bearish, %.1f%% Energy | Oil%n",
        burst.size(),
        100 * bearish,
        100 * onTopic);
    assertThat(bearish).isGreaterThanOrEqualTo(0.85);
    assertThat(onTopic).isGreaterThanOrEqualTo(0.70);
  }

  /**
   * Earnings and bank bursts read as bad news too. Their topic is not asserted: the labelled set
   * files EPS misses under Financials and bank news under several topics, so a model trained on it
   * spreads them as well (the figures are printed).
   */
  @ParameterizedTest
  @ValueSource(strings = {"earnings", "banks"})
  void otherBurstsReadAsBadNews(String spikeTopic) {
    List<SimulatedHeadline> burst = burst(spikeTopic);
    double bearish = share(burst, h -> sentiment.predict(h.title()) == BEARISH);
    Map<Integer, Long> topics =
        burst.stream()
            .collect(
                Collectors.groupingBy(
                    h -> topic.predict(h.title()), TreeMap::new, Collectors.counting()));
    System.out.printf(
        Locale.ROOT,
        "burst %s: %d headlines, %.1f%% bearish, topics %s%n",
        spikeTopic,
        burst.size(),
        100 * bearish,
        topics);
    assertThat(bearish).isGreaterThanOrEqualTo(0.65);
  }

  static List<SimulatedHeadline> burst(String spikeTopic) {
    return new HeadlineGenerator(settings(42, spikeTopic))
        .generate(Scenario.SPIKE).stream().filter(SimulatedHeadline::burst).toList();
  }

  @Test
  void theBackgroundIsMixed() {
    List<SimulatedHeadline> steady =
        new HeadlineGenerator(settings(42, "energy")).generate(Scenario.STEADY);
    double bearish = share(steady, h -> sentiment.predict(h.title()) == BEARISH);
    double bullish = share(steady, h -> sentiment.predict(h.title()) == BULLISH);
    Map<Integer, Long> topics =
        steady.stream()
            .collect(
                Collectors.groupingBy(
                    h -> topic.predict(h.title()), TreeMap::new, Collectors.counting()));
    System.out.printf(
        Locale.ROOT,
        "steady: %d headlines, %.1f%% bearish, %.1f%% bullish, topics %s%n",
        steady.size(),
        100 * bearish,
        100 * bullish,
        topics);
    assertThat(bearish).isBetween(0.10, 0.40);
    assertThat(bullish).isBetween(0.15, 0.50);
    assertThat(topics.size()).as("many topics").isGreaterThanOrEqualTo(8);
    assertThat(topics.values().stream().mapToLong(Long::longValue).max().orElseThrow())
        .as("no topic dominates")
        .isLessThan(steady.size() / 3);
  }

  static double share(
      List<SimulatedHeadline> hs, java.util.function.Predicate<SimulatedHeadline> p) {
    return hs.stream().filter(p).count() / (double) hs.size();
  }
}
