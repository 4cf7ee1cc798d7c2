package com.finpulse.model.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Prepares a (text, target) pair for the entity task: every mention of any of the target's names in
 * the text is wrapped in {@value #OPEN}…{@value #CLOSE} (single tokens of the BERT vocabulary,
 * which the text itself never keeps: existing ones become quotes), and the target's primary name
 * becomes the input's second segment. A mention counts only on word boundaries and case-blind, so
 * "AAPL" matches "$AAPL" and "<AAPL.O>" but not "AAPLX". When the first mention lies beyond what
 * the encoder reads, the text is cut to a window that keeps it. A target absent from the text
 * leaves the text unmarked: the second segment still names it.
 */
public final class EntityMarking {

  public static final String OPEN = "«";
  public static final String CLOSE = "»";

  /** A marked pair: the (normalized, marked, windowed) text and the target for segment two. */
  public record Marked(String text, String target, int mentions) {}

  private EntityMarking() {}

  /**
   * @param windowChars characters of text kept around the first mention when the text is longer
   */
  public static Marked mark(TargetedText in, int windowChars, boolean markMentions) {
    String text = TextNormalizer.normalize(in.text()).replace(OPEN, "\"").replace(CLOSE, "\"");
    String primary = TextNormalizer.normalize(in.primaryName());
    List<int[]> spans = mentions(text, in.names());
    if (!spans.isEmpty() && text.length() > windowChars && spans.get(0)[1] > windowChars * 3 / 4) {
      int start = Math.max(0, spans.get(0)[0] - windowChars / 4);
      while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
        start--; // do not cut a word in two
      }
      text = text.substring(start);
      spans = mentions(text, in.names());
    }
    if (!markMentions) {
      return new Marked(text, primary, spans.size());
    }
    StringBuilder sb = new StringBuilder(text.length() + spans.size() * 4);
    int at = 0;
    for (int[] s : spans) {
      sb.append(text, at, s[0]).append(OPEN).append(text, s[0], s[1]).append(CLOSE);
      at = s[1];
    }
    sb.append(text, at, text.length());
    return new Marked(sb.toString(), primary, spans.size());
  }

  /** Non-overlapping mention spans [start, end) of any name, left to right, longest name first. */
  public static List<int[]> mentions(String text, List<String> names) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> sorted = new ArrayList<>();
    if (lower.length() != text.length()) {
      return List.of(); // a case mapping changed the length: offsets would not line up
    }
    for (String n : names) {
      String t = TextNormalizer.normalize(n).toLowerCase(Locale.ROOT);
      if (!t.isEmpty()) {
        sorted.add(t);
      }
    }
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    boolean[] taken = new boolean[text.length()];
    List<int[]> spans = new ArrayList<>();
    for (String name : sorted) {
      for (int from = lower.indexOf(name); from >= 0; from = lower.indexOf(name, from + 1)) {
        int end = from + name.length();
        if (!boundary(lower, from - 1) || !boundary(lower, end) || overlaps(taken, from, end)) {
          continue;
        }
        for (int i = from; i < end; i++) {
          taken[i] = true;
        }
        spans.add(new int[] {from, end});
      }
    }
    spans.sort(Comparator.comparingInt(s -> s[0]));
    return spans;
  }

  private static boolean boundary(String s, int i) {
    return i < 0 || i >= s.length() || !Character.isLetterOrDigit(s.charAt(i));
  }

  private static boolean overlaps(boolean[] taken, int from, int end) {
    for (int i = from; i < end; i++) {
      if (taken[i]) {
        return true;
      }
    }
    return false;
  }
}
