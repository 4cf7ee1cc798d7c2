package com.finpulse.alerts.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.alerts.event.Alert;
import com.finpulse.common.serde.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Silences, managed through the API and kept in {@code silences.json} in the state directory, so a
 * restart keeps them. Expired silences are listed for a week, then dropped.
 */
public final class SilenceStore {

  public static final String FILE_NAME = "silences.json";
  static final Duration KEEP_EXPIRED = Duration.ofDays(7);

  private record Stored(List<Silence> silences) {}

  private final @Nullable Path file;
  private final ObjectMapper json = JsonCodec.mapper();
  private List<Silence> silences = new ArrayList<>();

  /**
   * @param stateDir where to persist; null keeps them in memory only (tests)
   */
  public SilenceStore(@Nullable Path stateDir) {
    this.file = stateDir == null ? null : stateDir.resolve(FILE_NAME);
  }

  public synchronized void load() throws IOException {
    if (file != null && Files.exists(file)) {
      Stored s = json.readValue(file.toFile(), Stored.class);
      silences = new ArrayList<>(s.silences() == null ? List.of() : s.silences());
    }
  }

  /** Adds a silence with a new id; returns it. */
  public synchronized Silence add(Silence draft) {
    Silence s =
        new Silence(
            UUID.randomUUID().toString(),
            draft.keyKind(),
            draft.key(),
            draft.window(),
            draft.subscription(),
            draft.createdBy(),
            draft.comment(),
            draft.startsAt(),
            draft.endsAt());
    silences.add(s);
    save();
    return s;
  }

  /** Ends a silence now; false when there is no such active or pending silence. */
  public synchronized boolean expire(String id, Instant now) {
    for (int i = 0; i < silences.size(); i++) {
      Silence s = silences.get(i);
      if (s.id().equals(id) && s.endsAt().isAfter(now)) {
        silences.set(i, s.expiredAt(now));
        save();
        return true;
      }
    }
    return false;
  }

  public synchronized List<Silence> list(Instant now) {
    prune(now);
    return List.copyOf(silences);
  }

  /** The first active silence muting {@code a} for {@code subscription}. */
  public synchronized Optional<Silence> muting(Alert a, String subscription, Instant now) {
    for (Silence s : silences) {
      if (s.activeAt(now) && s.matches(a, subscription)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private void prune(Instant now) {
    if (silences.removeIf(s -> s.endsAt().plus(KEEP_EXPIRED).isBefore(now))) {
      save();
    }
  }

  private void save() {
    if (file == null) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
      Files.write(
          tmp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Stored(silences)));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save silences to " + file, e);
    }
  }
}
