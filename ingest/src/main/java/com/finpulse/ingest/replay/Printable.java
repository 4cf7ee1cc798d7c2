package com.finpulse.ingest.replay;

/**
 * Text from a replay file made safe for a log line: control characters, undecodable bytes and other
 * invisible code points become {@code ?}, and long text is cut, so that a binary file or a mangled
 * row cannot write raw bytes (or terminal escape sequences) into the log.
 */
final class Printable {

  static final int MAX = 60;

  private Printable() {}

  static String of(String s) {
    return of(s, MAX);
  }

  static String of(String s, int max) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    int count = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (count++ == max) {
        sb.append("...");
        break;
      }
      int type = Character.getType(cp);
      boolean invisible =
          Character.isISOControl(cp)
              || cp == 0xFFFD
              || !Character.isDefined(cp)
              || type == Character.PRIVATE_USE
              || type == Character.SURROGATE
              || type == Character.FORMAT;
      if (invisible) {
        sb.append('?');
      } else {
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }

  /**
   * Whether the first bytes of a file look binary rather than text: a NUL byte, or more than 5% of
   * control bytes other than tab, line feed, form feed and carriage return.
   */
  static boolean looksBinary(byte[] head, int length) {
    int control = 0;
    for (int i = 0; i < length; i++) {
      int b = head[i] & 0xff;
      if (b == 0) {
        return true;
      }
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
        control++;
      }
    }
    return length > 0 && control * 20 > length;
  }
}
