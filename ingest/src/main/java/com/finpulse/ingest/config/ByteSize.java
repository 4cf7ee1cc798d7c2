package com.finpulse.ingest.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in bytes as people write it in config: {@code 512KB}, {@code 5MB}, {@code 1GB}. */
public record ByteSize(long bytes) {

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB)?");

  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size cannot be negative: " + bytes);
    }
  }

  public static ByteSize ofMegabytes(long mb) {
    return new ByteSize(mb * 1024 * 1024);
  }

  /** Binary units (1 KB = 1024 bytes); a bare number is bytes. */
  @JsonCreator
  public static ByteSize parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a size such as 512KB, 5MB or 1GB, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    return new ByteSize(
        switch (unit) {
          case "KB" -> n * 1024;
          case "MB" -> n * 1024 * 1024;
          case "GB" -> n * 1024 * 1024 * 1024;
          default -> n;
        });
  }

  @JsonValue
  @Override
  public String toString() {
    if (bytes % (1024 * 1024) == 0 && bytes > 0) {
      return bytes / (1024 * 1024) + "MB";
    }
    if (bytes % 1024 == 0 && bytes > 0) {
      return bytes / 1024 + "KB";
    }
    return Long.toString(bytes);
  }
}
