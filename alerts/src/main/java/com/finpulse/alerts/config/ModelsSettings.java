package com.finpulse.alerts.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;

/**
 * The model registry the console offers versions from (promote, shadow): the same directory the
 * stream processors load them from ({@code scoring.registry_dir} in processor.yml).
 *
 * @param registryDir relative to the FinPulse home unless absolute
 */
public record ModelsSettings(String registryDir) implements Validated {

  @Override
  public void validate(Validation v) {
    v.notBlank(registryDir, "registry_dir");
  }
}
