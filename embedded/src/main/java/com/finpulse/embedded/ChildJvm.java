package com.finpulse.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A service in a JVM of its own, which a test or a benchmark can kill with SIGKILL (a crash) or
 * stop with SIGTERM; its output goes to a log file. Children still alive when this JVM exits are
 * killed with it, never orphaned.
 */
public final class ChildJvm {

  /** Instances still alive if this JVM goes down early: killed with it, never orphaned. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-children"));
  }

  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** This JVM's java binary and classpath running {@code mainClass} with {@code jvmOptions}. */
  public static List<String> javaCommand(List<String> jvmOptions, String mainClass) {
    List<String> cmd = new ArrayList<>();
    cmd.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    return cmd;
  }

  /** Starts {@code command}; its stdout and stderr go to {@code log}. */
  public static ChildJvm start(String name, List<String> command, Path log) throws IOException {
    return start(name, command, Map.of(), log);
  }

  /**
   * Starts {@code command} with {@code env} added to this JVM's environment; its stdout and stderr
   * go to {@code log}.
   */
  public static ChildJvm start(String name, List<String> command, Map<String, String> env, Path log)
      throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Process p =
        builder
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    LIVE.add(p);
    return new ChildJvm(name, p, log);
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  /** The operating system's process id (to read its memory and GC figures). */
  public long pid() {
    return process.pid();
  }

  /** Fails with the end of the log when the instance has exited. */
  public void assertAlive() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "child JVM "
              + name
              + " exited with "
              + process.exitValue()
              + "; the end of its log ("
              + log
              + "):\n"
              + tail(log, 30));
    }
  }

  /** kill -9: no shutdown hook, no commit, no clean close of anything. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("child JVM " + name + " did not die on SIGKILL");
    }
    LIVE.remove(process);
  }

  /**
   * SIGTERM: the instance closes cleanly (SIGKILL after 60 s).
   *
   * @return its exit status; -1 when it had to be killed
   */
  public int stop() throws InterruptedException {
    process.destroy();
    int status = -1;
    if (process.waitFor(60, TimeUnit.SECONDS)) {
      status = process.exitValue();
    } else {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    LIVE.remove(process);
    return status;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits until {@code condition} holds.
   *
   * @throws AssertionError with the end of its log when it does not within {@code budget}, or when
   *     the JVM exits first (checked once more a second later: a kill the condition waits for is no
   *     failure)
   */
  public void await(BooleanSupplier condition, Duration budget, String what)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + budget.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        Thread.sleep(1000);
        if (condition.getAsBoolean()) {
          return;
        }
        throw new AssertionError(
            name
                + " exited with "
                + process.exitValue()
                + " before "
                + what
                + "; the end of its log ("
                + log
                + "):\n"
                + tail(log, 40));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no "
                + what
                + " within "
                + budget.toSeconds()
                + " s; the end of the log of "
                + name
                + ":\n"
                + tail(log, 40));
      }
      Thread.sleep(50);
    }
  }

  /** The last {@code lines} lines of its log. */
  public String logTail(int lines) throws IOException {
    return tail(log, lines);
  }

  private static String tail(Path file, int lines) throws IOException {
    List<String> all =
        new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
