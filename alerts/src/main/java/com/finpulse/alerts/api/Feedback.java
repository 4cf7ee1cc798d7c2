package com.finpulse.alerts.api;

import com.finpulse.alerts.feedback.FeedbackBook;
import com.finpulse.alerts.feedback.FeedbackSink;
import org.jspecify.annotations.Nullable;

/**
 * The analysts' corrections behind {@code /feedback} and {@code /review}: what is known and where a
 * new one is recorded. Absent without Kafka for them; then those routes answer 503.
 */
public record Feedback(@Nullable FeedbackBook book, @Nullable FeedbackSink sink) {

  public static final Feedback NONE = new Feedback(null, null);

  FeedbackBook bookOrRefuse() {
    if (book == null) {
      throw off();
    }
    return book;
  }

  FeedbackSink sinkOrRefuse() {
    if (sink == null) {
      throw off();
    }
    return sink;
  }

  private static ApiException off() {
    return new ApiException(503, "corrections are not available: the service runs without them");
  }
}
