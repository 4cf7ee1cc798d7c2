package com.finpulse.ingest.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code simulate:SCENARIO} source: synthetic headlines from the templates in this module.
 *
 * @param seed same seed, same headlines in the same order at the same offsets
 * @param duration simulated time the scenario covers; it ends "now", so nothing is future-dated
 * @param baselinePerMinute articles per simulated minute of the steady background news
 * @param spikeTopic topic of the burst in the {@code spike} scenario: {@code energy} (oil and gas),
 *     {@code earnings} or {@code banks}
 * @param spikeStart offset of the burst from the start of the scenario
 * @param spikeLength how long the burst lasts
 * @param spikePerMinute negative articles per simulated minute during the burst, on top of the
 *     baseline
 * @param speed pace when the run names none: simulated seconds per real second, or {@code max}
 */
public record SimulateSettings(
    long seed,
    Duration duration,
    double baselinePerMinute,
    String spikeTopic,
    Duration spikeStart,
    Duration spikeLength,
    double spikePerMinute,
    String speed)
    implements Validated {

  public static final Set<String> SPIKE_TOPICS = Set.of("energy", "earnings", "banks");

  @Override
  public void validate(Validation v) {
    v.check(HttpSettings.positive(duration), "duration", "must be positive");
    v.range(baselinePerMinute, 0.01, 10_000, "baseline_per_minute");
    v.check(
        SPIKE_TOPICS.contains(spikeTopic),
        "spike_topic",
        "must be one of " + SPIKE_TOPICS + ", got '" + spikeTopic + "'");
    v.check(
        spikeStart != null && !spikeStart.isNegative() && spikeStart.compareTo(duration) < 0,
        "spike_start",
        "must lie inside duration");
    v.check(
        HttpSettings.positive(spikeLength)
            && spikeStart != null
            && spikeStart.plus(spikeLength).compareTo(duration) <= 0,
        "spike_length",
        "must be positive and end within duration");
    v.range(spikePerMinute, 0.01, 10_000, "spike_per_minute");
    v.check(Speed.isValid(speed), "speed", "must be a positive number or max, got '" + speed + "'");
  }
}
