package com.finpulse.model.feedback;

import com.finpulse.common.event.LabelFeedback;

/**
 * An analyst's correction with the text it was made on, ready to train on.
 *
 * @param text the article title the analyst saw (its hash is {@code feedback.textHash()})
 * @param origin where it was read, for messages: {@code file:line} or {@code
 *     topic-partition@offset}
 */
public record Correction(LabelFeedback feedback, String text, String origin) {}
