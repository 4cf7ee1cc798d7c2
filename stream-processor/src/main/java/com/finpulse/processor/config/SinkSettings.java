package com.finpulse.processor.config;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;

/**
 * The InfluxDB writer.
 *
 * @param enabled run the writer in this instance; a deployment may run it on some instances only
 * @param batchSize most records read (and written as one InfluxDB request) at a time
 */
public record SinkSettings(boolean enabled, int batchSize) implements Validated {

  @Override
  public void validate(Validation v) {
    v.range(batchSize, 1, 50_000, "batch_size");
  }
}
