package com.finpulse.ingest.source;

import com.finpulse.ingest.config.SourceSettings;
import com.finpulse.ingest.dedup.UrlCanonicalizer;
import com.finpulse.ingest.fetch.HostGate;
import com.finpulse.ingest.fetch.HttpFetcher;
import com.finpulse.ingest.fetch.ValidatorStore;
import com.finpulse.ingest.testing.CashtagTickerFinder;
import com.finpulse.ingest.testing.SimpleArticleExtractor;
import com.finpulse.ingest.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Wires live sources the way the service does, with test doubles for extraction and tickers. */
final class SourceHarness implements AutoCloseable {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final IngestMetrics metrics = new IngestMetrics(registry);
  final Clock clock = Clock.systemUTC();
  final HttpFetcher fetcher =
      new HttpFetcher(
          TestSettings.http(),
          TestSettings.politeness(),
          new HostGate(TestSettings.politeness(), clock),
          clock);
  final ValidatorStore validators;
  final ArticleAssembler assembler =
      new ArticleAssembler(
          new UrlCanonicalizer(List.of()),
          new CashtagTickerFinder(Map.of("Exxon Mobil", "XOM")),
          20_000,
          clock);
  final PageReader pages = new PageReader(fetcher, new SimpleArticleExtractor(), metrics);

  SourceHarness(Path stateDir) {
    validators = new ValidatorStore(stateDir);
  }

  LiveSource source(SourceSettings s) {
    return (LiveSource)
        LiveSources.of(
                List.of(s),
                TestSettings.politeness(),
                fetcher,
                validators,
                assembler,
                SimpleArticleExtractor::new,
                metrics,
                clock)
            .get(0);
  }

  double count(String meter, String... tags) {
    return registry.find(meter).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  @Override
  public void close() {
    fetcher.close();
  }
}
