package com.finpulse.app.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.metrics.MeterNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PipelineCountsTest {

  @Test
  void theSummaryCountsTheReplayRowsThatWereSkippedAsUnreadable() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    meters.counter(MeterNames.INGEST_ARTICLES, "source", "replay").increment(5);
    meters.counter(MeterNames.INGEST_REPLAY_SKIPPED, "source", "replay").increment(3);
    String json = PipelineCounts.from(meters).summaryJson(7);
    assertThat(json).startsWith("{\"ingested\":5,").endsWith("\"skipped_rows\":3}");
    assertThat(json).contains("\"trend_points\":7");
  }
}
