package com.finpulse.bench.extract;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How extracted titles and URLs are compared with the ground truth. */
final class FieldMatch {

  private FieldMatch() {}

  /** Exact match after whitespace normalisation (every Unicode space, NBSP and U+3000 included). */
  static boolean sameTitle(String expected, @Nullable String extracted) {
    return normalize(expected).equals(normalize(extracted));
  }

  static String normalize(@Nullable String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = true;
      } else {
        if (space && sb.length() > 0) {
          sb.append(' ');
        }
        space = false;
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Same URL up to scheme (http/https), host case, a trailing slash and a fragment. */
  static boolean sameUrl(String a, String b) {
    return urlKey(a).equals(urlKey(b));
  }

  private static String urlKey(String url) {
    String u = url.strip().replaceFirst("^https?://", "").replaceFirst("#.*$", "");
    int slash = u.indexOf('/');
    String host = slash < 0 ? u : u.substring(0, slash);
    String path = slash < 0 ? "" : u.substring(slash);
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return host.toLowerCase(Locale.ROOT) + path;
  }
}
