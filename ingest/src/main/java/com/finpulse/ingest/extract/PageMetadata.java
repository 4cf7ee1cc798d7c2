package com.finpulse.ingest.extract;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a page says about itself in markup, before its body is looked at.
 *
 * @param declaredLanguage ISO 639-1 code from {@code <html lang>}, Content-Language, og:locale or
 *     JSON-LD {@code inLanguage}
 * @param structuredBody JSON-LD {@code articleBody}, when the page ships one
 */
record PageMetadata(
    @Nullable String title,
    @Nullable Instant published,
    @Nullable String canonicalUrl,
    @Nullable String declaredLanguage,
    @Nullable String author,
    @Nullable String structuredBody) {}
