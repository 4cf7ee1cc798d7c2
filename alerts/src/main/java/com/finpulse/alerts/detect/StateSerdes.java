package com.finpulse.alerts.detect;

import com.finpulse.common.serde.EventSerde;

/**
 * Serdes of the detector's state stores: versioned JSON like the events, so a later version of the
 * service can upcast what an older one stored.
 */
public final class StateSerdes {

  private static final EventSerde<DetectorState> DETECTOR_STATE =
      new EventSerde<>(DetectorState.class, 1);
  private static final EventSerde<ClockAnchor> CLOCK_ANCHOR =
      new EventSerde<>(ClockAnchor.class, 1);
  private static final EventSerde<HeadlineList> HEADLINES = new EventSerde<>(HeadlineList.class, 1);
  private static final EventSerde<HourStats> HOUR_STATS = new EventSerde<>(HourStats.class, 1);

  private StateSerdes() {}

  public static EventSerde<DetectorState> detectorState() {
    return DETECTOR_STATE;
  }

  public static EventSerde<ClockAnchor> clockAnchor() {
    return CLOCK_ANCHOR;
  }

  public static EventSerde<HeadlineList> headlines() {
    return HEADLINES;
  }

  public static EventSerde<HourStats> hourStats() {
    return HOUR_STATS;
  }
}
