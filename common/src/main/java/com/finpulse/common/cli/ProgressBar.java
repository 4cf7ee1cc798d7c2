package com.finpulse.common.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a long job (training, evaluation, backfill) on one line of stderr: done/total,
 * percentage, rate and ETA, redrawn at most every {@code minInterval}. On a non-terminal (CI logs)
 * it prints a new line every 10% instead of redrawing.
 */
public final class ProgressBar {

  private final PrintStream err;
  private final String label;
  private final String unit;
  private final long total;
  private final long startNanos = System.nanoTime();
  private final boolean redraw;
  private long lastDrawNanos;
  private int lastDecile = -1;
  private String suffix = "";

  public ProgressBar(PrintStream err, String label, long total, String unit) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.redraw = System.console() != null;
  }

  /** Extra text shown after the rate, e.g. the current loss. */
  public void suffix(String text) {
    this.suffix = text;
  }

  public void update(long done) {
    long now = System.nanoTime();
    int decile = total > 0 ? (int) Math.min(10, done * 10 / total) : 0;
    boolean due =
        redraw ? now - lastDrawNanos > 250_000_000L || done >= total : decile != lastDecile;
    if (!due) {
      return;
    }
    lastDrawNanos = now;
    lastDecile = decile;
    err.print((redraw ? "\r" : "") + line(done, now) + (redraw ? "\u001b[K" : "\n"));
    err.flush();
  }

  public void finish(long done) {
    long now = System.nanoTime();
    err.print((redraw ? "\r" : "") + line(done, now) + (redraw ? "\u001b[K\n" : "\n"));
    err.flush();
  }

  String line(long done, long now) {
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    double rate = done / seconds;
    StringBuilder sb = new StringBuilder(label).append(' ');
    if (total > 0) {
      int width = 24;
      int filled = (int) Math.min(width, done * width / total);
      sb.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
      sb.append(done).append('/').append(total);
      sb.append(String.format(Locale.ROOT, " %3.0f%%", 100.0 * done / total));
    } else {
      sb.append(done);
    }
    sb.append(String.format(Locale.ROOT, "  %.1f %s/s", rate, unit));
    sb.append("  elapsed ").append(format(Duration.ofNanos(now - startNanos)));
    if (total > 0 && done > 0 && done < total) {
      sb.append("  ETA ").append(format(Duration.ofSeconds((long) ((total - done) / rate))));
    }
    if (!suffix.isEmpty()) {
      sb.append("  ").append(suffix);
    }
    return sb.toString();
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
