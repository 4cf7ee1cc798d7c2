package com.finpulse.ingest.source;

import com.finpulse.common.event.ArticleIds;
import com.finpulse.common.event.ContentFingerprint;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.ingest.config.SimulateSettings;
import com.finpulse.ingest.config.Speed;
import com.finpulse.ingest.simulate.HeadlineGenerator;
import com.finpulse.ingest.simulate.Scenario;
import com.finpulse.ingest.simulate.SimulatedHeadline;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code simulate:SCENARIO}: the headlines of a {@link Scenario}, published at their offsets on a
 * timeline that ends when the run is due to end, so no article is dated in the future (at {@code
 * max} speed the whole scenario lies in the past and is sent at once). The headlines depend on the
 * seed alone; the ids also on the run's start, so a second run is new news, not a duplicate.
 */
public final class SimulateSource implements NewsSource {

  private static final Logger LOG = LoggerFactory.getLogger(SimulateSource.class);
  public static final String SOURCE_NAME = "simulate";

  private final Scenario scenario;
  private final SimulateSettings settings;
  private final Speed speed;
  private final Clock clock;
  private final ProgressListener progress;
  private final HeadlineGenerator generator;

  /**
   * @throws com.finpulse.common.config.ConfigException when the simulator's headline templates are
   *     broken (checked here, when ingest starts)
   */
  public SimulateSource(
      Scenario scenario,
      SimulateSettings settings,
      Speed speed,
      Clock clock,
      ProgressListener progress) {
    this.scenario = scenario;
    this.settings = settings;
    this.speed = speed;
    this.clock = clock;
    this.progress = progress;
    this.generator = new HeadlineGenerator(settings);
  }

  @Override
  public String name() {
    return SOURCE_NAME;
  }

  @Override
  public boolean isFinite() {
    return true;
  }

  @Override
  public void run(ArticleSink sink) throws InterruptedException {
    List<SimulatedHeadline> headlines = generator.generate(scenario);
    Instant started = clock.instant();
    // The timeline ends when the last headline is sent: start + duration / speed.
    Instant timelineStart =
        started.plus(speed.realTime(settings.duration())).minus(settings.duration());
    LOG.info(
        "Simulating scenario '{}' (seed {}): {} headlines over {} of simulated time{}, speed {}",
        scenario.configName(),
        settings.seed(),
        headlines.size(),
        settings.duration(),
        scenario == Scenario.SPIKE
            ? ", burst of bad '" + settings.spikeTopic() + "' news at +" + settings.spikeStart()
            : "",
        speed);
    Pacer pacer = new Pacer(speed);
    int seq = 0;
    progress.progress(0, headlines.size());
    for (SimulatedHeadline h : headlines) {
      Instant published = timelineStart.plus(h.offset());
      pacer.awaitTurn(published);
      Instant now = clock.instant();
      NewsArticle a =
          new NewsArticle(
              ArticleIds.fromContent(
                  h.title(),
                  published,
                  "simulate:" + scenario.configName() + ":" + started + ":" + seq),
              SOURCE_NAME,
              null,
              h.title(),
              h.body(),
              published.isAfter(now) ? now : published,
              now,
              "en",
              h.tickers(),
              null,
              ContentFingerprint.of(h.title(), h.body()));
      sink.offer(a, List.of());
      progress.progress(++seq, headlines.size());
    }
    LOG.info("Scenario '{}' finished: {} headlines offered", scenario.configName(), seq);
  }
}
