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
 * What the soak reads off the running stack: a process's resident memory, a JVM's GC time and heap,
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
   * What {@code jstat -gc} says of a JVM, read from its performance counters without attaching to
   * it or opening a port.
   *
   * @param gcMillis time spent in garbage collection since the JVM started: the {@code GCT} column
   *     (young and full pauses and concurrent cycles)
   * @param heapCommittedBytes the heap the JVM has taken from the OS: survivor, eden and old
   *     capacities ({@code S0C + S1C + EC + OC})
   * @param oldUsedBytes the old generation's occupancy ({@code OU}): what survived young
   *     collections, until a mixed or full collection frees it
   */
  record JvmGc(double gcMillis, long heapCommittedBytes, long oldUsedBytes) {}

  /** {@code jstat -gc PID} once. */
  static JvmGc jvmGc(Path jstat, long pid) throws IOException, InterruptedException {
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
    return parseJvmGc(output, pid);
  }

  /** The output of {@code jstat -gc}: capacities and usage in KiB, times in seconds. */
  static JvmGc parseJvmGc(String jstatOutput, long pid) throws IOException {
    List<String> lines = jstatOutput.lines().filter(l -> !l.isBlank()).toList();
    if (lines.size() == 2) {
      List<String> header = List.of(lines.get(0).trim().split("\\s+"));
      String[] values = lines.get(1).trim().split("\\s+");
      if (values.length == header.size()) {
        try {
          return new JvmGc(
              1000 * column(header, values, "GCT"),
              kib(
                  column(header, values, "S0C")
                      + column(header, values, "S1C")
                      + column(header, values, "EC")
                      + column(header, values, "OC")),
              kib(column(header, values, "OU")));
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

  private static double column(List<String> header, String[] values, String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new NumberFormatException("no column " + name);
    }
    // jstat formats with the default locale's decimal separator
    return Double.parseDouble(values[i].replace(',', '.'));
  }

  private static long kib(double kib) {
    return Math.round(kib * 1024);
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
