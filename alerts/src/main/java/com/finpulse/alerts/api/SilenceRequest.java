package com.finpulse.alerts.api;

import com.finpulse.common.event.KeyKind;
import com.finpulse.common.event.TrendWindow;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/silences}: matchers, who and why, and either {@code ends_at} or {@code
 * duration} ({@code 90m}, {@code 2h}, {@code 1d}, or ISO-8601).
 */
record SilenceRequest(
    @Nullable KeyKind keyKind,
    @Nullable String key,
    @Nullable TrendWindow window,
    @Nullable String subscription,
    @Nullable String createdBy,
    @Nullable String comment,
    @Nullable Instant startsAt,
    @Nullable Instant endsAt,
    @Nullable String duration) {}
