package com.finpulse.alerts.detect;

import com.finpulse.common.event.TrendWindow;

/** What the detector reports besides alerts. */
public interface DetectorMetrics {

  DetectorMetrics NONE = window -> {};

  /** An update arrived for a window the detector had already closed. */
  void lateUpdate(TrendWindow window);
}
