package com.finpulse.alerts.event;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One article shown as evidence for an alert: the most negative headlines in the window. */
public record EvidenceHeadline(
    String articleId,
    String title,
    @Nullable String url,
    String source,
    double sentimentScore,
    Instant eventTime) {}
