package com.finpulse.processor.score;

/**
 * Estimated model tokens of a text, for the token budget of a model call. WordPiece averages about
 * four characters a token on English news; the model reads at most {@value #MAX_TOKENS} tokens.
 */
final class TokenEstimate {

  static final int MAX_TOKENS = 512;

  private TokenEstimate() {}

  static int of(String text) {
    // +2 for [CLS] and [SEP]
    return Math.min(MAX_TOKENS, text.length() / 4 + 2);
  }

  /** Padded cost of a call: every text is padded to the longest. */
  static long cost(int texts, int longest) {
    return (long) texts * longest;
  }
}
