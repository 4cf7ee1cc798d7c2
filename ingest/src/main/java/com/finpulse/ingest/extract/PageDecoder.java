package com.finpulse.ingest.extract;

import java.nio.charset.Charset;
import org.jspecify.annotations.Nullable;

/** Turns page bytes into text: size cap, rejection of what is plainly not HTML, charset. */
final class PageDecoder {

  /** The decoded page; {@code truncated} when it was longer than the byte cap. */
  record DecodedPage(String html, Charset charset, String charsetSource, boolean truncated) {}

  private static final int SAMPLE_CHARS = 4096;

  private PageDecoder() {}

  static DecodedPage decode(byte[] bytes, @Nullable Charset declared, ExtractionLimits limits)
      throws ExtractionException {
    int n = Math.min(bytes.length, limits.maxBytes());
    if (isBlank(bytes, n)) {
      throw new ExtractionException("empty page (" + bytes.length + " bytes, all whitespace)");
    }
    String kind = binaryKind(bytes, n);
    if (kind != null) {
      throw new ExtractionException("not HTML: the bytes are " + kind);
    }
    CharsetSniffer.Sniffed sniffed = CharsetSniffer.sniff(bytes, n, declared);
    String html =
        new String(bytes, sniffed.bomLength(), n - sniffed.bomLength(), sniffed.charset());
    if (looksBinary(html)) {
      throw new ExtractionException(
          "not HTML: mostly control characters when read as " + sniffed.charset().name());
    }
    if (html.indexOf('<') < 0) {
      throw new ExtractionException("not HTML: no markup at all");
    }
    return new DecodedPage(html, sniffed.charset(), sniffed.source(), bytes.length > n);
  }

  private static boolean isBlank(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xFF;
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0) {
        return false;
      }
    }
    return true;
  }

  /** Recognises the magic numbers of what a fetcher most often gets instead of HTML. */
  private static @Nullable String binaryKind(byte[] b, int n) {
    if (startsWith(b, n, 0x1F, 0x8B)) {
      return "gzip-compressed (decompress before extracting)";
    }
    if (startsWith(b, n, '%', 'P', 'D', 'F')) {
      return "a PDF document";
    }
    if (startsWith(b, n, 0x89, 'P', 'N', 'G')) {
      return "a PNG image";
    }
    if (startsWith(b, n, 'G', 'I', 'F', '8')) {
      return "a GIF image";
    }
    if (startsWith(b, n, 0xFF, 0xD8, 0xFF)) {
      return "a JPEG image";
    }
    if (startsWith(b, n, 'P', 'K', 3, 4)) {
      return "a ZIP archive (or an Office document)";
    }
    if (startsWith(b, n, 'R', 'I', 'F', 'F')) {
      return "a RIFF media file";
    }
    return null;
  }

  private static boolean startsWith(byte[] b, int n, int... magic) {
    if (n < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean looksBinary(String s) {
    int sample = Math.min(s.length(), SAMPLE_CHARS);
    int bad = 0;
    for (int i = 0; i < sample; i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == '\uFFFD') {
        bad++;
      }
    }
    return sample > 0 && bad * 10 > sample;
  }
}
