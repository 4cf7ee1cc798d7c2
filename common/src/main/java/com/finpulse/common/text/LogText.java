package com.finpulse.common.text;

import org.jspecify.annotations.Nullable;

/**
 * Text from a request or a user made safe for one log line: line breaks, terminal escapes and the
 * other control and invisible format characters are written as Java escapes ({@code \n}, {@code
 * \u001b}), so that such text can neither forge a log line nor colour or rewrite the terminal, and
 * the operator still sees what was sent.
 */
public final class LogText {

  private LogText() {}

  public static String escape(@Nullable String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String replacement =
          switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default ->
                Character.isISOControl(c)
                        || Character.getType(c) == Character.FORMAT
                        || c == '\u2028'
                        || c == '\u2029'
                    ? String.format("\\u%04x", (int) c)
                    : null;
          };
      if (replacement != null && sb == null) {
        sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (sb != null) {
        if (replacement != null) {
          sb.append(replacement);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? s : sb.toString();
  }
}
