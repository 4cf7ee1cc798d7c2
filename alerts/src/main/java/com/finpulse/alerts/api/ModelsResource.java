package com.finpulse.alerts.api;

import com.finpulse.alerts.api.auth.Authenticator;
import com.finpulse.alerts.models.ModelDesk;
import com.finpulse.common.event.ModelServing;
import com.finpulse.common.registry.ModelRegistry;
import com.finpulse.common.text.LogText;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /models}: the registry's versions, what the processors are asked to serve and what each
 * reports it serves (with the error of a version it could not load), the shadow candidate's
 * agreement with the serving model, its label flips by topic and its accuracy on analysts'
 * corrections, and the history of changes. Promote, roll back, start and stop a shadow run: one
 * call each, recorded on {@code models.serving}; the processors switch between model calls.
 */
final class ModelsResource implements ApiResource {

  private static final Logger LOG = LoggerFactory.getLogger(ModelsResource.class);

  private final ModelLoop loop;
  private final Authenticator auth;
  private final Requests requests;

  ModelsResource(ModelLoop loop, Authenticator auth, Requests requests) {
    this.loop = loop;
    this.auth = auth;
    this.requests = requests;
  }

  @Override
  public void register(Routes routes) {
    routes.get("/models", Access.SIGNED_IN, this::show);
    routes.post("/models/promote", Access.SIGNED_IN, this::promote);
    routes.post("/models/rollback", Access.SIGNED_IN, this::rollback);
    routes.post("/models/shadow", Access.SIGNED_IN, this::startShadow);
    routes.delete("/models/shadow", Access.SIGNED_IN, this::stopShadow);
  }

  private void show(Context ctx) {
    ModelDesk desk = loop.deskOrRefuse();
    ModelServing current = desk.current();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("serving", desk.servingVersion());
    out.put("shadow", current == null ? null : current.shadow());
    out.put("shadow_sample", current == null ? 0 : current.shadowSample());
    out.put("processors", desk.statuses());
    out.put("shadow_report", desk.shadowReport(loop.bookOrRefuse()));
    out.put("versions", loop.registryOrRefuse().list().stream().map(VersionView::of).toList());
    out.put("history", desk.history(Requests.limit(ctx)));
    ctx.json(out);
  }

  private void promote(Context ctx) {
    ModelDesk desk = loop.deskOrRefuse();
    ModelChangeRequest r = requests.body(ctx, ModelChangeRequest.class);
    String version = known(r.versionOrRefuse());
    answer(ctx, desk.promote(version, auth.user(ctx), r.reasonOrRefuse()));
  }

  private void rollback(Context ctx) {
    ModelDesk desk = loop.deskOrRefuse();
    ModelChangeRequest r = requests.body(ctx, ModelChangeRequest.class);
    answer(ctx, refusable(() -> desk.rollback(auth.user(ctx), r.reasonOrRefuse())));
  }

  private void startShadow(Context ctx) {
    ModelDesk desk = loop.deskOrRefuse();
    ModelChangeRequest r = requests.body(ctx, ModelChangeRequest.class);
    String version = known(r.versionOrRefuse());
    double sample = r.sampleOrRefuse();
    answer(ctx, refusable(() -> desk.startShadow(version, sample, auth.user(ctx))));
  }

  private void stopShadow(Context ctx) {
    ModelDesk desk = loop.deskOrRefuse();
    answer(ctx, refusable(() -> desk.stopShadow(auth.user(ctx))));
  }

  /** A registry version as the API shows it (not where it lies on the server). */
  record VersionView(
      String name,
      @Nullable String parent,
      @Nullable Instant created,
      @Nullable Double devScore,
      @Nullable Double feedbackAgreement,
      boolean complete) {
    static VersionView of(ModelRegistry.Version v) {
      return new VersionView(
          v.name(), v.parent(), v.created(), v.devScore(), v.agreementAfter(), v.complete());
    }
  }

  /** The configured model, or a finished registry version. */
  private String known(String version) {
    if (ModelDesk.INITIAL.equals(version)) {
      return version;
    }
    try {
      loop.registryOrRefuse().resolve(version);
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, e.getMessage());
    }
    return version;
  }

  private static ModelServing refusable(Supplier<ModelServing> change) {
    try {
      return change.get();
    } catch (ModelDesk.RefusedException e) {
      throw new ApiException(409, e.getMessage());
    }
  }

  /** 202: recorded; the processors converge to it and report on models.status. */
  private static void answer(Context ctx, ModelServing change) {
    LOG.info(
        "Model change by {}: {} (serving {}, shadow {}){}",
        LogText.escape(change.requestedBy()),
        change.action().label(),
        change.serving(),
        change.shadow() == null ? "none" : change.shadow(),
        change.reason() == null ? "" : ": " + LogText.escape(change.reason()));
    ctx.status(202).json(change);
  }
}
