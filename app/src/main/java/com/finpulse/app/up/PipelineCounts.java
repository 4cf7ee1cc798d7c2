package com.finpulse.app.up;

import com.finpulse.common.influx.InfluxSchema;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.metrics.MeterRegistries;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** The figures of the status line and of the {@code --exit-when-idle} summary. */
record PipelineCounts(
    long ingested,
    long duplicates,
    long scored,
    long dlq,
    long trendPointsWritten,
    long alerts,
    long skippedRows) {

  static PipelineCounts from(MeterRegistry meters) {
    return new PipelineCounts(
        (long) MeterRegistries.count(meters, MeterNames.INGEST_ARTICLES),
        (long) MeterRegistries.count(meters, MeterNames.INGEST_DUPLICATES),
        (long) MeterRegistries.count(meters, MeterNames.PROCESSOR_SCORED),
        (long) MeterRegistries.count(meters, MeterNames.PROCESSOR_DLQ),
        (long)
            MeterRegistries.count(
                meters,
                MeterNames.PROCESSOR_POINTS_WRITTEN,
                "measurement",
                InfluxSchema.Trend.MEASUREMENT),
        (long) MeterRegistries.count(meters, MeterNames.ALERTS_FIRED),
        (long) MeterRegistries.count(meters, MeterNames.INGEST_REPLAY_SKIPPED));
  }

  String statusLine(double elapsedSeconds) {
    return String.format(
        Locale.ROOT,
        "[%6.0fs] articles in %d (dup %d) | scored %d | dlq %d | trend points %d | alerts %d",
        elapsedSeconds,
        ingested,
        duplicates,
        scored,
        dlq,
        trendPointsWritten,
        alerts);
  }

  /** The summary's JSON; trend points come from InfluxDB, not from the counter. */
  String summaryJson(long trendPointsInInflux) {
    return String.format(
        Locale.ROOT,
        "{\"ingested\":%d,\"duplicates\":%d,\"scored\":%d,\"dlq\":%d,\"trend_points\":%d,"
            + "\"alerts\":%d,\"skipped_rows\":%d}",
        ingested,
        duplicates,
        scored,
        dlq,
        trendPointsInInflux,
        alerts,
        skippedRows);
  }
}
