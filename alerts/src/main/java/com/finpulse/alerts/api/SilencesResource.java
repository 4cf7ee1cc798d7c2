package com.finpulse.alerts.api;

import com.finpulse.alerts.route.Silence;
import com.finpulse.alerts.route.SilenceStore;
import com.finpulse.common.text.LogText;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /silences}: listed, added (until {@code ends_at} or for a {@code duration}), expired. */
final class SilencesResource implements ApiResource {

  private static final Logger LOG = LoggerFactory.getLogger(SilencesResource.class);

  private final SilenceStore silences;
  private final Requests requests;
  private final Clock clock;

  SilencesResource(SilenceStore silences, Requests requests, Clock clock) {
    this.silences = silences;
    this.requests = requests;
    this.clock = clock;
  }

  @Override
  public void register(Routes routes) {
    routes.get("/silences", Access.SIGNED_IN, this::list);
    routes.post("/silences", Access.SIGNED_IN, this::add);
    routes.delete("/silences/{id}", Access.SIGNED_IN, this::expire);
  }

  private void list(Context ctx) {
    ctx.json(Map.of("silences", silences.list(clock.instant())));
  }

  private void add(Context ctx) {
    SilenceRequest r = requests.body(ctx, SilenceRequest.class);
    Instant now = clock.instant();
    Instant start = r.startsAt() == null ? now : r.startsAt();
    Instant end = r.endsAt();
    if (end == null && r.duration() != null) {
      Duration d = Requests.duration("duration", r.duration());
      try {
        end = start.plus(d);
      } catch (DateTimeException | ArithmeticException e) {
        throw new ApiException(
            400, "duration: '" + r.duration() + "' ends beyond the last representable time");
      }
    }
    if (end == null) {
      throw new ApiException(400, "give ends_at or duration");
    }
    Silence draft =
        new Silence(
            "",
            r.keyKind(),
            r.key(),
            r.window(),
            r.subscription(),
            r.createdBy() == null ? "" : r.createdBy(),
            r.comment() == null ? "" : r.comment(),
            start,
            end);
    Requests.validate(draft::validate, "silence");
    Silence s = silences.add(draft);
    // Who and why are free text from the request: escaped, they cannot forge a log line.
    LOG.info(
        "Silence {} added by {} until {}: {}",
        s.id(),
        LogText.escape(s.createdBy()),
        s.endsAt(),
        LogText.escape(s.comment()));
    ctx.status(201).json(s);
  }

  private void expire(Context ctx) {
    String id = ctx.pathParam("id");
    if (!silences.expire(id, clock.instant())) {
      throw new ApiException(404, "no active or pending silence with that id");
    }
    LOG.info("Silence {} expired through the API", LogText.escape(id));
    ctx.status(204);
  }
}
