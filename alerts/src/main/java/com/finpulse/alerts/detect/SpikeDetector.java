package com.finpulse.alerts.detect;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.AlertStatus;
import com.finpulse.alerts.event.EvidenceHeadline;
import com.finpulse.alerts.event.Severity;
import com.finpulse.common.event.TrendPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jspecify.annotations.Nullable;

/**
 * Detects negative spikes per (key kind, key, window) from the stream of trend updates.
 *
 * <p>Update semantics: the processor re-emits a window on every change. Each update of an open
 * window is scored at once against the baseline, so an alert fires within the commit interval of
 * the update that tips it, while the window is still in progress. The baseline learns only from
 * closed windows (closed when the {@link DetectorClock} passes the window's end plus {@code
 * close_grace}), including empty windows, and not from the abnormal windows of an open episode
 * unless it outlasts the baseline span. One episode fires once: later abnormal windows only keep it
 * open, or re-emit it (same id) when it escalates; {@code resolve_after_windows} normal closed
 * windows in a row resolve it. Updates of windows already closed are late: they never change the
 * baseline, but may still fire or prolong an episode.
 */
final class SpikeDetector implements Processor<String, TrendPoint, String, Alert> {

  static final String CLOCK_KEY = "clock";
  private static final Duration PUNCTUATE_EVERY = Duration.ofSeconds(1);

  private final DetectionSettings settings;
  private final ThresholdProfiles profiles;
  private final DetectorMetrics metrics;
  private final DetectorClock clock = new DetectorClock();
  private final long smallestWindowMs;
  private long lastSweep = Long.MIN_VALUE;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, DetectorState> states;
  private KeyValueStore<String, ClockAnchor> clockStore;
  private WindowStore<String, HeadlineList> evidence;

  SpikeDetector(DetectionSettings settings, ThresholdProfiles profiles, DetectorMetrics metrics) {
    this.settings = settings;
    this.profiles = profiles;
    this.metrics = metrics;
    this.smallestWindowMs =
        settings.windows().stream().mapToLong(w -> w.size().toMillis()).min().orElse(60_000);
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.states = context.getStateStore(DetectionTopology.DETECTOR_STORE);
    this.clockStore = context.getStateStore(DetectionTopology.CLOCK_STORE);
    this.evidence = context.getStateStore(DetectionTopology.EVIDENCE_MINUTES);
    clock.restore(clockStore.get(CLOCK_KEY), context.currentSystemTimeMs());
    context.schedule(PUNCTUATE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::closeDueWindows);
  }

  @Override
  public void process(Record<String, TrendPoint> record) {
    TrendPoint p = record.value();
    if (p == null || !settings.windows().contains(p.window())) {
      return;
    }
    long wall = context.currentSystemTimeMs();
    resumeClock(wall);
    clock.observe(p.windowStart().toEpochMilli(), wall);
    String storeKey = DetectorState.storeKey(p.keyKind(), p.key(), p.window());
    DetectorState state = states.get(storeKey);
    if (state == null) {
      state = DetectorState.start(p.keyKind(), p.key(), p.window(), p.windowStart(), wall);
    }
    List<Alert> out = new ArrayList<>();
    Work w = new Work(state);
    closeDue(w, clock.now(wall), wall, out);
    update(w, p, wall, out);
    states.put(storeKey, w.toState());
    emit(out, wall);
    persistClock();
  }

  /**
   * Wall-clock punctuation: closes due windows of every key, so quiet keys resolve too. Windows are
   * epoch-aligned, so nothing can become due between two boundaries of the smallest window: the
   * sweep over all keys runs once per boundary, not once per second.
   */
  private void closeDueWindows(long wall) {
    resumeClock(wall);
    long now = clock.now(wall);
    if (now == Long.MIN_VALUE) {
      return;
    }
    long boundary = Math.floorDiv(now - settings.closeGrace().toMillis(), smallestWindowMs);
    if (boundary == lastSweep) {
      return;
    }
    lastSweep = boundary;
    List<KeyValue<String, DetectorState>> changed = new ArrayList<>();
    List<String> evicted = new ArrayList<>();
    List<Alert> out = new ArrayList<>();
    long evictAfter = settings.idleEviction().toMillis();
    try (KeyValueIterator<String, DetectorState> it = states.all()) {
      while (it.hasNext()) {
        KeyValue<String, DetectorState> kv = it.next();
        DetectorState s = kv.value;
        Work w = new Work(s);
        if (closeDue(w, now, wall, out)) {
          s = w.toState();
          changed.add(KeyValue.pair(kv.key, s));
        }
        if (s.episode() == null && s.open().isEmpty() && wall - s.lastUpdateWallMs() > evictAfter) {
          evicted.add(kv.key);
        }
      }
    }
    changed.forEach(kv -> states.put(kv.key, kv.value));
    evicted.forEach(states::delete);
    emit(out, wall);
    persistClock();
  }

