package com.finpulse.alerts.notify;

/** Accepts notifications for delivery; returns at once. */
@FunctionalInterface
public interface Dispatcher {

  void submit(Notification notification);
}
