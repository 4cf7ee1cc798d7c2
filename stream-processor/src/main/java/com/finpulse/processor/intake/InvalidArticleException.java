package com.finpulse.processor.intake;

import java.util.List;

/** A readable article that breaks a rule the pipeline relies on; the message lists every rule. */
public final class InvalidArticleException extends RuntimeException {

  public InvalidArticleException(List<String> violations) {
    super("NewsArticle: " + String.join("; ", violations));
  }
}
