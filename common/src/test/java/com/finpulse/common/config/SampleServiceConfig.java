package com.finpulse.common.config;

import java.time.Duration;
import java.util.List;

/** A config shaped like a real service's, for the loader tests. */
record SampleServiceConfig(
    KafkaSettings kafka, InfluxSettings influx, Duration pollInterval, List<Feed> feeds)
    implements Validated {

  record Feed(String name, String url, int maxItems) implements Validated {
    @Override
    public void validate(Validation v) {
      v.notBlank(name, "name").httpUrl(url, "url").positive(maxItems, "max_items");
    }
  }

  @Override
  public void validate(Validation v) {
    v.nested("kafka", kafka).nested("influx", influx).each("feeds", feeds);
    v.check(
        !pollInterval.isNegative() && !pollInterval.isZero(), "poll_interval", "must be positive");
  }
}
