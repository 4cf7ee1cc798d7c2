package com.finpulse.alerts.config;

/**
 * Where alert history goes besides the {@code alerts} topic.
 *
 * @param influx write {@code alert_event} and {@code alert_notification} points to InfluxDB
 */
public record HistorySettings(boolean influx) {}
