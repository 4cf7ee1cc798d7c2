package com.finpulse.processor.score;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a task's scoring buffer: the admitted record as it arrived (parsed again when it
 * goes to the model), so a crash between buffering and publishing loses nothing.
 *
 * @param timestamp the news.raw record's timestamp, reused for the news.scored record
 * @param origin {@code topic-partition@offset}, for a dead letter
 */
public record BufferedArticle(
    long timestamp, String origin, byte @Nullable [] rawKey, byte[] rawValue) {}
