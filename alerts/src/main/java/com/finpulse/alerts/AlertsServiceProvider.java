package com.finpulse.alerts;

import com.finpulse.common.lifecycle.ManagedService;
import com.finpulse.common.lifecycle.ServiceContext;
import com.finpulse.common.lifecycle.ServiceProvider;

/** Lets {@code ./finpulse up} run the alerts service in-process. */
public final class AlertsServiceProvider implements ServiceProvider {

  /** Before the processor and ingest: the most downstream consumer starts first. */
  static final int START_ORDER = 10;

  @Override
  public String name() {
    return AlertsService.NAME;
  }

  @Override
  public int startOrder() {
    return START_ORDER;
  }

  @Override
  public java.util.List<String> check(ServiceContext context) {
    return AlertsService.checkConfig(context, null, null);
  }

  @Override
  public ManagedService create(ServiceContext context) {
    return AlertsService.create(context, null, null);
  }
}
