package com.finpulse.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.slf4j.Marker;

/**
 * Keeps Kafka's reports of expected recovery off the terminal. After an unclean stop, Kafka Streams
 * under exactly-once finds its local stores without a checkpoint, declares the tasks corrupted,
 * wipes the stores and restores them from the changelogs: correct and expected, yet it logs each
 * step as a warning or an error with a full {@link TaskCorruptedException} stack trace (over a
 * hundred lines for two applications). The services show the restore with their own progress lines
 * ({@code StateRestoreProgress}) instead. Likewise the producer's retries of {@code
 * CONCURRENT_TRANSACTIONS}, which a transaction still completing on the broker answers for a few
 * milliseconds. Everything else passes; {@code FINPULSE_LOG_LEVEL=DEBUG} shows these too.
 */
public final class ExpectedRecoveryFilter extends TurboFilter {

  private static final String CORRUPTED = "are corrupted and hence need to be re-initialized";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (logger == null || format == null || !logger.getName().startsWith("org.apache.kafka.")) {
      return FilterReply.NEUTRAL;
    }
    return isExpectedRecovery(logger.getName(), format, params, t)
        ? FilterReply.DENY
        : FilterReply.NEUTRAL;
  }

  static boolean isExpectedRecovery(String logger, String format, Object[] params, Throwable t) {
    if (org.slf4j.LoggerFactory.getLogger("com.finpulse").isDebugEnabled()) {
      return false;
    }
    if (logger.startsWith("org.apache.kafka.streams.")) {
      if (t instanceof TaskCorruptedException
          || lastThrowable(params) instanceof TaskCorruptedException) {
        return true;
      }
      if (format.contains("did not find checkpoint offsets while stores are not empty")
          || format.contains(CORRUPTED)) {
        return true;
      }
      if (format.startsWith("Get exceptions for the following tasks") && params != null) {
        for (Object p : params) {
          if (p instanceof Map<?, ?> m
              && !m.isEmpty()
              && m.values().stream().allMatch(v -> v instanceof TaskCorruptedException)) {
            return true;
          }
        }
      }
      if (params != null) {
        for (Object p : params) {
          if (p instanceof String s && s.contains(CORRUPTED)) {
            return true;
          }
        }
      }
      return false;
    }
    if (logger.equals("org.apache.kafka.clients.producer.internals.Sender")
        && format.startsWith("Got error produce response")
        && params != null) {
      for (Object p : params) {
        if (p != null && "CONCURRENT_TRANSACTIONS".equals(p.toString())) {
          return true;
        }
      }
    }
    return false;
  }

  private static Object lastThrowable(Object[] params) {
    if (params == null || params.length == 0) {
      return null;
    }
    Object last = params[params.length - 1];
    return last instanceof Throwable ? last : null;
  }
}
