package com.finpulse.alerts.subscription;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.common.config.Validation;
import com.finpulse.common.serde.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Subscriptions added through the REST API, kept in {@code api-subscriptions.json} in the state
 * directory (owner-readable only: it holds webhook secrets). {@code subscriptions.yml} stays the
 * operator's file, comments and all: the API never rewrites it.
 */
public final class ApiSubscriptionStore {

  public static final String FILE_NAME = "api-subscriptions.json";

  private record Stored(List<Subscription> subscriptions) {}

  private final Path file;
  private final SubscriptionRegistry registry;
  private final WebhookUrlCheck webhookUrls;
  private final ObjectMapper json = JsonCodec.mapper();

  /**
   * @param webhookUrls refuses webhooks that delivery would refuse (the SSRF guard)
   */
  public ApiSubscriptionStore(
      Path stateDir, SubscriptionRegistry registry, WebhookUrlCheck webhookUrls) {
    this.file = stateDir.resolve(FILE_NAME);
    this.registry = registry;
    this.webhookUrls = webhookUrls;
  }

  /** Loads the stored subscriptions into the registry. */
  public synchronized void load() throws IOException {
    if (!Files.exists(file)) {
      registry.replaceApi(List.of());
      return;
    }
    Stored stored = json.readValue(file.toFile(), Stored.class);
    registry.replaceApi(stored.subscriptions() == null ? List.of() : stored.subscriptions());
  }

  /**
   * Validates and adds one subscription; webhooks that delivery would refuse are refused here.
   *
   * @return the problems ({@code key: message}); empty when it was added
   */
  public synchronized List<String> add(Subscription s) throws IOException {
    List<String> problems = problems(s);
    if (registry.names().contains(s.name())) {
      problems.add("name: '" + s.name() + "' exists already");
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    List<Subscription> next = new ArrayList<>(current());
    next.add(s);
    save(next);
    registry.replaceApi(next);
    return List.of();
  }

  /**
   * Validates {@code s} as {@link #add} does and puts it in place of the API subscription of the
   * same name.
   *
   * @return the problems; empty when it was replaced
   * @throws IllegalArgumentException when no API subscription has that name
   */
  public synchronized List<String> replace(Subscription s) throws IOException {
    List<Subscription> next = new ArrayList<>(current());
    int at = -1;
    for (int i = 0; i < next.size(); i++) {
      if (next.get(i).name().equals(s.name())) {
        at = i;
      }
    }
    if (at < 0) {
      throw new IllegalArgumentException("no API subscription named '" + s.name() + "'");
    }
    List<String> problems = problems(s);
    if (!problems.isEmpty()) {
      return problems;
    }
    next.set(at, s);
    save(next);
    registry.replaceApi(next);
    return List.of();
  }

  /** The checks of the YAML file, plus the delivery's refusal of webhook targets. */
  private List<String> problems(Subscription s) {
    Validation v = Validation.root();
    s.validate(v);
    List<String> problems = new ArrayList<>();
    v.problems().forEach(p -> problems.add(p.path() + ": " + p.message()));
    List<WebhookSpec> webhooks = s.channels().webhooks();
    for (int i = 0; i < webhooks.size(); i++) {
      String refusal = webhookUrls.refusal(webhooks.get(i).url());
      if (refusal != null) {
        problems.add("channels.webhooks[" + i + "].url: " + refusal);
      }
    }
    return problems;
  }

  /**
   * @return false when no API subscription has that name
   */
  public synchronized boolean remove(String name) throws IOException {
    List<Subscription> next = new ArrayList<>(current());
    if (!next.removeIf(s -> s.name().equals(name))) {
      return false;
    }
    save(next);
    registry.replaceApi(next);
    return true;
  }

  private List<Subscription> current() {
    return registry.entries().stream()
        .filter(e -> e.source() == SubscriptionRegistry.Source.API)
        .map(SubscriptionRegistry.Entry::subscription)
        .toList();
  }

  private void save(List<Subscription> subs) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    Files.write(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Stored(subs)));
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory's own protection applies
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