  private void update(Work w, TrendPoint p, long wall, List<Alert> out) {
    long start = p.windowStart().toEpochMilli();
    Observation o = Observation.of(p);
    SpikeScore score = w.baseline.score(o, settings);
    Map<String, Severity> verdict = classify(w, o, score);
    w.lastUpdateWall = wall;
    if (start < w.nextToClose) {
      metrics.lateUpdate(p.window());
      if (!verdict.isEmpty() && start >= w.lastEpisodeEnd) {
        abnormal(w, start, o, score, verdict, wall, out);
        if (w.episode != null) {
          w.episode = w.episode.withNormalWindows(0);
        }
      }
      return;
    }
    OpenWindow previous = w.open.get(start);
    if (previous != null && previous.latest().updatedAt().isAfter(o.updatedAt())) {
      return; // an older state of the window, reordered on the way
    }
    boolean abnormal = !verdict.isEmpty() || (previous != null && previous.abnormal());
    w.open.put(start, new OpenWindow(o, abnormal));
    if (!verdict.isEmpty()) {
      abnormal(w, start, o, score, verdict, wall, out);
    }
  }

  /** A window passed a threshold: fires a new episode, or escalates the open one. */
  private void abnormal(
      Work w,
      long windowStart,
      Observation o,
      SpikeScore score,
      Map<String, Severity> verdict,
      long wall,
      List<Alert> out) {
    Episode e = w.episode;
    if (e == null) {
      Instant start = Instant.ofEpochMilli(windowStart);
      Instant end = start.plus(w.state.window().size());
      Instant startsAt = clamp(o.updatedAt(), start, end);
      String id = AlertIds.of(w.state.keyKind(), w.state.key(), w.state.window(), start);
      Alert a =
          alert(
              w,
              id,
              AlertStatus.FIRING,
              max(verdict),
              startsAt,
              null,
              windowStart,
              o,
              score,
              evidence(w, windowStart),
              wall);
      out.add(a);
      w.episode = new Episode(verdict, 0, a);
      return;
    }
    Map<String, Severity> merged = new HashMap<>(e.profiles());
    boolean escalated = false;
    for (Map.Entry<String, Severity> v : verdict.entrySet()) {
      Severity old = merged.get(v.getKey());
      if (old == null || v.getValue().compareTo(old) > 0) {
        merged.put(v.getKey(), v.getValue());
        escalated = true;
      }
    }
    if (escalated) {
      Alert a =
          alert(
              w,
              e.alert().id(),
              AlertStatus.FIRING,
              max(merged),
              e.alert().startsAt(),
              null,
              windowStart,
              o,
              score,
              evidence(w, windowStart),
              wall);
      out.add(a);
      w.episode = new Episode(merged, e.normalWindows(), a);
    }
  }

  /**
   * Closes every window whose end plus grace the clock has passed: scores its final state, counts
   * it towards a resolve, then lets the baseline learn from it.
   *
   * @return whether anything closed
   */
  private boolean closeDue(Work w, long now, long wall, List<Alert> out) {
    if (now == Long.MIN_VALUE) {
      return false;
    }
    long size = w.state.window().size().toMillis();
    long grace = settings.closeGrace().toMillis();
    if (w.nextToClose + size + grace > now) {
      return false;
    }
    long catchUpLimit = 10L * settings.baselineSpan() + settings.resolveAfterWindows();
    long closed = 0;
    while (w.nextToClose + size + grace <= now) {
      if (closed >= catchUpLimit && w.open.isEmpty() && w.episode == null) {
        // A long silence: the baseline has decayed to nothing already; skip the empty rest.
        long behind = Math.floorDiv(now - grace - size - w.nextToClose, size) + 1;
        w.nextToClose += behind * size;
        break;
      }
      long start = w.nextToClose;
      OpenWindow open = w.open.remove(start);
      Observation o =
          open != null ? open.latest() : Observation.empty(Instant.ofEpochMilli(start + size));
      SpikeScore score = w.baseline.score(o, settings);
      Map<String, Severity> verdict = open == null ? Map.of() : classify(w, o, score);
      boolean abnormal = !verdict.isEmpty() || (open != null && open.abnormal());
      if (!verdict.isEmpty() && (w.episode == null && start >= w.lastEpisodeEnd)) {
        abnormal(w, start, o, score, verdict, wall, out);
      } else if (w.episode != null) {
        int normal = abnormal ? 0 : w.episode.normalWindows() + 1;
        if (normal >= settings.resolveAfterWindows()) {
          out.add(resolved(w, start, o, score, wall));
          w.episode = null;
          w.lastEpisodeEnd = start + size;
        } else {
          w.episode = w.episode.withNormalWindows(normal);
        }
      }
      if (learnsFrom(w, start, abnormal)) {
        w.baseline = w.baseline.absorb(o, settings);
      }
      w.nextToClose += size;
      closed++;
    }
    return true;
  }

