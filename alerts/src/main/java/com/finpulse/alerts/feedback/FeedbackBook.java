package com.finpulse.alerts.feedback;

import com.finpulse.common.event.LabelFeedback;
import com.finpulse.common.event.LabelTask;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The analysts' corrections the service knows: the latest per record key ({@link
 * LabelFeedback#recordKey()}), rebuilt from {@code labels.feedback} at every start and kept current
 * as corrections are recorded. A record older than the one held for its key (by {@code at}) is
 * ignored, so reading back a correction this service just wrote never undoes a newer one.
 */
public final class FeedbackBook {

  /**
   * How far analysts agree with the model.
   *
   * @param corrections records held (one per article, task and target)
   * @param agreeing those whose label is the model's
   * @param byDay per UTC day of {@code at}, oldest first
   */
  public record Stats(int corrections, int agreeing, List<Day> byDay) {

    /** Agreement of one day's corrections with the model that scored them. */
    public record Day(LocalDate day, int corrections, int agreeing) {}
  }

  private final Map<String, LabelFeedback> byKey = new HashMap<>();

  /** Takes a record read from the topic or just written to it. */
  public synchronized void apply(LabelFeedback f) {
    byKey.merge(f.recordKey(), f, (held, next) -> next.at().isBefore(held.at()) ? held : next);
  }

  public synchronized Optional<LabelFeedback> find(String recordKey) {
    return Optional.ofNullable(byKey.get(recordKey));
  }

  /** Newest first; at most {@code limit}. */
  public synchronized List<LabelFeedback> latest(int limit) {
    return byKey.values().stream()
        .sorted(Comparator.comparing(LabelFeedback::at).reversed())
        .limit(limit)
        .toList();
  }

  /** Every record, oldest first (for the export). */
  public synchronized List<LabelFeedback> all() {
    return byKey.values().stream().sorted(Comparator.comparing(LabelFeedback::at)).toList();
  }

  /** The articles whose sentiment an analyst has given. */
  public synchronized Set<String> reviewedArticles() {
    return byKey.values().stream()
        .filter(f -> f.task() == LabelTask.SENTIMENT)
        .map(LabelFeedback::articleId)
        .collect(Collectors.toSet());
  }

  public synchronized Stats stats() {
    Map<LocalDate, int[]> days = new TreeMap<>();
    int agreeing = 0;
    for (LabelFeedback f : byKey.values()) {
      int[] d = days.computeIfAbsent(f.at().atZone(ZoneOffset.UTC).toLocalDate(), k -> new int[2]);
      d[0]++;
      if (f.agrees()) {
        d[1]++;
        agreeing++;
      }
    }
    List<Stats.Day> byDay = new ArrayList<>();
    days.forEach((day, d) -> byDay.add(new Stats.Day(day, d[0], d[1])));
    return new Stats(byKey.size(), agreeing, byDay);
  }
}
