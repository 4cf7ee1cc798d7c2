package com.finpulse.ingest.extract;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decides the charset of HTML bytes, in the order of the WHATWG encoding sniffing algorithm: byte
 * order mark, the HTTP header's charset, a {@code <meta charset>} / {@code http-equiv} declaration
 * (or an XML declaration) near the start, then a guess: UTF-8 when the bytes are valid UTF-8, else
 * windows-1252.
 *
 * <p>Two corrections to the declared charset, because mislabelled pages are common and mojibake in
 * a headline is worse than ignoring a label: a legacy label (Latin-1, GBK, Shift_JIS, ...) on bytes
 * that are valid UTF-8 and contain several multi-byte sequences is read as UTF-8; a UTF-8 label on
 * bytes with many invalid UTF-8 sequences is read as windows-1252. Labels are mapped as browsers
 * map them (ISO-8859-1 and US-ASCII mean windows-1252; a UTF-16 label inside the bytes means
 * UTF-8).
 */
final class CharsetSniffer {

  /** How far into the page a meta declaration is looked for (WHATWG says 1024; pages vary). */
  private static final int PRESCAN_BYTES = 8192;

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private static final Pattern META_CHARSET =
      Pattern.compile(
          "<meta\\b[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:\\-]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern XML_ENCODING =
      Pattern.compile(
          "^\\s*<\\?xml\\b[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:\\-]+)[\"']",
          Pattern.CASE_INSENSITIVE);

  /** The result: the charset and how it was found (for logs and tests). */
  record Sniffed(Charset charset, String source, int bomLength) {}

  private CharsetSniffer() {}

  static Sniffed sniff(byte[] bytes, int length, @Nullable Charset declared) {
    Sniffed bom = fromBom(bytes, length);
    if (bom != null) {
      return bom;
    }
    if (declared != null) {
      return new Sniffed(sanityChecked(browserEquivalent(declared), bytes, length), "http", 0);
    }
    Charset inPage = fromPrescan(bytes, length);
    if (inPage != null) {
      return new Sniffed(sanityChecked(inPage, bytes, length), "meta", 0);
    }
    return new Sniffed(
        invalidUtf8Sequences(bytes, length, 1) == 0 ? StandardCharsets.UTF_8 : WINDOWS_1252,
        "guess",
        0);
  }

  private static @Nullable Sniffed fromBom(byte[] b, int n) {
    if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return new Sniffed(StandardCharsets.UTF_8, "bom", 3);
    }
    if (n >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return new Sniffed(StandardCharsets.UTF_16BE, "bom", 2);
    }
    if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return new Sniffed(StandardCharsets.UTF_16LE, "bom", 2);
    }
    return null;
  }

  private static @Nullable Charset fromPrescan(byte[] b, int n) {
    String head = new String(b, 0, Math.min(n, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
    Matcher xml = XML_ENCODING.matcher(head);
    if (xml.find()) {
      Charset c = forLabel(xml.group(1));
      if (c != null) {
        return c;
      }
    }
    Matcher meta = META_CHARSET.matcher(head);
    while (meta.find()) {
      Charset c = forLabel(meta.group(1));
      if (c != null) {
        // A page that is already bytes cannot be UTF-16 if its markup is readable as ASCII.
        return c.name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : c;
      }
    }
    return null;
  }

  static @Nullable Charset forLabel(String label) {
    String l = label.trim().toLowerCase(Locale.ROOT);
    if (l.isEmpty()) {
      return null;
    }
    try {
      return browserEquivalent(Charset.forName(l));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return switch (l) {
        case "utf8", "unicode-1-1-utf-8" -> StandardCharsets.UTF_8;
        case "latin1", "latin-1" -> WINDOWS_1252;
        default -> null;
      };
    }
  }

  /** ISO-8859-1 and US-ASCII labels mean windows-1252 in every browser (WHATWG Encoding). */
  private static Charset browserEquivalent(Charset c) {
    return c.equals(StandardCharsets.ISO_8859_1) || c.equals(StandardCharsets.US_ASCII)
        ? WINDOWS_1252
        : c;
  }

  private static Charset sanityChecked(Charset labelled, byte[] b, int n) {
    if (!labelled.equals(StandardCharsets.UTF_8)) {
      // Legacy-encoded text (Latin-1, GBK, Shift_JIS) with many non-ASCII characters is almost
      // never valid UTF-8 by accident; a page that is must have been re-saved as UTF-8 without
      // its declaration being updated.
      if (multiByteUtf8Sequences(b, n, 8) >= 8 && invalidUtf8Sequences(b, n, 1) == 0) {
        return StandardCharsets.UTF_8;
      }
      return labelled;
    }
    // A handful of stray bytes in a UTF-8 page is common (a pasted Latin-1 snippet); a page
    // that is Latin-1 throughout has one invalid sequence per accented character.
    int invalid = invalidUtf8Sequences(b, n, 64);
    if (invalid >= 64 || (invalid >= 8 && multiByteUtf8Sequences(b, n, 1) == 0)) {
      return WINDOWS_1252;
    }
    return labelled;
  }

  /** Counts well-formed multi-byte UTF-8 lead/continuation pairs, up to {@code stopAt}. */
  private static int multiByteUtf8Sequences(byte[] b, int n, int stopAt) {
    int found = 0;
    for (int i = 0; i < n - 1 && found < stopAt; i++) {
      int c = b[i] & 0xFF;
      if (c >= 0xC2 && c <= 0xF4 && (b[i + 1] & 0xC0) == 0x80) {
        found++;
      }
    }
    return found;
  }

  /**
   * Counts invalid UTF-8 sequences (RFC 3629: no overlongs, no surrogates), up to {@code stopAt}.
   */
  static int invalidUtf8Sequences(byte[] b, int n, int stopAt) {
    int invalid = 0;
    int i = 0;
    while (i < n && invalid < stopAt) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int len;
      int lo = 0x80;
      int hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
      } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
      } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
      } else {
        invalid++;
        i++;
        continue;
      }
      if (i + len > n) {
        break; // cut by the end of the buffer: not an error of the page
      }
      int second = b[i + 1] & 0xFF;
      boolean ok = second >= lo && second <= hi;
      for (int k = 2; ok && k < len; k++) {
        ok = (b[i + k] & 0xC0) == 0x80;
      }
      if (ok) {
        i += len;
      } else {
        invalid++;
        i++;
      }
    }
    return invalid;
  }
}
