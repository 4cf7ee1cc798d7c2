package com.finpulse.alerts.api;

import com.finpulse.alerts.feedback.FeedbackBook;
import com.finpulse.alerts.feedback.FeedbackSink;
import com.finpulse.alerts.models.ModelDesk;
import com.finpulse.common.registry.ModelRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The model loop behind {@code /feedback}, {@code /review} and {@code /models}: the analysts'
 * corrections (what is known, where a new one is recorded), the model versions the processors
 * serve, and the registry they come from. A part that is absent makes its routes answer 503.
 */
public record ModelLoop(
    @Nullable FeedbackBook book,
    @Nullable FeedbackSink sink,
    @Nullable ModelDesk desk,
    @Nullable ModelRegistry registry) {

  public static final ModelLoop NONE = new ModelLoop(null, null, null, null);

  FeedbackBook bookOrRefuse() {
    return present(book, "corrections are");
  }

  FeedbackSink sinkOrRefuse() {
    return present(sink, "corrections are");
  }

  ModelDesk deskOrRefuse() {
    return present(desk, "model versions are");
  }

  ModelRegistry registryOrRefuse() {
    return present(registry, "the model registry is");
  }

  private static <T> T present(@Nullable T part, String what) {
    if (part == null) {
      throw new ApiException(503, what + " not available: the service runs without it");
    }
    return part;
  }
}
