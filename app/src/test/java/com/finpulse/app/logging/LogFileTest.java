package com.finpulse.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Library chatter goes to the log file only; FinPulse's own lines reach the terminal too. */
class LogFileTest {

  @TempDir Path state;

  @AfterEach
  void restore() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    for (String name : LogFile.CHATTER) {
      Logger l = context.getLogger(name);
      l.detachAppender("FILE");
      l.setAdditive(true);
    }
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender("FILE");
  }

  @Test
  void kafkaAndGpuProbeChatterGoToTheFileNotTheTerminal() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ListAppender<ILoggingEvent> terminal = new ListAppender<>();
    terminal.setContext(context);
    terminal.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(terminal);
    try {
      Path file = LogFile.route(state).orElseThrow();
      LoggerFactory.getLogger("org.apache.kafka.streams.StreamsConfig")
          .warn("StreamsConfig notice for the file");
      LoggerFactory.getLogger("ai.djl.pytorch.jni.LibUtils").warn("No CUDA found; using CPU");
      LoggerFactory.getLogger("com.finpulse.alerts.AlertsService").warn("an operator's line");
      root.detachAppender(terminal);
      assertThat(terminal.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly("an operator's line");
      assertThat(file).isEqualTo(state.resolve(LogFile.FILE_NAME).toAbsolutePath());
      assertThat(Files.readString(file))
          .contains("StreamsConfig notice for the file", "No CUDA found", "an operator's line");
    } finally {
      root.detachAppender(terminal);
    }
  }
}
