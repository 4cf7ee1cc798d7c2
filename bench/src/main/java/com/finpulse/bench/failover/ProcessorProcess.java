package com.finpulse.bench.failover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** One processor instance in a JVM of its own, which the fail-over run can kill with SIGKILL. */
final class ProcessorProcess {

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
  static List<String> javaCommand(List<String> jvmOptions, String mainClass) {
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
    Files.createDirectories(log.getParent());
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    LIVE.add(p);
    return new ProcessorProcess(name, p, log);
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  /** Fails with the end of the log when the instance has exited. */
  void assertAlive() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "processor instance "
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
  void stop() throws InterruptedException {
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
