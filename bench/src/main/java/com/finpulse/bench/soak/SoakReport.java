package com.finpulse.bench.soak;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The soak's figures: a table row per minute, then a slope and verdict per series and JSON. */
final class SoakReport {

  private static final double MIB = 1024 * 1024;

  /** RSS and on-disk sizes may grow by at most this share of their level per hour. */
  static final double SIZE_LIMIT = 0.05;

  /** Latency and GC time per minute may grow by at most this share of their level per hour. */
  static final double TIME_LIMIT = 0.10;

  /** Consumer lag may grow by at most this share of the articles sent per hour. */
  static final double LAG_LIMIT = 0.01;

  /**
   * One series of the table.
   *
   * @param key its name in the JSON line
   * @param perArticle a size that accumulates with the articles: its slope is also shown per
   *     article
   */
  record Series(
      String key,
      String label,
      String unit,
      ToDoubleFunction<SoakRun.Minute> value,
      Flatness.Limit limit,
      String limitText,
      boolean perArticle) {}

  private final int minutes;
  private final int rate;
  private final int warmUp;
  private final int headlines;
  private final PrintStream out;
  private final List<Series> series;

  SoakReport(int minutes, int rate, int warmUp, int headlines, PrintStream out) {
    this.minutes = minutes;
    this.rate = rate;
    this.warmUp = warmUp;
    this.headlines = headlines;
    this.out = out;
    this.series = series(rate);
  }

  static List<Series> series(int rate) {
    Flatness.Limit size = Flatness.Limit.relative(SIZE_LIMIT);
    Flatness.Limit time = Flatness.Limit.relative(TIME_LIMIT);
    Flatness.Limit lag = Flatness.Limit.absolute(LAG_LIMIT * rate * 3600);
    String sizeText = pct(SIZE_LIMIT) + " of its level";
    String timeText = pct(TIME_LIMIT) + " of its level";
    String lagText = pct(LAG_LIMIT) + " of the articles sent";
    return List.of(
        new Series(
            "rss_bench_mib",
            "RSS bench JVM (broker, replay)",
            "MiB",
            m -> m.rssBench() / MIB,
            size,
            sizeText,
            false),
        new Series(
            "rss_processor_mib",
            "RSS processor",
            "MiB",
            m -> m.rssProcessor() / MIB,
            size,
            sizeText,
            false),
        new Series(
            "rss_alerts_mib", "RSS alerts", "MiB", m -> m.rssAlerts() / MIB, size, sizeText, false),
        new Series(
            "heap_committed_processor_mib",
            "heap committed processor",
            "MiB",
            m -> mib(m.heapProcessor()),
            size,
            sizeText,
            false),
        new Series(
            "heap_committed_alerts_mib",
            "heap committed alerts",
            "MiB",
            m -> mib(m.heapAlerts()),
            size,
            sizeText,
            false),
        new Series(
            "old_gen_used_processor_mib",
            "old gen used processor",
            "MiB",
            m -> mib(m.oldProcessor()),
            size,
            sizeText,
            false),
        new Series(
            "old_gen_used_alerts_mib",
            "old gen used alerts",
            "MiB",
            m -> mib(m.oldAlerts()),
            size,
            sizeText,
            false),
        new Series(
            "rss_influxd_mib",
            "RSS influxd",
            "MiB",
            m -> m.rssInfluxd() / MIB,
            size,
            sizeText,
            false),
        new Series(
            "state_processor_mib",
            "state store processor",
            "MiB",
            m -> m.stateProcessor() / MIB,
            size,
            sizeText,
            true),
        new Series(
            "state_alerts_mib",
            "state store alerts",
            "MiB",
            m -> m.stateAlerts() / MIB,
            size,
            sizeText,
            true),
        new Series(
            "changelog_mib",
            "changelog topics",
            "MiB",
            m -> m.changelog() / MIB,
            size,
            sizeText,
            true),
        new Series(
            "lag_processor",
            "lag processor",
            "records",
            m -> m.lagProcessor(),
            lag,
            lagText,
            false),
        new Series(
            "lag_writer",
            "lag InfluxDB writer",
            "records",
            m -> m.lagWriter(),
            lag,
            lagText,
            false),
        new Series("lag_alerts", "lag alerts", "records", m -> m.lagAlerts(), lag, lagText, false),
        new Series("p50_ms", "latency p50", "ms", SoakRun.Minute::p50, time, timeText, false),
        new Series("p99_ms", "latency p99", "ms", SoakRun.Minute::p99, time, timeText, false),
        new Series(
            "gc_bench_ms_per_min",
            "GC bench JVM",
            "ms/min",
            SoakRun.Minute::gcBench,
            time,
            timeText,
            false),
        new Series(
            "gc_processor_ms_per_min",
            "GC processor",
            "ms/min",
            SoakRun.Minute::gcProcessor,
            time,
            timeText,
            false),
        new Series(
            "gc_alerts_ms_per_min",
            "GC alerts",
            "ms/min",
            SoakRun.Minute::gcAlerts,
            time,
            timeText,
            false));
  }

