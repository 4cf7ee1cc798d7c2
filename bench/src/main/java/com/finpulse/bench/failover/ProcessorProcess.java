package com.finpulse.bench.failover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One service instance (a processor, the alerts service) in a JVM of its own, which a benchmark can
 * kill with SIGKILL.
 */
public final class ProcessorProcess {

  /** Instances still alive if this JVM goes down early: killed with it, never orphaned. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-children"));
  }

  private final String name;
  private final Process process;
  private final Path log;

  private ProcessorProcess(String name, Process process, Path log) {
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
  static ProcessorProcess start(String name, List<String> command, Path log) throws IOException {
    return start(name, command, Map.of(), log);
  }

  /**
   * Starts {@code command} with {@code env} added to this JVM's environment; its stdout and stderr
   * go to {@code log}.
   */
  public static ProcessorProcess start(
      String name, List<String> command, Map<String, String> env, Path log) throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    Process p = builder.start();
    LIVE.add(p);
    return new ProcessorProcess(name, p, log);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** Fails with the end of the log when the instance has exited. */
  public void assertAlive() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "instance "
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
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("processor instance " + name + " did not die on SIGKILL");
    }
    LIVE.remove(process);
  }

  /** SIGTERM: the instance closes cleanly (SIGKILL after 60 s). */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    LIVE.remove(process);
  }

  private static String tail(Path file, int lines) throws IOException {
    List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
