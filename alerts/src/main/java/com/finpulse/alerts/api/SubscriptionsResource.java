package com.finpulse.alerts.api;

import com.finpulse.alerts.subscription.ApiSubscriptionStore;
import com.finpulse.alerts.subscription.Subscription;
import com.finpulse.alerts.subscription.SubscriptionFileWatcher;
import com.finpulse.alerts.subscription.SubscriptionRegistry;
import com.finpulse.common.text.LogText;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /subscriptions}: both sources listed (webhooks redacted), added and removed through the
 * API (persisted in the state directory; {@code subscriptions.yml} stays the operator's), and test
 * notifications.
 */
final class SubscriptionsResource implements ApiResource {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionsResource.class);

  private final SubscriptionRegistry registry;
  private final ApiSubscriptionStore store;
  private final Supplier<SubscriptionFileWatcher.Status> fileStatus;
  private final TestSends testSends;
  private final Requests requests;

  SubscriptionsResource(
      SubscriptionRegistry registry,
      ApiSubscriptionStore store,
      Supplier<SubscriptionFileWatcher.Status> fileStatus,
      TestSends testSends,
      Requests requests) {
    this.registry = registry;
    this.store = store;
    this.fileStatus = fileStatus;
    this.testSends = testSends;
    this.requests = requests;
  }

  @Override
  public void register(Routes routes) {
    routes.get("/subscriptions", Access.SIGNED_IN, this::list);
    routes.post("/subscriptions", Access.SIGNED_IN, this::add);
    routes.put("/subscriptions/{name}", Access.SIGNED_IN, this::replace);
    routes.delete("/subscriptions/{name}", Access.SIGNED_IN, this::remove);
    routes.post("/subscriptions/{name}/test", Access.SIGNED_IN, this::test);
  }

  private void list(Context ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("subscriptions", registry.entries().stream().map(SubscriptionView::of).toList());
    out.put("file", fileStatus.get());
    ctx.json(out);
  }

  private void add(Context ctx) throws IOException {
    Subscription s = requests.body(ctx, Subscription.class);
    List<String> problems = store.add(s);
    if (!problems.isEmpty()) {
      boolean exists = problems.stream().anyMatch(p -> p.endsWith("exists already"));
      throw new ApiException(exists ? 409 : 400, "subscription not added", problems);
    }
    LOG.info("Subscription {} added through the API", s.name());
    ctx.status(201).json(SubscriptionView.of(registry.find(s.name()).orElseThrow()));
  }

  private void replace(Context ctx) throws IOException {
    String name = ctx.pathParam("name");
    SubscriptionRegistry.Entry entry = find(name);
    Subscription s = requests.body(ctx, Subscription.class);
    if (!s.name().equals(name)) {
      throw new ApiException(400, "name: must stay '" + name + "' (remove and add to rename)");
    }
    switch (entry.source()) {
      case FILE ->
          throw new ApiException(
              409, "'" + name + "' is defined in subscriptions.yml; change it there");
      case API -> {
        List<String> problems = store.replace(s);
        if (!problems.isEmpty()) {
          throw new ApiException(400, "subscription not changed", problems);
        }
        LOG.info("Subscription {} changed through the API", LogText.escape(name));
        ctx.json(SubscriptionView.of(registry.find(name).orElseThrow()));
      }
    }
  }

  private void remove(Context ctx) throws IOException {
    String name = ctx.pathParam("name");
    SubscriptionRegistry.Entry entry = find(name);
    switch (entry.source()) {
      case FILE ->
          throw new ApiException(
              409, "'" + name + "' is defined in subscriptions.yml; remove it there");
      case API -> {
        store.remove(name);
        LOG.info("Subscription {} removed through the API", name);
        ctx.status(204);
      }
    }
  }

  private void test(Context ctx) {
    Subscription s = find(ctx.pathParam("name")).subscription();
    ctx.future(() -> testSends.send(s).thenAccept(ctx::json));
  }

  private SubscriptionRegistry.Entry find(String name) {
    return registry
        .find(name)
        .orElseThrow(() -> new ApiException(404, "no subscription named '" + name + "'"));
  }
}
