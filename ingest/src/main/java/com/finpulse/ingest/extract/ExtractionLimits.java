package com.finpulse.ingest.extract;

/**
 * Bounds that keep one hostile or broken page from taking the extractor down.
 *
 * @param maxBytes bytes of a page that are parsed; the rest is cut off (an article's text sits in
 *     the first few hundred kilobytes of even the heaviest news pages, the fixtures' largest page
 *     is 2.9 MB)
 * @param maxDepth element nesting depth kept as structure; deeper subtrees are flattened into their
 *     text, so that no recursive walk (ours or a caller's) can overflow the stack
 */
public record ExtractionLimits(int maxBytes, int maxDepth) {

  public static final ExtractionLimits DEFAULT = new ExtractionLimits(8 * 1024 * 1024, 200);

  public ExtractionLimits {
    if (maxBytes < 1024) {
      throw new IllegalArgumentException("maxBytes must be at least 1024, got " + maxBytes);
    }
    if (maxDepth < 16) {
      throw new IllegalArgumentException("maxDepth must be at least 16, got " + maxDepth);
    }
  }
}