  void header() {
    out.printf(
        Locale.ROOT,
        "soak: %d min at %d articles/s; %d Benzinga headlines sent in a loop (each again every %.0f"
            + " s, with an id and time of its own); slopes after a warm-up of %d min%n",
        minutes,
        rate,
        headlines,
        (double) headlines / rate,
        warmUp);
    out.println(
        "bench JVM = Kafka broker + replay producer + sampler; processor and alerts are JVMs of"
            + " their own; scored/s and latency: articles sent to news.raw seen committed on"
            + " news.scored");
    out.println(
        "                      ----------- RSS MiB ----------  -- state MiB --  changelog  ----"
            + " consumer lag ----  -- latency ms --  -- GC ms/min --  heap committed  old gen used");
    out.println(
        " min  sent/s scored/s   bench    proc  alerts influxd    proc  alerts        MiB    proc"
            + "  writer  alerts     p50      p99   bench  proc alerts    proc  alerts    proc  alerts");
    out.flush();
  }

  void row(SoakRun.Minute m) {
    out.printf(
        Locale.ROOT,
        "%4d %7.1f %8.1f %7.0f %7.0f %7.0f %7.0f %7.1f %7.1f %10.1f %7d %7d %7d %7.0f %8.0f %7s"
            + " %5s %6s %7s %7s %7s %7s%n",
        m.minute(),
        m.sentPerSecond(),
        m.latencies() / 60.0,
        m.rssBench() / MIB,
        m.rssProcessor() / MIB,
        m.rssAlerts() / MIB,
        m.rssInfluxd() / MIB,
        m.stateProcessor() / MIB,
        m.stateAlerts() / MIB,
        m.changelog() / MIB,
        m.lagProcessor(),
        m.lagWriter(),
        m.lagAlerts(),
        m.p50(),
        m.p99(),
        whole(m.gcBench()),
        whole(m.gcProcessor()),
        whole(m.gcAlerts()),
        whole(mib(m.heapProcessor())),
        whole(mib(m.heapAlerts())),
        whole(mib(m.oldProcessor())),
        whole(mib(m.oldAlerts())));
    out.flush();
  }

  /** A verdict line per series, then the JSON line. */
  void verdicts(List<SoakRun.Minute> rows) {
    double[] at = rows.stream().mapToDouble(SoakRun.Minute::minute).toArray();
    long sent = rows.isEmpty() ? 0 : rows.getLast().sent();
    out.printf(
        Locale.ROOT,
        "Slopes per hour over minutes %d-%d (least squares); GROWING = above the limit and more"
            + " than 2 standard errors above 0:%n",
        warmUp + 1,
        rows.size());
    List<String> json = new ArrayList<>();
    int growing = 0;
    for (Series s : series) {
      double[] values = rows.stream().mapToDouble(s.value()).toArray();
      Flatness.Fit fit;
      try {
        fit = Flatness.fit(at, values, warmUp);
      } catch (IllegalArgumentException e) {
        out.printf(Locale.ROOT, "  %-31s no verdict: %s%n", s.label(), e.getMessage());
        json.add(String.format(Locale.ROOT, "\"%s\":{\"verdict\":null}", s.key()));
        continue;
      }
      double limit = s.limit().perHour(fit.level());
      Flatness.Verdict v = Flatness.verdict(fit, s.limit());
      growing += v == Flatness.Verdict.GROWING ? 1 : 0;
      String perArticle =
          s.perArticle()
              ? String.format(
                  Locale.ROOT,
                  "  (%.0f bytes per article)",
                  fit.slopePerHour() * MIB / (rate * 3600.0))
              : "";
      out.printf(
          Locale.ROOT,
          "  %-31s level %9.1f %-7s slope %+9.1f ± %.1f %s/h  limit %.1f (%s)  %s%s%n",
          s.label(),
          fit.level(),
          s.unit(),
          fit.slopePerHour() + 0.0, // no "-0.0"
          fit.standardError(),
          s.unit(),
          limit,
          s.limitText(),
          v,
          perArticle);
      json.add(
          String.format(
              Locale.ROOT,
              "\"%s\":{\"level\":%s,\"slope_per_hour\":%s,\"standard_error\":%s,"
                  + "\"limit_per_hour\":%s,\"verdict\":\"%s\"}",
              s.key(),
              num(fit.level()),
              num(fit.slopePerHour()),
              num(fit.standardError()),
              num(limit),
              v));
    }
    out.printf(
        Locale.ROOT,
        "{\"minutes\":%d,\"rate\":%d,\"warmup_minutes\":%d,\"articles_sent\":%d,"
            + "\"headlines\":%d,\"growing\":%d,\"series\":{%s}}%n",
        minutes,
        rate,
        warmUp,
        sent,
        headlines,
        growing,
        String.join(",", json));
    out.flush();
  }

  /** Bytes in MiB; NaN for a figure that could not be read (-1). */
  private static double mib(long bytes) {
    return bytes < 0 ? Double.NaN : bytes / MIB;
  }

  private static String whole(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v + 0.0) : "null";
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }
}
