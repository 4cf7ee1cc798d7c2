package com.finpulse.ingest.fetch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an XML document (feed, sitemap) the way a browser-grade reader would: byte order mark,
 * then the HTTP charset, then the XML declaration, then UTF-8 when the bytes are valid UTF-8, else
 * windows-1252 (so a Latin-1 feed with no declaration reads right). Two real-world mislabels are
 * repaired: a declared UTF-8 whose bytes are not UTF-8 is read as windows-1252, and valid UTF-8
 * declared as UTF-8 in one place wins over a server's ISO-8859-1 default in the other. ISO-8859-1
 * is read as its superset windows-1252, as browsers do.
 */
public final class DocumentCharset {

  private static final Pattern XML_DECL_ENCODING =
      Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:\\-]+)[\"']");
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** The decoded text and where its charset came from (for logs and tests). */
  public record Decoded(String text, Charset charset, String reason) {}

  private DocumentCharset() {}

  public static Decoded decodeXml(byte[] bytes, @Nullable Charset headerCharset) {
    Bom bom = Bom.of(bytes);
    if (bom != null) {
      return new Decoded(
          new String(bytes, bom.length, bytes.length - bom.length, bom.charset),
          bom.charset,
          "byte order mark");
    }
    Charset declared = xmlDeclaration(bytes);
    String utf8 = strictUtf8(bytes);
    boolean saysUtf8 = isUtf8(headerCharset) || isUtf8(declared);
    if (utf8 != null && (saysUtf8 || headerCharset == null && declared == null)) {
      // Valid multi-byte UTF-8 is next to impossible in text of a single-byte charset: when one
      // of the two declarations says UTF-8 and the bytes agree, a stale server default
      // (charset=ISO-8859-1) does not win.
      return new Decoded(utf8, StandardCharsets.UTF_8, saysUtf8 ? "declared UTF-8" : "valid UTF-8");
    }
    if (headerCharset != null) {
      return decodeDeclared(bytes, headerCharset, "HTTP Content-Type");
    }
    if (declared != null) {
      return decodeDeclared(bytes, declared, "XML declaration");
    }
    return new Decoded(new String(bytes, WINDOWS_1252), WINDOWS_1252, "not UTF-8, no declaration");
  }

  private static boolean isUtf8(@Nullable Charset cs) {
    return cs != null && cs.equals(StandardCharsets.UTF_8);
  }

  private static Decoded decodeDeclared(byte[] bytes, Charset charset, String reason) {
    Charset cs = browserAlias(charset);
    if (cs.equals(StandardCharsets.UTF_8)) {
      String utf8 = strictUtf8(bytes);
      if (utf8 == null) {
        return new Decoded(
            new String(bytes, WINDOWS_1252), WINDOWS_1252, reason + " said UTF-8, bytes are not");
      }
      return new Decoded(utf8, cs, reason);
    }
    return new Decoded(new String(bytes, cs), cs, reason);
  }

  static Charset browserAlias(Charset cs) {
    String n = cs.name().toLowerCase(Locale.ROOT);
    if (n.equals("iso-8859-1") || n.equals("us-ascii")) {
      return WINDOWS_1252;
    }
    return cs;
  }

  static @Nullable Charset xmlDeclaration(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.ISO_8859_1);
    Matcher m = XML_DECL_ENCODING.matcher(head);
    if (!m.find()) {
      return null;
    }
    try {
      return Charset.forName(m.group(1));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  static @Nullable String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private record Bom(Charset charset, int length) {
    static @Nullable Bom of(byte[] b) {
      if (b.length >= 3
          && (b[0] & 0xff) == 0xEF
          && (b[1] & 0xff) == 0xBB
          && (b[2] & 0xff) == 0xBF) {
        return new Bom(StandardCharsets.UTF_8, 3);
      }
      if (b.length >= 4
          && (b[0] & 0xff) == 0xFF
          && (b[1] & 0xff) == 0xFE
          && b[2] == 0
          && b[3] == 0) {
        return new Bom(Charset.forName("UTF-32LE"), 4);
      }
      if (b.length >= 4
          && b[0] == 0
          && b[1] == 0
          && (b[2] & 0xff) == 0xFE
          && (b[3] & 0xff) == 0xFF) {
        return new Bom(Charset.forName("UTF-32BE"), 4);
      }
      if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
        return new Bom(StandardCharsets.UTF_16BE, 2);
      }
      if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
        return new Bom(StandardCharsets.UTF_16LE, 2);
      }
      return null;
    }
  }
}
