package com.finpulse.alerts.models;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The versions a promotion or a shadow run may name: the model registry's. */
public interface ModelVersions {

  /**
   * One version of the registry.
   *
   * @param devScore the training run's dev score
   * @param feedbackAgreement its accuracy on the held-out analysts' corrections, when trained with
   *     them
   */
  record Version(
      String name,
      @Nullable String parent,
      @Nullable Instant created,
      @Nullable Double devScore,
      @Nullable Double feedbackAgreement) {}

  /** Newest first. */
  List<Version> list();

  /** Whether a processor could be asked to load {@code name}. */
  default boolean exists(String name) {
    return ModelDesk.INITIAL.equals(name) || list().stream().anyMatch(v -> v.name().equals(name));
  }
}
