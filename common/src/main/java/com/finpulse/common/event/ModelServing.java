package com.finpulse.common.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which registry version the stream processors serve, and which one runs in shadow beside it: one
 * record per change on {@code models.serving} (one partition, kept a year: the topic is the history
 * of promotions and roll-backs; the latest record is the desired state). Written by the alerts
 * service's API; every processor converges to the latest and reports on {@code models.status}.
 *
 * @param serving the version to score with: a directory name in the processors' model registry, or
 *     {@code default} for each processor's configured {@code scoring.model_dir}
 * @param shadow a candidate version that scores a sample of articles beside it; null for none
 * @param shadowSample the share of articles the candidate also scores, 0..1: an article is in the
 *     sample when the hash of its id falls below it (the same articles on every processor)
 * @param action what this change was
 * @param requestedBy who asked (the console user's name)
 * @param reason optional free text
 * @param at when
 */
public record ModelServing(
    String serving,
    @Nullable String shadow,
    double shadowSample,
    Action action,
    String requestedBy,
    @Nullable String reason,
    Instant at) {

  public static final int SCHEMA_VERSION = 1;

  /** The one record key: the latest record is the state. */
  public static final String KEY = "serving";

  /** What a change did. */
  public enum Action {
    PROMOTE,
    ROLLBACK,
    SHADOW_START,
    SHADOW_STOP;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Action fromLabel(String label) {
      return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
  }
}
