package com.finpulse.ingest.extract;

import org.jsoup.parser.Parser;

/** Whitespace and entity clean-up shared by metadata and body text. */
final class TextNormalizer {

  private TextNormalizer() {}

  /** Collapses every run of whitespace (NBSP and other Unicode spaces included) to one space. */
  static String collapse(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        space = sb.length() > 0;
      } else if (c == '\u200B' || c == '\uFEFF' || c == '\u00AD') {
        // zero-width space, stray BOM, soft hyphen: invisible, and they split words
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /**
   * Meta contents are sometimes escaped twice ({@code &amp;#8217;}): Jsoup undoes one level, this
   * undoes the second, then collapses whitespace.
   */
  static String metaText(String s) {
    String t = s;
    if (t.indexOf('&') >= 0 && t.indexOf(';') > t.indexOf('&')) {
      t = Parser.unescapeEntities(t, false);
    }
    return collapse(t);
  }
}
