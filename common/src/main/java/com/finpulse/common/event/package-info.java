/**
 * The event records that travel between the services: the contract between modules.
 *
 * <p>Every record is serialized as JSON (snake_case names) by {@link
 * com.finpulse.common.serde.EventSerde}. A component annotated {@link
 * org.jspecify.annotations.Nullable} may be absent; collections default to empty; every other
 * component is required and a record missing it is rejected with a message naming it.
 */
@NullMarked
package com.finpulse.common.event;

import org.jspecify.annotations.NullMarked;
