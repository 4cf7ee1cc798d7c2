package com.finpulse.app.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The log file under the state directory: everything logged goes there, and the libraries' own
 * chatter (Kafka clients and broker, Kafka Streams' StreamsConfig and StateDirectory notices, DJL's
 * GPU probes on a CPU machine, Jetty and Javalin) goes only there, so that the terminal of {@code
 * up} keeps what an operator acts on: FinPulse's own lines, the status line and the alerts.
 */
public final class LogFile {

  public static final String FILE_NAME = "finpulse.log";

  /** Loggers whose lines go to the file only. Their levels stay those of logback.xml. */
  static final List<String> CHATTER =
      List.of(
          "org.apache.kafka",
          "kafka",
          "state.change.logger",
          "ai.djl",
          "org.eclipse.jetty",
          "io.javalin",
          "org.rocksdb");

  private LogFile() {}

  /**
   * Starts writing {@code <stateDir>/finpulse.log} (appending) and takes the chatter off the
   * terminal.
   *
   * @return the file; empty when logging is not logback (then nothing changes)
   */
  public static Optional<Path> route(Path stateDir) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return Optional.empty();
    }
    Path file = stateDir.resolve(FILE_NAME).toAbsolutePath();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    for (String name : CHATTER) {
      Logger chatter = context.getLogger(name);
      chatter.setAdditive(false);
      chatter.addAppender(appender);
    }
    return Optional.of(file);
  }
}
