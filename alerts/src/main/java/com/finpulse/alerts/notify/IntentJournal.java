package com.finpulse.alerts.notify;

/**
 * Where the delivery queue records, before every attempt, that it is about to send a notification
 * ({@link com.finpulse.alerts.event.NotificationIntent}). Nothing is sent unless the record was
 * acknowledged.
 */
@FunctionalInterface
public interface IntentJournal {

  /** What the queue may do after asking to record an intent. */
  enum Permit {
    /** The intent is recorded: send. */
    SEND,
    /** It could not be recorded now (the broker is unreachable): keep it and try again later. */
    WAIT,
    /** This instance no longer delivers (another took over): send nothing more. */
    STOP
  }

  /**
   * Records that {@code attempt} (from 1) of {@code n} is about to be made.
   *
   * @return whether to send it
   */
  Permit beforeSend(Notification n, int attempt);
}
