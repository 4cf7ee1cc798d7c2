package com.finpulse.common.event;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one stream processor instance serves, as it reports on {@code models.status} (key: the
 * instance) after every start and every {@link ModelServing} change it acted on.
 *
 * @param instance the processor instance (its static member id or host)
 * @param serving the model id it scores with ({@code <version>@<weights hash>} for a registry
 *     version)
 * @param servingVersion the registry version of that model; {@code default} for the processor's
 *     configured {@code scoring.model_dir}
 * @param shadow the model id running in shadow; null for none
 * @param requested the serving version last asked for on {@code models.serving}; null if none yet
 * @param error why the last change could not be made (the model did not load); null when it was
 * @param at when
 */
public record ModelStatus(
    String instance,
    String serving,
    String servingVersion,
    @Nullable String shadow,
    @Nullable String requested,
    @Nullable String error,
    Instant at) {

  public static final int SCHEMA_VERSION = 1;
}
