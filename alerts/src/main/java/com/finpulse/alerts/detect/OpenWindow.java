package com.finpulse.alerts.detect;

/**
 * A window still receiving updates.
 *
 * @param latest the window's latest state
 * @param abnormal whether any state of it passed a threshold: such a window never counts as normal
 *     towards a resolve, even if it ends calmer
 */
public record OpenWindow(Observation latest, boolean abnormal) {}
