package com.finpulse.alerts.detect;

import com.finpulse.common.event.KeyKind;
import java.util.List;

/**
 * The threshold profiles that apply to a key: the defaults first, then subscriptions' overrides.
 */
@FunctionalInterface
public interface ThresholdProfiles {

  List<ThresholdProfile> forKey(KeyKind kind, String key);

  /** Only the defaults. */
  static ThresholdProfiles fixed(ThresholdProfile defaults) {
    List<ThresholdProfile> list = List.of(defaults);
    return (kind, key) -> list;
  }
}
