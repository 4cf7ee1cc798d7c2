package com.finpulse.alerts.detect;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.Severity;
import java.util.Map;

/**
 * An open alert of one key and window: from the first window that passed a threshold until enough
 * normal windows in a row.
 *
 * @param profiles severity reached so far under each threshold profile (by {@link
 *     ThresholdProfile#id()}): a new profile passing or a higher severity re-emits the alert
 * @param normalWindows consecutive normal closed windows so far
 * @param alert the alert as last emitted
 */
public record Episode(Map<String, Severity> profiles, int normalWindows, Alert alert) {

  public Episode {
    profiles = Map.copyOf(profiles);
  }

  public Episode withNormalWindows(int n) {
    return new Episode(profiles, n, alert);
  }
}
