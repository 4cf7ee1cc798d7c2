package com.finpulse.processor.intake;

import com.finpulse.common.event.NewsArticle;

/**
 * An article that passed validation, with the bytes it arrived as: if it fails later (in the
 * model), the dead letter carries the original record, not a re-serialisation.
 *
 * @param origin {@code topic-partition@offset} it was read from
 */
public record AdmittedArticle(NewsArticle article, byte[] rawKey, byte[] rawValue, String origin) {}
