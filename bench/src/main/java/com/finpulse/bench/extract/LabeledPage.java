package com.finpulse.bench.extract;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One fixture page and what its source's ground truth says about it; null where the source has no
 * such label.
 *
 * @param source fixture source (zyte-benchmark, fundus, readability, newspaper4k, goose3)
 * @param html the page file (gzip when the name ends in .gz)
 * @param pageUrl the URL the page was fetched from, handed to the extractor as a fetcher would
 * @param body expected body text
 * @param bodyIsPrefix the expected body is only the article's beginning (goose3)
 * @param published expected publish time as the source writes it (zone and precision vary)
 * @param canonicalUrl expected canonical URL
 * @param language expected ISO 639-1 language
 */
record LabeledPage(
    String source,
    String id,
    Path html,
    @Nullable String pageUrl,
    @Nullable String body,
    boolean bodyIsPrefix,
    @Nullable String title,
    @Nullable String published,
    @Nullable String canonicalUrl,
    @Nullable String language) {}
