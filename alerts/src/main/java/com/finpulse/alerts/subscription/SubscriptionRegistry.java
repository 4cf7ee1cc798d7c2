package com.finpulse.alerts.subscription;

import com.finpulse.alerts.detect.DetectionSettings;
import com.finpulse.alerts.detect.ThresholdProfile;
import com.finpulse.alerts.detect.ThresholdProfiles;
import com.finpulse.common.config.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The subscriptions in force: those of {@code subscriptions.yml} and those added through the API.
 * Names are unique across both. Readers get immutable snapshots; listeners hear of every change.
 */
public final class SubscriptionRegistry {

  /** Where a subscription is defined. */
  public enum Source {
    FILE,
    API
  }

  /** A subscription with where it comes from and its effective thresholds. */
  public record Entry(Subscription subscription, Source source, ThresholdProfile profile) {}

  private final DetectionSettings detection;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private List<Subscription> file = List.of();
  private List<Subscription> api = List.of();
  private volatile Map<String, Entry> entries = Map.of();

  public SubscriptionRegistry(DetectionSettings detection) {
    this.detection = detection;
  }

  /** The detection settings the subscriptions' threshold profiles derive from. */
  public DetectionSettings detection() {
    return detection;
  }

  /**
   * Replaces the file's subscriptions.
   *
   * @throws ConfigException when a name is taken by an API subscription
   */
  public void replaceFile(List<Subscription> subscriptions, String origin) {
    synchronized (this) {
      List<String> clashes = clashes(subscriptions, api);
      if (!clashes.isEmpty()) {
        throw new ConfigException(
            origin
                + ": subscription name(s) "
                + clashes
                + " already defined through the API; remove them there first or rename");
      }
      file = List.copyOf(subscriptions);
      rebuild();
    }
    listeners.forEach(Runnable::run);
  }

  /** Replaces the API's subscriptions; the caller has checked names against {@link #names()}. */
  public void replaceApi(List<Subscription> subscriptions) {
    synchronized (this) {
      List<String> clashes = clashes(subscriptions, file);
      if (!clashes.isEmpty()) {
        throw new IllegalArgumentException(
            "subscription name(s) " + clashes + " already defined in subscriptions.yml");
      }
      api = List.copyOf(subscriptions);
      rebuild();
    }
    listeners.forEach(Runnable::run);
  }

  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  public List<Subscription> all() {
    return entries.values().stream().map(Entry::subscription).toList();
  }

  public Optional<Entry> find(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  public Set<String> names() {
    return Set.copyOf(entries.keySet());
  }

  /** Called after every change, on the thread that made it. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** The profiles the detector applies to a key: the defaults, then covering overrides. */
  public ThresholdProfiles thresholdProfiles() {
    ThresholdProfile defaults = detection.defaultProfile();
    return (kind, key) -> {
      List<ThresholdProfile> out = new ArrayList<>(2);
      out.add(defaults);
      Set<String> ids = new HashSet<>();
      ids.add(defaults.id());
      for (Entry e : entries.values()) {
        if (e.subscription().thresholds() != null
            && e.subscription().covers(kind, key)
            && ids.add(e.profile().id())) {
          out.add(e.profile());
        }
      }
      return out;
    };
  }

  private void rebuild() {
    Map<String, Entry> out = new LinkedHashMap<>();
    for (Subscription s : file) {
      out.put(s.name(), new Entry(s, Source.FILE, profileOf(s)));
    }
    for (Subscription s : api) {
      out.put(s.name(), new Entry(s, Source.API, profileOf(s)));
    }
    entries = out;
  }

  private ThresholdProfile profileOf(Subscription s) {
    return detection.thresholds().overriddenBy(s.thresholds()).resolve(detection.windows());
  }

  private static List<String> clashes(List<Subscription> a, List<Subscription> b) {
    Map<String, Boolean> names = new HashMap<>();
    b.forEach(s -> names.put(s.name(), true));
    return a.stream().map(Subscription::name).filter(names::containsKey).toList();
  }
}
