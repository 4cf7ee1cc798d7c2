package com.finpulse.processor.service;

import com.finpulse.embedded.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** {@link CrashableProcessorMain} in a child JVM on the test classpath, which the test can kill. */
final class ChildProcessor {

  /** Children still alive if the test JVM goes down early: killed with it, never orphaned. */
  private static final java.util.Set<Process> LIVE =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-children"));
  }

  private final Process process;
  private final Path log;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final AtomicInteger textsSentToModel = new AtomicInteger();

  private ChildProcessor(Process process, Path log) {
    this.process = process;
    this.log = log;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith(CrashableProcessorMain.CALL_START)) {
                    textsSentToModel.addAndGet(Integer.parseInt(line.split(" ")[2]));
                  }
                  lines.add(line);
                }
              } catch (IOException e) {
                // the child died: that is the point
              }
            },
            "child-processor-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  static ChildProcessor start(List<String> mainArgs, Path log) throws IOException {
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xmx512m");
    jvm.add("-XX:TieredStopAtLevel=1");
    jvm.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 23) {
      jvm.add("--sun-misc-unsafe-memory-access=allow");
    }
    jvm.add("-Dlogback.configurationFile=logback-test.xml");
    List<String> cmd = ChildJvm.javaCommand(jvm, CrashableProcessorMain.class.getName());
    cmd.addAll(mainArgs);
    Files.createDirectories(log.getParent());
    Process p =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    LIVE.add(p);
    return new ChildProcessor(p, log);
  }

  /** Kills every child this JVM started that is still alive (after a failed test). */
  static void killAll() throws InterruptedException {
    for (Process p : LIVE) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    LIVE.clear();
  }

  /**
   * Waits for a stdout line matching {@code when}; fails if the child dies or it takes too long.
   */
  String await(Predicate<String> when, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(50, TimeUnit.MILLISECONDS);
      if (line != null && when.test(line)) {
        return line;
      }
      if (line == null && !process.isAlive()) {
        throw new AssertionError(
            "the child processor exited with " + process.exitValue() + "; log: " + log);
      }
    }
    throw new AssertionError("no matching line from the child within " + timeout + "; log: " + log);
  }

  /** kill -9: no shutdown hook, no commit, no clean close of anything. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the child did not die on SIGKILL");
    }
    LIVE.remove(process);
  }

  /** SIGTERM: the service closes cleanly. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    LIVE.remove(process);
  }

  int textsSentToModel() {
    return textsSentToModel.get();
  }
}
