package com.finpulse.alerts.event;

/** One alert as a notification presented it: which episode, in which state and severity. */
public record NotifiedAlert(String alertId, AlertStatus status, Severity severity) {}
