package com.finpulse.alerts.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import com.finpulse.common.event.KeyKind;
import java.util.List;

/**
 * When a market-wide alert suppresses the per-key alerts it explains.
 *
 * @param kinds key kinds that a MARKET alert can inhibit
 * @param margin how far (in negative share) a key may exceed the market and still count as
 *     explained by it
 * @param maxVolumeShare the largest part of the market's negative volume a key may carry and still
 *     count as explained by it: above it, the key is the market spike's cause, not its symptom
 */
public record InhibitionSettings(
    boolean enabled, List<KeyKind> kinds, double margin, double maxVolumeShare)
    implements Validated {

  public InhibitionSettings {
    kinds = kinds == null ? List.of() : List.copyOf(kinds);
  }

  @Override
  public void validate(Validation v) {
    v.check(!kinds.contains(KeyKind.MARKET), "kinds", "a MARKET alert cannot inhibit itself");
    v.range(margin, 0, 1, "margin");
    v.range(maxVolumeShare, 0, 1, "max_volume_share");
  }
}
