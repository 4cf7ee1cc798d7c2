package com.finpulse.alerts.detect;

import org.jspecify.annotations.Nullable;

/**
 * The detector's notion of "now", in event time: the latest window start seen, advanced at
 * wall-clock pace while no newer one arrives.
 *
 * <p>Event time, so a replay at any speed closes windows as the data says, not as the wall clock
 * does; advanced by the wall clock, so a quiet period (no news at all) still closes windows and
 * resolves alerts. Driven by the trend stream itself, not the article stream, because trends lag
 * articles by the processor's latency and windows must not close before their last updates.
 */
final class DetectorClock {

  private long eventTimeMs = Long.MIN_VALUE;
  private long wallMs;
  private boolean dirty;

  /**
   * Resumes from a persisted anchor. The downtime itself is not extrapolated over: a backlog of
   * trend updates written meanwhile must find its windows still open, so the clock continues from
   * the anchor's event time as of now.
   */
  void restore(@Nullable ClockAnchor anchor, long wallNow) {
    if (anchor != null && anchor.eventTimeMs() > eventTimeMs) {
      eventTimeMs = anchor.eventTimeMs();
      wallMs = wallNow;
    }
  }

  void observe(long eventTime, long wallNow) {
    if (eventTime > eventTimeMs) {
      eventTimeMs = eventTime;
      wallMs = wallNow;
      dirty = true;
    }
  }

  boolean started() {
    return eventTimeMs != Long.MIN_VALUE;
  }

  /** Event-time now; {@code Long.MIN_VALUE} before the first observation. */
  long now(long wallNow) {
    if (!started()) {
      return Long.MIN_VALUE;
    }
    return eventTimeMs + Math.max(0, wallNow - wallMs);
  }

  /** The anchor to persist, once per change. */
  @Nullable ClockAnchor takeDirtyAnchor() {
    if (!dirty) {
      return null;
    }
    dirty = false;
    return new ClockAnchor(eventTimeMs, wallMs);
  }
}
