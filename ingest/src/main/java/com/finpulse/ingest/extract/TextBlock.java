package com.finpulse.ingest.extract;

import org.jsoup.nodes.Element;

/**
 * One paragraph-like run of text: the inline content between two block boundaries.
 *
 * @param owner the nearest block-level element around the run
 * @param mixed the owner also has block-level children, so this run is one of several paragraphs
 *     that sit directly in it (the "div with text and paragraphs" pattern)
 * @param text the run's text, whitespace collapsed
 * @param chars non-space characters of the text
 * @param linkChars non-space characters inside links
 */
record TextBlock(Element owner, boolean mixed, String text, int chars, int linkChars) {

  double linkDensity() {
    return chars == 0 ? 0 : (double) linkChars / chars;
  }

  int commas() {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      switch (text.charAt(i)) {
        case ',', '，', '、', '،', '﹐', '︐', '︑', '⹁', '⸴', '⸲' -> n++;
        default -> {}
      }
    }
    return n;
  }

  int words() {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        if (isIdeographic(c)) {
          n++;
          in = false;
        } else if (!in) {
          n++;
          in = true;
        }
      } else {
        in = false;
      }
    }
    return n;
  }

  /** Han, kana and Hangul characters count as a word each for length thresholds. */
  static boolean isIdeographic(char c) {
    Character.UnicodeScript s = Character.UnicodeScript.of(c);
    return s == Character.UnicodeScript.HAN
        || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA
        || s == Character.UnicodeScript.HANGUL;
  }
}
