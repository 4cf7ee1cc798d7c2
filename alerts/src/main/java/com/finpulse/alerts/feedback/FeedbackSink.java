package com.finpulse.alerts.feedback;

import com.finpulse.common.event.LabelFeedback;

/** Where a correction goes to be kept: {@code labels.feedback}. */
public interface FeedbackSink {

  /**
   * Records the correction durably before it returns.
   *
   * @throws FeedbackUnavailableException when it could not be recorded
   */
  void record(LabelFeedback feedback);

  /** A correction could not be recorded (Kafka down or too slow). */
  final class FeedbackUnavailableException extends RuntimeException {
    public FeedbackUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
