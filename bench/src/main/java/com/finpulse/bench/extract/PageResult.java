package com.finpulse.bench.extract;

import com.finpulse.ingest.extract.ExtractedArticle;
import org.jspecify.annotations.Nullable;

/**
 * One page's outcome: what the extractor returned (or why it refused), and the whole-body-text
 * baseline's text for the same bytes.
 */
record PageResult(
    LabeledPage page, @Nullable ExtractedArticle article, @Nullable String error, String baseline) {

  String extractedText() {
    return article == null ? "" : article.text();
  }
}
