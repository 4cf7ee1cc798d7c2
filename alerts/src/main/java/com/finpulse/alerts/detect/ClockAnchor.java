package com.finpulse.alerts.detect;

/**
 * The detector clock's anchor, persisted so a restart during a quiet period keeps closing windows.
 *
 * @param eventTimeMs the latest window start seen
 * @param wallMs the wall-clock time it was seen at
 */
public record ClockAnchor(long eventTimeMs, long wallMs) {}
