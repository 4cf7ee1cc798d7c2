package com.finpulse.alerts.notify.email;

/** Escapes text for HTML element content and attribute values. */
final class Html {

  private Html() {}

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** An http(s) URL fit for href; anything else (javascript:, data:) becomes "#". */
  static String href(String url) {
    String u = url.trim();
    String lower = u.toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://") ? esc(u) : "#";
  }
}
