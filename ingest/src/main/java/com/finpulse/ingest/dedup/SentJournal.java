package com.finpulse.ingest.dedup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only journal of the articles Kafka acknowledged, one tab-separated line each, with the
 * partition and offset they landed at. At start the journal is read back (entries past retention
 * dropped, the file compacted when that saves much) and the offsets tell where to continue reading
 * {@code news.raw} for whatever was acknowledged after the last line that reached the disk.
 *
 * <p>Holds an exclusive lock on the state directory: two ingest processes on one journal would each
 * miss the other's articles.
 */
public final class SentJournal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SentJournal.class);
  static final String FILE = "sent-articles.log";
  static final String LOCK = "ingest.lock";
  private static final String VERSION = "1";

  /** What the journal held at start. */
  public record Loaded(
      List<SentArticle> articles, Map<Integer, Long> nextOffsets, int expired, int unreadable) {}

  private final Path file;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private BufferedWriter writer;
  private long lastFlushNanos = System.nanoTime();
  private int unflushed;

  private SentJournal(Path file, FileChannel lockChannel, FileLock lock) {
    this.file = file;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * @throws IllegalStateException when another process holds the directory
   */
  public static SentJournal open(Path dir) throws IOException {
    Files.createDirectories(dir);
    FileChannel channel =
        FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null; // held by this JVM already
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(
          "another ingest process uses the state directory "
              + dir.toAbsolutePath()
              + "; stop it or give this one its own (state_dir in ingest.yml, --state-dir)");
    }
    return new SentJournal(dir.resolve(FILE), channel, lock);
  }

  /**
   * Reads the journal, forgetting entries sent before {@code cutoffMillis}; opens it for appends.
   */
  public synchronized Loaded load(long cutoffMillis) throws IOException {
    List<SentArticle> live = new ArrayList<>();
    List<String> liveLines = new ArrayList<>();
    Map<Integer, Long> next = new HashMap<>();
    int expired = 0;
    int unreadable = 0;
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        try {
          if (f.length != 10 || !f[0].equals(VERSION)) {
            throw new IllegalArgumentException("bad field count");
          }
          long sent = Long.parseLong(f[1]);
          int partition = Integer.parseInt(f[6]);
          long offset = Long.parseLong(f[7]);
          if (partition >= 0) {
            next.merge(partition, offset + 1, Math::max);
          }
          if (sent < cutoffMillis) {
            expired++;
            continue;
          }
          List<String> aliases = f[9].isEmpty() ? List.of() : Arrays.asList(f[9].split(","));
          live.add(
              new SentArticle(
                  f[2],
                  aliases,
                  f[3],
                  HexFormat.fromHexDigitsToLong(f[4]),
                  Long.parseLong(f[5]),
                  sent,
                  f[8]));
          liveLines.add(line);
        } catch (RuntimeException e) {
          // A line cut short by a crash: what it described is read back from news.raw instead.
          unreadable++;
        }
      }
    }
    if (expired + unreadable > 1000 && expired + unreadable > liveLines.size()) {
      compact(liveLines, next);
    }
    writer =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return new Loaded(live, next, expired, unreadable);
  }

  /**
   * Rewrites the file with the live lines only. The highest offset of every partition is kept in a
   * marker line so the restart position survives even when all its entries expired.
   */
  private void compact(List<String> liveLines, Map<Integer, Long> next) throws IOException {
    Path tmp = file.resolveSibling(FILE + ".tmp");
    List<String> lines = new ArrayList<>();
    next.forEach(
        (partition, nextOffset) ->
            lines.add(
                String.join(
                    "\t",
                    VERSION,
                    "0",
                    "0".repeat(32),
                    "0".repeat(16),
                    "0",
                    "0",
                    String.valueOf(partition),
                    String.valueOf(nextOffset - 1),
                    "",
                    "")));
    lines.addAll(liveLines);
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    LOG.info("Compacted the sent-article journal {} to {} entries", file, liveLines.size());
  }

  /** Records an acknowledged article; buffered, written out by {@link #flush}. */
  public synchronized void append(SentArticle a, int partition, long offset) {
    if (writer == null) {
      throw new IllegalStateException("load() the journal before appending");
    }
    try {
      writer.write(
          String.join(
              "\t",
              VERSION,
              Long.toString(a.sentMillis()),
              a.id(),
              a.fingerprint(),
              HexFormat.of().toHexDigits(a.titleFingerprint()),
              Long.toString(a.eventMillis()),
              Integer.toString(partition),
              Long.toString(offset),
              a.source().replaceAll("[\\t\\r\\n]", " "),
              String.join(",", a.aliases())));
      writer.newLine();
      unflushed++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sent-article journal " + file, e);
    }
  }

  /** Writes buffered lines to the file when some are waiting longer than {@code maxDelayMillis}. */
  public synchronized void flushIfDue(long maxDelayMillis) {
    if (unflushed > 0 && System.nanoTime() - lastFlushNanos >= maxDelayMillis * 1_000_000L) {
      flush();
    }
  }

  public synchronized void flush() {
    if (writer == null) {
      return;
    }
    try {
      writer.flush();
      unflushed = 0;
      lastFlushNanos = System.nanoTime();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sent-article journal " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (writer != null) {
        writer.flush();
        writer.close();
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
          c.force(true);
        }
        writer = null;
      }
    } catch (IOException e) {
      LOG.warn("Closing the sent-article journal {} failed: {}", file, e.toString());
    } finally {
      try {
        lock.release();
        lockChannel.close();
      } catch (IOException e) {
        LOG.debug("releasing {}", LOCK, e);
      }
    }
  }
}
