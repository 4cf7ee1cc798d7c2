package com.finpulse.alerts.subscription;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The top level of {@code subscriptions.yml}. */
public record SubscriptionsFile(List<Subscription> subscriptions) implements Validated {

  public static final String FILE_NAME = "subscriptions.yml";

  public SubscriptionsFile {
    subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
  }

  @Override
  public void validate(Validation v) {
    v.each("subscriptions", subscriptions);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < subscriptions.size(); i++) {
      String name = subscriptions.get(i).name();
      v.check(
          seen.add(name),
          "subscriptions[" + i + "].name",
          "'" + name + "' is used by an earlier subscription");
    }
  }
}
