package com.finpulse.bench.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the soak reads off the running stack: a process's resident memory, a JVM's total GC time,
 * and the bytes under a directory.
 */
final class StackProbe {

  private static final Pattern CHANGELOG_PARTITION = Pattern.compile(".+-changelog-\\d+");

  private StackProbe() {}

  /** Resident set size of {@code pid} in bytes ({@code VmRSS} of /proc/PID/status). */
  static long rssBytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        String[] f = line.substring("VmRSS:".length()).trim().split("\\s+");
        if (f.length == 2 && f[1].equals("kB")) {
          return Long.parseLong(f[0]) * 1024;
        }
        throw new IOException("unexpected VmRSS line in /proc/" + pid + "/status: " + line);
      }
    }
    throw new IOException("no VmRSS in /proc/" + pid + "/status (has it exited?)");
  }

  /** The JDK's {@code jstat} next to this JVM's java binary. */
  static Path jstat() {
    return Path.of(System.getProperty("java.home"), "bin", "jstat");
  }

  /**
   * Milliseconds the JVM {@code pid} has spent in garbage collection since it started: the {@code
   * GCT} column of {@code jstat -gc} (young and full pauses and concurrent cycles), read from the
   * JVM's performance counters without attaching to it or opening a port.
   */
  static double gcMillis(Path jstat, long pid) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(jstat.toString(), "-gc", Long.toString(pid))
            .redirectErrorStream(true)
            .start();
    String output;
    try (var in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("jstat -gc " + pid + " did not answer within 30 s");
    }
    return parseGcMillis(output, pid);
  }

  /** The {@code GCT} column (seconds) of {@code jstat -gc} output, in milliseconds. */
  static double parseGcMillis(String jstatOutput, long pid) throws IOException {
    List<String> lines = jstatOutput.lines().filter(l -> !l.isBlank()).toList();
    if (lines.size() == 2) {
      List<String> header = List.of(lines.get(0).trim().split("\\s+"));
      String[] values = lines.get(1).trim().split("\\s+");
      int column = header.indexOf("GCT");
      if (column >= 0 && values.length == header.size()) {
        try {
          // jstat formats with the default locale's decimal separator
          return 1000 * Double.parseDouble(values[column].replace(',', '.'));
        } catch (NumberFormatException e) {
          // reported below
        }
      }
    }
    throw new IOException(
        "unexpected output of jstat -gc "
            + pid
            + ": "
            + jstatOutput.strip().lines().findFirst().orElse("(none)"));
  }

  /** Bytes of the regular files under {@code dir}; 0 if it does not exist (yet). */
  static long bytesUnder(Path dir) {
    for (int attempt = 1; ; attempt++) {
      if (!Files.isDirectory(dir)) {
        return 0;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        return files.mapToLong(StackProbe::sizeIfFile).sum();
      } catch (UncheckedIOException e) {
        // a directory went away while walking (a RocksDB or log segment cleanup): walk again
        if (!(e.getCause() instanceof NoSuchFileException) || attempt == 5) {
          throw e;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Record bytes of the changelog topics' partitions in a broker's log directory: their {@code
   * .log} segments (the index files beside them are preallocated at their full size).
   */
  static long changelogBytes(Path brokerLogDir) {
    try (Stream<Path> partitions = Files.list(brokerLogDir)) {
      long bytes = 0;
      for (Path partition :
          partitions
              .filter(p -> CHANGELOG_PARTITION.matcher(p.getFileName().toString()).matches())
              .toList()) {
        bytes += segmentBytes(partition);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long segmentBytes(Path partition) throws IOException {
    try (Stream<Path> files = Files.list(partition)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".log"))
          .mapToLong(StackProbe::sizeIfFile)
          .sum();
    } catch (NoSuchFileException e) {
      return 0; // the partition was deleted since it was listed
    }
  }

  private static long sizeIfFile(Path p) {
    try {
      return Files.isRegularFile(p) ? Files.size(p) : 0;
    } catch (NoSuchFileException e) {
      return 0; // deleted since it was listed
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
