package com.finpulse.alerts.subscription;

import java.time.LocalTime;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/** A subscription's choice for the daily digest; unset values take the service defaults. */
public record DigestPreference(
    @Nullable Boolean enabled, @Nullable LocalTime time, @Nullable ZoneId timeZone) {}
