package com.finpulse.ingest.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes {@code Content-Encoding: gzip / deflate} with the same cap on the decoded size, so a small
 * compressed body cannot expand into gigabytes.
 */
final class ContentDecoding {

  private ContentDecoding() {}

  static byte[] decode(byte[] body, String contentEncoding, long cap) throws IOException {
    if (contentEncoding == null || contentEncoding.isBlank()) {
      return body;
    }
    String enc = contentEncoding.trim().toLowerCase(Locale.ROOT);
    return switch (enc) {
      case "identity" -> body;
      case "gzip", "x-gzip" -> drain(new GZIPInputStream(new ByteArrayInputStream(body)), cap);
      // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
      case "deflate" -> {
        boolean zlib =
            body.length >= 2
                && (body[0] & 0x0f) == 8
                && ((body[0] & 0xff) << 8 | (body[1] & 0xff)) % 31 == 0;
        yield drain(
            new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(!zlib)), cap);
      }
      default -> throw new IOException("unsupported Content-Encoding '" + contentEncoding + "'");
    };
  }

  static byte[] drain(InputStream in, long cap) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[16 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > cap) {
          throw new CappedBody.TooLargeException(total, cap);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }
}
