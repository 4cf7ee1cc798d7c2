package com.finpulse.ingest.extract;

import java.net.URI;
import java.nio.charset.Charset;
import org.jspecify.annotations.Nullable;

/** Turns the raw bytes of an article page into an {@link ExtractedArticle}. Thread-safe. */
public interface ArticleExtractor {

  /**
   * @param html the page bytes as fetched (any charset; gzip already undone)
   * @param declaredCharset the charset the HTTP Content-Type header named, if any; the page's own
   *     BOM and meta declaration are consulted as well
   * @param pageUrl the URL the page was fetched from, to resolve relative links; null for files
   * @throws ExtractionException when the bytes are not an article page that can be read
   */
  ExtractedArticle extract(byte[] html, @Nullable Charset declaredCharset, @Nullable URI pageUrl)
      throws ExtractionException;
}
