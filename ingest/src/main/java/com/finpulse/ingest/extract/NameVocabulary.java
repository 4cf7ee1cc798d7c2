package com.finpulse.ingest.extract;

import java.util.List;
import java.util.Set;

/**
 * A vocabulary of class/id words, matched against a lower-cased class and id string: some words
 * anywhere (so "relatedLinks" and "social-share-bar" match), others only as whole tokens between
 * spaces, hyphens and underscores (so "ad" matches "ad-slot" but not "header"), and a few
 * exceptions where a word is the start of an innocent one ("share" in "shareholder"). Plain {@code
 * indexOf} scans: class strings are many and long on modern pages, and a regex alternation of a
 * hundred words tried at every position was the costliest step of pruning.
 */
record NameVocabulary(List<String> anywhere, Set<String> tokens, List<String> notFollowedBy) {

  /**
   * @param notFollowedBy pairs "word|suffix": an occurrence of word followed by suffix does not
   *     count ("share|holder" keeps "shareholder" out)
   */
  NameVocabulary {
    anywhere = List.copyOf(anywhere);
    tokens = Set.copyOf(tokens);
    notFollowedBy = List.copyOf(notFollowedBy);
  }

  boolean matches(String lower) {
    for (String word : anywhere) {
      if (containsWord(lower, word)) {
        return true;
      }
    }
    if (tokens.isEmpty()) {
      return false;
    }
    int start = 0;
    for (int i = 0; i <= lower.length(); i++) {
      char c = i < lower.length() ? lower.charAt(i) : ' ';
      if (c == ' ' || c == '-' || c == '_' || c == '\t' || c == '\n') {
        if (i > start && tokens.contains(lower.substring(start, i))) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  private boolean containsWord(String lower, String word) {
    for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
      if (!excepted(lower, word, at + word.length())) {
        return true;
      }
    }
    return false;
  }

  private boolean excepted(String lower, String word, int end) {
    for (String pair : notFollowedBy) {
      int bar = pair.indexOf('|');
      if (pair.substring(0, bar).equals(word) && lower.startsWith(pair.substring(bar + 1), end)) {
        return true;
      }
    }
    return false;
  }
}