  /**
   * Whether a closed window may move the baseline. Not the abnormal windows of an open episode:
   * learning from them would make the spike its own baseline, and the alert would resolve while the
   * news is still as bad as when it fired. Only an episode longer than the baseline's own span is
   * taken for a new normal and learned from again.
   */
  private boolean learnsFrom(Work w, long windowStart, boolean abnormal) {
    if (!abnormal || w.episode == null) {
      return true;
    }
    long episodeStart = w.episode.alert().windowStart().toEpochMilli();
    long windows = (windowStart - episodeStart) / w.state.window().size().toMillis();
    return windows >= settings.baselineSpan();
  }

  private Alert resolved(Work w, long windowStart, Observation o, SpikeScore score, long wall) {
    Alert firing = w.episode.alert();
    Instant end = Instant.ofEpochMilli(windowStart).plus(w.state.window().size());
    // The resolve keeps the evidence that made the episode: it is what the reader remembers.
    return alert(
        w,
        firing.id(),
        AlertStatus.RESOLVED,
        firing.severity(),
        firing.startsAt(),
        end,
        windowStart,
        o,
        score,
        firing.evidence(),
        wall);
  }

  private Map<String, Severity> classify(Work w, Observation o, SpikeScore s) {
    Map<String, Severity> out = new LinkedHashMap<>();
    for (ThresholdProfile p : profiles.forKey(w.state.keyKind(), w.state.key())) {
      Severity sev =
          p.classify(
              w.state.window(), o.novelCount(), s.share(), s.zShare(), s.zVolume(), s.warm());
      if (sev != null) {
        out.merge(p.id(), sev, (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
    }
    return out;
  }

  private Alert alert(
      Work w,
      String id,
      AlertStatus status,
      Severity severity,
      Instant startsAt,
      @Nullable Instant endsAt,
      long windowStart,
      Observation o,
      SpikeScore s,
      List<EvidenceHeadline> evidence,
      long wall) {
    Alert draft =
        new Alert(
            id,
            w.state.keyKind(),
            w.state.key(),
            w.state.window(),
            severity,
            status,
            startsAt,
            endsAt,
            Instant.ofEpochMilli(windowStart),
            s.share(),
            o.novelNegative(),
            o.meanScore(),
            s.baselineShare(),
            s.shareSigma(),
            s.zShare(),
            o.count(),
            "",
            evidence,
            Instant.ofEpochMilli(wall),
            o.novelCount(),
            s.baselineVolume(),
            s.zVolume());
    return draft.withSummary(AlertText.summary(draft));
  }

  private List<EvidenceHeadline> evidence(Work w, long windowStart) {
    if (settings.evidenceHeadlines() == 0) {
      return List.of();
    }
    String key = PartitionKeys.of(w.state.keyKind(), w.state.key());
    long end = windowStart + w.state.window().size().toMillis() - 1;
    List<HeadlineList> buckets = new ArrayList<>();
    try (WindowStoreIterator<HeadlineList> it =
        evidence.fetch(key, Instant.ofEpochMilli(windowStart), Instant.ofEpochMilli(end))) {
      it.forEachRemaining(kv -> buckets.add(kv.value));
    }
    return HeadlineList.top(buckets, settings.evidenceHeadlines());
  }

  private void emit(List<Alert> alerts, long wall) {
    for (Alert a : alerts) {
      // Record time is the wall clock: the alerts topic's retention must count from now, also for
      // alerts about replayed, old windows.
      context.forward(new Record<>(a.id(), a, wall));
    }
  }

  private void resumeClock(long wall) {
    if (!clock.started()) {
      clock.restore(clockStore.get(CLOCK_KEY), wall);
    }
  }

  private void persistClock() {
    ClockAnchor anchor = clock.takeDirtyAnchor();
    if (anchor != null) {
      clockStore.put(CLOCK_KEY, anchor);
    }
  }

  private static Severity max(Map<String, Severity> severities) {
    return severities.values().stream().max(Severity::compareTo).orElse(Severity.WARNING);
  }

  private static Instant clamp(Instant t, Instant lo, Instant hi) {
    return t.isBefore(lo) ? lo : t.isAfter(hi) ? hi : t;
  }

  /** The mutable working copy of one key's state while a record or punctuation is processed. */
  private static final class Work {
    final DetectorState state;
    Baseline baseline;
    long nextToClose;
    final NavigableMap<Long, OpenWindow> open;
    @Nullable Episode episode;
    long lastEpisodeEnd;
    long lastUpdateWall;

    Work(DetectorState s) {
      this.state = s;
      this.baseline = s.baseline();
      this.nextToClose = s.nextToClose();
      this.open = s.openWindows();
      this.episode = s.episode();
      this.lastEpisodeEnd = s.lastEpisodeEnd();
      this.lastUpdateWall = s.lastUpdateWallMs();
    }

    DetectorState toState() {
      return state.with(baseline, nextToClose, open, episode, lastEpisodeEnd, lastUpdateWall);
    }
  }
}
